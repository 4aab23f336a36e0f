"""Candidate sentence pairs for the restatement evaluation set (issue 13).

Draws a fixed, seeded sample of BBC articles (16 from each of the 5 topic
folders of ``../shared/corpus/bbc``, nothing excluded by content), loads each
with :func:`analysis.load_article`, and collects three kinds of (earlier, later)
sentence pairs with today's detector (:mod:`analysis.repetition`):

- ``flagged``: every pair :func:`~analysis.repetition.restatement_pairs` returns
  with its defaults (cosine >= ``RESTATEMENT_THRESHOLD`` and at least
  ``MIN_SHARED_WORDS`` shared content lemmas);
- ``near_miss``: per article, the :data:`NEAR_MISSES_PER_ARTICLE` highest-scoring
  unflagged pairs with a cosine of at least half the threshold;
- ``random``: per article, :data:`RANDOM_PER_ARTICLE` random pairs not chosen above.

Writes ``benchmarks/restatements/pairs.csv`` (one row per pair; columns in
:data:`COLUMNS`). Labels are not computed: they are read from ``labels.csv``
beside this file (``article, earlier_id, later_id, label, note``), written by
people reading the pairs (see ``GUIDELINES.md``), and merged in, so re-running
this script keeps them. Whole articles go to the ``dev`` or ``test`` split with
a fixed seed.

The set was drawn with the first, TF-IDF detector (cosine >= 0.15), which is gone:
re-running this script now draws flagged and near-miss pairs from today's detector
and leaves out the ``scorer_flag`` rows that ``add_flagged.py`` appended, so it
rebuilds a different set. Add pairs with ``add_flagged.py`` instead.

Run: ``.venv/bin/python -m benchmarks.restatements.candidates`` (about a minute;
parsing dominates). ``--view FILE`` also writes the unlabelled pairs, shuffled and
without scores or sources, as plain text to label from.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import pandas as pd

# The files, the sample and the columns are shared with the tests (analysis.evaluation).
from analysis.evaluation import (
    COLUMNS,
    KEY,
    LABELS_FILE,
    PAIRS_FILE,
    SAMPLE_SEED,
    sample_articles,
)
from analysis.paths import PROJECT_DIR

BBC = PROJECT_DIR.parent / "shared" / "corpus" / "bbc"
NEAR_MISSES_PER_ARTICLE = 2
RANDOM_PER_ARTICLE = 1
SPLIT_SEED = 2026


def article_pairs(relative: str, rng: random.Random) -> list[dict]:
    """The flagged, near-miss and random pairs of one article, with today's scores."""
    from analysis import load_article
    from analysis.repetition import (
        MIN_SHARED_WORDS,
        RESTATEMENT_THRESHOLD,
        restatement_pairs,
        sentence_restatements,
        similarity_matrix,
    )

    article = load_article(BBC / relative)
    texts = {s.id: s.text for s in article.sentences}
    scored = restatement_pairs(article, threshold=RESTATEMENT_THRESHOLD / 2, min_shared=1)
    flagged = (scored["similarity"] >= RESTATEMENT_THRESHOLD) & (
        scored["n_shared"] >= MIN_SHARED_WORDS
    )
    best = sentence_restatements(article).dropna(subset=["restates"])
    best_pairs = {(int(e), int(s)) for e, s in zip(best["restates"], best["sentence"], strict=True)}
    near = scored[~flagged].head(NEAR_MISSES_PER_ARTICLE)  # sorted most similar first
    rows = [
        _row(relative, r, "flagged", True, texts, best_pairs) for r in scored[flagged].itertuples()
    ]
    rows += [_row(relative, r, "near_miss", False, texts, best_pairs) for r in near.itertuples()]
    taken = {(r["earlier_id"], r["later_id"]) for r in rows}
    matrix = similarity_matrix(article)
    n_shared = {(r.earlier, r.later): r.n_shared for r in scored.itertuples()}
    others = [(e, later) for later in texts for e in texts if e < later and (e, later) not in taken]
    for e, later in rng.sample(others, min(RANDOM_PER_ARTICLE, len(others))):
        rows.append(
            {
                "article": relative,
                "earlier_id": e,
                "later_id": later,
                "earlier": texts[e],
                "later": texts[later],
                "old_score": round(float(matrix.loc[e, later]), 4),
                "old_flagged": False,
                "source": "random",
                "old_n_shared": int(n_shared.get((e, later), 0)),
                "old_best": False,
            }
        )
    return rows


def _row(relative, pair, source, is_flagged, texts, best_pairs) -> dict:
    e, later = int(pair.earlier), int(pair.later)
    return {
        "article": relative,
        "earlier_id": e,
        "later_id": later,
        "earlier": texts[e],
        "later": texts[later],
        "old_score": round(float(pair.similarity), 4),
        "old_flagged": is_flagged,
        "source": source,
        "old_n_shared": int(pair.n_shared),
        # The pair the article's restatement table reports (each sentence's best match).
        "old_best": (e, later) in best_pairs,
    }


def assign_splits(articles: list[str], seed: int = SPLIT_SEED) -> dict[str, str]:
    """Half of the articles (rounded down) to ``dev``, the rest to ``test``, by a seeded shuffle."""
    order = sorted(articles)
    random.Random(seed).shuffle(order)
    half = len(order) // 2
    return {a: ("dev" if i < half else "test") for i, a in enumerate(order)}


def merge_labels(pairs: pd.DataFrame, labels_file: Path = LABELS_FILE) -> pd.DataFrame:
    """Fill ``label`` and ``note`` from the labels file (pairs without a label stay empty)."""
    if not labels_file.exists():
        return pairs.assign(label=pd.array([pd.NA] * len(pairs), dtype="Int64"), note="")
    labels = pd.read_csv(labels_file, dtype={"note": str}, keep_default_na=False)
    labels = labels.drop_duplicates(KEY, keep="last")
    merged = pairs.merge(labels[KEY + ["label", "note"]], on=KEY, how="left")
    merged["label"] = pd.to_numeric(merged["label"]).astype("Int64")
    merged["note"] = merged["note"].fillna("")
    return merged


def build(bbc: Path = BBC) -> pd.DataFrame:
    """All candidate pairs of the sampled articles, labelled where labels exist."""
    articles = sample_articles(bbc)
    rng = random.Random(SAMPLE_SEED)
    rows = [row for relative in articles for row in article_pairs(relative, rng)]
    pairs = merge_labels(pd.DataFrame(rows))
    splits = assign_splits(articles)
    pairs["split"] = pairs["article"].map(splits)
    return pairs[COLUMNS]


def write_view(pairs: pd.DataFrame, path: Path, seed: int = SAMPLE_SEED) -> None:
    """The pairs, shuffled, as text with only the sentences and their neighbours: no scores."""
    from analysis import load_article

    shuffled = pairs.sample(frac=1, random_state=seed)
    cache: dict[str, dict[int, str]] = {}
    blocks = []
    for row in shuffled.itertuples():
        if row.article not in cache:
            cache[row.article] = {s.id: s.text for s in load_article(BBC / row.article).sentences}
        texts = cache[row.article]
        before = texts.get(row.later_id - 1, "") if row.later_id - 1 != row.earlier_id else ""
        blocks.append(
            f"## {row.article} {row.earlier_id} {row.later_id}\n"
            f"E[{row.earlier_id}]: {row.earlier}\n"
            + (f"  (before L: {before})\n" if before else "")
            + f"L[{row.later_id}]: {row.later}\n"
        )
    path.write_text("\n".join(blocks), encoding="utf-8")


def main(view: Path | None = None) -> pd.DataFrame:
    pairs = build()
    pairs.to_csv(PAIRS_FILE, index=False, lineterminator="\n")
    counts = pairs["source"].value_counts().to_dict()
    print(f"{len(pairs)} pairs from {pairs['article'].nunique()} articles: {counts}")
    labelled = pairs["label"].notna()
    print(f"labelled: {int(labelled.sum())}, positives: {int(pairs['label'].sum())}")
    if view is not None:
        write_view(pairs[~labelled], view)
    return pairs


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--view", type=Path, help="also write the unlabelled pairs to label")
    main(parser.parse_args().view)
