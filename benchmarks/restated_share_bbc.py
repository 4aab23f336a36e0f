"""Redundancy measures of every BBC article in the shared corpus (2,225 articles).

Measures how much ordinary human-written news restates itself, as the yardstick
for the seed. For each article: ``load_article`` then
:func:`analysis.repetition.redundancy_measures`. Writes

- ``benchmarks/results/restated_share_bbc.csv``: one row per article;
- ``analysis/data/bbc_repetition_reference.csv``: percentiles 0-100 of each
  measure, which :func:`analysis.repetition.compare_to_reference` reads.

Run: ``.venv/bin/python benchmarks/restated_share_bbc.py [--jobs N]`` (a few
minutes; loading and parsing dominate). Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.paths import PROJECT_DIR, data_file
from analysis.repetition import REFERENCE_MEASURES

BBC = PROJECT_DIR.parent / "shared" / "corpus" / "bbc"
RESULTS = Path(__file__).resolve().parent / "results"
OUTPUT = RESULTS / "restated_share_bbc.csv"
SEED = PROJECT_DIR / "seeds" / "000-russia-north-korea-mutual-aid-pact.txt"


def measure(path: Path) -> dict:
    """Redundancy measures of one article (or the error that stopped it)."""
    from analysis import load_article
    from analysis.repetition import redundancy_measures

    row = {"article": f"{path.parent.name}/{path.name}"}
    try:
        row |= redundancy_measures(load_article(path)).to_dict()
    except Exception as error:  # noqa: BLE001 - a corpus run records failures and goes on
        row["error"] = f"{type(error).__name__}: {error}"
    return row


def summarize(table: pd.DataFrame, seed: dict) -> dict:
    """Median, 90th percentile and maximum of each measure, with the seed's value."""
    return {
        name: {
            "median": float(table[name].median()),
            "p90": float(table[name].quantile(0.9)),
            "max": float(table[name].max()),
            "seed": float(seed[name]),
            "seed_percentile": float((table[name] < seed[name]).mean() * 100),
        }
        for name in REFERENCE_MEASURES
    }


def main(jobs: int = 2) -> dict:
    """Measure every BBC article, write the CSVs, print and return the summary."""
    paths = sorted(BBC.glob("*/*.txt"))
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        rows = list(pool.map(measure, paths, chunksize=16))
    elapsed = time.perf_counter() - started
    table = pd.DataFrame(rows)
    RESULTS.mkdir(parents=True, exist_ok=True)
    table.to_csv(OUTPUT, index=False, lineterminator="\n")
    ok = table[table.get("error", pd.Series(index=table.index, dtype=object)).isna()]
    percentiles = pd.DataFrame(
        {name: np.nanpercentile(ok[name].astype(float), range(101)) for name in REFERENCE_MEASURES}
    )
    percentiles.insert(0, "percentile", range(101))
    percentiles.to_csv(
        data_file("bbc_repetition_reference.csv"),
        index=False,
        float_format="%.6g",
        lineterminator="\n",
    )
    seed = measure(SEED)
    summary = {
        "n_articles": len(table),
        "n_failed": int(len(table) - len(ok)),
        "seconds": round(elapsed, 1),
        "measures": summarize(ok, seed),
    }
    print(f"{summary['n_articles']} BBC articles ({summary['n_failed']} failed) in {elapsed:.0f} s")
    print(f"{'measure':<18}{'median':>9}{'p90':>9}{'max':>9}{'seed':>9}{'seed pct':>10}")
    for name, row in summary["measures"].items():
        print(
            f"{name:<18}{row['median']:>9.3f}{row['p90']:>9.3f}{row['max']:>9.3f}"
            f"{row['seed']:>9.3f}{row['seed_percentile']:>10.1f}"
        )
    return summary


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    main(parser.parse_args().jobs)
