"""The one object every analysis takes: :class:`Article`, built by :func:`load_article`.

Loading does all the cleaning (decoding, HTML extraction, boilerplate removal,
Unicode normalisation) and parses the text with spaCy once, so no analysis
repeats any of it.
"""

from __future__ import annotations

import bisect
import contextlib
import errno
import functools
import hashlib
import os
import re
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from analysis import disk_cache, textio
from analysis.errors import ArticleError, NonEnglishWarning
from analysis.paths import is_url
from analysis.slugs import make_slug, slugify  # noqa: F401 (re-exported: article.slugify)
from analysis.vocabulary import WORD_BREAK_DASHES, has_letter_or_figure, read_word_list

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

# A one-line str longer than this is text, never a path.
MAX_PATH_CHARS = 1024
# A one-line str starting like this is a path even when nothing is there (then an error).
PATH_STARTS = ("/", "./", "../", "~/")

# A first line this short, with no full stop, followed by more text, is a headline.
MAX_HEADLINE_WORDS = 20
# Titles made from a first sentence are cut to this many words.
MAX_TITLE_WORDS = 14
# The non-English warning needs the language detector at least this sure.
MIN_LANGUAGE_CONFIDENCE = 0.9
# A line this long is prose, never boilerplate, whatever it starts with.
MAX_BOILERPLATE_WORDS = 25


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article body.

    Attributes:
        id: 1-based position in reading order; every analysis refers to sentences by it.
        paragraph: 1-based number of the paragraph holding it.
        text: The sentence text, stripped of surrounding white space.
        start: Character offset in :attr:`Article.text` where it starts.
        end: Character offset where it ends (exclusive).
        token_start: Index of its first token in :attr:`Article.doc`.
        token_end: Index one past its last token.
    """

    id: int
    paragraph: int
    text: str
    start: int
    end: int
    token_start: int
    token_end: int


@dataclass(eq=False)
class Article:
    """A loaded, cleaned and parsed news article.

    Attributes:
        slug: Stable, filesystem-safe name; figures go to ``figures/<slug>/``.
        title: Headline (from the page, the first line, or the first sentence).
        title_source: Where the title came from: ``"given"``, ``"html"``,
            ``"headline"`` (a short first line) or ``"first sentence"``.
        source: Path of the file it was loaded from, the URL it was fetched from
            (a ``str``), or ``None`` for a string of text.
        format: ``"text"``, ``"markdown"`` or ``"html"``.
        encoding: Codec that decoded the file (``"str"`` for a string input).
        raw_text: The decoded input, untouched (for HTML, the page source).
        text: The cleaned body: paragraphs joined by blank lines, title excluded.
        paragraphs: Body paragraphs in reading order.
        sentences: Body sentences in reading order, ids from 1.
        removed_lines: Boilerplate lines taken out of the text, in order.
        language: ISO 639-1 code detected for the body (``"en"`` expected).
        language_confidence: Probability of that language (0-1).
        doc: The spaCy ``Doc`` of :attr:`text`, parsed once.
        digest: SHA-256 (first 16 hex digits) of the input, for caching and provenance.
    """

    slug: str
    title: str
    title_source: str
    source: Path | str | None
    format: str
    encoding: str
    raw_text: str
    text: str
    paragraphs: list[str]
    sentences: list[Sentence]
    removed_lines: list[str]
    language: str
    language_confidence: float
    doc: object = field(repr=False)
    digest: str = ""

    @property
    def n_paragraphs(self) -> int:
        """Number of body paragraphs."""
        return len(self.paragraphs)

    @property
    def n_sentences(self) -> int:
        """Number of body sentences."""
        return len(self.sentences)

    @functools.cached_property
    def n_words(self) -> int:
        """Number of words: items between white space or dashes holding a letter or figure.

        See :func:`count_words`, which also says where this differs from readability's count.
        """
        return count_words(self.text)

    @functools.cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def span(self, sentence: Sentence | int):
        """The spaCy ``Span`` of a sentence (given as a :class:`Sentence` or its id)."""
        if isinstance(sentence, int):
            sentence = self.sentences[sentence - 1]
        return self.doc[sentence.token_start : sentence.token_end]

    def sentence_at(self, char_offset: int) -> Sentence | None:
        """The sentence covering a character offset of :attr:`text`, if any."""
        index = bisect.bisect_right(self._sentence_starts, char_offset) - 1
        if index >= 0 and char_offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    def summary(self) -> dict:
        """The ``article`` section of ``report --format json``."""
        return {
            "slug": self.slug,
            "title": self.title,
            "source": str(self.source) if self.source else None,
            "format": self.format,
            "encoding": self.encoding,
            "language": self.language,
            "n_paragraphs": self.n_paragraphs,
            "n_sentences": self.n_sentences,
            "n_words": self.n_words,
            "removed_lines": list(self.removed_lines),
            "sentences": [
                {"id": s.id, "paragraph": s.paragraph, "text": s.text} for s in self.sentences
            ],
        }


# Words of running text are separated by white space and by dashes ("pact—signed").
_WORD_SEPARATORS = re.compile("|".join([r"\s+", *map(re.escape, WORD_BREAK_DASHES)]))


def count_words(text: str) -> int:
    """Words of running text: items between white space or dashes holding a letter or figure.

    This is the one word rule of running text
    (:func:`analysis.vocabulary.has_letter_or_figure`) applied to the text alone, so
    that it works before parsing too (language detection). :mod:`analysis.readability`
    applies the same rule to the parsed tokens, and its ``counts()["n_words"]`` equals
    this count except where spaCy cuts an item differently from the text: a sentence
    break inside one ("Bagle.AT" at a sentence end counts 2 there) or a dash kept
    inside a token ("superminds”—the" counts 1 there). Of 247 texts (the golden set,
    the 15 HTML fixtures, 223 BBC articles) 3 differ, by 1, 2 and 5 words.

    Which count users see: this one as ``Article.n_words`` (``info``, the report's
    ``article`` section, notebook headers, the overview's "Words", frequencies' rates
    per 1,000 words); readability's in the report's ``readability`` section, behind
    every score. Word-frequency analyses count tokens instead (the token table's
    ``is_word``): "Korea's" is the word "Korea" and the clitic "'s" there.
    """
    return sum(map(has_letter_or_figure, _WORD_SEPARATORS.split(text)))


def load_article(
    source: str | Path,
    *,
    title: str | None = None,
    slug: str | None = None,
    cache: bool = True,
    save: bool = True,
) -> Article:
    """Load, clean and parse an article from a file or from a string of text.

    Args:
        source: A path (``str`` or ``Path``) to a ``.txt``, ``.md`` or
            ``.html``/``.htm`` file, or the article text itself. A one-line
            ``str`` is a path when something is at that location, it ends in a
            known suffix, or it starts with ``/``, ``./``, ``../`` or ``~/``;
            else it is text (the rule is in ``_as_path``). An ``http(s)://``
            URL is fetched once and its page kept (:mod:`analysis.fetch`);
            later loads read the kept page.
        title: Use this title instead of detecting one.
        slug: Use this slug instead of deriving one.
        cache: Reuse (and write) the on-disk cache of parsed articles
            (:mod:`analysis.disk_cache`): a file or kept page read before is neither
            extracted nor parsed again.
        save: Write a newly parsed article to the on-disk cache (a caller that
            computes results first and then saves them with
            :func:`analysis.disk_cache.save_article` passes ``False``, so the entry
            is written once).

    Returns:
        The parsed :class:`Article`.

    Raises:
        ArticleError: The file is missing, a folder, a broken link or link loop,
            unreadable, empty, binary, not language, or over
            :data:`analysis.textio.MAX_INPUT_BYTES`; or the URL cannot be fetched.
            The message names the file or URL and the problem.

    Warns:
        NonEnglishWarning: The body looks like another language.
        InvalidBytesWarning: A UTF-8 file has some invalid bytes (shown as U+FFFD).
    """
    prepared = prepare_cached(source, title=title, slug=slug) if cache else prepare(
        source, title=title, slug=slug
    )
    entry = disk_cache.load(prepared.text) if cache else None
    if entry is not None:
        return build(prepared, entry.doc, language=entry.language, results=entry.results)
    article = build(prepared, parse(prepared.text))
    if cache and save:
        disk_cache.save_article(article)
    return article


def load_articles(sources, *, batch_size: int = 32, save: bool = True):
    """Load many articles, parsing them in batches with ``nlp.pipe`` (faster than one by one).

    Texts found in the on-disk cache (:mod:`analysis.disk_cache`) are not parsed; when
    every text is cached the model is never loaded.

    Args:
        sources: Paths or texts, as for :func:`load_article`.
        batch_size: Texts per ``nlp.pipe`` batch.
        save: Write each newly parsed article to the on-disk cache (a caller that
            computes results first and saves them itself passes ``False``).

    Yields:
        For each source in order, its :class:`Article`, or the :class:`ArticleError`
        that loading it raised (so one bad file never stops the others).
    """
    sources = list(sources)
    for start in range(0, len(sources), batch_size):
        prepared: list[PreparedText | ArticleError] = []
        for source in sources[start : start + batch_size]:
            try:
                prepared.append(prepare_cached(source))
            except ArticleError as error:
                prepared.append(error)
        entries = {id(p): disk_cache.load(p.text) for p in prepared if isinstance(p, PreparedText)}
        misses = [p for p in prepared if entries.get(id(p), True) is None]
        docs = _parse_batch(misses) if misses else {}
        for item in prepared:
            if isinstance(item, ArticleError):
                yield item
                continue
            entry = entries[id(item)]
            if entry is not None:
                yield build(item, entry.doc, language=entry.language, results=entry.results)
                continue
            doc = docs.get(id(item))
            article = build(item, doc if doc is not None else parse(item.text))
            if save:
                disk_cache.save_article(article)
            yield article


def _parse_batch(prepared: list[PreparedText]) -> dict[int, object]:
    """``{id(item): Doc}`` for the texts short enough for one ``nlp.pipe`` batch."""
    from analysis.nlp import MAX_CHUNK_CHARS, get_nlp

    short = [p for p in prepared if len(p.text) <= MAX_CHUNK_CHARS]
    if not short:
        return {}
    return dict(zip(map(id, short), get_nlp().pipe([p.text for p in short]), strict=True))


@dataclass
class PreparedText:
    """Everything :func:`load_article` knows before the spaCy parse."""

    label: object
    path: Path | None
    format: str
    encoding: str
    raw_text: str
    text: str
    paragraphs: list[str]
    removed_lines: list[str]
    title: str | None
    title_source: str | None
    slug: str | None
    url: str | None = None


def prepare_cached(
    source: str | Path, *, title: str | None = None, slug: str | None = None
) -> PreparedText:
    """:func:`prepare`, read from the on-disk cache when this input was prepared before.

    The record is keyed by the input's bytes (a file's, or a URL's kept page), its
    resolved path or URL, and ``title`` and ``slug`` (:func:`disk_cache.prepared_key`).
    An input whose preparation warned (invalid bytes) is prepared each time, so the
    warning is shown each time; text given as a string is cheap to prepare and is not
    recorded.
    """
    key, identity = _prepared_key(source, title, slug)
    record = disk_cache.load_prepared(key) if key else None
    if record is not None:
        return _from_record(record, identity)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        prepared = prepare(source, title=title, slug=slug)
    for warning in caught:
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    if key and not caught:
        disk_cache.save_prepared(key, _to_record(prepared))
    return prepared


def _prepared_key(source, title, slug) -> tuple[str | None, object]:
    """The prepared record's key of an input and its label, or ``(None, None)``."""
    from analysis import fetch

    if is_url(source):
        page = fetch.stored_download(source)
        if page is None:
            return None, None  # not kept yet: prepare fetches it
        kind, identity, read = "url", source.strip(), page.path
    else:
        path = _as_path(source)
        if path is None:
            return None, None
        kind, identity, read = "file", path, path
    try:
        if not read.is_file() or read.stat().st_size > textio.MAX_INPUT_BYTES:
            return None, None  # prepare says what is wrong
        content = read.read_bytes()
    except OSError:
        return None, None
    resolved = str(read.resolve()) if kind == "file" else identity
    return disk_cache.prepared_key(kind, resolved, content, (title, slug)), identity


_PATH_FIELDS = ("label", "path")


def _to_record(prepared: PreparedText) -> dict:
    """A prepared text as JSON values (paths as strings)."""
    record = {name: getattr(prepared, name) for name in PreparedText.__dataclass_fields__}
    for name in _PATH_FIELDS:
        value = record[name]
        record[name] = str(value) if isinstance(value, Path) else value
    record["removed_lines"] = [str(line) for line in prepared.removed_lines]
    return record


def _from_record(record: dict, identity) -> PreparedText:
    """The prepared text of a record, labelled with the path or URL as given this time."""
    prepared = PreparedText(**record)
    prepared.label = identity
    prepared.path = identity if isinstance(identity, Path) else None
    return prepared


def prepare(
    source: str | Path, *, title: str | None = None, slug: str | None = None
) -> PreparedText:
    """Read, decode, extract and clean an article, up to (not including) the parse."""
    from analysis import fetch

    url = source.strip() if is_url(source) else None
    path = None if url else _as_path(source)
    if url:
        page = fetch.fetch(url)
        decoded, fmt, label = textio.decode_bytes(page.path.read_bytes(), url), "html", url
        slug = slug or fetch.url_slug(url)
    elif path is not None:
        decoded, fmt = _read_file(path)
        label: object = path
    else:
        text = str(source)
        textio.check_size(len(text.encode("utf-8", "surrogatepass")), "<text>")
        decoded, fmt, label = textio.DecodedText(text, "str"), _sniff_format(text), "<text>"
    raw = decoded.text
    page_title = None
    if fmt == "html":
        page = textio.extract_html(raw, label)
        body, page_title = page.text, page.title
    elif fmt == "markdown":
        body = textio.decode_character_references(markdown_to_text(raw))
    else:
        body = textio.decode_character_references(raw)
    body = textio.normalize_text(body)
    textio.check_is_language(body, label)
    lines, removed = remove_boilerplate(body)
    paragraphs = split_paragraphs(lines)
    title_source = "given" if title else ("html" if page_title else None)
    title = title or page_title
    if title:
        paragraphs = _drop_repeated_title(paragraphs, title)
    else:
        headline = _headline(paragraphs)
        if headline:
            title, title_source, paragraphs = headline, "headline", paragraphs[1:]
    if not paragraphs:
        raise ArticleError(label, "no body text is left after removing the title and boilerplate")
    text = "\n\n".join(paragraphs)
    textio.check_is_language(text, label)
    return PreparedText(
        label=label,
        path=path,
        format=fmt,
        encoding=decoded.encoding,
        raw_text=raw,
        text=text,
        paragraphs=paragraphs,
        removed_lines=removed,
        title=title,
        title_source=title_source,
        slug=slug,
        url=url,
    )


def build(
    prepared: PreparedText,
    doc,
    *,
    language: tuple[str, float] | None = None,
    results: dict | None = None,
) -> Article:
    """The :class:`Article` from prepared text and its spaCy ``Doc``.

    Args:
        prepared: The cleaned text and what is known about it.
        doc: Its spaCy ``Doc``.
        language: ``(code, probability)`` found earlier (detected when ``None``).
        results: Per-article results computed earlier (:mod:`analysis.cache`).
    """
    sentences = segment(doc, prepared.paragraphs)
    title, title_source = prepared.title, prepared.title_source
    if not title:
        title, title_source = _title_from_sentence(sentences[0].text), "first sentence"
    language, confidence = language or detect_language(prepared.text)
    if language != "en" and confidence >= MIN_LANGUAGE_CONFIDENCE:
        warnings.warn(
            NonEnglishWarning(
                f"{prepared.label}: the text looks like {language!r} (p={confidence:.2f}), "
                "not English; the analyses are tuned for English and their numbers will be "
                "less reliable"
            ),
            stacklevel=3,
        )
    raw = prepared.raw_text
    article = Article(
        slug=prepared.slug or make_slug(prepared.path, title, prepared.text),
        title=title,
        title_source=title_source,
        source=prepared.path or prepared.url,
        format=prepared.format,
        encoding=prepared.encoding,
        raw_text=raw,
        text=prepared.text,
        paragraphs=prepared.paragraphs,
        sentences=sentences,
        removed_lines=prepared.removed_lines,
        language=language,
        language_confidence=confidence,
        doc=doc,
        digest=hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16],
    )
    if results is not None:  # read from the on-disk cache
        from analysis import cache

        cache.preload(article, results)
        disk_cache.mark_saved(article, results)
    return article


# -- reading files -----------------------------------------------------------------


def _as_path(source: str | Path) -> Path | None:
    """The path a load argument names, or ``None`` when it is the article text itself.

    A ``str`` is a path when it is one line of at most :data:`MAX_PATH_CHARS`
    characters and either something is at that location (a file, a folder, or a
    symbolic link, even a broken one or a loop), or it ends in an article suffix with
    no space in the file name, or it starts as paths do (``/``, ``./``, ``../``, ``~/``).
    Anything else is text: an article is never a single path-like line.
    """
    if isinstance(source, Path):
        return source
    if not isinstance(source, str):
        raise TypeError(f"load_article takes a path or a str, not {type(source).__name__}")
    if "\n" in source or len(source) > MAX_PATH_CHARS:
        return None
    candidate = Path(source)
    # "~name" of no known user has no home folder to put in its place: it stays as written.
    with contextlib.suppress(RuntimeError):
        candidate = candidate.expanduser()
    looks_like_file = candidate.suffix.lower() in TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
    if (
        _entry_exists(candidate)
        or (looks_like_file and candidate.suffix and " " not in candidate.name)
        or source.startswith(PATH_STARTS)
    ):
        return candidate
    return None


def _entry_exists(path: Path) -> bool:
    """Whether a directory entry is there, without following a final symbolic link."""
    try:
        path.lstat()
    except (OSError, ValueError):  # ValueError: a NUL character in the string
        return False
    return True


def _read_file(path: Path) -> tuple[textio.DecodedText, str]:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError(path, "this is a folder, not a file (pass one article file)")
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(path, "not a regular file (a device, pipe or socket)")
        textio.check_size(info.st_size, path)
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ArticleError(path, _unreadable_reason(path, error)) from None
    decoded = textio.decode_bytes(data, path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        fmt = "html"
    elif suffix in MARKDOWN_SUFFIXES:
        fmt = "markdown"
    else:
        fmt = _sniff_format(decoded.text)
    return decoded, fmt


def _unreadable_reason(path: Path, error: OSError) -> str:
    """Why a path cannot be opened, in words (the errno says which case it is)."""
    if error.errno == errno.ELOOP:
        return "a symbolic link loop: following the link leads back to itself"
    if isinstance(error, FileNotFoundError):
        if path.is_symlink():
            return f"a broken symbolic link: its target {os.readlink(path)} does not exist"
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied: the file cannot be read"
    return f"the file cannot be read ({error.strerror or error})"


def _sniff_format(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text):
        return "html"
    return "text"


def markdown_to_text(markdown: str) -> str:
    """Plain text of Markdown: headings, emphasis, links, images and code fences undone."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", r"\1\n", text, flags=re.M)
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.M)
    text = re.sub(r"^\s{0,3}(?:[-*_]\s*){3,}$", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    return re.sub(r"`([^`]+)`", r"\1", text)


# -- cleaning ------------------------------------------------------------------------


@functools.cache
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """Whole-line patterns of site boilerplate, from ``analysis/data/boilerplate.txt``."""
    return tuple(re.compile(line, flags=re.I) for line in read_word_list("boilerplate.txt"))


def is_boilerplate(line: str) -> bool:
    """Whether a whole line is site furniture (share buttons, "Read more", …), not prose.

    A line with no letter or figure at all ("* * *", "-", a lone quote mark) is
    furniture too: as a paragraph of its own it would become a "sentence" of punctuation.
    """
    stripped = line.strip()
    if not stripped or len(stripped.split()) > MAX_BOILERPLATE_WORDS:
        return False
    if not has_letter_or_figure(stripped):
        return True
    return any(pattern.fullmatch(stripped) for pattern in boilerplate_patterns())


def remove_boilerplate(text: str) -> tuple[list[str], list[str]]:
    """Split text into lines and take out boilerplate lines.

    Returns:
        The kept lines (blank lines included, so paragraphs survive) and the
        removed lines, stripped, in order.
    """
    kept, removed = [], []
    for line in text.split("\n"):
        if is_boilerplate(line):
            removed.append(line.strip())
        else:
            kept.append(line.strip())
    return kept, removed


def split_paragraphs(lines: list[str]) -> list[str]:
    """Group lines into paragraphs.

    Where the text has blank lines, they separate paragraphs and single line
    breaks inside a paragraph are hard wraps (joined with a space). A text with
    no blank line (as trafilatura writes it) has one paragraph per line.
    """
    has_blank_separator = any(not line for line in _trim_blank(lines))
    if not has_blank_separator:
        return [line for line in lines if line]
    paragraphs, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def _trim_blank(lines: list[str]) -> list[str]:
    start = next((i for i, line in enumerate(lines) if line), len(lines))
    end = len(lines) - next((i for i, line in enumerate(reversed(lines)) if line), 0)
    return lines[start:end]


def _headline(paragraphs: list[str]) -> str | None:
    """The first paragraph when it reads as a headline: short, one line, no full stop."""
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0]
    if len(first.split()) <= MAX_HEADLINE_WORDS and not re.search(r"[.:;,]\W*$", first):
        return first
    return None


def _drop_repeated_title(paragraphs: list[str], title: str) -> list[str]:
    """Drop a first paragraph that only repeats the known title."""
    if len(paragraphs) > 1 and _fold(paragraphs[0]) == _fold(title):
        return paragraphs[1:]
    return paragraphs


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _title_from_sentence(sentence: str) -> str:
    words = sentence.split()
    if len(words) <= MAX_TITLE_WORDS:
        return sentence
    return " ".join(words[:MAX_TITLE_WORDS]).rstrip(",;:") + "…"


# -- parsing -------------------------------------------------------------------------


def parse(text: str):
    """Parse the body with spaCy once, in chunks no longer than the model's limit.

    Chunks end at paragraph breaks (or, inside a very long paragraph, after a
    sentence's full stop), and are joined back into one ``Doc`` whose text is
    exactly ``text``.
    """
    from spacy.tokens import Doc

    from analysis.nlp import MAX_CHUNK_CHARS, get_nlp

    nlp = get_nlp()
    chunks = split_chunks(text, MAX_CHUNK_CHARS)
    if len(chunks) == 1:
        return nlp(text)
    # One chunk at a time: a batch of eight 100,000-character chunks took the parse of a
    # 1 MB text to 2.5 GB of memory (benchmarks/run.py); batching gains nothing at that size.
    return Doc.from_docs(list(nlp.pipe(chunks, batch_size=1)), ensure_whitespace=False)


def split_chunks(text: str, limit: int) -> list[str]:
    """Cut text into pieces of at most ``limit`` characters whose concatenation is ``text``."""
    chunks, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n\n")
        if cut > 0:
            cut += 2
        else:
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
            cut = cut + 2 if cut > 0 else (window.rfind(" ") + 1 or limit)
        chunks.append(text[start : start + cut])
        start += cut
    chunks.append(text[start:])
    return chunks


def segment(doc, paragraphs: list[str]) -> list[Sentence]:
    """Number the sentences of ``doc`` and assign each to its paragraph.

    ``doc`` is the parse of the paragraphs joined by blank lines (:func:`parse`).
    """
    paragraph_starts, offset = [], 0
    for paragraph in paragraphs:
        paragraph_starts.append(offset)
        offset += len(paragraph) + 2
    from spacy.attrs import IDX, IS_SPACE

    sentences = []
    # The parsed text (parse keeps it exactly): Doc.text would rebuild it token by token.
    text = "\n\n".join(paragraphs)
    # Plain lists, read once: a spaCy Token object per token costs more than the rest.
    idx, is_space = doc.to_array([IDX, IS_SPACE]).T.tolist() if len(doc) else ([], [])
    for span in doc.sents:
        words = [i for i in range(span.start, span.end) if not is_space[i]]
        if not words:
            continue
        first, last = words[0], words[-1]
        start, end = idx[first], idx[last] + len(doc[last].text)
        sentences.append(
            Sentence(
                id=len(sentences) + 1,
                paragraph=bisect.bisect_right(paragraph_starts, start),
                text=text[start:end],
                start=start,
                end=end,
                token_start=first,
                token_end=last + 1,
            )
        )
    return sentences


# -- language ------------------------------------------------------------------------


@functools.cache
def _language_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """Language of the text (ISO 639-1) and its probability, from py3langid.

    Texts under 20 words are too short to tell and are taken as English; in a script
    written without spaces (Japanese, Chinese, Thai) two characters count as a word.
    """
    if count_words(text) + textio.count_spaceless_letters(text) // 2 < 20:
        return "en", 1.0
    language, probability = _language_identifier().classify(text[:20_000])
    return language, float(probability)
