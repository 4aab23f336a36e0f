"""The term tables: counts, every occurrence, and where the top terms occur."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis.article import Article
from analysis.frequencies.layout import _span_text
from analysis.frequencies.record import _result
from analysis.frequencies.terms import By
from analysis.tokens import token_table

TERM_COLUMNS = ["term", "kind", "count", "per_1000_words", "rank", "lemma", "forms"]
OCCURRENCE_COLUMNS = [
    "term",
    "kind",
    "text",
    "sentence_id",
    "paragraph",
    "token_start",
    "token_end",
    "char_start",
    "char_end",
    "position",
]


def term_occurrences(
    article: Article, by: By = "lemma", extra_stop_words: Iterable[str] = ()
) -> pd.DataFrame:
    """Every occurrence of every term, in reading order (the data behind a dispersion chart).

    Args:
        article: The loaded article.
        by: Group words by ``"lemma"`` ("relationships" with "relationship") or by
            ``"lower"``-cased form. Either way a term is shown as written (see
            :func:`word_counts`); names are always their surface form.
        extra_stop_words: More words to leave out, on top of the standard list.

    Returns:
        One row per occurrence: ``term`` and ``kind`` (``"name"`` or ``"word"``)
        of the :func:`word_counts` row it counts in, ``text`` (as written),
        ``sentence_id``, ``paragraph``, ``token_start``/``token_end`` (into
        ``article.doc``), ``char_start``/``char_end`` (into
        ``article.text``) and ``position`` (``char_start`` as a fraction of the
        text, 0-1).
    """
    result = _result(article, by, extra_stop_words)
    found = result.occurrences
    if not found.keys:
        return pd.DataFrame(columns=OCCURRENCE_COLUMNS)
    term_of = {row.key: row for row in result.terms}
    table, sentence_of = token_table(article), result.layout.sentence_of
    paragraph_of = {s.id: s.paragraph for s in article.sentences}
    length = max(len(article.text), 1)
    rows = []
    for key, start, end in zip(found.keys, found.starts, found.ends, strict=True):
        sentence_id = sentence_of[start]
        char_start = table.idx[start]
        rows.append(
            (
                term_of[key].term,
                term_of[key].kind,
                _span_text(table, start, end),
                sentence_id,
                paragraph_of.get(sentence_id, 0),
                start,
                end,
                char_start,
                table.idx[end - 1] + len(table.text[end - 1]),
                char_start / length,
            )
        )
    return pd.DataFrame(rows, columns=OCCURRENCE_COLUMNS)


def word_counts(
    article: Article,
    by: By = "lemma",
    extra_stop_words: Iterable[str] = (),
    top_n: int | None = None,
) -> pd.DataFrame:
    """How often each term (proper name or content word) occurs, most frequent first.

    Stop words, punctuation and numbers are left out; proper names are one
    term each ("North Korea", not "north" + "korea"), possessives merged
    ("North Korea’s" counts as "North Korea").

    Args:
        article: The loaded article.
        by: ``"lemma"`` (default): the forms of one lemma are one term, shown as its
            most frequent form ("relationship" 3 times and "relationships" once
            make "relationship", 4); ``"lower"``: each lower-cased form is a term.
        extra_stop_words: More words to leave out.
        top_n: Keep only the first ``top_n`` rows (ties broken alphabetically).

    Returns:
        One row per term: ``term`` (its most frequent form, as written: a name as
        written, a word lower-cased), ``kind`` (``"name"``/``"word"``, the kind of
        that form), ``count``, ``per_1000_words`` (count per 1,000 words of the
        article, its ``n_words``), ``rank`` (1 = most frequent), ``lemma`` (the
        group's most frequent spaCy lemma; a name in lower case) and ``forms``
        (every form counted, most frequent first). Empty when nothing is left
        after filtering.
    """
    rows = _result(article, by, extra_stop_words).terms[:top_n]
    if not rows:
        return pd.DataFrame(columns=TERM_COLUMNS)
    count = np.array([row.count for row in rows], dtype=np.int64)
    return pd.DataFrame(
        {
            "term": [row.term for row in rows],
            "kind": [row.kind for row in rows],
            "count": count,
            "per_1000_words": count * 1000 / max(article.n_words, 1),
            "rank": np.arange(1, len(rows) + 1),
            "lemma": [row.lemma for row in rows],
            "forms": [row.forms for row in rows],
        },
        columns=TERM_COLUMNS,
    )


def dispersion(
    article: Article,
    terms: Sequence[str] | None = None,
    top_n: int = 10,
    by: By = "lemma",
    extra_stop_words: Iterable[str] = (),
) -> pd.DataFrame:
    """Where each of the top terms occurs across the article.

    Args:
        article: The loaded article.
        terms: The terms to place (as :func:`word_counts` names them); default
            the ``top_n`` most frequent.
        top_n: How many top terms when ``terms`` is not given.
        by: ``"lemma"`` or ``"lower"``.
        extra_stop_words: More words to leave out.

    Returns:
        :func:`term_occurrences` rows of those terms, plus ``term_rank`` (the
        term's place in ``terms``, 1 first), in reading order.
    """
    if terms is None:
        terms = [row.term for row in _result(article, by, extra_stop_words).terms[:top_n]]
    order = {term: rank for rank, term in enumerate(terms, start=1)}
    occurrences = term_occurrences(article, by, extra_stop_words)
    chosen = occurrences[occurrences["term"].isin(order)].copy()
    chosen["term_rank"] = chosen["term"].map(order).astype("int64")
    return chosen.reset_index(drop=True)
