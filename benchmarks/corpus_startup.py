"""``compare`` on BBC articles from process start, against spaCy's own pipeline.

Usage: ``python -m benchmarks.corpus_startup [--articles 100] [--repeats 1]``

All in one run, each case a fresh process (so imports and the model load count) with
its own empty cache folder:

- spaCy: ``spacy.load`` + ``nlp.pipe`` over the same texts (the floor);
- ``compare --workers 1``, ``compare`` (default workers), ``compare --workers 2``;
- ``compare`` again on the warm cache.

Prints each wall time and the ratios the README quotes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.paths import PROJECT_DIR

BBC = PROJECT_DIR.parent / "shared" / "corpus" / "bbc"

SPACY_ONLY = """
import sys, spacy
from analysis.nlp import model_package
nlp = spacy.load(model_package())
texts = [open(p, encoding="utf-8", errors="replace").read() for p in sys.argv[1:]]
for doc in nlp.pipe(texts):
    pass
"""


def bbc_sample(n: int) -> list[str]:
    """The first n BBC files, taken round-robin over the five topics."""
    topics = [
        sorted((BBC / t).glob("*.txt")) for t in sorted(p.name for p in BBC.iterdir() if p.is_dir())
    ]
    files = [f for group in zip(*topics, strict=False) for f in group]
    return [str(f) for f in files[:n]]


def timed(command: list[str], cache: Path) -> float:
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(n: int, repeats: int) -> dict[str, float]:
    files = bbc_sample(n)
    compare = [sys.executable, "-m", "analysis", "compare", "--quiet", "--format", "csv"]
    times: dict[str, list[float]] = {}
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="corpus-startup-") as folder:
            root = Path(folder)
            cases = [
                ("spacy pipeline", [sys.executable, "-c", SPACY_ONLY, *files], "none"),
                ("compare --workers 1", [*compare, "--workers", "1", *files], "c1"),
                ("compare (default workers)", [*compare, *files], "cdefault"),
                ("compare --workers 2", [*compare, "--workers", "2", *files], "c2"),
                ("compare warm cache", [*compare, *files], "cdefault"),
            ]
            for name, command, cache in cases:
                seconds = timed(command, root / cache)
                times.setdefault(name, []).append(seconds)
                print(f"{name:<28} {seconds:6.1f} s", flush=True)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    medians = measure(args.articles, args.repeats)
    floor = medians["spacy pipeline"]
    print(f"\n{args.articles} BBC articles, ratios to spaCy's own pipeline from process start:")
    for name, seconds in medians.items():
        print(f"  {name:<28} {seconds:6.1f} s   x{seconds / floor:.2f}")


if __name__ == "__main__":
    main()
