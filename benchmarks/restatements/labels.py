"""The labelled restatement pairs (``pairs.csv``), as a DataFrame for benchmarks and tuning.

See ``GUIDELINES.md`` beside this file for what the labels mean and how the
pairs and the dev/test split were made. The reader lives in
:mod:`analysis.evaluation`, which the tests use too (tests and benchmarks never
import each other); it is re-exported here.
"""

from __future__ import annotations

from analysis.evaluation import PAIRS_FILE, SPLITS, load_pairs

__all__ = ["PAIRS_FILE", "SPLITS", "load_pairs"]
