"""Entity counts against counts made by reading: the hand-counted benchmark set.

``hand_counts.csv`` holds, for each article, its top entities and how many times the
article names each one, counted by reading the article's cleaned text (see
``GUIDELINES.md`` for the rules). For each article this compares the package's
:func:`analysis.entities.entity_counts` with the hand counts:

- every hand-counted top-5 entity: the hand count, the package's count, and whether
  the package is within 10 % of the hand count (the issue-13 target is all of them);
- the top-5 entity names: precision (share of the package's top 5 that are hand
  top-5 entities) and recall (share of the hand top 5 that are in the package's).

"Top 5" is the five most mentioned entities named at least twice, with ties at the
fifth place included. Run: ``.venv/bin/python -m benchmarks.entities``. Articles whose
source under ``../shared/corpus`` is absent are skipped.

The reader and the comparison live in :mod:`analysis.evaluation`, which the tests use
too (tests and benchmarks never import each other); they are re-exported here.
"""

from __future__ import annotations

from analysis.evaluation import (
    HAND_COUNTS,
    MIN_MENTIONS,
    SHARED_CORPUS,
    TOLERANCE,
    TOP_N,
    ArticleResult,
    EntityCheck,
    article_file,
    check_article,
    hand_counts,
    run,
    top_names,
)

__all__ = [
    "HAND_COUNTS", "MIN_MENTIONS", "SHARED_CORPUS", "TOLERANCE", "TOP_N", "ArticleResult",
    "EntityCheck", "article_file", "check_article", "hand_counts", "run", "top_names",
]
