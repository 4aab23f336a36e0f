"""Command line: ``python -m analysis {info,report,run,compare,lab,cache} ...``.

Every command's code sits here: a ``register_*`` function adds its arguments and a
``cmd_*`` function runs it by calling the package (``runner`` for ``run``,
``corpus`` for ``compare``); nothing else in the package parses arguments.

Bad input is reported on stderr as ``error: <file>: <problem>`` with exit code 2,
never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from pathlib import Path

from analysis import cli_output, textio
from analysis.errors import ArticleError, shown
from analysis.paths import (
    NOTEBOOKS_DIR,
    OUTPUT_DIR,
    PROJECT_DIR,
    SEED_ARTICLE,
    article_path,
    is_url,
)

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Explore news articles as text: readability, word frequencies, "
        "repetition, entities and sources.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    info = commands.add_parser(
        "info", help="show what was loaded from an article", description=_doc(cmd_info)
    )
    _add_article(info)
    _add_refresh(info)
    info.set_defaults(handler=cmd_info)

    report = commands.add_parser(
        "report", help="every analysis of an article, as JSON", description=_doc(cmd_report)
    )
    _add_article(report)
    _add_refresh(report)
    report.add_argument("--format", choices=["json"], default="json", help="output format")
    report.add_argument("--quiet", action="store_true", help="no progress bar")
    report.add_argument(
        "--sections",
        help="comma-separated sections to include (default: all): "
        "article,readability,frequencies,repetition,entities,attributions",
    )
    report.set_defaults(handler=cmd_report)

    for register in (register_run, register_compare, register_lab, register_cache):
        register(commands)
    return parser


def _add_article(parser: argparse.ArgumentParser) -> None:
    """The article of info and report: a file, a URL, ``-`` (standard input) or ``--text``."""
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "article",
        nargs="?",
        help="path of a .txt, .md or .html article, an http(s) URL, or - to read standard input",
    )
    which.add_argument("--text", help="analyse this text (the argument is never read as text)")


def _add_refresh(parser: argparse.ArgumentParser) -> None:
    """The ``--refresh`` option of every command that takes articles."""
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="fetch URLs again instead of reading the page kept from an earlier run",
    )


def _refresh_urls(args: argparse.Namespace) -> None:
    """Fetch every URL argument again (``--refresh``); later loads read the new pages."""
    if not getattr(args, "refresh", False):
        return
    from analysis import fetch

    sources = getattr(args, "articles", None) or [getattr(args, "article", None)]
    for source in sources:
        if is_url(source):
            fetch.fetch(source, refresh=True)


def _doc(function) -> str:
    return (function.__doc__ or "").strip().splitlines()[0]


def cmd_info(args: argparse.Namespace) -> int:
    """Print what was loaded: title, slug, encoding, paragraphs, sentences, words, boilerplate."""
    from analysis.article import load_article

    source = _article_source(args)
    _note_long_work(source)
    article = load_article(source)
    rows = [
        ("title", article.title),
        ("slug", article.slug),
        ("source", str(article.source) if article.source else "<text>"),
        ("format", article.format),
        ("encoding", article.encoding),
        ("language", f"{article.language} (p={article.language_confidence:.2f})"),
        ("paragraphs", article.n_paragraphs),
        ("sentences", article.n_sentences),
        ("words", article.n_words),
        ("removed lines", len(article.removed_lines)),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"{name:<{width}}  {value}" for name, value in rows]
    lines += [f"{'':<{width}}  - {line!r}" for line in article.removed_lines]
    cli_output.write_stdout("\n".join(lines) + "\n")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Print the machine-readable result of every analysis, one section per module."""
    from analysis.article import load_article
    from analysis.report import SECTIONS, build_report

    sections = [s.strip() for s in args.sections.split(",")] if args.sections else SECTIONS
    unknown = [name for name in sections if name not in SECTIONS]
    if unknown:  # before the load: a long article's parse is minutes
        print(
            f"error: unknown report section(s) {unknown}; choose from {list(SECTIONS)}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    source = _article_source(args)
    _note_long_work(source)
    article = load_article(source)
    report = {}
    with _section_bar(len(sections), quiet=args.quiet) as bar:
        for name in sections:
            bar.set_description(name)
            report.update(build_report(article, [name]))
            bar.update(1)
    # A lone surrogate (a file name's byte that is not UTF-8) becomes the JSON escape
    # "\udce9": valid JSON and UTF-8, and json.loads gives back os.fsdecode's name.
    cli_output.write_stdout(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0


def _article_source(args: argparse.Namespace) -> str | Path:
    """What ``info`` or ``report`` loads: a file, a URL, or text from ``--text`` or ``-``.

    The argument is never taken as the article text, as the Python API takes a ``str``
    that is no path: a mistyped name ("missing file.txt") is "no such file".
    """
    if args.text is not None:
        return _as_text(args.text)
    if args.article == "-":
        data = sys.stdin.buffer.read()
        textio.check_size(len(data), "<stdin>")
        return _as_text(textio.decode_bytes(data, "<stdin>").text)
    return existing_source(args.article)


# Over this many bytes an article takes more than about 10 s to analyse: say so first.
LONG_WORK_BYTES = 150_000


def _note_long_work(source: str | Path) -> None:
    """One line on stderr before a long article's parse (it shows no progress of its own)."""
    try:
        size = source.stat().st_size if isinstance(source, Path) else len(source.encode())
    except (OSError, UnicodeEncodeError):
        return  # not there or no text: the load says what is wrong
    if size > LONG_WORK_BYTES and not is_url(source):
        # About 35 CPU s per MB for the parse and more for the analyses (README, Performance).
        print(
            f"note: {shown(source)} is {size / 1e6:.1f} MB; parsing it takes about "
            f"{max(1, round(size / 1e6 * 40))} s",
            file=sys.stderr,
        )


def _section_bar(total: int, quiet: bool):
    """A progress bar over the report's sections on stderr (only on a terminal)."""
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="section", leave=False, disable=True if quiet else None)


def _as_text(text: str) -> str:
    """Text ``load_article`` takes as text even when it is one path-like line.

    ``load_article`` reads a one-line ``str`` such as "notes.txt" as a path; a text with a
    line break never is one, and the trailing newline is dropped with the blank lines.
    """
    return text if "\n" in text else text + "\n"


def existing_source(value: str) -> str | Path:
    """An argument as a URL or the path of something that is there, else "no such file".

    Raises:
        ArticleError: Nothing is at that path (not even a broken link).
    """
    if is_url(value):
        return value.strip()
    try:
        path = article_path(value)
        path.lstat()
    except (OSError, ValueError, RuntimeError):  # ValueError: a NUL; RuntimeError: "~nobody"
        raise ArticleError(value, "no such file") from None
    return path


def register_run(commands) -> None:
    parser = commands.add_parser(
        "run",
        help="execute the notebook series on articles (default: the seed)",
        description="Execute every notebook on each article with papermill, writing executed "
        "notebooks to OUTPUT/<slug>/ and figures to figures/<slug>/.",
    )
    parser.add_argument(
        "articles", nargs="*", help="article files or http(s) URLs (default: the seed)"
    )
    parser.add_argument(
        "--refresh", action="store_true", help="fetch URLs again instead of the kept pages"
    )
    parser.add_argument(
        "--notebooks", help="comma-separated notebook numbers or names to run (default: all)"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=OUTPUT_DIR,
        help=f"folder for executed notebooks ({OUTPUT_DIR})",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="notebooks to execute at once (default 0: one per core, at most one per notebook)",
    )
    parser.add_argument(
        "--no-html", action="store_true", help="skip the HTML pages and the index.html"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(handler=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    """Execute the notebooks; report each failure by notebook, cell and error; exit 1 if any."""
    from analysis.runner import notebook_paths, run_articles

    selection = [s.strip() for s in args.notebooks.split(",")] if args.notebooks else None
    notebooks = notebook_paths(selection)
    if not notebooks:
        print(f"error: no notebook matches {args.notebooks!r} in {NOTEBOOKS_DIR}", file=sys.stderr)
        return 2
    articles = [article_path(a) for a in args.articles] or [SEED_ARTICLE]
    for article in articles:
        if cli_output.escape_surrogates(str(article)) != str(article):
            # papermill stores ARTICLE in the executed notebook, which is UTF-8 JSON.
            raise ArticleError(
                article, "the file name is not valid UTF-8; rename the file to run notebooks on it"
            )
    cli_output.check_writable(args.output)
    results = run_articles(
        articles,
        notebooks,
        args.output,
        progress=not args.quiet,
        workers=args.workers or None,
        html=not args.no_html,
    )
    runs = [run for result in results for run in result.runs]
    failures = [r for r in runs if not r.ok]
    for run in failures:
        print(f"FAILED {run.article}: {run.error}", file=sys.stderr)
    done = len(runs) - len(failures)
    print(
        f"{done} notebook run(s) succeeded, {len(failures)} failed; executed notebooks in "
        f"{_display(args.output)}"
    )
    for result in results:
        if result.index is not None:
            print(f"report: {_display(result.index)}")
    return 1 if failures else 0


def register_compare(commands) -> None:
    parser = commands.add_parser(
        "compare",
        help="one row of headline metrics per article",
        description="Analyse several articles and print or export one table, one row each.",
    )
    parser.add_argument("articles", nargs="+", help="article files or http(s) URLs")
    parser.add_argument(
        "--refresh", action="store_true", help="fetch URLs again instead of the kept pages"
    )
    parser.add_argument(
        "--format", choices=["markdown", "csv", "json"], default="markdown", help="output format"
    )
    parser.add_argument("--output", type=Path, help="write to this file instead of stdout")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes to use (0 = all cores; default: one per 200 articles, up to the cores)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(handler=cmd_compare)


def cmd_compare(args: argparse.Namespace) -> int:
    """Run analyze_many and print or export the table."""
    from analysis.corpus import analyze_many

    if args.output and args.output.exists() and args.output.is_dir():
        print(f"error: {args.output}: is a folder; name a file", file=sys.stderr)
        return 2
    table = analyze_many(
        [article_path(a) for a in args.articles], workers=args.workers, progress=not args.quiet
    )
    if args.format == "csv":
        text = table.to_csv(index=False, lineterminator="\n")
    elif args.format == "json":
        text = table.to_json(orient="records", indent=2, force_ascii=False) + "\n"
    else:
        text = table.to_markdown(index=False, floatfmt=".3g") + "\n"
    if args.output:
        cli_output.write_atomically(args.output, cli_output.escape_surrogates(text))
    else:
        cli_output.write_stdout(text)
    return 1 if table["error"].notna().any() else 0


def register_lab(commands) -> None:
    parser = commands.add_parser(
        "lab",
        help="open JupyterLab on notebooks/ with the project's kernel",
        description="Start JupyterLab on the notebooks folder (Ctrl-C stops it).",
    )
    parser.add_argument("--port", type=int, default=8888, help="port to listen on")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.set_defaults(handler=cmd_lab)


def cmd_lab(args: argparse.Namespace) -> int:
    """Start JupyterLab rooted at the project so notebooks can reach seeds/ and figures/."""
    import subprocess

    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--ServerApp.root_dir={PROJECT_DIR}",
        f"--port={args.port}",
        "--LabApp.default_url=/lab/tree/notebooks/00-overview.ipynb",
    ]
    if args.no_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines run as root
    return subprocess.call(command)


def register_cache(commands) -> None:
    parser = commands.add_parser(
        "cache",
        help="show or clear the cache of parsed articles",
        description="Show where the cache of parsed articles is, how many entries it "
        "holds and how large it is; --clear deletes every entry (kept URL downloads "
        "are not touched).",
    )
    parser.add_argument("--clear", action="store_true", help="delete every cached article")
    parser.set_defaults(handler=cmd_cache)


def cmd_cache(args: argparse.Namespace) -> int:
    """Report the parsed-article cache (folder, entries, size, cap), or clear it."""
    from analysis import disk_cache

    folder = disk_cache.articles_dir()
    if args.clear:
        files, size = disk_cache.clear()
        print(f"cleared {folder}: {files} entries, {size / 1e6:.1f} MB freed")
        return 0
    entries, size = disk_cache.usage()
    state = "on" if disk_cache.enabled() else "off (ANALYSIS_CACHE=off)"
    print(f"cache: {folder} ({state})")
    print(f"entries: {entries}, {size / 1e6:.1f} MB of {disk_cache.max_bytes() / 1e6:.0f} MB")
    return 0


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    warnings.showwarning = _show_warning
    try:
        _refresh_urls(args)
        return args.handler(args)
    except ArticleError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; that is not an error of ours.
        sys.stderr.close()
        return 0
    except OSError as error:  # a write: full disk, read-only folder (reads are ArticleErrors)
        cli_output.drop_stdout()
        problem = error.strerror or str(error)
        print(f"error: {shown(error.filename or '<output>')}: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
