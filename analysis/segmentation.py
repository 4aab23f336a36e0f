"""The parse and what is read from it: chunks, sentences, word counts, language.

:func:`parse` runs spaCy once on an article's body (in chunks no longer than the
model's limit); :func:`segment` cuts the parsed body into :class:`Sentence` records
within its paragraphs; :func:`count_words` is the one word count of running text
and :func:`detect_language` the language check. Everything here works on text or a
``Doc``, not on a file.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from analysis import textio
from analysis.vocabulary import WORD_BREAK_DASHES, has_letter_or_figure

# The non-English warning needs the language detector at least this sure.
MIN_LANGUAGE_CONFIDENCE = 0.9


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
