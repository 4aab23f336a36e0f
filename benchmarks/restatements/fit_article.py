"""Fit the in-article step of the restatement detector on the dev pairs (dev-only: scikit-learn).

:func:`analysis.repetition.restatement_pairs` scores a candidate pair with a
logistic regression over :data:`analysis.repetition.ARTICLE_FEATURES` (the pair
scorer's log-odds, shared content lemmas, a quote after a reported line; see
:func:`analysis.repetition.article_pair_features`). This script fits it on the
labelled pairs of the ``dev`` split of ``pairs.csv`` that are candidates of the
detector, and

- prints the ROC AUC of out-of-fold scores (5-fold cross-validation grouped by
  article, repeated over 5 shuffles of the articles) for the pair scorer alone
  and for the article step, and a precision/recall sweep of the out-of-fold
  scores on dev (recall over all dev positives, candidates or not);
- prints the threshold rule's choice: the highest out-of-fold score at which dev
  recall is at least :data:`TARGET_RECALL` (``RESTATEMENT_THRESHOLD`` is set to it
  by hand, rounded);
- fits the model on all dev candidates and writes its coefficients to
  ``analysis/data/restatement_article.csv`` (``--no-write``: print only).

The test split is not read: ``python -m benchmarks.restatements`` reports it.

Run: ``.venv/bin/python -m benchmarks.restatements.fit_article [--no-write]``.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from benchmarks.restatements.calibrate import show_and_write
from benchmarks.restatements.candidates import BBC, KEY
from benchmarks.restatements.labels import load_pairs

FOLDS = 5
REPEATS = 5
# Lowest dev recall the threshold keeps (out-of-fold). At 0.7 precision falls to about 0.25.
TARGET_RECALL = 0.6


def dev_candidates() -> tuple[pd.DataFrame, int]:
    """The labelled dev pairs that are candidates, with their features; and all dev positives."""
    from analysis import load_article
    from analysis.repetition import article_pair_features

    pairs = load_pairs("dev")
    tables = []
    for name in pairs["article"].unique():
        table = article_pair_features(load_article(BBC / name))
        table = table.rename(columns={"earlier": "earlier_id", "later": "later_id"})
        tables.append(table.assign(article=name))
    features = pd.concat(tables, ignore_index=True)
    labelled = features.merge(pairs[KEY + ["label"]], on=KEY)
    return labelled.assign(label=labelled["label"].astype(int)), int(pairs["label"].sum())


def out_of_fold(features: np.ndarray, labels: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Mean out-of-fold probability over REPEATS shuffles of the article groups."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    scores = np.zeros(len(labels))
    articles = np.unique(groups)
    for repeat in range(REPEATS):
        shuffled = dict(
            zip(articles, np.random.RandomState(repeat).permutation(len(articles)), strict=True)
        )
        group_ids = np.array([shuffled[g] for g in groups])
        for train, held in GroupKFold(FOLDS).split(features, labels, group_ids):
            model = LogisticRegression(max_iter=1000).fit(features[train], labels[train])
            scores[held] += model.predict_proba(features[held])[:, 1] / REPEATS
    return scores


def sweep(table: pd.DataFrame, scores: np.ndarray, positives: int) -> float:
    """Print precision/recall by threshold; return the highest one keeping TARGET_RECALL."""
    from analysis.repetition import MIN_SHARED_WORDS

    eligible = table["n_shared"].to_numpy() >= MIN_SHARED_WORDS
    truth = table["label"].to_numpy() == 1
    chosen = float("nan")
    for threshold in np.unique(np.round(scores, 3))[::-1]:
        flagged = eligible & (scores >= threshold)
        recall = (flagged & truth).sum() / positives
        if recall >= TARGET_RECALL and np.isnan(chosen):
            chosen = float(threshold)
    for threshold in np.arange(0.10, 0.30, 0.01):
        flagged = eligible & (scores >= threshold)
        hits = int((flagged & truth).sum())
        print(
            f"  {threshold:.2f}: flagged {int(flagged.sum()):3d}  precision "
            f"{hits / max(flagged.sum(), 1):.3f}  recall {hits / positives:.3f}"
        )
    return chosen


def main(write: bool = True) -> pd.DataFrame:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from analysis.repetition import ARTICLE_FEATURES, ARTICLE_SCORER_FILE

    table, positives = dev_candidates()
    features, labels = table[list(ARTICLE_FEATURES)].to_numpy(), table["label"].to_numpy()
    print(
        f"dev: {len(table)} labelled candidate pairs, {labels.sum()} restate ({positives} in all)"
    )
    scores = out_of_fold(features, labels, table["article"].to_numpy())
    pair_auc = roc_auc_score(labels, table["pair_logit"])
    print(
        f"ROC AUC: pair scorer alone {pair_auc:.3f}; article step (out of fold) "
        f"{roc_auc_score(labels, scores):.3f}"
    )
    print("out-of-fold sweep on dev:")
    chosen = sweep(table, scores, positives)
    print(f"highest threshold with dev recall >= {TARGET_RECALL}: {chosen:.3f}")
    model = LogisticRegression(max_iter=1000).fit(features, labels)
    coefficients = pd.DataFrame(
        {
            "feature": ["intercept", *ARTICLE_FEATURES],
            "coefficient": [float(model.intercept_[0]), *map(float, model.coef_[0])],
        }
    )
    show_and_write(coefficients, ARTICLE_SCORER_FILE, write)
    return coefficients


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only; keep the data file")
    main(write=not parser.parse_args().no_write)
