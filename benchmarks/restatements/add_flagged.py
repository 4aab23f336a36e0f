"""Add to ``pairs.csv`` the pairs today's detector flags that the set does not hold yet.

``pairs.csv`` was built from the old TF-IDF detector's flags (``candidates.py``);
the calibrated scorer flags other pairs in the same 80 articles, and precision on
the detector's real flags needs them labelled. This script runs
:func:`analysis.repetition.restatement_pairs` with its defaults on every article
of the set, appends each flagged pair not yet in the set as a row with
``source = scorer_flag`` (``old_flagged`` and ``old_best`` False: the old
detector did not flag them; ``old_score`` and ``old_n_shared`` empty: the old
detector is gone), takes its ``split`` from its article (so dev and test articles
stay disjoint) and fills ``label`` and ``note`` from ``labels.csv``. Rows already
in the set are left as they are, so running it again only adds new flags.

Run: ``.venv/bin/python -m benchmarks.restatements.add_flagged [--view FILE]``
(``--view`` also writes the still unlabelled pairs, shuffled and without
scores, to label from, as ``candidates.py --view`` does).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from benchmarks.restatements.candidates import (
    BBC,
    COLUMNS,
    KEY,
    PAIRS_FILE,
    merge_labels,
    write_view,
)
from benchmarks.restatements.labels import load_pairs

SOURCE = "scorer_flag"


def new_flags(pairs: pd.DataFrame) -> pd.DataFrame:
    """The detector's flagged pairs in the set's articles that the set lacks, as rows."""
    from analysis import load_article
    from analysis.repetition import restatement_pairs

    known = set(zip(*(pairs[k] for k in KEY), strict=True))
    split_of = dict(zip(pairs["article"], pairs["split"], strict=True))
    rows = []
    for name in pairs["article"].unique():
        found = restatement_pairs(load_article(BBC / name))
        for pair in found.itertuples():
            if (name, pair.earlier, pair.later) in known:
                continue
            rows.append(
                {
                    "article": name,
                    "earlier_id": int(pair.earlier),
                    "later_id": int(pair.later),
                    "earlier": pair.earlier_text,
                    "later": pair.later_text,
                    "old_flagged": False,
                    "split": split_of[name],
                    "source": SOURCE,
                    "old_best": False,
                }
            )
    return pd.DataFrame(rows, columns=[c for c in COLUMNS if c not in ("label", "note")])


def main(view: Path | None = None) -> pd.DataFrame:
    pairs = load_pairs()
    added = merge_labels(new_flags(pairs)).sort_values(KEY)
    # Appended, so the existing rows stay byte for byte as they were.
    with open(PAIRS_FILE, "a", encoding="utf-8", newline="") as handle:
        added[COLUMNS].to_csv(handle, index=False, header=False, lineterminator="\n")
    combined = load_pairs()
    unlabelled = added["label"].isna()
    print(
        f"added {len(added)} flagged pairs ({int(unlabelled.sum())} unlabelled, "
        f"{int(added['label'].sum())} restating); {len(combined)} pairs in {PAIRS_FILE.name}"
    )
    if view is not None:
        write_view(added[unlabelled], view)
    return combined


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--view", type=Path, help="also write the unlabelled pairs to label")
    main(parser.parse_args().view)
