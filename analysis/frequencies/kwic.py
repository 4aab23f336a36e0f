"""Keyword in context: every occurrence of a word or phrase with the text around it.

Read from the article's text by a regular expression, not from the term record:
a query may be any word or phrase, stop words included.
"""

from __future__ import annotations

import bisect
import re

import pandas as pd

from analysis.article import Article
from analysis.frequencies.record import _result
from analysis.vocabulary import straighten_apostrophes

KWIC_COLUMNS = ["sentence_id", "paragraph", "char_start", "char_end", "left", "keyword", "right"]


def keyword_in_context(article: Article, query: str, width: int = 50) -> pd.DataFrame:
    """Every occurrence of a word or phrase with the text around it (a concordance).

    Matching is on whole words, case-insensitive, with any run of white space
    between the words of a phrase and curly and straight apostrophes alike;
    an ending such as "’s" after the match is allowed ("North Korea" finds
    "North Korea’s" but not "North Korean").

    Args:
        article: The loaded article.
        query: The word or phrase as written.
        width: Characters of context on each side (cut back to a whole word).

    Returns:
        One row per match, in reading order: ``sentence_id``, ``paragraph``,
        ``char_start``, ``char_end``, ``left``, ``keyword`` (as written),
        ``right``. Context runs across sentence breaks; line breaks become spaces.
    """
    words = straighten_apostrophes(query).split()
    if not words:
        return pd.DataFrame(columns=KWIC_COLUMNS)
    pattern = r"\s+".join(re.escape(word).replace("'", "['\u2019]") for word in words)
    matcher = re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)
    text = article.text
    starts = [s.start for s in article.sentences]
    rows = []
    for match in matcher.finditer(text):
        index = bisect.bisect_right(starts, match.start()) - 1
        sentence = article.sentences[index] if index >= 0 else None
        left = text[max(0, match.start() - width) : match.start()]
        right = text[match.end() : match.end() + width]
        if match.start() - width > 0 and " " in left:
            left = left[left.index(" ") + 1 :]  # do not start mid-word
        if match.end() + width < len(text) and " " in right:
            right = right[: right.rindex(" ")]
        rows.append(
            (
                sentence.id if sentence else 0,
                sentence.paragraph if sentence else 0,
                match.start(),
                match.end(),
                " ".join(left.split()) + (" " if left[-1:].isspace() else ""),
                match.group(0),
                (" " if right[:1].isspace() else "") + " ".join(right.split()),
            )
        )
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def default_query(article: Article) -> str:
    """The query notebook 02 looks up when none is given: the most frequent term, or ""."""
    terms = _result(article).terms
    return terms[0].term if terms else ""
