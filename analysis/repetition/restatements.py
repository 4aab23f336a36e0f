"""In-article restatements: candidate pairs, their in-article score, each sentence's best match.

Everything here works on an article's sentence items (:class:`~analysis.repetition.scorer._Items`)
and arrays of sentence rows; the per-article record (:mod:`analysis.repetition.record`)
calls it once per article and the public tables read the result. How the candidates,
the score and the threshold were chosen: the package docstring.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
from scipy import sparse

from analysis.article import Article
from analysis.repetition.scorer import (
    _COUNTS,
    FEATURES,
    _coefficients,
    _features,
    _Items,
    _pair_counts,
    _probabilities,
)
from analysis.vocabulary import OPENING_QUOTES, STRAIGHT_QUOTE, quote_class

# A later sentence restates an earlier one at this in-article score or above (the similarity
# of restatement_pairs): the precision-oriented operating point of the "restates" tier,
# chosen on the dev split of the labelled pairs as the threshold with the best precision at
# a recall of 0.45 or more (benchmarks/restatements: choose_operating_points). It was 0.17,
# the highest keeping recall at 0.6, before the "possibly" tier took the recall side.
RESTATEMENT_THRESHOLD = 0.215
# ... and when they share at least this many content lemmas.
MIN_SHARED_WORDS = 2
# Candidate pairs come from features used in at most this many sentences.
CANDIDATE_MAX_DF = 100
# Pairs scored at once (bounds memory on very long texts).
PAIR_CHUNK = 20_000


class _Pairs(NamedTuple):
    """Sentence pairs as parallel arrays (sentence ids from 1), ordered by later then earlier."""

    earlier: np.ndarray
    later: np.ndarray
    similarity: np.ndarray
    n_shared: np.ndarray


class _BestEarlier(NamedTuple):
    """Per sentence in reading order: its best earlier match (see sentence_restatements)."""

    similarity: np.ndarray
    earlier: np.ndarray  # sentence id as float, NaN when there is no candidate
    is_restatement: np.ndarray
    kind: np.ndarray | None = None  # per sentence, its best pair's kind (analysis.repetition.tiers)
    reason: np.ndarray | None = None  # ... and why that pair was reported


# Logistic-regression coefficients of the in-article step, fitted on the dev split of the
# labelled BBC pairs by benchmarks/restatements/fit_article.py.
ARTICLE_SCORER_FILE = "restatement_article.csv"
# Its features, in the order of the coefficients (see article_pair_features).
ARTICLE_FEATURES = ("pair_logit", "n_shared_log", "quote_after_report", "quote_next")
# An opening quotation mark at the start of a sentence (after any punctuation) or after a
# colon. The closing curly quote (U+201D) is not one: a sentence that starts on it starts
# on the close of the quote before.
_OPENING_MARK = quote_class(STRAIGHT_QUOTE + OPENING_QUOTES)
_QUOTE_OPENING = re.compile(rf"^\W*{_OPENING_MARK}|:\s*{_OPENING_MARK}")


def _opens_quote(text: str) -> bool:
    """Whether a sentence opens a direct quote: ``"We will ...`` or ``He said: "We ...``."""
    return _QUOTE_OPENING.search(text) is not None


def _article_values(
    pair_features: np.ndarray, quoted: np.ndarray, earlier: np.ndarray, later: np.ndarray
) -> np.ndarray:
    """The :data:`ARTICLE_FEATURES` of pairs, one row per pair.

    Args:
        pair_features: The pairs' :data:`FEATURES` (:func:`pair_features`).
        quoted: Per sentence, whether it opens a direct quote.
        earlier, later: The pairs' sentences as 0-based rows.
    """
    scores = np.clip(_probabilities(pair_features), 1e-9, 1 - 1e-9)
    quote_after_report = quoted[later] & ~quoted[earlier]
    return np.column_stack(
        [
            np.log(scores / (1 - scores)),
            pair_features[:, FEATURES.index("n_shared_log")],
            quote_after_report.astype(float),
            (quote_after_report & (later == earlier + 1)).astype(float),
        ]
    )


def _article_scores(pair_features, quoted, earlier, later) -> np.ndarray:
    """The in-article restatement score of pairs, 0-1 (see :func:`article_pair_features`)."""
    intercept, weights = _coefficients(ARTICLE_SCORER_FILE, ARTICLE_FEATURES)
    values = _article_values(pair_features, quoted, earlier, later)
    return 1.0 / (1.0 + np.exp(-(intercept + values @ weights)))


def _candidate_pairs(items: _Items) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (earlier, later) sharing a content lemma or a bigram of content lemmas
    used in 2..CANDIDATE_MAX_DF sentences, ordered by later then earlier."""
    is_feature = (items.weights[:, _COUNTS.index("lemmas")] > 0) | (
        items.weights[:, _COUNTS.index("lemma_bigrams")] > 0
    )
    df = np.asarray(items.incidence.sum(axis=0)).ravel()
    rare = items.incidence[:, np.flatnonzero(is_feature & (df >= 2) & (df <= CANDIDATE_MAX_DF))]
    sharing = sparse.triu(rare @ rare.T, k=1).tocoo()
    order = np.lexsort((sharing.row, sharing.col))
    return sharing.row[order].astype(np.int64), sharing.col[order].astype(np.int64)


def _scored_pairs(
    items: _Items, quoted: np.ndarray, earlier: np.ndarray, later: np.ndarray
) -> _Pairs:
    """The pairs of rows (earlier, later) with their in-article score and shared content lemmas.

    Args:
        items: The sentences' items (:func:`_sentence_items`).
        quoted: Per sentence, whether it opens a direct quote.
        earlier, later: The pairs' sentences as 0-based rows.
    """
    scores, n_shared = [np.zeros(0)], [np.zeros(0)]
    for first, second, counts in _pair_chunks(items, earlier, later):
        scores.append(_article_scores(_features(counts), quoted, first, second))
        n_shared.append(counts.shared["lemmas"])
    return _Pairs(
        earlier=earlier + 1,
        later=later + 1,
        similarity=np.concatenate(scores),
        n_shared=np.rint(np.concatenate(n_shared)).astype(np.int64),
    )


def _pair_chunks(items: _Items, earlier: np.ndarray, later: np.ndarray):
    """``(earlier, later, their _PairCounts)`` for :data:`PAIR_CHUNK` pairs at a time.

    Chunks bound the memory on very long texts (a 1 MB text has millions of pairs).
    """
    for k in range(0, len(earlier), PAIR_CHUNK):
        first, second = earlier[k : k + PAIR_CHUNK], later[k : k + PAIR_CHUNK]
        yield first, second, _pair_counts(items, first, second)


def _best_earlier(
    article: Article, pairs: _Pairs, threshold: float, min_shared: int
) -> _BestEarlier:
    """Per sentence, the most similar earlier sentence among the pairs sharing enough words."""
    eligible = pairs.n_shared >= min_shared
    later = pairs.later[eligible]
    earlier_ids = pairs.earlier[eligible]
    scores = pairs.similarity[eligible]
    # Per later sentence, the most similar earlier one (ties: the earliest), with numpy:
    # sort by later, then similarity (highest first), then earlier; keep each first row.
    order = np.lexsort((earlier_ids, -scores, later))
    later, earlier_ids, scores = later[order], earlier_ids[order], scores[order]
    first = np.ones(len(later), dtype=bool)
    first[1:] = later[1:] != later[:-1]
    position = {s.id: i for i, s in enumerate(article.sentences)}
    rows = np.array([position[i] for i in later[first].tolist()], dtype=np.int64)
    similarity = np.zeros(article.n_sentences)
    similarity[rows] = scores[first]
    earlier = np.full(article.n_sentences, np.nan)
    earlier[rows] = earlier_ids[first]
    return _BestEarlier(similarity, earlier, similarity >= threshold)
