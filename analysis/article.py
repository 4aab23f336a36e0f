"""The one object every analysis takes: :class:`Article`, built by :func:`load_article`.

Loading does all the cleaning (decoding, HTML extraction, boilerplate removal,
Unicode normalisation) and parses the text with spaCy once, so no analysis
repeats any of it. The steps live in their own modules, read in this order:
:mod:`analysis.preparing` (input to cleaned text, with :mod:`analysis.cleaning`'s
line rules), :mod:`analysis.segmentation` (the parse, sentences, language); this
module builds the :class:`Article` from them and keeps the on-disk cache in step.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from analysis import disk_cache
from analysis.cleaning import (  # noqa: F401 (re-exported: the names users had here)
    _title_from_sentence,
    is_boilerplate,
    markdown_to_text,
    remove_boilerplate,
    split_paragraphs,
)
from analysis.errors import ArticleError, NonEnglishWarning
from analysis.preparing import (  # noqa: F401 (re-exported)
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    TEXT_SUFFIXES,
    PreparedText,
    prepare,
    prepare_cached,
)
from analysis.segmentation import (  # noqa: F401 (re-exported)
    MIN_LANGUAGE_CONFIDENCE,
    Sentence,
    count_words,
    detect_language,
    parse,
    segment,
    split_chunks,
)
from analysis.slugs import make_slug, slugify  # noqa: F401 (re-exported: article.slugify)


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
    prepared = (
        prepare_cached(source, title=title, slug=slug)
        if cache
        else prepare(source, title=title, slug=slug)
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


# -- cleaning ------------------------------------------------------------------------


# -- parsing -------------------------------------------------------------------------


# -- language ------------------------------------------------------------------------
