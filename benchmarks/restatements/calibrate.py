"""Fit the restatement scorer on MRPC and write its coefficients (dev-only: scikit-learn).

Reads ``../shared/corpus/mrpc/msr_paraphrase_train.txt`` (4,076 labelled news
sentence pairs; read from there, never copied), computes
:func:`analysis.repetition.pair_features` for every pair, and

- prints the cross-validated ROC AUC (5 folds, stratified, fixed seed) of each
  feature alone, of the features added one at a time, and of the TF-IDF cosine
  baseline (content lemmas and bigrams, IDF over the MRPC sentences);
- fits a logistic regression on all pairs and writes its intercept and
  coefficients to ``analysis/data/restatement_scorer.csv``, which
  :func:`analysis.repetition.score_pairs` applies with numpy (no scikit-learn at
  run time).

Run: ``.venv/bin/python -m benchmarks.restatements.calibrate [--no-write]``.
"""

from __future__ import annotations

import argparse
import csv

import numpy as np
import pandas as pd

from analysis.paths import PROJECT_DIR, data_file

MRPC_TRAIN = PROJECT_DIR.parent / "shared" / "corpus" / "mrpc" / "msr_paraphrase_train.txt"
FOLDS = 5
SEED = 13


def load_mrpc(path=MRPC_TRAIN) -> pd.DataFrame:
    """The MRPC training pairs: ``label`` (1 = paraphrase), ``first``, ``second``."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    if header[0] != "Quality" or any(len(row) != 5 for row in body):
        raise ValueError(f"{path}: not the MRPC format (5 tab-separated columns, 'Quality' first)")
    return pd.DataFrame(
        {
            "label": [int(r[0]) for r in body],
            "first": [r[3] for r in body],
            "second": [r[4] for r in body],
        }
    )


def tfidf_cosine(pairs: pd.DataFrame) -> np.ndarray:
    """Baseline: TF-IDF cosine of content lemmas and bigrams, IDF over all MRPC sentences."""
    from analysis import repetition

    texts = sorted(set(pairs["first"]) | set(pairs["second"]))
    infos = repetition.parse_sentences(texts)
    features = [
        list(info.lemmas) + [f"{a} {b}" for a, b in zip(info.lemmas, info.lemmas[1:], strict=False)]
        for info in infos
    ]
    tfidf, _ = repetition.tfidf_vectors(features)
    row = {text: i for i, text in enumerate(texts)}
    first = np.array([row[t] for t in pairs["first"]])
    second = np.array([row[t] for t in pairs["second"]])
    return np.asarray(tfidf[first].multiply(tfidf[second]).sum(axis=1)).ravel()


def cross_validated_auc(features: np.ndarray, labels: np.ndarray) -> float:
    """ROC AUC of a logistic regression's out-of-fold scores."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    model = LogisticRegression(max_iter=1000)
    scores = cross_val_predict(model, features, labels, cv=folds, method="predict_proba")[:, 1]
    return float(roc_auc_score(labels, scores))


def report(table: pd.DataFrame, labels: np.ndarray, baseline: np.ndarray) -> dict:
    """Print and return the AUCs: baseline, each feature alone, features added in order."""
    from sklearn.metrics import roc_auc_score

    from analysis.repetition import FEATURES

    results = {"tfidf_cosine_alone": float(roc_auc_score(labels, baseline))}
    print(f"TF-IDF cosine alone (baseline): ROC AUC {results['tfidf_cosine_alone']:.3f}")
    print(f"{'feature':<18} {'alone':>6} {'cumulative (CV)':>16}")
    for k, name in enumerate(FEATURES):
        alone = cross_validated_auc(table[[name]].to_numpy(), labels)
        cumulative = cross_validated_auc(table[list(FEATURES[: k + 1])].to_numpy(), labels)
        results[name] = {"alone": alone, "cumulative": cumulative}
        print(f"{name:<18} {alone:6.3f} {cumulative:16.3f}")
    results["cv_auc"] = results[FEATURES[-1]]["cumulative"]
    print(f"score_pairs features, {FOLDS}-fold CV ROC AUC: {results['cv_auc']:.3f}")
    return results


def fit(table: pd.DataFrame, labels: np.ndarray) -> pd.DataFrame:
    """The logistic regression on every pair, as ``feature,coefficient`` rows."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(max_iter=1000).fit(table.to_numpy(), labels)
    return pd.DataFrame(
        {
            "feature": ["intercept", *table.columns],
            "coefficient": [float(model.intercept_[0]), *map(float, model.coef_[0])],
        }
    )


def main(write: bool = True) -> dict:
    from analysis.repetition import SCORER_FILE, pair_features

    pairs = load_mrpc()
    labels = pairs["label"].to_numpy()
    table = pair_features(list(zip(pairs["first"], pairs["second"], strict=True)))
    results = report(table, labels, tfidf_cosine(pairs))
    coefficients = fit(table, labels)
    show_and_write(coefficients, SCORER_FILE, write)
    return results


def show_and_write(coefficients: pd.DataFrame, name: str, write: bool) -> None:
    """Print a coefficient table and, with ``write``, store it as ``analysis/data/<name>``."""
    print(coefficients.to_string(index=False))
    if write:
        path = data_file(name)
        coefficients.to_csv(path, index=False, float_format="%.6f", lineterminator="\n")
        print(f"wrote {path}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only; keep the data file")
    main(write=not parser.parse_args().no_write)
