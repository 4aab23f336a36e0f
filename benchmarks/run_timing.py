"""Wall time of ``python -m analysis run`` from process start, cold and warm cache.

Usage: ``python -m benchmarks.run_timing [--repeats N] [--baseline DIR]``

Every case runs in a fresh process with its own cache, figures and output folders
(under a temporary directory), so nothing the user has is touched and "cold" means
no article was parsed before. Cases, all in one run so their ratios share the
machine's load:

- seed, cold cache, ``--workers 1`` and the default workers;
- seed, warm cache (the same command again);
- one article ``--workers 1`` against two articles ``--workers 2`` (cold).

``--baseline DIR`` also times the seed run of another checkout of the project
(e.g. ``git archive <commit> | tar -x -C /tmp/base``), imported through ``PYTHONPATH``.
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

from analysis.paths import SEEDS_DIR, seed_articles


def timed_run(args: list[str], scratch: Path, cache: Path, cwd: Path | None = None) -> float:
    """Seconds for one ``python -m analysis run`` with scratch folders."""
    env = dict(os.environ)
    env.update(
        ANALYSIS_CACHE_DIR=str(cache),
        ANALYSIS_FIGURES_DIR=str(scratch / "figures"),
    )
    if cwd is not None:
        env["PYTHONPATH"] = str(cwd)
    command = [sys.executable, "-m", "analysis", "run", "--quiet", "--output", str(scratch / "out")]
    started = time.perf_counter()
    result = subprocess.run(
        command + args, env=env, cwd=cwd, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return seconds


def measure(repeats: int, baseline: Path | None) -> dict[str, float]:
    seed = str(seed_articles()[0])
    second = str(SEEDS_DIR / "bbc-business-020-call-centres.txt")
    # (name, arguments, cache folder, checkout): cases sharing a cache run in this order.
    cases = [
        ("seed cold, 1 worker", [seed, "--workers", "1"], "cache-1", None),
        ("seed cold, default workers", [seed], "cache-default", None),
        ("seed warm, default workers", [seed], "cache-default", None),
        ("1 article cold, 1 worker", [second, "--workers", "1"], "cache-one", None),
        ("2 articles cold, 2 workers", [seed, second, "--workers", "2"], "cache-two", None),
    ]
    if baseline is not None:
        cases.insert(0, ("baseline seed", [seed], "cache-baseline", baseline))
    times: dict[str, list[float]] = {}
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="run-timing-") as folder:
            root = Path(folder)
            for name, args, cache_name, checkout in cases:
                seconds = timed_run(args, root / name, root / cache_name, checkout)
                times.setdefault(name, []).append(seconds)
                print(f"{name:<32} {seconds:6.1f} s", flush=True)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--baseline", type=Path, help="another checkout to time the seed run of")
    args = parser.parse_args()
    medians = measure(args.repeats, args.baseline)
    print("\nmedians:")
    for name, seconds in medians.items():
        print(f"  {name:<32} {seconds:6.1f} s")
    one, two = medians["1 article cold, 1 worker"], medians["2 articles cold, 2 workers"]
    print(f"  2 articles (2 workers) / 1 article (1 worker): {two / one:.2f}")
    if "baseline seed" in medians:
        ratio = medians["seed cold, default workers"] / medians["baseline seed"]
        print(f"  seed cold, default workers / baseline: {ratio:.2f}")


if __name__ == "__main__":
    main()
