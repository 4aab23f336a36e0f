"""One article beside others and beside ordinary news: the BBC reference and comparisons.

The reference is one file shipped with the package, ``analysis/data/bbc_reference.csv``:
percentiles 0-100 of every numeric headline metric (and the diversity measures) over
the 2,225 articles of the BBC News corpus (Greene & Cunningham 2006, news from
2004-2005). One script writes it (``benchmarks/bbc_reference.py``), one function
reads it (:func:`reference_percentiles`); the bands of the overview, the redundancy
comparison of notebook 03 and the comparison table of notebook 05 all read it here.

This module sits above the measures: it reads their numbers and never computes them
a second way; it never imports the corpus layer.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.article import Article
from analysis.paths import data_file

REFERENCE_FILE = "bbc_reference.csv"

# Columns the comparison notebook shows, in order.
SUMMARY_COLUMNS = [
    "title",
    "n_words",
    "consensus_grade",
    "flesch_reading_ease",
    "restated_share",
    "mtld",
    "compression_ratio",
    "top_entity",
    "top_entity_share",
    "top_distinctive_words",
    "n_speakers",
    "attributed_sentence_share",
]


@functools.cache
def _reference_table() -> pd.DataFrame:
    path = data_file(REFERENCE_FILE)
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: the BBC reference is missing from the installed package; "
            "rebuild it with: python -m benchmarks.bbc_reference"
        )
    return pd.read_csv(path, index_col="percentile")


def reference_percentiles() -> pd.DataFrame:
    """Percentiles of each headline metric over the BBC News corpus.

    Returns:
        One row per percentile 0, 1, …, 100 (the index, ``percentile``), one column per
        metric. A copy: change it freely.

    Raises:
        FileNotFoundError: The reference file is missing (a broken install).
    """
    return _reference_table().copy()


def reference_band(metric: str, low: int = 10, high: int = 90) -> tuple[float, float] | None:
    """The (``low``, ``high``) percentiles of a metric in BBC news, or None if not measured."""
    reference = _reference_table()
    if metric not in reference:
        return None
    return float(reference.loc[low, metric]), float(reference.loc[high, metric])


def reference_median(metric: str) -> float | None:
    """The median of a metric over BBC news, or None if not measured."""
    band = reference_band(metric, 50, 50)
    return None if band is None else band[0]


def reference_percentile(metric: str, value: float) -> float:
    """Where ``value`` falls among BBC articles: 0-100, interpolated between percentiles.

    Higher means more BBC articles score lower. NaN for a NaN value or an unmeasured metric.
    """
    reference = _reference_table()
    if metric not in reference or not math.isfinite(value):
        return math.nan
    column = reference[metric].to_numpy(dtype=float)
    return float(np.interp(value, column, reference.index.to_numpy(dtype=float)))


def compare_to_reference(article: Article) -> pd.DataFrame:
    """The article's redundancy measures beside their spread in ordinary BBC news.

    Returns:
        One row per measure: ``measure``, ``value``, ``bbc_p10``, ``bbc_median``,
        ``bbc_p90`` and ``bbc_percentile`` (share of BBC articles scoring lower,
        0-100), plus ``meaning``.
    """
    from analysis import repetition

    values = repetition.redundancy_measures(article)
    rows = []
    for name, meaning in repetition.MEASURE_DESCRIPTIONS.items():
        value = float(values[name])
        p10, p90 = reference_band(name)
        rows.append(
            {
                "measure": name,
                "value": value,
                "bbc_p10": p10,
                "bbc_median": reference_median(name),
                "bbc_p90": p90,
                "bbc_percentile": reference_percentile(name, value),
                "meaning": meaning,
            }
        )
    return pd.DataFrame(rows)


# -- comparing one article with others -----------------------------------------------


def comparison_sources(article, others=None) -> list[Path]:
    """The article first, then the others (default: every article in ``seeds/``), no repeats."""
    from analysis.paths import article_path, seed_articles

    first = article_path(article).resolve()
    rest = [article_path(o).resolve() for o in others] if others is not None else seed_articles()
    return [first, *[p for p in rest if p.resolve() != first]]


def summary_table(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison's headline columns, one row per article, indexed by slug."""
    columns = [c for c in SUMMARY_COLUMNS if c in table]
    return table[table["error"].isna()].set_index("slug")[columns]


def comparison_takeaway(table: pd.DataFrame, metric: str, label: str, percent: bool = False) -> str:
    """One sentence placing the first article of ``table`` among the others and BBC news."""
    rows = table[table["error"].isna()]
    if rows.empty or metric not in rows:
        return "No article could be analysed."
    value = rows[metric].iloc[0]
    rank = int((rows[metric] > value).sum()) + 1
    show = (lambda v: f"{v:.0%}") if percent else (lambda v: f"{v:.1f}")
    place = "the highest" if rank == 1 else f"the {_ordinal(rank)} highest"
    sentence = f"Its {label} is {show(value)}, {place} of the {len(rows)} articles here"
    median = reference_median(metric)
    if median is not None:
        sentence += f"; the median BBC News article has {show(median)}"
    return sentence + "."


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
