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
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.paths import PROJECT_DIR

HAND_COUNTS = Path(__file__).resolve().parent / "hand_counts.csv"
SHARED_CORPUS = PROJECT_DIR.parent / "shared" / "corpus"
TOP_N = 5
TOLERANCE = 0.10  # the target: within 10 % of the hand count
MIN_MENTIONS = 2  # an entity named once is not a "top" entity


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


def hand_counts() -> dict[str, list[dict]]:
    """The hand counts by article (in file order), each row ``{entity, type, count}``."""
    by_article: dict[str, list[dict]] = {}
    with HAND_COUNTS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_article.setdefault(row["article"], []).append(
                {"entity": row["entity"], "type": row["type"], "count": int(row["count"])}
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
