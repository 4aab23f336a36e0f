"""The record every term table derives from, one per article and counting setting.

:func:`_result` computes (once, cached by :mod:`analysis.cache` under a key holding
``by`` and the stop words) the layout, the occurrences and the term rows. N-grams
and distinctive words are computed from it on demand, each cached under a key
holding its own settings (:mod:`analysis.frequencies.ngrams`,
:mod:`analysis.frequencies.distinctive`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from analysis.article import Article
from analysis.cache import cached
from analysis.frequencies.layout import (
    _clitic_flags,
    _counted_flags,
    _joined_flags,
    _Layout,
    _layout,
    _number_flags,
)
from analysis.frequencies.terms import (
    By,
    _count_terms,
    _find_occurrences,
    _group_keys,
    _Occurrences,
    _Term,
)
from analysis.tokens import content_flags, token_table
from analysis.vocabulary import stop_words


@dataclass(frozen=True)
class _Result:
    """Everything the tables of one article derive from, for one ``by`` and stop-word list."""

    layout: _Layout
    occurrences: _Occurrences
    terms: list[_Term]  # word_counts rows, in its order


def _result(article: Article, by: By = "lemma", extra_stop_words: Iterable[str] = ()) -> _Result:
    """The article's cached :class:`_Result` for this counting setting."""
    if by not in ("lemma", "lower"):
        raise ValueError(f"by must be 'lemma' or 'lower', not {by!r}")
    stops = stop_words(tuple(extra_stop_words))
    return cached(article, ("frequencies", "result", by, stops), lambda a: _compute(a, by, stops))


def _compute(article: Article, by: By, stops: frozenset[str]) -> _Result:
    table = token_table(article)
    clitic = _clitic_flags(table)
    number = _number_flags(table)
    word_like = [word or num for word, num in zip(table.is_word, number, strict=True)]
    joined = _joined_flags(table, word_like, clitic)
    # A piece of a written word ("m" of "200m", "Got" of "Gotta") is no word of its own.
    piece = [left or right for left, right in zip(joined, [*joined[1:], False], strict=True)]
    counted = _counted_flags(table, content_flags(article, stops), number, piece)
    layout = _layout(article, table, clitic, word_like, joined, piece, counted)
    found = _find_occurrences(table, layout, counted, stops)
    occurrences = found._replace(keys=_group_keys(found.forms, found.lemmas, found.kinds, by))
    return _Result(layout=layout, occurrences=occurrences, terms=_count_terms(occurrences))
