"""Command line: ``python -m analysis {info,report,run,compare,lab} ...``.

Bad input is reported on stderr as ``error: <file>: <problem>`` with exit code 2,
never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings

from analysis.errors import ArticleError

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Explore news articles as text: readability, word frequencies, "
        "repetition and entities.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    info = commands.add_parser(
        "info", help="show what was loaded from an article", description=_doc(cmd_info)
    )
    info.add_argument("article", help="path of a .txt, .md or .html article, or an http(s) URL")
    _add_refresh(info)
    info.set_defaults(handler=cmd_info)

    report = commands.add_parser(
        "report", help="every analysis of an article, as JSON", description=_doc(cmd_report)
    )
    report.add_argument("article", help="path of a .txt, .md or .html article, or an http(s) URL")
    _add_refresh(report)
    report.add_argument("--format", choices=["json"], default="json", help="output format")
    report.add_argument(
        "--sections",
        help="comma-separated sections to include (default: all): "
        "article,readability,frequencies,repetition,entities",
    )
    report.set_defaults(handler=cmd_report)

    for register in _extra_commands():
        register(commands)
    return parser


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
        if fetch.is_url(source):
            fetch.fetch(source, refresh=True)


def _extra_commands():
    """Subcommands defined next to the code they run (notebook runs, corpus comparison)."""
    from analysis import cli_commands

    return cli_commands.REGISTERS


def _doc(function) -> str:
    return (function.__doc__ or "").strip().splitlines()[0]


def cmd_info(args: argparse.Namespace) -> int:
    """Print what was loaded: title, slug, encoding, paragraphs, sentences, words, boilerplate."""
    from analysis.article import load_article

    article = load_article(args.article)
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
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    for line in article.removed_lines:
        print(f"{'':<{width}}  - {line!r}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Print the machine-readable result of every analysis, one section per module."""
    from analysis.article import load_article
    from analysis.report import build_report

    sections = [s.strip() for s in args.sections.split(",")] if args.sections else None
    article = load_article(args.article)
    try:
        report = build_report(article, sections)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


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


if __name__ == "__main__":
    sys.exit(main())
