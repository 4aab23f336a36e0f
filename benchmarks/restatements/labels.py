"""The labelled restatement pairs (``pairs.csv``), as a DataFrame for benchmarks and tuning.

See ``GUIDELINES.md`` beside this file for what the labels mean and how the
pairs and the dev/test split were made.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

PAIRS_FILE = Path(__file__).resolve().parent / "pairs.csv"
SPLITS = ("dev", "test")


def load_pairs(split: str | None = None, path: Path = PAIRS_FILE) -> pd.DataFrame:
    """The pairs with their labels, all of them or one split.

    Args:
        split: ``"dev"``, ``"test"`` or ``None`` for both.
        path: The pairs file (default: ``pairs.csv`` beside this module).

    Returns:
        One row per pair with the columns of ``pairs.csv``: ``article``,
        ``earlier_id``, ``later_id`` (int), ``earlier``, ``later``, ``old_score``
        (float, NaN for pairs the old detector never scored), ``old_flagged`` (bool),
        ``label`` (nullable Int64, 1 = restates), ``note`` (str, "" when none),
        ``split``, ``source``, ``old_n_shared`` (nullable Int64), ``old_best``.

    Raises:
        ValueError: For an unknown split name.
    """
    if split is not None and split not in SPLITS:
        raise ValueError(f"{path}: unknown split {split!r}; expected one of {SPLITS} or None")
    pairs = pd.read_csv(
        path,
        dtype={"article": str, "earlier": str, "later": str, "note": str, "split": str},
        keep_default_na=False,
        na_values={"label": [""], "old_score": [""], "old_n_shared": [""]},
    )
    for column in ("label", "old_n_shared"):
        pairs[column] = pairs[column].astype("Int64")
    if split is not None:
        pairs = pairs[pairs["split"] == split].reset_index(drop=True)
    return pairs
