"""Cleaning a body's lines: Markdown to text, boilerplate lines, paragraphs and the title.

Line rules only: which lines are site furniture (``analysis/data/boilerplate.txt``),
how lines join into paragraphs, and which first line is a headline. Works on text,
before the parse.
"""

from __future__ import annotations

import functools
import re

from analysis.vocabulary import has_letter_or_figure, read_word_list

# A first line this short, with no full stop, followed by more text, is a headline.
MAX_HEADLINE_WORDS = 20


# Titles made from a first sentence are cut to this many words.
MAX_TITLE_WORDS = 14


# A line this long is prose, never boilerplate, whatever it starts with.
MAX_BOILERPLATE_WORDS = 25


def markdown_to_text(markdown: str) -> str:
    """Plain text of Markdown: headings, emphasis, links, images and code undone.

    Front matter, code blocks and tables are left out (see :func:`markdown_parts`).
    """
    return markdown_parts(markdown)[0]


# Front matter opening a Markdown file: YAML between --- lines, or TOML between +++.
_FRONT_MATTER = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*(?:\n|\Z)", re.S)
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~).*?^[ \t]{0,3}\1[^\n]*$\n?", re.S | re.M)
# A table's delimiter row: | --- | :---: | (the outer pipes optional).
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")


def markdown_parts(markdown: str) -> tuple[str, list[str]]:
    """Markdown's prose as plain text, and the lines left out as not prose.

    Front matter, fenced code blocks and tables (a run of lines holding ``|`` with a
    delimiter row ``| --- |`` among them) are not prose: counted as sentences they
    would grade a data table as one enormous sentence and rank its cells as top words.
    Their lines are returned, in order, for ``Article.removed_lines``.
    """
    removed: list[str] = []

    def drop(match: re.Match) -> str:
        removed.extend(line for line in match.group(0).splitlines() if line.strip())
        return ""

    text = _FENCE.sub(drop, _FRONT_MATTER.sub(drop, markdown))
    text, tables = drop_tables(text)
    removed.extend(tables)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", r"\1\n", text, flags=re.M)
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.M)
    text = re.sub(r"^\s{0,3}(?:[-*_]\s*){3,}$", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    return re.sub(r"`([^`]+)`", r"\1", text), removed


def drop_tables(text: str) -> tuple[str, list[str]]:
    """``text`` without its pipe tables (Markdown's, pasted into any text), and their lines."""
    lines = text.split("\n")
    kept, run, removed = [], [], []
    for line in [*lines, ""]:
        if "|" in line and line.strip():
            run.append(line)
            continue
        if any(_TABLE_DELIMITER.match(row) for row in run):
            removed.extend(run)
        else:
            kept.extend(run)
        run = []
        kept.append(line)
    return "\n".join(kept[:-1]), removed


@functools.cache
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """Whole-line patterns of site boilerplate, from ``analysis/data/boilerplate.txt``."""
    return tuple(re.compile(line, flags=re.I) for line in read_word_list("boilerplate.txt"))


def is_boilerplate(line: str) -> bool:
    """Whether a whole line is site furniture (share buttons, "Read more", …), not prose.

    A line with no letter or figure at all ("* * *", "-", a lone quote mark) is
    furniture too: as a paragraph of its own it would become a "sentence" of punctuation.
    """
    stripped = line.strip()
    if not stripped or len(stripped.split()) > MAX_BOILERPLATE_WORDS:
        return False
    if not has_letter_or_figure(stripped):
        return True
    return any(pattern.fullmatch(stripped) for pattern in boilerplate_patterns())


def remove_boilerplate(text: str) -> tuple[list[str], list[str]]:
    """Split text into lines and take out boilerplate lines.

    Returns:
        The kept lines (blank lines included, so paragraphs survive) and the
        removed lines, stripped, in order.
    """
    kept, removed = [], []
    for line in text.split("\n"):
        if is_boilerplate(line):
            removed.append(line.strip())
        else:
            kept.append(line.strip())
    return kept, removed


def split_paragraphs(lines: list[str]) -> list[str]:
    """Group lines into paragraphs.

    Where the text has blank lines, they separate paragraphs and single line
    breaks inside a paragraph are hard wraps (joined with a space). A text with
    no blank line (as trafilatura writes it) has one paragraph per line.
    """
    has_blank_separator = any(not line for line in _trim_blank(lines))
    if not has_blank_separator:
        return [line for line in lines if line]
    paragraphs, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def _trim_blank(lines: list[str]) -> list[str]:
    start = next((i for i, line in enumerate(lines) if line), len(lines))
    end = len(lines) - next((i for i, line in enumerate(reversed(lines)) if line), 0)
    return lines[start:end]


def _headline(paragraphs: list[str]) -> str | None:
    """The first paragraph when it reads as a headline: short, one line, no full stop."""
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0]
    if len(first.split()) <= MAX_HEADLINE_WORDS and not re.search(r"[.:;,]\W*$", first):
        return first
    return None


def _drop_repeated_title(paragraphs: list[str], title: str) -> list[str]:
    """Drop a first paragraph that only repeats the known title."""
    if len(paragraphs) > 1 and _fold(paragraphs[0]) == _fold(title):
        return paragraphs[1:]
    return paragraphs


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _title_from_sentence(sentence: str) -> str:
    words = sentence.split()
    if len(words) <= MAX_TITLE_WORDS:
        return sentence
    return " ".join(words[:MAX_TITLE_WORDS]).rstrip(",;:") + "…"
