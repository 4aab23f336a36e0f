"""Headline metrics of all 2,225 BBC News articles: the one BBC reference of the package.

Runs ``analyze_many`` over ``../shared/corpus/bbc`` and writes the percentiles 0-100
of every numeric headline metric to ``analysis/data/bbc_reference.csv`` (shipped
with the package and read only by :mod:`analysis.compare`, so nothing reads the
corpus at run time) and the full table to ``benchmarks/results/bbc_headline_metrics.csv``.
Re-run it whenever an analysis changes a headline metric.

    .venv/bin/python -m benchmarks.bbc_reference [--workers 2]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from analysis.compare import REFERENCE_FILE
from analysis.corpus import analyze_many
from analysis.paths import PROJECT_DIR, data_file

BBC_DIR = PROJECT_DIR.parent / "shared" / "corpus" / "bbc"
RESULTS = Path(__file__).parent / "results"
PERCENTILES = list(range(101))


def bbc_articles() -> list[Path]:
    """Every BBC article, topic by topic, in file order."""
    return sorted(BBC_DIR.glob("*/*.txt"))


def percentile_table(table: pd.DataFrame) -> pd.DataFrame:
    """Percentiles of each numeric column, one row per percentile."""
    numeric = table[table["error"].isna()].select_dtypes("number")
    rows = numeric.quantile([p / 100 for p in PERCENTILES])
    rows.index = pd.Index(PERCENTILES, name="percentile")
    return rows.round(6)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    sources = bbc_articles()
    started = time.perf_counter()
    table = analyze_many(sources, workers=args.workers)
    seconds = time.perf_counter() - started
    RESULTS.mkdir(exist_ok=True)
    # Paths relative to the corpus folder, so the table is the same from any clone.
    table["source"] = [Path(s).relative_to(BBC_DIR).as_posix() for s in table["source"]]
    table.to_csv(RESULTS / "bbc_headline_metrics.csv", index=False, lineterminator="\n")
    reference = percentile_table(table)
    reference.to_csv(data_file(REFERENCE_FILE), lineterminator="\n")
    summary = {
        "articles": len(table),
        "errors": int(table["error"].notna().sum()),
        "seconds": round(seconds, 1),
        "articles_per_second": round(len(table) / seconds, 2),
    }
    print(summary)
    print(reference.loc[[10, 50, 90]].T.to_string())
    return summary


if __name__ == "__main__":
    main()
