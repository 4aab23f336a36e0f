"""Golden outputs: the full JSON report and every public table of nine real articles.

``tests/golden/<slug>/`` holds, for each article, ``report.json`` (what
``python -m analysis report --format json`` prints) and one CSV per public table.
Every float is written with :data:`~analysis.plotting.CSV_SIGNIFICANT_DIGITS` (6)
significant digits, as ``save_figure`` writes figure CSVs, so the files are the same
on every machine. ``tests/test_golden.py`` recomputes them and compares: strings and
counts exactly, floats at that written precision (equal, or one unit apart in the
sixth significant digit, where a value on a rounding boundary rounds the other way).
A change that moves any output rewrites them with::

    make golden            # or: .venv/bin/python -m tests.golden --write

and the commit says which outputs moved and why (``git diff tests/golden``).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.paths import PROJECT_DIR, SEED_ARTICLE
from analysis.plotting import CSV_SIGNIFICANT_DIGITS, round_floats, significant

GOLDEN_DIR = Path(__file__).parent / "golden"
FIXTURES = Path(__file__).parent / "fixtures"

# The seed, one BBC article per folder plus sport/199 (the cp1252 file), and two HTML
# pages (a bbc.com page that is also a seed, and an nytimes.com page).
ARTICLES = {
    "seed": SEED_ARTICLE,
    "bbc-business-001": FIXTURES / "bbc" / "business" / "001.txt",
    "bbc-entertainment-001": FIXTURES / "bbc" / "entertainment" / "001.txt",
    "bbc-politics-001": FIXTURES / "bbc" / "politics" / "001.txt",
    "bbc-sport-001": FIXTURES / "bbc" / "sport" / "001.txt",
    "bbc-sport-199": FIXTURES / "bbc" / "sport" / "199.txt",
    "bbc-tech-001": FIXTURES / "bbc" / "tech" / "001.txt",
    "html-bbc-com-mass-burials": PROJECT_DIR / "seeds" / "bbc-com-2020-new-york-mass-burials.html",
    "html-nytimes-blackouts": FIXTURES / "html" / "nytimes.com.blackouts.html",
}



def public_tables() -> dict[str, Callable]:
    """Table name -> function of an article returning a DataFrame or Series.

    Every public table of every analysis, with default arguments and the
    non-default ones a notebook or the report uses; of a table that sets the package's
    values beside another library's, the package's columns only (golden files pin
    this package's outputs, not textstat's).
    """
    from analysis import (
        attributions,
        compare,
        entities,
        frequencies,
        overview,
        readability,
        repetition,
    )

    def top_word(article) -> str:
        return str(frequencies.word_counts(article, top_n=1)["term"].iloc[0])

    return {
        "readability.word_table": readability.word_table,
        "readability.scores": readability.scores,
        "readability.grade_equivalents": readability.grade_equivalents,
        "readability.interpretation": readability.interpretation,
        "readability.sentence_table": readability.sentence_table,
        "readability.paragraph_table": readability.paragraph_table,
        # The package's own values only: the textstat and difference columns are
        # textstat's results (textstat_scores), which a textstat release may move.
        "readability.textstat_comparison": lambda a: (
            readability.textstat_comparison(a)[["measure", "ours"]]
        ),
        "frequencies.term_occurrences": frequencies.term_occurrences,
        "frequencies.word_counts": frequencies.word_counts,
        "frequencies.word_counts.lower": lambda a: frequencies.word_counts(a, by="lower"),
        "frequencies.dispersion": frequencies.dispersion,
        "frequencies.ngram_counts": frequencies.ngram_counts,
        "frequencies.ngram_counts.names": lambda a: frequencies.ngram_counts(
            a, n=(2, 3, 4), include_names=True, drop_subsumed=False
        ),
        "frequencies.distinctive_words": frequencies.distinctive_words,
        "frequencies.keyword_in_context": lambda a: frequencies.keyword_in_context(a, top_word(a)),
        "frequencies.rank_frequency": frequencies.rank_frequency,
        "repetition.repeated_phrases": repetition.repeated_phrases,
        "repetition.restatement_pairs": repetition.restatement_pairs,
        "repetition.sentence_restatements": repetition.sentence_restatements,
        "repetition.similarity_matrix": repetition.similarity_matrix,
        "repetition.novelty_curve": repetition.novelty_curve,
        "repetition.redundancy_measures": repetition.redundancy_measures,
        "repetition.measures_table": repetition.measures_table,
        "compare.compare_to_reference": compare.compare_to_reference,
        "entities.mentions": lambda a: entities.mentions(a, include_dropped=True),
        "entities.entity_counts": entities.entity_counts,
        "entities.surface_forms": entities.surface_forms,
        "entities.cooccurrence": entities.cooccurrence,
        "entities.dispersion": entities.dispersion,
        "attributions.attributions": attributions.attributions,
        "attributions.speakers": attributions.speakers,
        "attributions.kind_counts": attributions.kind_counts,
        "attributions.unattributed_claims": attributions.unattributed_claims,
        "attributions.unheard_entities": attributions.unheard_entities,
        "attributions.sentence_attributions": attributions.sentence_attributions,
        "overview.profile": overview.profile,
        "overview.takeaways": lambda a: pd.Series(overview.takeaways(a), name="takeaway"),
    }


def table_csv(table: pd.DataFrame | pd.Series) -> str:
    """A table as CSV text, its index kept as columns unless it is the default one.

    Floats are rounded to the figures' precision (:func:`~analysis.plotting.round_floats`).
    """
    frame = table.to_frame() if isinstance(table, pd.Series) else table
    if not isinstance(frame.index, pd.RangeIndex) or frame.index.name is not None:
        frame = frame.reset_index()
    return round_floats(frame).to_csv(index=False, lineterminator="\n")


def round_json(value):
    """A JSON value with every float rounded to the figures' precision."""
    if isinstance(value, dict):
        return {key: round_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [round_json(item) for item in value]
    return significant(value) if isinstance(value, float) else value


def report_json(article) -> str:
    """The article's full JSON report, as ``report --format json`` prints it."""
    from analysis.report import build_report

    report = build_report(article)
    # The source path is absolute; kept relative to the project so every clone agrees.
    source = Path(report["article"]["source"])
    report["article"]["source"] = source.relative_to(PROJECT_DIR).as_posix()
    return json.dumps(round_json(report), indent=2, ensure_ascii=False) + "\n"


def compute(path: Path) -> dict[str, str]:
    """File name -> text of every golden output of one article."""
    from analysis import load_article

    article = load_article(path)
    outputs = {"report.json": report_json(article)}
    for name, table in public_tables().items():
        outputs[f"{name}.csv"] = table_csv(table(article))
    return outputs


def write(names: list[str] | None = None) -> None:
    """Rewrite the golden files of the named articles (default: all)."""
    for name in names or list(ARTICLES):
        folder = GOLDEN_DIR / name
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        for file_name, text in compute(ARTICLES[name]).items():
            (folder / file_name).write_text(text, encoding="utf-8")
        print(f"wrote {folder.relative_to(PROJECT_DIR)}")


# Comparison -------------------------------------------------------------------------


def differences(expected: str, actual: str, file_name: str) -> list[str]:
    """Where two golden texts disagree beyond the written precision (empty when they agree)."""
    if file_name.endswith(".json"):
        return json_differences(json.loads(expected), json.loads(actual), file_name)
    return csv_differences(expected, actual, file_name)


def json_differences(expected, actual, where: str) -> list[str]:
    """Differences between two JSON values, floats compared at the written precision."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = [f"{where}: keys {sorted(set(expected) ^ set(actual))} differ"] if (
            set(expected) != set(actual)
        ) else []
        for key in expected.keys() & actual.keys():
            found += json_differences(expected[key], actual[key], f"{where}.{key}")
        return found
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{where}: {len(expected)} items expected, {len(actual)} found"]
        return [d for i, (e, a) in enumerate(zip(expected, actual, strict=True)) for d in
                json_differences(e, a, f"{where}[{i}]")]
    return [] if values_agree(expected, actual) else [f"{where}: {expected!r} != {actual!r}"]


def csv_differences(expected: str, actual: str, file_name: str) -> list[str]:
    """Differences between two CSV texts, cell by cell."""
    old = pd.read_csv(io.StringIO(expected), dtype=str, keep_default_na=False)
    new = pd.read_csv(io.StringIO(actual), dtype=str, keep_default_na=False)
    if list(old.columns) != list(new.columns):
        return [f"{file_name}: columns {list(old.columns)} != {list(new.columns)}"]
    if len(old) != len(new):
        return [f"{file_name}: {len(old)} rows expected, {len(new)} found"]
    found = []
    for column in old.columns:
        for row, (e, a) in enumerate(zip(old[column], new[column], strict=True)):
            if not values_agree(parse_cell(e), parse_cell(a)):
                found.append(f"{file_name} row {row} column {column!r}: {e!r} != {a!r}")
    return found


def parse_cell(text: str):
    """A CSV cell as a float when it is a decimal number with a point, else as text."""
    if "." in text or "e" in text.lower() or text.lower() in ("nan", "inf", "-inf"):
        try:
            return float(text)
        except ValueError:
            return text
    return text


def values_agree(expected, actual) -> bool:
    """Exact for strings, integers and booleans; floats at the written precision."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected == actual and type(expected) is type(actual)
    if isinstance(expected, float) or isinstance(actual, float):
        return (isinstance(expected, (int, float)) and isinstance(actual, (int, float))
                and floats_agree(float(expected), float(actual)))
    return type(expected) is type(actual) and expected == actual


def floats_agree(expected: float, actual: float) -> bool:
    """Equal, or at most one unit apart in the last written (sixth significant) digit.

    One unit, not zero: a value on a rounding boundary (…5 in the seventh digit) may
    round either way on another machine.
    """
    if math.isnan(expected) or math.isnan(actual):
        return math.isnan(expected) and math.isnan(actual)
    if expected == actual or math.isinf(expected) or math.isinf(actual):
        return expected == actual
    largest = max(abs(expected), abs(actual))
    unit = 10.0 ** (math.floor(math.log10(largest)) - (CSV_SIGNIFICANT_DIGITS - 1))
    return abs(expected - actual) <= unit * (1 + 1e-9)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rewrite or check the golden outputs.")
    parser.add_argument("--write", action="store_true", help="rewrite the golden files")
    parser.add_argument("articles", nargs="*", metavar="NAME",
                        help=f"articles (default: all): {', '.join(ARTICLES)}")
    args = parser.parse_args(argv)
    unknown = [name for name in args.articles if name not in ARTICLES]
    if unknown:
        parser.error(f"unknown article(s) {unknown}; choose from {list(ARTICLES)}")
    if args.write:
        write(args.articles)
        return 0
    failed = False
    for name in args.articles or ARTICLES:
        for line in check(name):
            print(f"{name}: {line}")
            failed = True
    return 1 if failed else 0


def check(name: str) -> list[str]:
    """Every difference between one article's golden files and its outputs now."""
    outputs = compute(ARTICLES[name])
    folder = GOLDEN_DIR / name
    stored = {path.name for path in folder.iterdir()} if folder.is_dir() else set()
    found = [f"{file_name}: golden file without an output" for file_name in
             sorted(stored - set(outputs))]
    for file_name, text in outputs.items():
        path = folder / file_name
        if not path.exists():
            found.append(f"{file_name}: no golden file (run make golden)")
            continue
        found += differences(path.read_text(encoding="utf-8"), text, file_name)
    return found


if __name__ == "__main__":
    sys.exit(main())
