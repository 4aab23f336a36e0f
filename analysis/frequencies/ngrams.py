"""Recurring phrases: n-grams read from word runs, never across a name or punctuation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import compress
from typing import NamedTuple

import pandas as pd

from analysis.article import Article
from analysis.cache import cached
from analysis.frequencies.layout import _Layout
from analysis.frequencies.record import _result
from analysis.frequencies.terms import _frame, _ranked, _ranked_values
from analysis.vocabulary import stop_words

# A phrase must recur to be a phrase of the article rather than a chance sequence.
MIN_NGRAM_COUNT = 2
# The n-gram lengths of the default table (and of the report).
NGRAM_LENGTHS = (2, 3)

NGRAM_COLUMNS = ["term", "n", "count", "n_sentences"]


class _Ngram(NamedTuple):
    """A row of :func:`ngram_counts` (fields as its columns)."""

    term: str
    n: int
    count: int
    n_sentences: int


def ngram_counts(
    article: Article,
    n: int | Sequence[int] = NGRAM_LENGTHS,
    min_count: int = MIN_NGRAM_COUNT,
    extra_stop_words: Iterable[str] = (),
    include_names: bool = False,
    drop_subsumed: bool = True,
) -> pd.DataFrame:
    """Recurring phrases of two or three words, most frequent first.

    N-grams are read from the running text *before* stop words are removed
    (so no false n-gram bridges a dropped word, the trap of wordcloud issue
    #528), never across punctuation or a sentence boundary, and kept only when
    their first and last words are content words. A proper name is never cut
    ("Jong Un" is not an n-gram of "Kim Jong Un"), and by default an n-gram
    that is exactly one name is left out, since :func:`word_counts` already
    counts it. A possessive is part of its word ("Putin's visit"), except at
    the end ("North Korea's" counts as "North Korea").

    Args:
        article: The loaded article.
        n: Length(s) in words.
        min_count: Least number of occurrences to report.
        extra_stop_words: More words that may not start or end an n-gram.
        include_names: Also report n-grams that are exactly one proper name.
        drop_subsumed: Leave out an n-gram that only ever occurs inside one
            longer reported n-gram (same count), e.g. "human rights" when every
            one is in "human rights record".

    Returns:
        ``term`` (words joined by spaces; lower case except proper names),
        ``n``, ``count`` and ``n_sentences`` (sentences it occurs in).

    Raises:
        ValueError: A length below 1, or no length at all.
    """
    lengths = tuple(sorted({n} if isinstance(n, int) else set(n)))
    if not lengths or lengths[0] < 1:
        raise ValueError(f"n-gram lengths must be 1 or more, not {n!r}")
    rows = _ngram_rows(article, lengths, min_count, extra_stop_words, include_names, drop_subsumed)
    return _frame(rows, NGRAM_COLUMNS)


def _ngram_rows(
    article: Article,
    lengths: tuple[int, ...] = NGRAM_LENGTHS,
    min_count: int = MIN_NGRAM_COUNT,
    extra_stop_words: Iterable[str] = (),
    include_names: bool = False,
    drop_subsumed: bool = True,
) -> list[_Ngram]:
    """The :func:`ngram_counts` rows for these settings (``lengths`` sorted, distinct).

    One rule for every setting: the rows are cached under a key holding all of them,
    so the report's default table and a notebook's call share one computation, and
    the on-disk cache keeps whichever settings were computed when it saved the article.
    """
    extra = tuple(extra_stop_words)  # read once: it may be an iterator
    stops = stop_words(extra)
    settings = (lengths, min_count, include_names, drop_subsumed)
    return cached(
        article,
        ("frequencies", "ngrams", stops, *settings),
        lambda a: _count_ngrams(_result(a, "lemma", extra).layout, *settings),
    )


def _count_ngrams(
    layout: _Layout,
    lengths: tuple[int, ...],
    min_count: int,
    include_names: bool,
    drop_subsumed: bool,
) -> list[_Ngram]:
    counts: Counter = Counter()
    sizes: dict[str, int] = {}
    sentences: dict[str, set[int]] = {}
    supers: dict[str, set[str]] = {}  # n-gram -> the longer n-grams it was seen inside
    surfaces = []
    for run in layout.runs:
        texts, base_texts, tokens, edges = run.texts, run.base_texts, run.tokens, run.edges
        keys_here: dict[tuple[int, int], str] = {}
        # Only a content word may start an n-gram: the other starts are not tried at all.
        edge_starts = list(compress(range(len(edges)), edges))
        for size in lengths:
            for start in edge_starts:
                last = start + size - 1
                if last >= len(edges) or not edges[last]:
                    continue
                if not _is_whole_ngram(tokens[start], tokens[last], layout, include_names):
                    continue
                text = " ".join([*texts[start:last], base_texts[last]])
                key = text.casefold()
                keys_here[(start, size)] = key
                counts[key] += 1
                sizes[key] = size
                sentences.setdefault(key, set()).add(layout.sentence_of[tokens[start]])
                surfaces.append((key, text))
                for inner in ((start, size - 1), (start + 1, size - 1)):
                    if inner in keys_here:
                        supers.setdefault(keys_here[inner], set()).add(key)
    kept = {key for key, count in counts.items() if count >= min_count}
    if drop_subsumed:
        # "human rights" seen only inside "human rights record" adds nothing to the table.
        kept = {
            key
            for key in kept
            if not any(counts[longer] == counts[key] for longer in supers.get(key, ()))
        }
    shown = _ranked_values((key, text) for key, text in surfaces if key in kept)
    rows = [_Ngram(shown[key][0], sizes[key], counts[key], len(sentences[key])) for key in kept]
    return _ranked(rows, "count", "n")


def _is_whole_ngram(first: int, last: int, layout: _Layout, include_names: bool) -> bool:
    """No proper name cut, not just one name (unless asked); ``first``/``last`` are tokens.

    The caller has checked that both edge words are content words.
    """
    end = last + 1
    head = layout.name_start[first]
    if head not in (-1, first):
        return False  # starts inside a name
    if layout.name_end[last] not in (-1, end):
        return False  # ends inside a name
    if include_names:
        return True
    return not (head == first and layout.name_end[first] == end)
