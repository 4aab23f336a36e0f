"""Round 2 of the restatement set (issue 24): more articles, from BBC and PolNeAR texts.

Issue 24 asks for at least 2,000 labelled pairs from at least 250 articles with at
least 300 that restate. Round 1 (``candidates.py``, ``add_flagged.py``) holds 624
pairs from 80 BBC articles, 81 of which restate. This script draws the new articles
and their candidate pairs; the labels are written by people reading the pairs
(``GUIDELINES.md``) into ``labels_more.csv`` and merged into ``pairs.csv`` by
``--merge``.

The new articles, none of them in round 1:

- BBC: :data:`BBC_PER_FOLDER` more from each of the five folders (seeded sample);
- PolNeAR dev: :data:`POLNEAR_ARTICLES` of the 84 texts (long political stories, full
  of quotes that restate the line before them). PolNeAR texts are named in
  ``article`` as ``polnear-dev/text/NAME.txt`` (a path under ``../shared/corpus``);
  BBC ones keep round 1's path under the bbc folder (``tech/012.txt``).

Per article: the :data:`TOP_PER_ARTICLE` highest-scoring pairs of today's detector,
flagged or not (``source = top``), and :data:`RANDOM_PER_ARTICLE` random pair
(``source = random``). Taking the top pairs, not only the flagged ones, gives recall
something to be measured against beyond the detector's own flags.

Split: the new articles are assigned to ``dev`` or ``test`` by a seeded shuffle of
their own (seed :data:`SPLIT_SEED`), half each, so dev and test stay disjoint by
article. Nothing is chosen on test.

Run: ``.venv/bin/python -m benchmarks.restatements.more_candidates --view A.txt B.txt``
writes ``pairs_more.csv`` (unlabelled) and two shuffled views without scores, one per
labeller (articles split between them); ``--merge`` appends the labelled rows of
``pairs_more.csv`` to ``pairs.csv``.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import pandas as pd

from analysis.paths import PROJECT_DIR
from benchmarks.restatements.candidates import COLUMNS, KEY, PAIRS_FILE, merge_labels

CORPUS = PROJECT_DIR.parent / "shared" / "corpus"
BBC = CORPUS / "bbc"
HERE = Path(__file__).resolve().parent
MORE_FILE = HERE / "pairs_more.csv"
MORE_LABELS = HERE / "labels_more.csv"

SAMPLE_SEED = 24
BBC_PER_FOLDER = 22
POLNEAR_ARTICLES = 60
TOP_PER_ARTICLE = 8
RANDOM_PER_ARTICLE = 1
SPLIT_SEED = 2424


def article_path(name: str) -> Path:
    """The file of a pair's ``article``: under the corpus folder when it names one."""
    return CORPUS / name if name.startswith("polnear-dev/") else BBC / name


def sample_articles() -> list[str]:
    """The round-2 articles, BBC folder by folder and then PolNeAR, none of round 1."""
    taken = set(pd.read_csv(PAIRS_FILE, usecols=["article"])["article"])
    rng = random.Random(SAMPLE_SEED)
    chosen = []
    for folder in sorted(p for p in BBC.iterdir() if p.is_dir()):
        names = [f"{folder.name}/{p.name}" for p in sorted(folder.glob("*.txt"))]
        names = [n for n in names if n not in taken]
        chosen += sorted(rng.sample(names, BBC_PER_FOLDER))
    texts = sorted((CORPUS / "polnear-dev" / "text").glob("*.txt"))
    chosen += sorted(f"polnear-dev/text/{p.name}" for p in rng.sample(texts, POLNEAR_ARTICLES))
    return chosen


def article_pairs(name: str, rng: random.Random) -> list[dict]:
    """The top-scoring and random pairs of one article, with today's scores."""
    from analysis import load_article
    from analysis.repetition import restatement_pairs

    article = load_article(article_path(name))
    texts = {s.id: s.text for s in article.sentences}
    scored = restatement_pairs(article, threshold=0.0, min_shared=0)
    flagged = {(int(r.earlier), int(r.later)) for r in restatement_pairs(article).itertuples()}
    rows = [
        _row(name, int(r.earlier), int(r.later), texts, "top", r.similarity, r.n_shared, flagged)
        for r in scored.head(TOP_PER_ARTICLE).itertuples()
    ]
    taken = {(r["earlier_id"], r["later_id"]) for r in rows}
    others = [(e, la) for la in texts for e in texts if e < la and (e, la) not in taken]
    for e, la in rng.sample(others, min(RANDOM_PER_ARTICLE, len(others))):
        rows.append(_row(name, e, la, texts, "random", None, None, flagged))
    return rows


def _row(name, earlier, later, texts, source, score, n_shared, flagged) -> dict:
    return {
        "article": name,
        "earlier_id": earlier,
        "later_id": later,
        "earlier": texts[earlier],
        "later": texts[later],
        "old_score": None if score is None else round(float(score), 4),
        "old_flagged": (earlier, later) in flagged,
        "source": source,
        "old_n_shared": None if n_shared is None else int(n_shared),
        "old_best": False,
    }


def assign_splits(articles: list[str]) -> dict[str, str]:
    """Half of the round-2 articles to ``dev``, the rest to ``test`` (seeded shuffle)."""
    order = sorted(articles)
    random.Random(SPLIT_SEED).shuffle(order)
    half = len(order) // 2
    return {a: ("dev" if i < half else "test") for i, a in enumerate(order)}


def build() -> pd.DataFrame:
    """Every round-2 candidate pair, labelled where ``labels_more.csv`` has a label."""
    articles = sample_articles()
    rng = random.Random(SAMPLE_SEED)
    rows = [row for name in articles for row in article_pairs(name, rng)]
    pairs = merge_labels(pd.DataFrame(rows), MORE_LABELS)
    pairs["split"] = pairs["article"].map(assign_splits(articles))
    return pairs[COLUMNS]


def write_views(pairs: pd.DataFrame, paths: list[Path]) -> None:
    """The pairs as text to label from, shuffled, no scores; articles dealt out to ``paths``."""
    from analysis import load_article

    articles = sorted(pairs["article"].unique())
    owner = {a: i % len(paths) for i, a in enumerate(articles)}
    blocks: list[list[str]] = [[] for _ in paths]
    for row in pairs.sample(frac=1, random_state=SAMPLE_SEED).itertuples():
        texts = {s.id: s.text for s in load_article(article_path(row.article)).sentences}
        before = texts.get(row.later_id - 1, "") if row.later_id - 1 != row.earlier_id else ""
        blocks[owner[row.article]].append(
            f"## {row.article} {row.earlier_id} {row.later_id}\n"
            f"E[{row.earlier_id}]: {row.earlier}\n"
            + (f"  (before L: {before})\n" if before else "")
            + f"L[{row.later_id}]: {row.later}\n"
        )
    for path, block in zip(paths, blocks, strict=True):
        path.write_text("\n".join(block), encoding="utf-8")


def merge_into_pairs() -> None:
    """Append the labelled round-2 pairs to ``pairs.csv`` (replacing earlier appends)."""
    more = merge_labels(
        pd.read_csv(MORE_FILE, keep_default_na=False).drop(columns=["label", "note"]), MORE_LABELS
    )
    more = more[more["label"].notna()][COLUMNS]
    pairs = pd.read_csv(PAIRS_FILE, keep_default_na=False, dtype=str)
    pairs = pairs.merge(more[KEY].astype(str), on=KEY, how="left", indicator=True)
    pairs = pairs[pairs["_merge"] == "left_only"].drop(columns="_merge")
    merged = pd.concat([pairs, more.astype(str).replace({"<NA>": "", "None": "", "nan": ""})])
    merged[COLUMNS].to_csv(PAIRS_FILE, index=False, lineterminator="\n")
    print(f"pairs.csv: {len(merged)} pairs, {merged['article'].nunique()} articles")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--view", type=Path, nargs="*", help="views to write, one per labeller")
    parser.add_argument("--merge", action="store_true", help="append labelled pairs to pairs.csv")
    args = parser.parse_args()
    if args.merge:
        merge_into_pairs()
        return
    pairs = build()
    pairs.to_csv(MORE_FILE, index=False, lineterminator="\n")
    print(f"{len(pairs)} pairs from {pairs['article'].nunique()} articles")
    print(pairs["source"].value_counts().to_string())
    if args.view:
        write_views(pairs[pairs["label"].isna()], args.view)


if __name__ == "__main__":
    main()
