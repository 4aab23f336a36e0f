"""Print the hand-counted entity benchmark (see :mod:`benchmarks.entities`)."""

from __future__ import annotations

import sys

from benchmarks.entities import TOLERANCE, run


def main(argv: list[str] | None = None) -> int:
    """Print per-article checks and the overall figures; exit 1 if a check misses."""
    results = run(argv or None)
    n_checks = n_within = 0
    for result in results:
        print(f"\n{result.article}")
        print(f"  {'entity':38} {'hand':>5} {'package':>8}  within {TOLERANCE:.0%}")
        for check in result.checks:
            n_checks += 1
            n_within += check.within
            name = check.entity + (
                f" (as {check.package_name})"
                if check.package_name and check.package_name != check.entity
                else ""
            )
            mark = "yes" if check.within else "NO"
            print(f"  {name[:38]:38} {check.hand:>5} {check.package:>8}  {mark}")
    package_top = sum(r.n_package_top for r in results)
    correct = sum(r.n_package_top_correct for r in results)
    hand_top = sum(r.n_hand_top for r in results)
    found = sum(r.n_hand_top_found for r in results)
    print(f"\n{len(results)} articles, {n_checks} hand-counted top-5 entities")
    print(f"within {TOLERANCE:.0%} of the hand count: {n_within}/{n_checks}")
    print(
        f"top-5 names: precision {correct / max(package_top, 1):.2f} ({correct}/{package_top}), "
        f"recall {found / max(hand_top, 1):.2f} ({found}/{hand_top})"
    )
    return 0 if n_within == n_checks else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
