"""Distinctive words: terms far more frequent in the article than in general English."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from analysis.article import Article
from analysis.cache import cached
from analysis.frequencies.record import _result
from analysis.frequencies.terms import By, _frame, _ranked, _Term
from analysis.vocabulary import stop_words

# A distinctive word must occur at least this often: a word used once says little
# about the article, and any rare word used once would otherwise top the list.
MIN_DISTINCTIVE_COUNT = 2
# wordfreq gives Zipf 0 to words it has never seen; treat them as this rare
# (Zipf 1 = once per 100 million words, below the rarest words it lists).
ZIPF_FLOOR = 1.0

DISTINCTIVE_COLUMNS = [
    "term",
    "kind",
    "count",
    "zipf_article",
    "zipf_english",
    "score",
    "ratio",
    "lemma",
    "forms",
]


class _Distinctive(NamedTuple):
    """A row of :func:`distinctive_words` (fields as its columns)."""

    term: str
    kind: str
    count: int
    zipf_article: float
    zipf_english: float
    score: float
    ratio: float
    lemma: str
    forms: list[str]


@functools.cache
def _english_frequency(word: str) -> float:
    """Frequency of a word or phrase in general English (wordfreq, proportion of words)."""
    from wordfreq import word_frequency

    return word_frequency(word, "en")


def distinctive_words(
    article: Article,
    min_count: int = MIN_DISTINCTIVE_COUNT,
    by: By = "lemma",
    extra_stop_words: Iterable[str] = (),
    top_n: int | None = None,
) -> pd.DataFrame:
    """Terms far more frequent in the article than in general English.

    The score is the difference of Zipf values (Brysbaert & New's scale, used
    by ``wordfreq``: log10 of frequency per billion words)::

        zipf_article = log10(count / n_words * 1e9)
        zipf_english = wordfreq zipf frequency of the term (floored at 1.0)
        score        = zipf_article - zipf_english  = log10(ratio)

    so score 1 means ten times more frequent than usual, 2 a hundred times. A
    higher score means the term marks this article out more. ``zipf_english``
    sums the English frequencies of the forms the article actually used, the
    term's ``forms``: the count on the article's side is of those same forms, so
    both sides count alike. The lemma would compare the article with a word it
    may never use ("datum" for "data", or no word at all: "geoengineere" has no
    frequency and would score as the rarest word), and the shown form alone would
    leave out the other forms the count includes.
    Terms seen fewer than ``min_count`` times are left out, so one-off rare
    words do not dominate. Reference: Speer, R. (2022), wordfreq v3
    (doi:10.5281/zenodo.7199437); van Heuven et al. (2014), "SUBTLEX-UK",
    QJEP 67(6) for the Zipf scale.

    Args:
        article: The loaded article.
        min_count: Least number of occurrences.
        by: ``"lemma"`` or ``"lower"``.
        extra_stop_words: More words to leave out.
        top_n: Keep only the ``top_n`` highest scores.

    Returns:
        ``term``, ``kind``, ``count``, ``zipf_article``, ``zipf_english``,
        ``score``, ``ratio`` (10 ** score), ``lemma`` and ``forms`` (as in
        :func:`word_counts`), highest score first (ties: the more frequent first).
    """
    rows = _distinctive_rows(article, min_count, by, extra_stop_words)
    return _frame(rows[:top_n], DISTINCTIVE_COLUMNS)


def _distinctive_rows(
    article: Article,
    min_count: int = MIN_DISTINCTIVE_COUNT,
    by: By = "lemma",
    extra_stop_words: Iterable[str] = (),
) -> list[_Distinctive]:
    """The :func:`distinctive_words` rows for these settings, highest score first.

    Cached under a key holding every setting, as the n-gram rows are (see
    :func:`analysis.frequencies.ngrams._ngram_rows`): no setting is a special case.
    """
    extra = tuple(extra_stop_words)  # read once: it may be an iterator
    stops = stop_words(extra)
    return cached(
        article,
        ("frequencies", "distinctive", by, stops, min_count),
        lambda a: _score_distinctive(_result(a, by, extra).terms, min_count, a.n_words),
    )


def _score_distinctive(terms: list[_Term], min_count: int, n_words: int) -> list[_Distinctive]:
    n_words = max(n_words, 1)
    rows = []
    for row in terms:
        if row.count < min_count:
            continue
        english = sum(_english_frequency(form) for form in _english_forms(row.forms))
        zipf_english = max(math.log10(english * 1e9), ZIPF_FLOOR) if english > 0 else ZIPF_FLOOR
        zipf_article = math.log10(row.count / n_words * 1e9)
        score = zipf_article - zipf_english
        rows.append(
            _Distinctive(
                term=row.term,
                kind=row.kind,
                count=row.count,
                zipf_article=zipf_article,
                zipf_english=zipf_english,
                score=score,
                ratio=10**score,
                lemma=row.lemma,
                forms=row.forms,
            )
        )
    return _ranked(rows, "score", "count")


def _english_forms(forms: list[str]) -> list[str]:
    """A term's forms as wordfreq looks them up (lower case, no "'s"), in sorted order."""
    lowered = {" ".join(form.lower().split()) for form in forms}
    return sorted({form[:-2] if form.endswith("'s") else form for form in lowered})
