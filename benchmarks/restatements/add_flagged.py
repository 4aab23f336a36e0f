"""Add to ``pairs.csv`` the pairs today's detector flags that the set does not hold yet.

``pairs.csv`` was built from the old TF-IDF detector's flags (``candidates.py``);
the calibrated scorer flags other pairs in the same 80 articles, and precision on
the detector's real flags needs them labelled. This script runs
:func:`analysis.repetition.restatement_pairs` with its defaults on every article
of the set, appends each flagged pair not yet in the set as a row with
``source = scorer_flag`` (``old_flagged`` and ``old_best`` False: the old
detector did not flag them; ``old_score`` and ``old_n_shared`` empty: the old
detector is gone), takes its ``split`` from its article (so dev and test articles
stay disjoint) and fills ``label`` and ``note`` from ``labels.csv``. It also adds
every pair of ``labels.csv`` the set lacks (flagged by an earlier version of the
detector and labelled then), so no label is lost when the detector changes. Rows
already in the set are left as they are, so running it again only adds new pairs.

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
    LABELS_FILE,
    PAIRS_FILE,
    merge_labels,
    write_view,
)
from benchmarks.restatements.labels import load_pairs

SOURCE = "scorer_flag"


def new_flags(pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs to add, as rows: the detector's flags the set lacks, and labelled pairs it lacks.

    The second kind are pairs an earlier version of the detector flagged and someone
    labelled (they are in ``labels.csv``), so a labelled pair is never dropped.
    """
    from analysis import load_article
    from analysis.repetition import restatement_pairs

    known = set(zip(*(pairs[k] for k in KEY), strict=True))
    labelled = pd.read_csv(LABELS_FILE, keep_default_na=False)
    labelled_keys = set(zip(*(labelled[k] for k in KEY), strict=True))
    split_of = dict(zip(pairs["article"], pairs["split"], strict=True))
    rows = []
    for name in pairs["article"].unique():
        article = load_article(BBC / name)
        found = restatement_pairs(article)
        keys = {
            (name, int(e), int(later))
            for e, later in zip(found["earlier"], found["later"], strict=True)
        }
        keys |= {key for key in labelled_keys if key[0] == name}
        texts = {s.id: s.text for s in article.sentences}
        for _, e, later in sorted(keys - known):
            rows.append(
                {
                    "article": name,
                    "earlier_id": e,
                    "later_id": later,
                    "earlier": texts[e],
                    "later": texts[later],
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
