"""How many shown terms (top words, distinctive words, n-grams) are not words of their article.

    .venv/bin/python -m benchmarks.shown_words [--articles 200] [--verbose]

For BBC articles spread evenly over the five topics (the same pick as ``benchmarks.run``)
plus the seed and every page of ``../shared/corpus/html/``, counts the terms that the
report (``top_words``, ``distinctive_words``, ``top_ngrams``) and the full default tables
(``word_counts``, ``distinctive_words``, ``ngram_counts``) show but that the article never
writes: looked for case-insensitively, apostrophes straightened, as a whole word or phrase
(:func:`analysis.evaluation.occurs_in`). Issue 13's target is 0. Asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from analysis.evaluation import missing_terms
from analysis.paths import PROJECT_DIR, SEED_ARTICLE
from benchmarks.run import bbc_files

HTML_DIR = PROJECT_DIR.parent / "shared" / "corpus" / "html"
REPORT_KEYS = ("top_words", "distinctive_words", "top_ngrams")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="BBC articles (default 200)")
    parser.add_argument("--verbose", action="store_true", help="print every missing term")
    args = parser.parse_args(argv)
    from analysis import load_article

    sources = [SEED_ARTICLE, *bbc_files(args.articles), *sorted(HTML_DIR.glob("*.html"))]
    report_missing: Counter = Counter()
    table_missing: Counter = Counter()
    articles_hit = 0
    started = time.perf_counter()
    for path in sources:
        missing = missing_terms(load_article(path))
        in_report = {term for key in REPORT_KEYS for term in missing.get(key, [])}
        in_tables = {term for terms in missing.values() for term in terms}
        report_missing.update(in_report)
        table_missing.update(in_tables)
        articles_hit += bool(in_tables)
        if args.verbose and in_tables:
            print(f"{path.relative_to(PROJECT_DIR.parent)}: {missing}")
    print(f"articles checked: {len(sources)} ({time.perf_counter() - started:.0f} s)")
    print(f"articles with a shown term not in the text: {articles_hit}")
    print(f"report terms not in their article (top_words, distinctive_words, top_ngrams): "
          f"{sum(report_missing.values())}")
    print(f"table terms not in their article (report + full default tables): "
          f"{sum(table_missing.values())}")
    if table_missing:
        print("most frequent:", ", ".join(f"{t} ({n})" for t, n in table_missing.most_common(15)))


if __name__ == "__main__":
    main()
