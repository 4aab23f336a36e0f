"""Summaries of the frequency tables: word-cloud input, corpus columns, report section."""

from __future__ import annotations

import math

import pandas as pd

from analysis.article import Article
from analysis.frequencies.distinctive import _distinctive_rows
from analysis.frequencies.ngrams import _ngram_rows
from analysis.frequencies.record import _result


def word_cloud_frequencies(counts: pd.DataFrame, top_n: int = 50) -> dict[str, int]:
    """The ``{term: count}`` a word cloud is drawn from: the top rows of :func:`word_counts`."""
    head = counts.head(top_n)
    return {str(term): int(count) for term, count in zip(head["term"], head["count"], strict=True)}


def headline_metrics(article: Article) -> dict:
    """A few flat values for a one-row-per-article corpus table.

    Returns:
        ``top_words`` (five most frequent terms, comma-joined), ``top_distinctive_words``
        (five highest-scoring distinctive words), ``top_phrase`` (most frequent
        n-gram, or ``""``), ``n_terms`` (distinct terms) and ``top_word_share``
        (share of all term occurrences taken by the most frequent term, 0-1;
        NaN when there are none).
    """
    terms = _result(article).terms
    ngrams = _ngram_rows(article)
    total = sum(row.count for row in terms)
    return {
        "top_words": ", ".join(row.term for row in terms[:5]),
        "top_distinctive_words": ", ".join(row.term for row in _distinctive_rows(article)[:5]),
        "top_phrase": ngrams[0].term if ngrams else "",
        "n_terms": len(terms),
        "top_word_share": terms[0].count / total if total else math.nan,
    }


def report_section(
    article: Article, n_words: int = 20, n_ngrams: int = 10, n_distinctive: int = 15
) -> dict:
    """The ``frequencies`` section of ``report --format json``.

    Returns:
        ``top_words``: ``[{term, count}]``; ``top_ngrams``: ``[{term, n, count}]``;
        ``distinctive_words``: ``[{term, count, score}]`` (score: Zipf
        difference, see :func:`distinctive_words`, rounded to 3 decimals).
    """
    terms, ngrams = _result(article).terms, _ngram_rows(article)
    distinctive = _distinctive_rows(article)
    return {
        "top_words": [{"term": row.term, "count": row.count} for row in terms[:n_words]],
        "top_ngrams": [
            {"term": row.term, "n": row.n, "count": row.count} for row in ngrams[:n_ngrams]
        ],
        "distinctive_words": [
            {"term": row.term, "count": row.count, "score": round(row.score, 3)}
            for row in distinctive[:n_distinctive]
        ],
    }
