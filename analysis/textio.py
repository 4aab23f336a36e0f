"""Turning the bytes of a file into text: size limit, binary sniffing, decoding, HTML extraction.

Every failure raises :class:`~analysis.errors.ArticleError` naming the source
and the problem; nothing here modifies the input file.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
import warnings
from dataclasses import dataclass

from analysis.errors import ArticleError, InvalidBytesWarning

# Larger inputs are refused: 2 MB of text is ~330,000 words, far beyond any article.
# The analyses grow faster than the text (attributions compare every quote with every
# cue), so this is what `report` finishes in under 5 minutes here: 2 MB of BBC news took
# 113 CPU s (165 s wall on a loaded machine, 1.2 GB), 3 MB about 500 s (issue 26).
MAX_INPUT_BYTES = 2_000_000

# Magic numbers of common binary formats people drop into a folder of articles.
_BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx file)",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"{\\rtf": "an RTF document",
    b"\x7fELF": "an executable program",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with the codec that decoded it."""

    text: str
    encoding: str


def check_size(size: int, source: object) -> None:
    """Refuse inputs over :data:`MAX_INPUT_BYTES`."""
    if size > MAX_INPUT_BYTES:
        raise ArticleError(
            source,
            f"{size:,} bytes is over the {MAX_INPUT_BYTES:,}-byte limit for one article "
            "(split it, or analyse the parts with analysis.corpus.analyze_many)",
        )


def decode_bytes(data: bytes, source: object) -> DecodedText:
    """Decode file bytes: BOMs, UTF-8, BOM-less UTF-16, then the best legacy guess.

    Raises:
        ArticleError: For empty, binary or undecodable input.
    """
    if not data.strip():
        raise ArticleError(source, "the file is empty or holds only white space")
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise ArticleError(source, f"this is {kind}, not text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return DecodedText(_decode(data, codec, source), codec)
    utf16 = _bomless_utf16(data)
    if utf16:
        return DecodedText(_decode(data, utf16, source), utf16)
    if b"\x00" in data:
        raise ArticleError(source, "binary data (it contains NUL bytes), not text")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if is_damaged_utf8(data):
        return _decode_damaged_utf8(data, source)
    return _decode_legacy(data, source)


def is_damaged_utf8(data: bytes) -> bool:
    """Whether bytes that fail as UTF-8 are UTF-8 with a few bad bytes, not a legacy code page.

    UTF-8 writes every non-ASCII character as a run of two to four bytes >= 0x80;
    Western single-byte code pages (cp1252, Latin-1) write each one as a single byte
    between ASCII ones ("caf\xe9", "\xa315m"). So the bytes are taken as damaged UTF-8
    when most of their runs of non-ASCII bytes are longer than one byte, and the bytes
    that fail are fewer than the letters that decode: Cyrillic or Greek code pages also
    write words as runs of high bytes, but then almost nothing decodes as UTF-8.
    """
    runs = re.findall(rb"[\x80-\xff]+", data)
    n_multi_byte_runs = sum(len(run) > 1 for run in runs)
    if n_multi_byte_runs <= len(runs) - n_multi_byte_runs:
        return False
    # surrogateescape turns each byte that is not UTF-8 into one lone surrogate.
    text = data.decode("utf-8", errors="surrogateescape")
    return _count_escaped_bytes(text) < sum(map(str.isalpha, text))


def _count_escaped_bytes(text: str) -> int:
    return len(re.findall(r"[\udc80-\udcff]", text))


def _decode_damaged_utf8(data: bytes, source: object) -> DecodedText:
    """UTF-8 with U+FFFD for each bad sequence, and a warning counting the bad bytes."""
    n_bad = _count_escaped_bytes(data.decode("utf-8", errors="surrogateescape"))
    warnings.warn(
        InvalidBytesWarning(
            f"{source}: {n_bad} invalid UTF-8 byte(s) replaced by U+FFFD "
            "(the rest of the file is UTF-8)"
        ),
        stacklevel=2,
    )
    return DecodedText(data.decode("utf-8", errors="replace"), "utf-8")


def _decode(data: bytes, codec: str, source: object) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise ArticleError(source, f"declares {codec} but is not valid {codec}: {error}") from None


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes sit on every other position, as in ASCII UTF-16."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes, source: object) -> DecodedText:
    """Not UTF-8: ask charset-normalizer, preferring Western single-byte code pages."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman"]).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise ArticleError(source, "not text in any known encoding (binary data?)")
    encoding = best.encoding.replace("_", "-")
    # charset-normalizer reports 'latin-1' or 'iso8859-15' for cp1252 text whenever no
    # byte in 0x80-0x9F occurs; cp1252 decodes those files identically and also
    # gets curly quotes and dashes right when they do occur.
    if encoding in {"latin-1", "iso8859-1", "iso8859-15", "ascii"}:
        try:
            return DecodedText(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    return DecodedText(str(best), encoding)


# A complete character reference (&#233;, &#xE9;, &eacute;) left in plain text by a
# scraper or an export. The semicolon is required, so "AT&T", "R&D" and "M&S" stay as
# they are; a name that is no HTML entity ("&foo;") is left alone by html.unescape.
_CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
# "person¿s", "Blair¿s": a curly apostrophe lost by a code page without it. Between two
# letters an inverted question mark is never Spanish punctuation, which opens a question.
_LOST_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\u00bf(?=[^\W\d_])")


def decode_character_references(text: str) -> str:
    """Plain text with its HTML character references decoded and lost apostrophes restored.

    For plain and Markdown text only: extracted HTML is decoded by the extractor, and
    decoding it again would turn a literal "&amp;amp;" into "&".

    Args:
        text: Decoded plain text.

    Returns:
        The text with every complete reference (``&#233;``, ``&#xE9;``, ``&eacute;``)
        replaced by its character, and ``¿`` between two letters replaced by ``’``.
    """
    text = _CHARACTER_REFERENCE.sub(lambda match: _unescape(match.group()), text)
    return _LOST_APOSTROPHE.sub("\u2019", text)


def normalize_text(text: str) -> str:
    """NFC-normalise, unify line endings and drop invisible characters; keep curly quotes.

    Curly apostrophes stay: spaCy's English tokenizer splits "Korea’s" as it does
    "Korea's", and quoted snippets keep matching the original.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text)
    return re.sub(r"[ \t\f\v]+", " ", text)


# Letters and punctuation of scripts written without spaces between words: Thai, Lao,
# Tibetan, Myanmar, Khmer, CJK punctuation, Hiragana, Katakana, CJK ideographs
# (extension A, the main block, compatibility, and the supplementary planes), and the
# full- and half-width forms.
SPACELESS_SCRIPT = re.compile(
    "[\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u3000-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]"
)


def count_spaceless_letters(text: str) -> int:
    """How many characters of the text are in a script written without spaces."""
    return len(SPACELESS_SCRIPT.findall(text))


def check_is_language(text: str, source: object) -> None:
    """Refuse text with no words in it: digits, symbols, base64 blobs, control characters."""
    # Counted with map() and regular expressions rather than a generator per character:
    # this runs twice on every article, and a Python step per character was most of it.
    n_visible = len(text) - sum(map(str.isspace, text))
    if not n_visible:
        raise ArticleError(source, "the text is empty or holds only white space")
    letters = sum(map(str.isalpha, text))
    has_word = re.search(r"[^\W\d_]{2,}", text) is not None
    # Category Cc is exactly U+0000-U+001F and U+007F-U+009F; tabs and newlines are space.
    controls = sum(not c.isspace() for c in re.findall(r"[\x00-\x1f\x7f-\x9f]", text))
    if controls / n_visible > 0.01:
        raise ArticleError(source, "it holds control characters: binary data, not text")
    if not has_word or letters / n_visible < 0.5:
        raise ArticleError(
            source,
            f"this does not look like language: only {letters / n_visible:.0%} of its "
            "characters are letters",
        )
    # Base64, hex dumps and hashes: 'words' that run on for dozens of letters. Scripts
    # written without spaces (Japanese, Chinese, Thai) run on too, so their characters
    # count as breaks; base64 and hex are ASCII and still refused.
    long_runs = sum(len(w) for w in re.findall(r"\S{40,}", SPACELESS_SCRIPT.sub(" ", text)))
    if long_runs / n_visible > 0.5:
        raise ArticleError(source, "this does not look like language: it is mostly unbroken runs")


@dataclass(frozen=True)
class ExtractedPage:
    """Main text and headline extracted from an HTML page."""

    text: str
    title: str | None


def extract_html(html: str, source: object) -> ExtractedPage:
    """Extract the headline and main article text from an HTML page with trafilatura.

    Some sites (e.g. scmp.com) render the article from a script block; there the
    schema.org ``articleBody`` in the page's JSON-LD is used when it is much longer
    than what trafilatura found.
    """
    body = _trafilatura_text(html)
    if not body.strip():
        # lxml stops building the tree about 255 elements deep, so a page nested deeper
        # yields nothing; without its layout wrappers the same page's paragraphs come out.
        body = _trafilatura_text(_LAYOUT_TAGS.sub("", html))
    ld_body = _json_ld_article_body(html)
    if ld_body and len(ld_body) > 2 * len(body):
        body = ld_body
    if not body.strip():
        raise ArticleError(source, "no article text could be extracted from this HTML page")
    return ExtractedPage(text=body, title=_page_title(html))


# Layout wrappers that carry no text of their own (dropped only to rescue a deep page).
_LAYOUT_TAGS = re.compile(r"</?(?:div|span|section|font|center|main)\b[^>]*>", re.I)


def _trafilatura_text(html: str) -> str:
    import trafilatura

    body = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True, deduplicate=False
    )
    return body or ""


def _page_title(html: str) -> str | None:
    import trafilatura

    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title or "").strip() if metadata else ""
    # Some CMSs put their own name in the title tag (telegraph.co.uk: "escenic"):
    # a headline has more than one word.
    if len(title.split()) >= 2:
        return title
    match = re.search(r'<meta[^>]+property="og:title"[^>]+content="([^"]+)"', html)
    if match:
        return unicodedata.normalize("NFC", _unescape(match.group(1))).strip()
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S | re.I)
    if match:
        return re.sub(r"<[^>]+>|\s+", " ", _unescape(match.group(1))).strip() or None
    return title or None


def _unescape(text: str) -> str:
    import html as html_lib

    return html_lib.unescape(text)


def _json_ld_article_body(html: str) -> str | None:
    """Longest ``articleBody`` in the page's JSON-LD blocks, if any."""
    bodies = []
    for block in re.findall(
        r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", html, flags=re.S | re.I
    ):
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):
            # Not JSON, or nested deeper than the decoder goes (a 100,000-deep block
            # was seen): the block is left out and the page's text still extracted.
            continue
        bodies.extend(_find_key(data, "articleBody"))
    texts = [_unescape(b).strip() for b in bodies if isinstance(b, str)]
    return max(texts, key=len) if texts else None


def _find_key(data: object, key: str) -> list[object]:
    """Every value of ``key`` in nested dicts and lists, in document order.

    Walked with a stack, not recursion, so any depth the decoder accepted is fine.
    """
    found, stack = [], [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if key in item:
                found.append(item[key])
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found
