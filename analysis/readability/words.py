"""The words of an article and what each one is: syllables, letters, complex, difficult.

A word is an item between white space or dashes holding a letter or a figure, read
from the shared token table (:mod:`analysis.tokens`); see the package docstring.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import TYPE_CHECKING

from analysis.readability.syllables import _EDGE_PUNCTUATION, syllable_count
from analysis.tokens import token_table
from analysis.vocabulary import (
    WORD_BREAK_DASHES,
    has_letter,
    has_letter_or_figure,
    straighten_apostrophes,
)

if TYPE_CHECKING:
    from analysis.article import Article


@functools.cache
def familiar_words() -> frozenset[str]:
    """The Dale–Chall list of familiar words (textstat's copy), lower case.

    Read from textstat's data file without importing textstat: its import pulls in
    NLTK and scipy.stats, a second of start-up for every process that grades a text.
    """
    import importlib.util
    from pathlib import Path

    package = Path(importlib.util.find_spec("textstat").origin).parent
    path = package / "resources" / "en" / "easy_words.txt"
    with path.open(encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines)


WORD_COLUMNS = (
    "sentence_id",
    "paragraph",
    "word",
    "n_syllables",
    "n_letters",
    "polysyllable",
    "complex",
    "difficult",
)
# The dtype of each word-table column.
WORD_DTYPES = ("int64", "int64", "object", "int64", "int64", "bool", "bool", "bool")


def _read_words(article: Article) -> tuple[dict[str, list], list[int]]:
    """The word table's columns (:data:`WORD_COLUMNS`), and each sentence's number of words.

    Tokens are grouped into words: a new word starts after white space or at a dash.
    A word's features depend on its text and on the lemma and part of speech of its
    first alphabetic token (else its first token). Token attributes come from the
    shared token table (plain lists): a spaCy ``Token`` object per token costs more
    than everything else done per word.
    """
    table = token_table(article)
    groups, groups_per_sentence = _token_groups(article, table)
    token_keys = list(zip(table.text, table.lemma, table.pos, strict=True))
    # List comprehensions over all words at once: an explicit loop per word costs
    # more than the (cached) feature lookup itself.
    keys = [token_keys[s] if e - s == 1 else _group_key(table, s, e) for s, e in groups]
    found = [_word_features(*key) for key in keys]
    # A group without a letter or figure (a lone quote mark) is no word: rare.
    is_word = [features is not None for features in found]
    group_ends = list(itertools.accumulate(groups_per_sentence))
    group_starts = [0, *group_ends[:-1]]
    words_per_sentence = [sum(is_word[s:e]) for s, e in zip(group_starts, group_ends, strict=True)]
    sentence_ids: list[int] = []
    paragraphs: list[int] = []
    for sentence, n_words in zip(article.sentences, words_per_sentence, strict=True):
        sentence_ids += [sentence.id] * n_words
        paragraphs += [sentence.paragraph] * n_words
    words = [key[0] for key, word in zip(keys, is_word, strict=True) if word]
    features = [f for f in found if f is not None]
    feature_columns = [list(c) for c in zip(*features, strict=True)]
    feature_columns = feature_columns or [[] for _ in WORD_COLUMNS[3:]]
    values = (sentence_ids, paragraphs, words, *feature_columns)
    return dict(zip(WORD_COLUMNS, values, strict=True)), words_per_sentence


def _token_groups(article: Article, table) -> tuple[list[tuple[int, int]], list[int]]:
    """Token ranges that may form words, and how many of them each sentence holds."""
    breaks = _word_breaks(table.text)
    groups: list[tuple[int, int]] = []
    groups_per_sentence = []
    for sentence in article.sentences:
        before = len(groups)
        _add_token_groups(
            groups, sentence.token_start, sentence.token_end, breaks, table.whitespace
        )
        groups_per_sentence.append(len(groups) - before)
    return groups, groups_per_sentence


def _word_breaks(texts: list[str]) -> list[bool]:
    """Per token: True where it is white space or a dash, which ends a word and joins none."""
    # Tested once per distinct form: half the tokens of a text repeat an earlier form.
    breaking = {form: form.isspace() or form in WORD_BREAK_DASHES for form in set(texts)}
    return [breaking[form] for form in texts]


def _add_token_groups(
    groups: list, start: int, end: int, breaks: list[bool], space_after: list[bool]
) -> None:
    """Append ``(first, last + 1)`` of each run of tokens forming one word in ``[start, end)``."""
    group_start = -1
    for i in range(start, end):
        if breaks[i]:
            if group_start >= 0:
                groups.append((group_start, i))
                group_start = -1
            continue
        if group_start < 0:
            group_start = i
        if space_after[i]:
            groups.append((group_start, i + 1))
            group_start = -1
    if group_start >= 0:
        groups.append((group_start, end))


def _group_key(table, start: int, end: int) -> tuple[str, str, str]:
    """(text, lemma, pos) of a word of several tokens, from its first alphabetic token."""
    head = next((i for i in range(start, end) if table.is_alpha[i]), start)
    return "".join(table.text[start:end]), table.lemma[head], table.pos[head]


@functools.lru_cache(maxsize=1 << 16)
def _word_features(text: str, lemma: str, pos: str) -> tuple[int, int, bool, bool, bool] | None:
    """(syllables, letters, polysyllable, complex, difficult) of one word (cached: words repeat).

    Args:
        text: The word as written.
        lemma: Lemma of its first alphabetic token.
        pos: Part of speech of that token (``"PROPN"`` for a proper noun).

    Returns:
        The features, or None when ``text`` is no word by
        :func:`analysis.vocabulary.has_letter_or_figure` (a lone quote mark).
    """
    if not has_letter_or_figure(text):
        return None
    is_propn = pos == "PROPN"
    n_syllables = syllable_count(text)
    return (
        n_syllables,
        len(text) if text.isalnum() else sum(c.isalnum() for c in text),
        n_syllables >= 3,
        _is_complex(text, n_syllables, lemma, is_propn),
        _is_difficult(text, lemma, is_propn),
    )


def _is_complex(text: str, n_syllables: int, lemma: str, is_propn: bool) -> bool:
    """Gunning's hard word: 3+ syllables, not a proper noun, compound or -ed/-es form."""
    if n_syllables < 3 or is_propn or "-" in text:
        return False
    lower = text.lower().rstrip(".,;:!?\"')")
    if lower.endswith(("ed", "es")) and lemma.lower() != lower:
        return syllable_count(lemma) >= 3
    return True


_PART_SEPARATORS = re.compile(r"[-/]")


def _is_difficult(text: str, lemma: str, is_propn: bool) -> bool:
    """Dale–Chall unfamiliar word: not on the list by form or lemma; names are familiar."""
    if is_propn or not has_letter(text):
        return False
    familiar = familiar_words()
    lower = straighten_apostrophes(text.lower())
    parts = [p for p in _PART_SEPARATORS.split(lower) if p]
    if len(parts) > 1:
        return not all(_strip_edges(p) in familiar for p in parts)
    key = _strip_edges(parts[0]) if parts else ""
    return key not in familiar and lemma.lower() not in familiar


def _strip_edges(word: str) -> str:
    """``word`` without leading and trailing non-word characters (as _EDGE_PUNCTUATION)."""
    # Most words are all letters: skip the regex (a word character is alnum or "_").
    return word if word.isalnum() else _EDGE_PUNCTUATION.sub("", word)
