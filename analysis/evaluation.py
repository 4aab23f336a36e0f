"""Readers of the labelled data that the tests and the benchmarks both check the package on.

The hand-counted entities (``benchmarks/entities/hand_counts.csv``), the labelled
restatement pairs (``benchmarks/restatements/pairs.csv``) and the texts they were made
from (the shared corpus beside the project, ``../shared/corpus``, read in place and
never copied into the repository), and the reference check that every term the
frequency analysis shows is written in its article.

Why in the package: ``tests/`` and ``benchmarks/`` both read these, and neither may
import the other (a test must not break when a benchmark script changes, and a
benchmark must run without the test suite). The project's top-level layout is fixed,
so the one place both already import is ``analysis``. Nothing in the package imports
this module: it is a reader for checking the package, above every other layer.

Nothing here asserts anything; the tests assert, the benchmarks print.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.paths import PROJECT_DIR
from analysis.vocabulary import straighten_apostrophes

# The shared corpus beside the project (BBC News, HTML pages, PolNeAR), read in place.
SHARED_CORPUS = PROJECT_DIR.parent / "shared" / "corpus"
BENCHMARKS = PROJECT_DIR / "benchmarks"


def corpus_missing(path: Path) -> str | None:
    """Why a test or benchmark cannot read ``path`` of the shared corpus (None if it can)."""
    if path.exists():
        return None
    if not SHARED_CORPUS.is_dir():
        return f"../shared/corpus not found: {SHARED_CORPUS} is absent"
    return f"{path} not found (the shared corpus is at {SHARED_CORPUS})"


# -- entities counted by hand -----------------------------------------------------------

HAND_COUNTS = BENCHMARKS / "entities" / "hand_counts.csv"
TOP_N = 5
TOLERANCE = 0.10  # the target: within 10 % of the hand count
MIN_MENTIONS = 2  # an entity named once is not a "top" entity


@dataclass(frozen=True)
class HandCount:
    """One row of ``hand_counts.csv``: an entity of an article, counted by reading it.

    ``adjectival`` is None where adjectival uses were not counted; ``benchmark`` is
    False for a single count that a test checks but that is not part of the article's
    list of top entities (see ``GUIDELINES.md``).
    """

    article: str
    entity: str
    type: str
    count: int
    adjectival: int | None
    benchmark: bool


@dataclass(frozen=True)
class EntityCheck:
    """One hand-counted top entity of one article, against the package's count."""

    article: str
    entity: str
    type: str
    hand: int
    package: int
    package_name: str

    @property
    def within(self) -> bool:
        """Whether the package's count is within :data:`TOLERANCE` of the hand count."""
        return abs(self.package - self.hand) <= TOLERANCE * self.hand


@dataclass(frozen=True)
class ArticleResult:
    """The checks of one article and its top-5 name overlap."""

    article: str
    checks: list[EntityCheck]
    n_package_top: int
    n_package_top_correct: int
    n_hand_top: int
    n_hand_top_found: int


def article_file(article: str) -> Path:
    """Where an article of the hand-counted set lives: ``seeds/`` in the project, else shared."""
    return PROJECT_DIR / article if article.startswith("seeds/") else SHARED_CORPUS / article


def hand_count_rows() -> list[HandCount]:
    """Every row of ``hand_counts.csv``, in file order."""
    with HAND_COUNTS.open(encoding="utf-8") as handle:
        return [
            HandCount(
                article=row["article"],
                entity=row["entity"],
                type=row["type"],
                count=int(row["count"]),
                adjectival=int(row["adjectival"]) if row["adjectival"] else None,
                benchmark=row["benchmark"] == "yes",
            )
            for row in csv.DictReader(handle)
        ]


def hand_counts() -> dict[str, list[dict]]:
    """The benchmark's hand counts by article (in file order), each ``{entity, type, count}``."""
    by_article: dict[str, list[dict]] = {}
    for row in hand_count_rows():
        if row.benchmark:
            by_article.setdefault(row.article, []).append(
                {"entity": row.entity, "type": row.type, "count": row.count}
            )
    return by_article


def top_names(names_and_counts: list[tuple[str, int]]) -> list[str]:
    """The top-5 names (named at least twice, ties at the fifth place included)."""
    ranked = sorted([(n, c) for n, c in names_and_counts if c >= MIN_MENTIONS], key=lambda x: -x[1])
    if len(ranked) <= TOP_N:
        return [n for n, _ in ranked]
    cutoff = ranked[TOP_N - 1][1]
    return [n for n, c in ranked if c >= cutoff]


def _plain(name: str) -> str:
    return name.casefold().removeprefix("the ")


def _matches(hand_name: str, row) -> bool:
    """A package entity is the hand entity when its name or one of its surfaces is
    (case and a leading "the" aside)."""
    wanted = _plain(hand_name)
    return _plain(row["name"]) == wanted or any(_plain(f) == wanted for f in row["surface_forms"])


def check_article(article: str, rows: list[dict], counts: pd.DataFrame) -> ArticleResult:
    """Compare one article's hand counts with the package's ``entity_counts`` table."""
    hand_top = top_names([(r["entity"], r["count"]) for r in rows])
    records = counts.to_dict("records")
    checks = []
    for row in rows:
        if row["entity"] not in hand_top:
            continue
        matched = [r for r in records if _plain(r["name"]) == _plain(row["entity"])]
        matched = matched or [r for r in records if _matches(row["entity"], r)]
        best = max(matched, key=lambda r: r["mentions"]) if matched else None
        checks.append(
            EntityCheck(
                article=article,
                entity=row["entity"],
                type=row["type"],
                hand=row["count"],
                package=int(best["mentions"]) if best else 0,
                package_name=best["name"] if best else "",
            )
        )
    package_top = top_names([(r["name"], int(r["mentions"])) for r in records])
    by_name = {r["name"]: r for r in records}
    correct = [name for name in package_top if any(_matches(h, by_name[name]) for h in hand_top)]
    found = {c.entity for c in checks if c.package_name in package_top}
    return ArticleResult(
        article=article,
        checks=checks,
        n_package_top=len(package_top),
        n_package_top_correct=len(correct),
        n_hand_top=len(hand_top),
        n_hand_top_found=len(found),
    )


def run(articles: list[str] | None = None) -> list[ArticleResult]:
    """Check every hand-counted article whose source is present (or the ones named)."""
    from analysis import entities, load_article

    results = []
    for article, rows in hand_counts().items():
        if articles and article not in articles:
            continue
        path = article_file(article)
        if not path.exists():
            continue
        counts = entities.entity_counts(load_article(path))
        results.append(check_article(article, rows, counts))
    return results


# -- shown terms are written in their article -------------------------------------------


def shown_terms(article) -> dict[str, list[str]]:
    """Where a term is shown -> the terms shown there (report sections and full tables)."""
    from analysis import frequencies

    section = frequencies.report_section(article)
    return {
        "top_words": [row["term"] for row in section["top_words"]],
        "distinctive_words": [row["term"] for row in section["distinctive_words"]],
        "top_ngrams": [row["term"] for row in section["top_ngrams"]],
        "word_counts": frequencies.word_counts(article)["term"].tolist(),
        "distinctive_table": frequencies.distinctive_words(article)["term"].tolist(),
        "ngram_table": frequencies.ngram_counts(article)["term"].tolist(),
    }


def occurs_in(term: str, text: str) -> bool:
    """Whether ``term`` is written in ``text`` as a whole word or phrase.

    Independent of :mod:`analysis.frequencies`: case-insensitive, apostrophes
    straightened, any run of white space between the words of a phrase.
    """
    words = straighten_apostrophes(term).split()
    if not words:
        return False
    pattern = r"\s+".join(re.escape(word) for word in words)
    # A whole word: no letter or digit may touch an edge that is one ("US$" may touch "1").
    before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return re.search(before + pattern + after, text, re.IGNORECASE) is not None


def missing_terms(article) -> dict[str, list[str]]:
    """Where a term is shown -> the shown terms not written in the article (empty lists dropped)."""
    text = straighten_apostrophes(article.text)
    missing = {
        where: [term for term in terms if not occurs_in(term, text)]
        for where, terms in shown_terms(article).items()
    }
    return {where: terms for where, terms in missing.items() if terms}


# -- labelled restatement pairs -----------------------------------------------------------

RESTATEMENTS = BENCHMARKS / "restatements"
PAIRS_FILE = RESTATEMENTS / "pairs.csv"
LABELS_FILE = RESTATEMENTS / "labels.csv"
SPLITS = ("dev", "test")
SAMPLE_SEED = 13
ARTICLES_PER_FOLDER = 16
KEY = ["article", "earlier_id", "later_id"]
COLUMNS = [
    "article",
    "earlier_id",
    "later_id",
    "earlier",
    "later",
    "old_score",
    "old_flagged",
    "label",
    "note",
    "split",
    "source",
    "old_n_shared",
    "old_best",
]


def sample_articles(
    bbc: Path = SHARED_CORPUS / "bbc", per_folder: int = ARTICLES_PER_FOLDER,
    seed: int = SAMPLE_SEED,
) -> list[str]:
    """The sampled articles as paths relative to ``bbc`` (``tech/012.txt``), folder by folder."""
    rng = random.Random(seed)
    chosen = []
    for folder in sorted(p for p in bbc.iterdir() if p.is_dir()):
        names = sorted(p.name for p in folder.glob("*.txt"))
        chosen += [f"{folder.name}/{name}" for name in sorted(rng.sample(names, per_folder))]
    return chosen


def load_pairs(split: str | None = None, path: Path = PAIRS_FILE) -> pd.DataFrame:
    """The pairs with their labels, all of them or one split.

    Args:
        split: ``"dev"``, ``"test"`` or ``None`` for both.
        path: The pairs file (default: ``benchmarks/restatements/pairs.csv``).

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
