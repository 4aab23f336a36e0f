"""Which words and phrases carry the article: counts, n-grams, distinctive words, KWIC.

A *term* is either a proper name kept whole ("North Korea", "Kim Jong Un") or a
single content word (by lemma or lower-cased form). Stop words, punctuation and
numbers are left out; "content word" means what :mod:`analysis.vocabulary` says,
so the stop-word list is spaCy's plus ``analysis/data/stopwords_extra.txt``
(extend it there, or pass ``extra_stop_words=``).

Proper names come from the article's named entities (people, places,
organisations, nationalities, events, works, laws, languages, products) and,
for names the entity recogniser missed, runs of proper nouns ("Mount Paektu").
A leading article and a trailing possessive are trimmed, so "the Soviet Union"
counts as "Soviet Union" and "North Korea’s" as "North Korea". Names are not
merged with each other: "Vladimir Putin" and "Putin" are two terms (alias
merging is the job of :mod:`analysis.entities`).

Every function works from the spaCy ``Doc`` parsed at load time, read through
the article's shared token table (:mod:`analysis.tokens`: plain lists, no
``Token`` objects); the per-token walk is done once per article and setting,
and cached.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd

from analysis.article import Article
from analysis.cache import cached
from analysis.entities import ENTITY_TYPES
from analysis.tokens import TokenTable, content_flags, token_table
from analysis.vocabulary import stop_words

By = Literal["lemma", "lower"]

# Entity labels that name something (dates, amounts and ordinals are not names):
# the same set the entities analysis keeps, so both mean the same by "a name".
NAME_LABELS = frozenset(ENTITY_TYPES)
# A distinctive word must occur at least this often: a word used once says little
# about the article, and any rare word used once would otherwise top the list.
MIN_DISTINCTIVE_COUNT = 2
# A phrase must recur to be a phrase of the article rather than a chance sequence.
MIN_NGRAM_COUNT = 2
# wordfreq gives Zipf 0 to words it has never seen; treat them as this rare
# (Zipf 1 = once per 100 million words, below the rarest words it lists).
ZIPF_FLOOR = 1.0
# Numbers written in digits, with an optional ordinal or decade suffix ("2nd", "1990s").
_NUMBER = re.compile(r"^[\d.,:/-]*\d[\d.,:/-]*(?:s|st|nd|rd|th)?$", re.I)

TERM_COLUMNS = ["term", "kind", "count", "per_1000_words", "rank"]
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
NGRAM_COLUMNS = ["term", "n", "count", "n_sentences"]
DISTINCTIVE_COLUMNS = [
    "term",
    "kind",
    "count",
    "zipf_article",
    "zipf_english",
    "score",
    "ratio",
]
KWIC_COLUMNS = ["sentence_id", "paragraph", "char_start", "char_end", "left", "keyword", "right"]
RANK_COLUMNS = ["rank", "term", "count", "frequency", "is_stop_word", "zipf_expected"]


# -- the one walk over the tokens ----------------------------------------------------


@dataclass(frozen=True)
class _Walk:
    """Per-token facts every table is built from (computed once per article).

    Plain lists, not numpy arrays: the walks read them one token at a time, and a
    numpy scalar read costs several times a list read.
    """

    sentence_of: list[int]  # token index -> sentence id (0 between sentences)
    name_start: list[int]  # token index -> first token of its name, -1 outside names
    name_end: list[int]  # token index -> one past the last token of its name, -1 outside
    names: list[tuple[int, int]]  # token ranges of the names, in reading order
    paragraph_of: dict[int, int]  # sentence id -> paragraph


def _walk(article: Article) -> _Walk:
    return cached(article, ("frequencies", "walk"), _build_walk)


def _build_walk(article: Article) -> _Walk:
    n_tokens = len(token_table(article))
    sentence_of = [0] * n_tokens
    for sentence in article.sentences:
        start, end = sentence.token_start, min(sentence.token_end, n_tokens)
        sentence_of[start:end] = [sentence.id] * (end - start)
    names = _name_spans(article)
    name_start, name_end = [-1] * n_tokens, [-1] * n_tokens
    for start, end in names:
        name_start[start:end] = [start] * (end - start)
        name_end[start:end] = [end] * (end - start)
    paragraph_of = {s.id: s.paragraph for s in article.sentences}
    return _Walk(sentence_of, name_start, name_end, names, paragraph_of)


def _name_spans(article: Article) -> list[tuple[int, int]]:
    """Token ranges of proper names: named entities first, then runs of proper nouns.

    The ranges never overlap: a run of proper nouns is made of tokens no kept
    entity holds.
    """
    table, clitic = token_table(article), _clitic_flags(article)
    n_tokens = len(table)
    spans, taken = [], [False] * n_tokens
    for ent in article.doc.ents:  # a few dozen Span objects: cheap next to a per-token walk
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = _trim_name(table, clitic, ent.start, ent.end)
        # Tokens' texts joined without their spaces: a space is no letter either way.
        if start < end and any(c.isalpha() for c in "".join(table.text[start:end])):
            spans.append((start, end))
            taken[start:end] = [True] * (end - start)
    free = [
        pos == "PROPN" and word and not held
        for pos, word, held in zip(table.pos, table.is_word, taken, strict=True)
    ]
    resume = 0  # the first token not yet inside a run already read
    for index in compress(range(n_tokens), free):
        if index < resume:
            continue
        end = index
        while end < n_tokens and free[end]:
            end += 1
        start, end = _trim_name(table, clitic, index, end)
        if start < end:
            spans.append((start, end))
        resume = max(end, index + 1)
    return sorted(spans)


def _trim_name(table: TokenTable, clitic: list[bool], start: int, end: int) -> tuple[int, int]:
    """Drop a leading article/punctuation and a trailing possessive/punctuation."""
    pos, text = table.pos, table.text
    while start < end and (pos[start] in {"DET", "PUNCT", "SPACE"} or not text[start]):
        start += 1
    while end > start and (clitic[end - 1] or pos[end - 1] in {"PUNCT", "SPACE"}):
        end -= 1
    return start, end


def _clitic_flags(article: Article) -> list[bool]:
    """Whether each token is a possessive or contracted ending ("’s", "n't").

    Such an ending is written onto the word before it.
    """
    return cached(
        article,
        ("frequencies", "clitics"),
        lambda a: [
            tag == "POS" or lower.startswith("'") or lower == "n't"
            for tag, lower in zip(token_table(a).tag, token_table(a).lower_straight, strict=True)
        ],
    )


def _number_flags(article: Article) -> list[bool]:
    """Whether each token is a number: ``like_num`` or digits ("2nd", "1990s", "3.5")."""
    return cached(article, ("frequencies", "numbers"), _find_number_flags)


def _find_number_flags(article: Article) -> list[bool]:
    table = token_table(article)
    # Once per distinct form: like_num is a lexical flag, the same for every token of a form.
    like_num = dict(zip(table.text, table.like_num, strict=True))
    number = {text: flag or _NUMBER.match(text) is not None for text, flag in like_num.items()}
    return [number[text] for text in table.text]


def _counted_flags(article: Article, stops: frozenset[str]) -> list[bool]:
    """Content words of two letters or more that are not numbers ("m." of "$500m." is not).

    Read by both the term walk and the n-grams.
    """
    return cached(
        article, ("frequencies", "counted", stops), lambda a: _find_counted_flags(a, stops)
    )


def _find_counted_flags(article: Article, stops: frozenset[str]) -> list[bool]:
    texts = token_table(article).text
    content = content_flags(article, stops)
    candidates = {
        text
        for text, is_content, is_number in zip(texts, content, _number_flags(article), strict=True)
        if is_content and not is_number
    }
    # Letters counted once per distinct form; a number's form never gets here.
    lettered = {text for text in candidates if sum(map(str.isalpha, text)) >= 2}
    return [
        is_content and text in lettered for text, is_content in zip(texts, content, strict=True)
    ]


def _word_like_flags(article: Article) -> list[bool]:
    """Whether each token is a word or a number (what an n-gram run is made of)."""
    return cached(
        article,
        ("frequencies", "word_like"),
        lambda a: [
            word or number
            for word, number in zip(token_table(a).is_word, _number_flags(a), strict=True)
        ],
    )


def _span_text(table: TokenTable, start: int, end: int) -> str:
    """``doc[start:end].text``: the tokens with the spaces between them, none after."""
    if end - start == 1:
        return table.text[start]
    inner = zip(table.text[start : end - 1], table.whitespace[start : end - 1], strict=True)
    return "".join([text + " " if space else text for text, space in inner]) + table.text[end - 1]


def _name_text(table: TokenTable, start: int, end: int) -> str:
    """Surface text of a name with straight apostrophes and single spaces."""
    return " ".join(_span_text(table, start, end).replace("\u2019", "'").split())


def _stops(extra_stop_words: Iterable[str]) -> frozenset[str]:
    return stop_words(tuple(extra_stop_words))


def _term_occurrences(article: Article, by: By, stops: frozenset[str]) -> list[tuple]:
    """(key, display text, kind, token_start, token_end) for every term occurrence."""
    if by not in ("lemma", "lower"):
        raise ValueError(f"by must be 'lemma' or 'lower', not {by!r}")
    return cached(
        article,
        ("frequencies", "occurrences", by, stops),
        lambda a: _find_term_occurrences(a, by, stops),
    )


def _find_term_occurrences(article: Article, by: By, stops: frozenset[str]) -> list[tuple]:
    table, walk = token_table(article), _walk(article)
    forms = table.norm if by == "lemma" else table.lower_straight
    name_end = dict(walk.names)
    # A counted word inside a name is part of the name, not a word of its own.
    words = [
        index
        for index in compress(range(len(table)), _counted_flags(article, stops))
        if walk.name_start[index] < 0
    ]
    found = []
    for index in sorted([*name_end, *words]):
        end = name_end.get(index)
        if end is not None:
            text = _name_text(table, index, end)
            if text.lower() not in stops or text.isupper():
                found.append((text.casefold(), text, "name", index, end))
            continue
        form = forms[index]
        if form not in stops:
            found.append((form, form, "word", index, index + 1))
    return found


def _term_display(article: Article, by: By, stops: frozenset[str]) -> dict[str, str]:
    """Each term's key -> the form its tables show (see :func:`_display_forms`)."""
    return cached(
        article,
        ("frequencies", "display", by, stops),
        lambda a: _display_forms((key, text) for key, text, *_ in _term_occurrences(a, by, stops)),
    )


def _display_forms(keys_and_texts: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For each key, its most frequent surface form (first seen wins a tie)."""
    # One Counter over (key, text) pairs counts in C; it keeps the pairs in the order
    # first seen, so a strictly larger count is needed to displace an earlier form.
    display: dict[str, str] = {}
    best: dict[str, int] = {}
    for (key, text), count in Counter(keys_and_texts).items():
        if count > best.get(key, 0):
            display[key] = text
            best[key] = count
    return display


# -- words -------------------------------------------------------------------------


def term_occurrences(
    article: Article, by: By = "lemma", extra_stop_words: Iterable[str] = ()
) -> pd.DataFrame:
    """Every occurrence of every term, in reading order (the data behind a dispersion chart).

    Args:
        article: The loaded article.
        by: Count words by ``"lemma"`` ("relationships" -> "relationship") or by
            ``"lower"``-cased form. Names are always their surface form.
        extra_stop_words: More words to leave out, on top of the standard list.

    Returns:
        One row per occurrence: ``term``, ``kind`` (``"name"`` or ``"word"``),
        ``text`` (as written), ``sentence_id``, ``paragraph``, ``token_start``/
        ``token_end`` (into ``article.doc``), ``char_start``/``char_end`` (into
        ``article.text``) and ``position`` (``char_start`` as a fraction of the
        text, 0-1).
    """
    stops = _stops(extra_stop_words)
    found = _term_occurrences(article, by, stops)
    if not found:
        return pd.DataFrame(columns=OCCURRENCE_COLUMNS)
    table, walk = token_table(article), _walk(article)
    display = _term_display(article, by, stops)
    length = max(len(article.text), 1)
    rows = []
    for key, _, kind, start, end in found:
        sentence_id = walk.sentence_of[start]
        char_start = table.idx[start]
        rows.append(
            (
                display[key],
                kind,
                _span_text(table, start, end),
                sentence_id,
                walk.paragraph_of.get(sentence_id, 0),
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
    top: int | None = None,
) -> pd.DataFrame:
    """How often each term (proper name or content word) occurs, most frequent first.

    Stop words, punctuation and numbers are left out; proper names are one
    term each ("North Korea", not "north" + "korea"), possessives merged
    ("North Korea’s" counts as "North Korea").

    Args:
        article: The loaded article.
        by: ``"lemma"`` (default) or ``"lower"`` for the single words.
        extra_stop_words: More words to leave out.
        top: Keep only the first ``top`` rows (ties broken alphabetically).

    Returns:
        One row per term: ``term``, ``kind`` (``"name"``/``"word"``), ``count``,
        ``per_1000_words`` (count per 1,000 words of the article, its
        ``n_words``) and ``rank`` (1 = most frequent). Empty when nothing is
        left after filtering.
    """
    stops = _stops(extra_stop_words)
    table = cached(
        article,
        ("frequencies", "word_counts", by, stops),
        lambda a: _term_frame(_term_rows(a, by, stops), a.n_words),
    )
    return _head_copy(table, top)


def _term_rows(article: Article, by: By, stops: frozenset[str]) -> list[tuple[str, str, int]]:
    """(term, kind, count) of :func:`word_counts`, in its order, without a DataFrame.

    The headline and the report read these rows directly: building and copying
    a DataFrame costs more than counting the terms.
    """
    return cached(
        article, ("frequencies", "term_rows", by, stops), lambda a: _count_terms(a, by, stops)
    )


def _count_terms(article: Article, by: By, stops: frozenset[str]) -> list[tuple[str, str, int]]:
    found = _term_occurrences(article, by, stops)
    display = _term_display(article, by, stops)
    tally = Counter([(key, kind) for key, _, kind, _, _ in found])
    return _sort_rows([(display[key], kind, count) for (key, kind), count in tally.items()], 2)


def _term_frame(rows: list[tuple[str, str, int]], n_words: int) -> pd.DataFrame:
    """The :func:`word_counts` table of :func:`_term_rows`."""
    if not rows:
        return pd.DataFrame(columns=TERM_COLUMNS)
    terms, kinds, counts = zip(*rows, strict=True)
    count = np.array(counts, dtype=np.int64)
    return pd.DataFrame(
        {
            "term": list(terms),
            "kind": list(kinds),
            "count": count,
            "per_1000_words": count * 1000 / max(n_words, 1),
            "rank": np.arange(1, len(rows) + 1),
        },
        columns=TERM_COLUMNS,
    )


def _head_copy(table: pd.DataFrame, top: int | None) -> pd.DataFrame:
    """A caller's own copy of a cached table, cut to its first ``top`` rows if asked."""
    return table.iloc[:top].copy() if top is not None else table.copy()


def _sort_rows(rows: list[tuple], *descending: int) -> list[tuple]:
    """Row tuples (term first) in :func:`_sort_by_count` order, without building a DataFrame.

    ``descending`` are the positions of the numbers to sort on, largest first;
    ties go alphabetically (case-insensitive) by the term, then keep their order.
    """
    # Two stable sorts, the last one deciding: by term, then by the numbers. A tuple
    # key built in Python per row cost more than both; reverse=True keeps ties in order.
    by_term = sorted(rows, key=lambda row: row[0].casefold())
    return sorted(by_term, key=itemgetter(*descending), reverse=True)


def _sort_by_count(frame: pd.DataFrame, *extra: str) -> pd.DataFrame:
    """Most frequent first; ties in alphabetical order (case-insensitive) so output is stable."""
    frame = frame.assign(_key=frame["term"].str.casefold())
    frame = frame.sort_values(
        ["count", *extra, "_key"], ascending=[False] * (1 + len(extra)) + [True]
    )
    return frame.drop(columns="_key").reset_index(drop=True)


def dispersion(
    article: Article,
    terms: Sequence[str] | None = None,
    top: int = 10,
    by: By = "lemma",
    extra_stop_words: Iterable[str] = (),
) -> pd.DataFrame:
    """Where each of the top terms occurs across the article.

    Args:
        article: The loaded article.
        terms: The terms to place (as :func:`word_counts` names them); default
            the ``top`` most frequent.
        top: How many top terms when ``terms`` is not given.
        by: ``"lemma"`` or ``"lower"``.
        extra_stop_words: More words to leave out.

    Returns:
        :func:`term_occurrences` rows of those terms, plus ``term_rank`` (the
        term's place in ``terms``, 1 first), in reading order.
    """
    if terms is None:
        terms = word_counts(article, by, extra_stop_words, top=top)["term"].tolist()
    order = {term: rank for rank, term in enumerate(terms, start=1)}
    occurrences = term_occurrences(article, by, extra_stop_words)
    chosen = occurrences[occurrences["term"].isin(order)].copy()
    chosen["term_rank"] = chosen["term"].map(order).astype("int64")
    return chosen.reset_index(drop=True)


# -- n-grams -----------------------------------------------------------------------


class _Run(NamedTuple):
    """Adjacent words of one sentence, a clitic written onto its word ("Putin’s").

    Parallel lists with one entry per word, not an object per word: creating
    those cost more than counting the n-grams.
    """

    texts: list[str]  # as shown, clitic included
    base_texts: list[str]  # without the clitic (an n-gram's last word drops it)
    tokens: list[int]  # index of the word's own token (not the clitic)
    edges: list[bool]  # may start or end an n-gram (a content word, not a number)


def _sentence_units(article: Article, stops: frozenset[str]) -> list[_Run]:
    """Runs of adjacent words in each sentence; punctuation ends a run.

    Stop words stay in the runs (they are filtered only at n-gram edges), so no
    n-gram bridges a removed word.
    """
    return cached(
        article, ("frequencies", "units", stops), lambda a: _find_sentence_units(a, stops)
    )


def _find_sentence_units(article: Article, stops: frozenset[str]) -> list[_Run]:
    # The per-token tests come as lists made in one pass each: inside this loop every
    # look-up and call is paid once per token.
    table = token_table(article)
    counted = _counted_flags(article, stops)
    word_like = _word_like_flags(article)
    glued = [False] + [
        clitic and not space
        for clitic, space in zip(_clitic_flags(article)[1:], table.whitespace, strict=False)
    ]
    shown = _shown_forms(article)
    stop_after = _missed_sentence_ends(table)
    runs = []
    for sentence in article.sentences:
        words: list[int] = []  # the run's words (token indices)
        texts: list[str] = []  # their shown forms, clitics included
        for index in range(sentence.token_start, sentence.token_end):
            if words and glued[index]:
                texts[-1] += table.text[index].replace("\u2019", "'")
                continue
            if word_like[index]:
                words.append(index)
                texts.append(shown[index])
                if not stop_after[index]:
                    continue
            if words:
                runs.append(_run(words, texts, shown, counted))
                words, texts = [], []
        if words:
            runs.append(_run(words, texts, shown, counted))
    return runs


def _run(words: list[int], texts: list[str], shown: list[str], counted: list[bool]) -> _Run:
    """The :class:`_Run` of these words (token indices) shown as ``texts``."""
    return _Run(texts, [shown[i] for i in words], words, [counted[i] for i in words])


def _shown_forms(article: Article) -> list[str]:
    """Each token as an n-gram shows it: a name as written, another word lower-cased."""
    table, name_start = token_table(article), _walk(article).name_start
    return [
        text.replace("\u2019", "'") if head >= 0 or pos == "PROPN" else lower
        for text, lower, pos, head in zip(
            table.text, table.lower_straight, table.pos, name_start, strict=True
        )
    ]


def _missed_sentence_ends(table: TokenTable) -> list[bool]:
    """Whether each token is a word with a full stop before a capital ("$500m. It").

    spaCy sometimes misses such sentence ends ("$500m. It intends" is one sentence
    to the parser). N-grams stop there too, at the price of the rare phrase after
    an abbreviation ("U.S. Senate").
    """
    texts = table.text
    return [
        text.endswith(".") and space and following[:1].isupper()
        for text, space, following in zip(texts, table.whitespace, [*texts[1:], ""], strict=True)
    ]


def ngram_counts(
    article: Article,
    n: int | Sequence[int] = (2, 3),
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
    stops = _stops(extra_stop_words)
    settings = (lengths, min_count, stops, include_names, drop_subsumed)
    table = cached(
        article,
        ("frequencies", "ngrams", *settings),
        lambda a: _rows_frame(_ngram_rows(a, settings), NGRAM_COLUMNS),
    )
    return table.copy()


def _ngram_rows(article: Article, settings: tuple) -> list[tuple[str, int, int, int]]:
    """(term, n, count, n_sentences) of :func:`ngram_counts`, in its order, without a DataFrame.

    ``settings`` are :func:`_count_ngrams`'s arguments after the article.
    """
    return cached(
        article, ("frequencies", "ngram_rows", *settings), lambda a: _count_ngrams(a, *settings)
    )


def _rows_frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """A table of row tuples (an empty one still has its columns)."""
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(rows, columns=columns)


def _count_ngrams(
    article: Article,
    lengths: tuple[int, ...],
    min_count: int,
    stops: frozenset[str],
    include_names: bool,
    drop_subsumed: bool,
) -> list[tuple[str, int, int, int]]:
    walk = _walk(article)
    counts: Counter = Counter()
    sizes: dict[str, int] = {}
    sentences: dict[str, set[int]] = {}
    supers: dict[str, set[str]] = {}  # n-gram -> the longer n-grams it was seen inside
    surfaces = []
    for texts, base_texts, tokens, edges in _sentence_units(article, stops):
        keys_here: dict[tuple[int, int], str] = {}
        # Only a content word may start an n-gram: the other starts are not tried at all.
        edge_starts = list(compress(range(len(edges)), edges))
        for size in lengths:
            for start in edge_starts:
                last = start + size - 1
                if last >= len(edges) or not edges[last]:
                    continue
                if not _is_whole_ngram(tokens[start], tokens[last], walk, include_names):
                    continue
                text = " ".join([*texts[start:last], base_texts[last]])
                key = text.casefold()
                keys_here[(start, size)] = key
                counts[key] += 1
                sizes[key] = size
                sentences.setdefault(key, set()).add(walk.sentence_of[tokens[start]])
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
    if not kept:
        return []
    display = _display_forms(surfaces)
    rows = [(display[key], sizes[key], counts[key], len(sentences[key])) for key in kept]
    return _sort_rows(rows, 2, 1)


def _is_whole_ngram(first: int, last: int, walk: _Walk, include_names: bool) -> bool:
    """No proper name cut, not just one name (unless asked); ``first``/``last`` are tokens.

    The caller has checked that both edge words are content words.
    """
    end = last + 1
    head = walk.name_start[first]
    if head not in (-1, first):
        return False  # starts inside a name
    if walk.name_end[last] not in (-1, end):
        return False  # ends inside a name
    if include_names:
        return True
    return not (head == first and walk.name_end[first] == end)


# -- distinctive words -------------------------------------------------------------


@functools.cache
def _english_frequency(word: str) -> float:
    """Frequency of a word or phrase in general English (wordfreq, proportion of words)."""
    from wordfreq import word_frequency

    return word_frequency(word, "en")


def distinctive_words(
    article: Article,
    min_count: int = MIN_DISTINCTIVE_COUNT,
    by: By = "lemma",
    extra_stop_words: Iterable[str] = (),
    top: int | None = None,
) -> pd.DataFrame:
    """Terms far more frequent in the article than in general English.

    The score is the difference of Zipf values (Brysbaert & New's scale, used
    by ``wordfreq``: log10 of frequency per billion words)::

        zipf_article = log10(count / n_words * 1e9)
        zipf_english = wordfreq zipf frequency of the term (floored at 1.0)
        score        = zipf_article - zipf_english  = log10(ratio)

    so score 1 means ten times more frequent than usual, 2 a hundred times. A
    higher score means the term marks this article out more. ``zipf_english``
    sums the frequencies of the forms the article actually used (a lemma's
    "relationships" is compared with "relationships", not "relationship").
    Terms seen fewer than ``min_count`` times are left out, so one-off rare
    words do not dominate. Reference: Speer, R. (2022), wordfreq v3
    (doi:10.5281/zenodo.7199437); van Heuven et al. (2014), "SUBTLEX-UK",
    QJEP 67(6) for the Zipf scale.

    Args:
        article: The loaded article.
        min_count: Least number of occurrences.
        by: ``"lemma"`` or ``"lower"``.
        extra_stop_words: More words to leave out.
        top: Keep only the ``top`` highest scores.

    Returns:
        ``term``, ``kind``, ``count``, ``zipf_article``, ``zipf_english``,
        ``score`` and ``ratio`` (10 ** score), highest score first (ties: the
        more frequent first).
    """
    stops = _stops(extra_stop_words)
    table = cached(
        article,
        ("frequencies", "distinctive", min_count, by, stops),
        lambda a: _rows_frame(_distinctive_rows(a, min_count, by, stops), DISTINCTIVE_COLUMNS),
    )
    return _head_copy(table, top)


def _distinctive_rows(
    article: Article, min_count: int, by: By, stops: frozenset[str]
) -> list[tuple[str, str, int, float, float, float, float]]:
    """The rows of :func:`distinctive_words`, in its order, without a DataFrame."""
    return cached(
        article,
        ("frequencies", "distinctive_rows", min_count, by, stops),
        lambda a: _score_distinctive(a, min_count, by, stops),
    )


def _score_distinctive(
    article: Article, min_count: int, by: By, stops: frozenset[str]
) -> list[tuple[str, str, int, float, float, float, float]]:
    found = _term_occurrences(article, by, stops)
    counts = Counter([key for key, *_ in found])
    kinds = {key: kind for key, _, kind, _, _ in found}
    wanted = {key for key, count in counts.items() if count >= min_count}
    forms = _english_forms(article, found, wanted)
    display = _term_display(article, by, stops)
    n_words = max(article.n_words, 1)
    rows = []
    for key, count in counts.items():
        if count < min_count:
            continue
        english = sum(_english_frequency(form) for form in sorted(forms[key]))
        zipf_english = max(math.log10(english * 1e9), ZIPF_FLOOR) if english > 0 else ZIPF_FLOOR
        zipf_article = math.log10(count / n_words * 1e9)
        score = zipf_article - zipf_english
        rows.append((display[key], kinds[key], count, zipf_article, zipf_english, score, 10**score))
    return _sort_rows(rows, 5, 2)  # score, count, term


def _english_forms(article: Article, found: list[tuple], wanted: set[str]) -> dict[str, set[str]]:
    """Each wanted term's surface forms as wordfreq looks them up (lower case, no "'s")."""
    table = token_table(article)
    forms: dict[str, set[str]] = {}
    lookup: dict[str, str] = {}  # surface -> form, once per distinct surface
    for key, _, _, start, end in found:
        if key not in wanted:
            continue
        surface = table.text[start] if end == start + 1 else _span_text(table, start, end)
        form = lookup.get(surface)
        if form is None:
            form = " ".join(surface.replace("\u2019", "'").lower().split())
            form = lookup[surface] = form[:-2] if form.endswith("'s") else form
        forms.setdefault(key, set()).add(form)
    return forms


# -- keyword in context ------------------------------------------------------------


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
    words = query.replace("\u2019", "'").split()
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


# -- rank and frequency ------------------------------------------------------------


def rank_frequency(article: Article, by: By = "lower") -> pd.DataFrame:
    """Every word type ranked by count, stop words included (for a Zipf plot).

    Zipf's law predicts ``count ≈ count_1 / rank`` (Zipf 1949, *Human Behavior
    and the Principle of Least Effort*): a straight line of slope -1 on log-log
    axes. ``zipf_expected`` is that prediction, for reference.

    Args:
        article: The loaded article.
        by: ``"lower"`` (default: word forms as written) or ``"lemma"``.

    Returns:
        ``rank`` (1 = most frequent), ``term``, ``count``, ``frequency``
        (share of all words, 0-1), ``is_stop_word``, ``zipf_expected``.
    """
    if by not in ("lemma", "lower"):
        raise ValueError(f"by must be 'lemma' or 'lower', not {by!r}")
    stops = stop_words()
    table = token_table(article)
    forms = table.norm if by == "lemma" else table.lower_straight
    counted = [
        word and not clitic
        for word, clitic in zip(table.is_word, _clitic_flags(article), strict=True)
    ]
    counts = Counter(compress(forms, counted))
    if not counts:
        return pd.DataFrame(columns=RANK_COLUMNS)
    frame = pd.DataFrame(list(counts.items()), columns=["term", "count"])
    frame = _sort_by_count(frame)
    frame.insert(0, "rank", np.arange(1, len(frame) + 1))
    frame["frequency"] = frame["count"] / frame["count"].sum()
    frame["is_stop_word"] = frame["term"].isin(stops)
    frame["zipf_expected"] = frame["count"].iloc[0] / frame["rank"]
    return frame[RANK_COLUMNS]


# -- summaries ---------------------------------------------------------------------


def word_cloud_frequencies(counts: pd.DataFrame, top: int = 50) -> dict[str, int]:
    """The ``{term: count}`` a word cloud is drawn from: the top rows of :func:`word_counts`."""
    head = counts.head(top)
    return {str(term): int(count) for term, count in zip(head["term"], head["count"], strict=True)}


def headline_metrics(article: Article) -> dict:
    """A few flat values for a one-row-per-article corpus table.

    Returns:
        ``top_words`` (five most frequent terms, comma-joined), ``top_distinctive_words``
        (five highest-scoring distinctive words), ``top_phrase`` (most frequent
        n-gram, or ``""``), ``n_terms`` (distinct terms) and ``top_word_share``
        (share of all term occurrences taken by the most frequent term, 0-1;
        NaN when there are none).
    """
    # The cached rows of word_counts, distinctive_words and ngram_counts (default
    # settings), read without building or copying their DataFrames.
    counts, distinct, ngrams = _default_rows(article)
    total = sum(count for _, _, count in counts)
    return {
        "top_words": ", ".join(term for term, _, _ in counts[:5]),
        "top_distinctive_words": ", ".join(row[0] for row in distinct[:5]),
        "top_phrase": ngrams[0][0] if ngrams else "",
        "n_terms": len(counts),
        "top_word_share": counts[0][2] / total if total else math.nan,
    }


def report_section(
    article: Article, n_words: int = 20, n_ngrams: int = 10, n_distinctive: int = 15
) -> dict:
    """The ``frequencies`` section of ``report --format json``.

    Returns:
        ``top_words``: ``[{term, count}]``; ``top_ngrams``: ``[{term, n, count}]``;
        ``distinctive_words``: ``[{term, count, score}]`` (score: Zipf
        difference, see :func:`distinctive_words`, rounded to 3 decimals).
    """
    counts, distinct, ngrams = _default_rows(article)
    return {
        "top_words": [{"term": term, "count": count} for term, _, count in counts[:n_words]],
        "top_ngrams": [{"term": t, "n": n, "count": c} for t, n, c, _ in ngrams[:n_ngrams]],
        "distinctive_words": [
            {"term": row[0], "count": row[2], "score": round(row[5], 3)}
            for row in distinct[:n_distinctive]
        ],
    }


def _default_rows(article: Article) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Rows of :func:`word_counts`, :func:`distinctive_words`, :func:`ngram_counts` (defaults)."""
    stops = _stops(())
    return (
        _term_rows(article, "lemma", stops),
        _distinctive_rows(article, MIN_DISTINCTIVE_COUNT, "lemma", stops),
        _ngram_rows(article, ((2, 3), MIN_NGRAM_COUNT, stops, False, True)),
    )
