"""Whole-article numbers: the redundancy measures, the report section, the headline metrics."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis import diversity
from analysis.article import Article
from analysis.repetition.phrases import MIN_PHRASE_WORDS
from analysis.repetition.record import _best_of, _phrases
from analysis.repetition.restatements import MIN_SHARED_WORDS, RESTATEMENT_THRESHOLD


def restated_share(article: Article, threshold: float = RESTATEMENT_THRESHOLD) -> float:
    """Share of sentences that restate an earlier sentence (this project's measure).

    restated_share = sentences with ``is_restatement`` / sentences, using
    :func:`sentence_restatements`. Higher means more of the article says again
    what it already said (0: every sentence adds something). NaN for no sentences.
    """
    restated = _best_of(article, threshold, MIN_SHARED_WORDS).is_restatement
    return int(restated.sum()) / len(restated) if len(restated) else math.nan


def redundancy_measures(article: Article) -> pd.Series:
    """Whole-article redundancy and diversity scores, each described in its function.

    The diversity scores come from :mod:`analysis.diversity` (words: the lower-cased
    word and number tokens of the body in reading order, punctuation left out).

    Returns:
        A Series with ``n_words``, ``ttr``, ``mtld``, ``distinct_2``,
        ``seq_rep_2``, ``compression_ratio``, ``n_sentences``,
        ``n_restated_sentences`` and ``restated_share``.
    """
    return pd.Series(_measures(article), name="value")


def _measures(article: Article) -> dict[str, float]:
    restated = _best_of(article, RESTATEMENT_THRESHOLD, MIN_SHARED_WORDS).is_restatement
    n_restated = int(restated.sum())
    return diversity.measures(article) | {
        "n_sentences": len(restated),
        "n_restated_sentences": n_restated,
        "restated_share": n_restated / len(restated) if len(restated) else math.nan,
    }


# Plain-language meaning of each measure, for tables in the notebook.
MEASURE_DESCRIPTIONS = {
    "ttr": "distinct words / words; higher = more varied (falls with length)",
    "mtld": "mean run of words keeping TTR above 0.72; higher = more varied (prose ~70-120)",
    "distinct_2": "distinct word pairs / words; higher = less repetition",
    "seq_rep_2": "share of word pairs that repeat an earlier pair; higher = more repetition",
    "compression_ratio": "text bytes / gzip bytes; higher = more redundant",
    "restated_share": "share of sentences restating an earlier one; higher = more redundant",
}


def measures_table(article: Article) -> pd.DataFrame:
    """The redundancy measures as a readable table: ``measure``, ``value``, ``meaning``."""
    values = _measures(article)
    return pd.DataFrame(
        {
            "measure": list(MEASURE_DESCRIPTIONS),
            "value": [values[name] for name in MEASURE_DESCRIPTIONS],
            "meaning": list(MEASURE_DESCRIPTIONS.values()),
        }
    )


# -- report ------------------------------------------------------------------------------


def report_section(article: Article) -> dict:
    """The ``repetition`` section of ``report --format json``."""
    measures = _measures(article)
    best = _best_of(article, RESTATEMENT_THRESHOLD, MIN_SHARED_WORDS)
    return {
        "repeated_phrases": [
            {"phrase": p.phrase, "count": p.count, "sentences": list(p.sentences)}
            for p in _phrases(article, MIN_PHRASE_WORDS)
        ],
        "restatements": [
            {
                "sentence": article.sentences[i].id,
                "restates": int(best.earlier[i]),
                "similarity": round(float(best.similarity[i]), 4),
                "kind": str(best.kind[i]),
                "reason": str(best.reason[i]),
            }
            for i in np.flatnonzero(best.kind != None).tolist()  # noqa: E711 (object array)
        ],
        "measures": {name: float(measures[name]) for name in MEASURE_DESCRIPTIONS},
    }


def headline_metrics(article: Article) -> dict:
    """A few flat numbers summarising the article's repetition, for a corpus table."""
    measures = _measures(article)
    phrases = _phrases(article, MIN_PHRASE_WORDS)
    return {
        "restated_share": float(measures["restated_share"]),
        "n_restated_sentences": int(measures["n_restated_sentences"]),
        "mtld": float(measures["mtld"]),
        "compression_ratio": float(measures["compression_ratio"]),
        "ttr": float(measures["ttr"]),
        "distinct_2": float(measures["distinct_2"]),
        "seq_rep_2": float(measures["seq_rep_2"]),
        "n_repeated_phrases": len(phrases),
        "longest_repeated_phrase": phrases[0].phrase if phrases else "",
    }
