"""Which tokens count as words, and which words are content words (not stop words).

Shared by the frequency and repetition analyses so both mean the same thing by
"content word". The stop-word list is spaCy's English list plus the extra words
in ``analysis/data/stopwords_extra.txt`` and the honorifics marked ``stop_word`` in
``analysis/data/honorifics.csv``; pass more with ``extra=`` or add them to those files.

Also the rules several analyses share: the one data-file reader
(:func:`read_word_list`, :func:`read_data_csv`), the one honorific list
(:func:`honorifics`) and the one set of quote marks (:data:`QUOTE_PAIRS`).
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.paths import data_file

# spaCy labels kept as entities; the numeric ones (DATE, TIME, PERCENT, MONEY,
# QUANTITY, ORDINAL, CARDINAL) are values, not "who and what".
ENTITY_TYPES = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)


@functools.cache
def _default_stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    extra = {word.lower() for word in read_word_list("stopwords_extra.txt")}
    # "Mr" and "Mrs" carry no topic; the one honorific list says which are stop words.
    extra |= {h.text.lower() for h in honorifics() if h.stop_word}
    return frozenset({w.lower() for w in STOP_WORDS} | extra)


def stop_words(extra: Iterable[str] = ()) -> frozenset[str]:
    """Lower-cased English stop words, optionally extended with ``extra``."""
    words = _default_stop_words()
    extra = {w.lower() for w in extra}
    return words | extra if extra else words


def straighten_apostrophes(text: str) -> str:
    """Curly apostrophes made straight ("Korea’s" -> "Korea's"): the one apostrophe rule.

    Every analysis compares and shows forms through this, so "Putin’s" and "Putin's"
    are one word wherever they are counted.
    """
    return text.replace("\u2019", "'")


def has_letter(text: str) -> bool:
    """The one word test: a token is a word when its text holds a letter.

    The token table (:mod:`analysis.tokens`) adds the spaCy flags: punctuation,
    white space, URLs and e-mail addresses are never words, whatever they hold.
    """
    # Most tokens are letters only: isalpha answers them without a loop over characters.
    return text.isalpha() or any(c.isalpha() for c in text)


def has_digit(text: str) -> bool:
    """Whether the text holds a digit ("1948", "2nd", "6:25"): numbers written with figures."""
    # Most tokens are letters only, so hold no digit: isalpha answers them without a loop.
    return not text.isalpha() and any(c.isdigit() for c in text)


# Dashes that separate words even without spaces around them ("pact—signed" is two
# words); a hyphen joins ("full-length" is one).
WORD_BREAK_DASHES = ("\u2014", "\u2013", "\u2015", "--")


def has_letter_or_figure(text: str) -> bool:
    """The word test of running text (readability's words, ``Article.n_words``).

    :func:`has_letter`, or a figure: Flesch's counting rules take figures ("1948",
    "$15", "7%") as words, so the reading formulas and the article's word count do
    too. It is applied to items between white space and :data:`WORD_BREAK_DASHES`,
    not to tokens: "Korea's" and "U.S." are one item each.
    """
    # Most items are letters only: isalnum answers them without a loop over characters.
    return text.isalnum() or has_letter(text) or any(c.isnumeric() for c in text)


def is_content_form(lower: str, norm: str, stops: frozenset[str]) -> bool:
    """Whether a word is a content word: neither a stop word (by form or lemma) nor a clitic.

    Args:
        lower: The word lower-cased, apostrophes straight.
        norm: Its lemma, lower-cased, apostrophes straight.
        stops: The stop words.
    """
    return lower not in stops and norm not in stops and not lower.startswith("'") and len(lower) > 1


def read_word_list(name: str) -> tuple[str, ...]:
    """The entries of a data file in ``analysis/data/``: one a line, in file order.

    The one rule for the package's plain-text and CSV data files: each line is stripped
    of surrounding white space; blank lines and comment lines (first non-blank
    character ``#``) are left out. A ``#`` later in a line is kept (CSV patterns hold
    it), so a comment has a line of its own. A CSV file's lines (header first) feed
    :class:`csv.DictReader`.

    Args:
        name: The file's name inside ``analysis/data/``.

    Returns:
        The remaining lines, in file order.
    """
    lines = (line.strip() for line in data_file(name).read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def read_data_csv(name: str) -> list[dict[str, str]]:
    """The rows of a CSV data file in ``analysis/data/``, values stripped.

    Lines are read by :func:`read_word_list` (so comments and blank lines follow the
    one rule); the first remaining line is the header.
    """
    rows = csv.DictReader(read_word_list(name))
    return [{key: (value or "").strip() for key, value in row.items()} for row in rows]


def is_yes(value: str) -> bool:
    """Whether a data file's yes/no field says yes ("yes", "true" or "1", any case)."""
    return value.strip().lower() in ("yes", "true", "1")


@dataclass(frozen=True)
class Honorific:
    """One row of ``analysis/data/honorifics.csv`` (see its header)."""

    text: str  # as written, without its full stop: "Dr" (also matches "Dr.")
    personal: bool  # only people carry it: a name after it is a person
    stop_word: bool  # left out of word counts, like "the"


@functools.cache
def honorifics() -> tuple[Honorific, ...]:
    """The one honorific list, in file order (``analysis/data/honorifics.csv``, read once).

    Entities strip every honorific from a person's name and take a name after a
    personal one for a person; word counts leave out the ones marked ``stop_word``.
    """
    return tuple(
        Honorific(row["honorific"], is_yes(row["personal"]), is_yes(row["stop_word"]))
        for row in read_data_csv("honorifics.csv")
    )


# The one set of quote characters. Opening marks: curly, low-9 (German) and guillemet;
# closing marks: curly and guillemet. The straight double quote (") both opens and
# closes, so it is in neither set and a reader of quotes pairs it on its own.
OPENING_QUOTES = "“„«"
CLOSING_QUOTES = "”»"
# The straight double quote, and the single curly quotes (the closing one is also the
# curly apostrophe, so a reader of quotes uses them only inside a double quote or where
# no apostrophe can be meant).
STRAIGHT_QUOTE = '"'
SINGLE_OPENING_QUOTE = "‘"
SINGLE_CLOSING_QUOTE = "’"
# Each opening mark with the mark that closes it.
QUOTE_PAIRS = {
    "“": "”",
    "„": "“",
    "«": "»",
    SINGLE_OPENING_QUOTE: SINGLE_CLOSING_QUOTE,
    STRAIGHT_QUOTE: STRAIGHT_QUOTE,
}
# Every double quote mark, opening, closing or straight.
DOUBLE_QUOTES = OPENING_QUOTES + CLOSING_QUOTES + STRAIGHT_QUOTE


def quote_class(marks: str) -> str:
    """A regular-expression character class matching any of ``marks`` (``[“„«"]``)."""
    return "[" + re.escape(marks) + "]"
