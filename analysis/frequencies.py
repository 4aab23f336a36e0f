"""Which words and phrases carry the article: counts, n-grams, distinctive words, KWIC.

A *term* is either a proper name kept whole ("North Korea", "Kim Jong Un") or a
single content word. Stop words, punctuation and numbers are left out, and so are
pieces of a written word that the tokenizer split off ("cm" of "12cm", "Got" of
"Gotta"); "content word" means what :mod:`analysis.vocabulary` says,
so the stop-word list is spaCy's plus ``analysis/data/stopwords_extra.txt``
(extend it there, or pass ``extra_stop_words=``).

Proper names come from the article's named entities (people, places,
organisations, nationalities, events, works, laws, languages, products) and,
for names the entity recogniser missed, runs of proper nouns ("Mount Paektu").
A leading article and a trailing possessive are trimmed, so "the Soviet Union"
counts as "Soviet Union" and "North Korea’s" as "North Korea". Names are not
merged with each other: "Vladimir Putin" and "Putin" are two terms (alias
merging is the job of :mod:`analysis.entities`).

Every term shown is written in the article. By default words are grouped by
lemma ("relationship" and "relationships" are one term, "data" counts with
"datum"), and the group is shown as its most frequent form as written (a tie goes
to the form read first), with the lemma and the forms in columns of their own: a
lemma is fine for counting but wrong as what the reader sees ("datum",
"taxis" for "taxes", "geoengineere"). The grouping is transitive, so a lemma and
its forms never fall into two rows: "geoengineering" tagged once as a noun (lemma
"geoengineering") and once as a verb (lemma "geoengineere") is one term, and a
one-word name is one term with the same word written otherwise ("Davies").

Every table derives from one record per article and counting setting (``by`` and
the stop words), :class:`_Result`, computed in one pass over the article's shared
token table (:mod:`analysis.tokens`) and cached (:mod:`analysis.cache`).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd

from analysis.article import Article
from analysis.cache import cached
from analysis.tokens import TokenTable, content_flags, token_table
from analysis.vocabulary import ENTITY_TYPES, stop_words, straighten_apostrophes

By = Literal["lemma", "lower"]

# Entity labels that name something (dates, amounts and ordinals are not names):
# the same set the entities analysis keeps, so both mean the same by "a name".
NAME_LABELS = frozenset(ENTITY_TYPES)
# A distinctive word must occur at least this often: a word used once says little
# about the article, and any rare word used once would otherwise top the list.
MIN_DISTINCTIVE_COUNT = 2
# A phrase must recur to be a phrase of the article rather than a chance sequence.
MIN_NGRAM_COUNT = 2
# The n-gram lengths of the default table (and of the report).
NGRAM_LENGTHS = (2, 3)
# wordfreq gives Zipf 0 to words it has never seen; treat them as this rare
# (Zipf 1 = once per 100 million words, below the rarest words it lists).
ZIPF_FLOOR = 1.0
# Numbers written in digits, with an optional ordinal or decade suffix ("2nd", "1990s").
_NUMBER = re.compile(r"^[\d.,:/-]*\d[\d.,:/-]*(?:s|st|nd|rd|th)?$", re.I)

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
NGRAM_COLUMNS = ["term", "n", "count", "n_sentences"]
DISTINCTIVE_COLUMNS = [
    "term",
    "kind",
    "count",
    "zipf_article",
    "zipf_english",
    "score",
    "ratio",
    "lemma",
    "forms",
]
KWIC_COLUMNS = ["sentence_id", "paragraph", "char_start", "char_end", "left", "keyword", "right"]
RANK_COLUMNS = ["rank", "term", "count", "frequency", "is_stop_word", "zipf_expected"]


# -- the record every table derives from ---------------------------------------------


class _Occurrences(NamedTuple):
    """Every occurrence of a term (a name or a counted word) in reading order, a list per field.

    Lists side by side rather than an object per occurrence: creating those cost
    more than finding the occurrences.
    """

    keys: list[str]  # the group (term) each counts in, see _group_keys
    forms: list[str]  # as shown: a name as written, a word lower-cased (apostrophes straight)
    lemmas: list[str]  # a word's lemma, a name lower-cased
    kinds: list[str]  # "name" or "word"
    starts: list[int]  # first token (index into ``article.doc``)
    ends: list[int]  # one past the last token


class _Term(NamedTuple):
    """A term (a group of occurrences): a row of :func:`word_counts` before its derived columns."""

    key: str  # the group's key in _Occurrences.keys
    term: str  # its most frequent form, as written in the article
    kind: str  # the kind of that form's occurrences
    count: int
    lemma: str  # its most frequent lemma
    forms: list[str]  # every form counted, most frequent first


class _Distinctive(NamedTuple):
    """A row of :func:`distinctive_words` (fields as its columns)."""

    term: str
    kind: str
    count: int
    zipf_article: float
    zipf_english: float
    score: float
    ratio: float
    lemma: str
    forms: list[str]


class _Ngram(NamedTuple):
    """A row of :func:`ngram_counts` (fields as its columns)."""

    term: str
    n: int
    count: int
    n_sentences: int


class _Run(NamedTuple):
    """Adjacent words of one sentence, a clitic written onto its word ("Putin’s").

    Parallel lists with one entry per word, not an object per word: creating
    those cost more than counting the n-grams.
    """

    texts: list[str]  # as shown, clitic included
    base_texts: list[str]  # without the clitic (an n-gram's last word drops it)
    tokens: list[int]  # index of the word's own token (not the clitic)
    edges: list[bool]  # may start or end an n-gram (a content word, not a number)


class _Layout(NamedTuple):
    """Where sentences, names and word runs lie, token by token.

    Plain lists, not numpy arrays: the walks read them one token at a time, and a
    numpy scalar read costs several times a list read.
    """

    sentence_of: list[int]  # token index -> sentence id (0 between sentences)
    names: list[tuple[int, int]]  # token ranges of the names, in reading order
    name_start: list[int]  # token index -> first token of its name, -1 outside names
    name_end: list[int]  # token index -> one past the last token of its name, -1 outside
    runs: list[_Run]  # the word runs n-grams are read from


@dataclass(frozen=True)
class _Result:
    """Everything the tables of one article derive from, for one ``by`` and stop-word list."""

    layout: _Layout
    occurrences: _Occurrences
    terms: list[_Term]  # word_counts rows, in its order
    distinctive: list[_Distinctive]  # distinctive_words rows at the default min_count
    ngrams: list[_Ngram]  # ngram_counts rows at the default settings


def _result(article: Article, by: By = "lemma", extra_stop_words: Iterable[str] = ()) -> _Result:
    """The article's cached :class:`_Result` for this counting setting."""
    if by not in ("lemma", "lower"):
        raise ValueError(f"by must be 'lemma' or 'lower', not {by!r}")
    stops = stop_words(tuple(extra_stop_words))
    return cached(article, ("frequencies", "result", by, stops), lambda a: _compute(a, by, stops))


def _compute(article: Article, by: By, stops: frozenset[str]) -> _Result:
    table = token_table(article)
    clitic = _clitic_flags(table)
    number = _number_flags(table)
    word_like = [word or num for word, num in zip(table.is_word, number, strict=True)]
    joined = _joined_flags(table, word_like, clitic)
    # A piece of a written word ("m" of "200m", "Got" of "Gotta") is no word of its own.
    piece = [left or right for left, right in zip(joined, [*joined[1:], False], strict=True)]
    counted = _counted_flags(table, content_flags(article, stops), number, piece)
    layout = _layout(article, table, clitic, word_like, joined, piece, counted)
    found = _find_occurrences(table, layout, counted, stops)
    occurrences = found._replace(keys=_group_keys(found.forms, found.lemmas, found.kinds, by))
    terms = _count_terms(occurrences)
    return _Result(
        layout=layout,
        occurrences=occurrences,
        terms=terms,
        distinctive=_score_distinctive(terms, MIN_DISTINCTIVE_COUNT, article.n_words),
        ngrams=_count_ngrams(layout, NGRAM_LENGTHS, MIN_NGRAM_COUNT, False, True),
    )


# -- token flags and layout ----------------------------------------------------------


def _clitic_flags(table: TokenTable) -> list[bool]:
    """Whether each token is a possessive or contracted ending ("’s", "n't")."""
    return [
        tag == "POS" or lower.startswith("'") or lower == "n't"
        for tag, lower in zip(table.tag, table.lower_straight, strict=True)
    ]


def _number_flags(table: TokenTable) -> list[bool]:
    """Whether each token is a number: ``like_num`` or digits ("2nd", "1990s", "3.5")."""
    # Once per distinct form: like_num is a lexical flag, the same for every token of a form.
    like_num = dict(zip(table.text, table.like_num, strict=True))
    number = {text: flag or _NUMBER.match(text) is not None for text, flag in like_num.items()}
    return [number[text] for text in table.text]


def _joined_flags(table: TokenTable, word_like: list[bool], clitic: list[bool]) -> list[bool]:
    """Whether each token is written onto the word or number before it, with no space between.

    spaCy splits some written words in two ("200m", "3G", "Gotta", "cannot"); neither
    piece is a word of the text. A clitic ("’s") is an ending, not such a piece.
    """
    return [False] + [
        not space and before and after and not ending
        for space, before, after, ending in zip(
            table.whitespace, word_like, word_like[1:], clitic[1:], strict=False
        )
    ]


def _counted_flags(
    table: TokenTable, content: list[bool], number: list[bool], piece: list[bool]
) -> list[bool]:
    """Content words of two letters or more that are not numbers nor pieces of a word.

    ("m." of "$500m." is not one, nor "cm" of "12cm".) Read by both the term walk and the
    n-grams.
    """
    texts = table.text
    candidates = {
        text
        for text, is_content, is_number in zip(texts, content, number, strict=True)
        if is_content and not is_number
    }
    # Letters counted once per distinct form; a number's form never gets here.
    lettered = {text for text in candidates if sum(map(str.isalpha, text)) >= 2}
    return [
        is_content and text in lettered and not part
        for text, is_content, part in zip(texts, content, piece, strict=True)
    ]


def _layout(
    article: Article,
    table: TokenTable,
    clitic: list[bool],
    word_like: list[bool],
    joined: list[bool],
    piece: list[bool],
    counted: list[bool],
) -> _Layout:
    n_tokens = len(table)
    sentence_of = [0] * n_tokens
    for sentence in article.sentences:
        start, end = sentence.token_start, min(sentence.token_end, n_tokens)
        sentence_of[start:end] = [sentence.id] * (end - start)
    names = _name_spans(article, table, clitic, joined, piece)
    name_start, name_end = [-1] * n_tokens, [-1] * n_tokens
    for start, end in names:
        name_start[start:end] = [start] * (end - start)
        name_end[start:end] = [end] * (end - start)
    glued = [False] + [
        (ending and not space) or next_joined
        for ending, space, next_joined in zip(
            clitic[1:], table.whitespace, joined[1:], strict=False
        )
    ]
    shown = _shown_forms(table, name_start)
    runs = _sentence_runs(article, table, shown, word_like, glued, counted)
    return _Layout(sentence_of, names, name_start, name_end, runs)


def _name_spans(
    article: Article, table: TokenTable, clitic: list[bool], joined: list[bool], piece: list[bool]
) -> list[tuple[int, int]]:
    """Token ranges of proper names: named entities first, then runs of proper nouns.

    The ranges never overlap: a run of proper nouns is made of tokens no kept
    entity holds. A name that starts or ends inside a written word (``joined``,
    ``piece``: see :func:`_joined_flags`) is not one.
    """
    n_tokens = len(table)
    spans, taken = [], [False] * n_tokens
    joined_after = [*joined[1:], False]  # the next token is written onto this one
    for ent in article.doc.ents:  # a few dozen Span objects: cheap next to a per-token walk
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = _trim_name(table, clitic, ent.start, ent.end)
        if start < end and (joined[start] or joined_after[end - 1]):
            continue
        # Tokens' texts joined without their spaces: a space is no letter either way.
        if start < end and any(c.isalpha() for c in "".join(table.text[start:end])):
            spans.append((start, end))
            taken[start:end] = [True] * (end - start)
    free = [
        pos == "PROPN" and word and not held and not part
        for pos, word, held, part in zip(table.pos, table.is_word, taken, piece, strict=True)
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


def _span_text(table: TokenTable, start: int, end: int) -> str:
    """``doc[start:end].text``: the tokens with the spaces between them, none after."""
    if end - start == 1:
        return table.text[start]
    inner = zip(table.text[start : end - 1], table.whitespace[start : end - 1], strict=True)
    return "".join([text + " " if space else text for text, space in inner]) + table.text[end - 1]


def _name_text(table: TokenTable, start: int, end: int) -> str:
    """Surface text of a name with straight apostrophes and single spaces."""
    return " ".join(straighten_apostrophes(_span_text(table, start, end)).split())


# -- terms ---------------------------------------------------------------------------


def _find_occurrences(
    table: TokenTable, layout: _Layout, counted: list[bool], stops: frozenset[str]
) -> _Occurrences:
    """Every name and every counted word outside a name, in reading order (no keys yet)."""
    name_end = dict(layout.names)
    # A counted word inside a name is part of the name, not a word of its own.
    words = [
        index for index in compress(range(len(table)), counted) if layout.name_start[index] < 0
    ]
    found = _Occurrences([], [], [], [], [], [])
    for index in sorted([*name_end, *words]):
        end = name_end.get(index)
        if end is None:  # counted words are content words: neither form is a stop word
            _add(found, table.lower_straight[index], table.norm[index], "word", index, index + 1)
            continue
        text = _name_text(table, index, end)
        if text.lower() not in stops or text.isupper():
            _add(found, text, text.lower(), "name", index, end)
    return found


def _add(found: _Occurrences, form: str, lemma: str, kind: str, start: int, end: int) -> None:
    """Append one occurrence to ``found``."""
    found.forms.append(form)
    found.lemmas.append(lemma)
    found.kinds.append(kind)
    found.starts.append(start)
    found.ends.append(end)


def _group_keys(forms: list[str], lemmas: list[str], kinds: list[str], by: By) -> list[str]:
    """The group (term) of each occurrence, given its form, lemma and kind.

    Occurrences written alike (ignoring case) are one group, so a one-word name and
    the same word tagged otherwise ("Davies") are one term. With ``by="lemma"``,
    words that share a lemma are one group too, and the grouping is transitive: a
    lemma and all its forms are never split, even where the lemmatiser gave one
    form two lemmas ("geoengineering" as a noun, "geoengineere" as a verb).
    """
    form_nodes = ["f:" + form.lower() for form in forms]
    if by == "lower":
        return form_nodes
    links = {
        (node, "l:" + lemma)
        for node, lemma, kind in zip(form_nodes, lemmas, kinds, strict=True)
        if kind == "word"
    }
    component = _components(links)
    return [component.get(node, node) for node in form_nodes]


def _components(links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each node of ``links`` -> the smallest node joined to it, directly or through others.

    A union-find whose root is always the smallest node, so the result does not
    depend on the order of the links.
    """
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    for first, second in links:
        first, second = root(first), root(second)
        if first != second:
            parent[max(first, second)] = min(first, second)
    nodes = {node for link in links for node in link}
    return {node: root(node) for node in nodes}


def _ranked_values(keys_and_values: Iterable[tuple[str, Hashable]]) -> dict[str, list]:
    """For each key, its distinct values, most frequent first (first seen wins a tie)."""
    # A Counter keeps the pairs in the order first seen, and sorting is stable.
    ranked: dict[str, list] = {}
    counts: dict[str, list[int]] = {}
    for (key, value), count in Counter(keys_and_values).items():
        if key in ranked:
            ranked[key].append(value)
            counts[key].append(count)
        else:
            ranked[key], counts[key] = [value], [count]
    for key, values in ranked.items():
        if len(values) > 1:  # most keys have one value: nothing to sort
            order = sorted(range(len(values)), key=counts[key].__getitem__, reverse=True)
            ranked[key] = [values[index] for index in order]
    return ranked


def _count_terms(found: _Occurrences) -> list[_Term]:
    """One row per group, shown as its most frequent form."""
    counts = Counter(found.keys)
    shown = _ranked_values(zip(found.keys, zip(found.forms, found.kinds, strict=True), strict=True))
    lemmas = _ranked_values(zip(found.keys, found.lemmas, strict=True))
    rows = []
    for key, count in counts.items():
        ranked = shown[key]
        term, kind = ranked[0]
        forms = [term] if len(ranked) == 1 else list(dict.fromkeys([form for form, _ in ranked]))
        rows.append(_Term(key, term, kind, count, lemmas[key][0], forms))
    return _ranked(rows, "count")


def _ranked(rows: list, *fields: str) -> list:
    """Rows (named tuples with a ``term``) with the largest ``fields`` first.

    Ties go alphabetically (case-insensitive) by the term, then keep their order, as
    :func:`_sort_by_count` sorts a table.
    """
    # Two stable sorts, the last one deciding: by term, then by the numbers. A tuple
    # key built in Python per row cost more than both; reverse=True keeps ties in order.
    by_term = sorted(rows, key=lambda row: row.term.casefold())
    return sorted(by_term, key=attrgetter(*fields), reverse=True)


def _frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """A table of rows (an empty one still has its columns)."""
    return pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame(columns=columns)


def _sort_by_count(frame: pd.DataFrame) -> pd.DataFrame:
    """Most frequent first; ties in alphabetical order (case-insensitive) so output is stable."""
    frame = frame.assign(_key=frame["term"].str.casefold())
    frame = frame.sort_values(["count", "_key"], ascending=[False, True])
    return frame.drop(columns="_key").reset_index(drop=True)


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


# -- n-grams -----------------------------------------------------------------------


def _sentence_runs(
    article: Article,
    table: TokenTable,
    shown: list[str],
    word_like: list[bool],
    glued: list[bool],
    counted: list[bool],
) -> list[_Run]:
    """Runs of adjacent words in each sentence; punctuation ends a run.

    Stop words stay in the runs (they are filtered only at n-gram edges), so no
    n-gram bridges a removed word. ``shown`` is each token as an n-gram shows it,
    ``word_like`` marks words and numbers, ``glued`` a clitic or a piece of a word
    written onto the word before it ("Putin’s", "200m": one word of the run).
    """
    # Inside this loop every look-up and call is paid once per token.
    stop_after = _missed_sentence_ends(table)
    runs = []
    for sentence in article.sentences:
        words: list[int] = []  # the run's words (token indices)
        texts: list[str] = []  # their shown forms, what is glued on included
        for index in range(sentence.token_start, sentence.token_end):
            if words and glued[index]:
                texts[-1] += straighten_apostrophes(table.text[index])
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


def _shown_forms(table: TokenTable, name_start: list[int]) -> list[str]:
    """Each token as an n-gram shows it: a name as written, another word lower-cased."""
    return [
        straighten_apostrophes(text) if head >= 0 or pos == "PROPN" else lower
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
    result = _result(article, "lemma", extra_stop_words)
    settings = (lengths, min_count, include_names, drop_subsumed)
    if settings == (NGRAM_LENGTHS, MIN_NGRAM_COUNT, False, True):
        rows = result.ngrams
    else:
        rows = _count_ngrams(result.layout, *settings)
    return _frame(rows, NGRAM_COLUMNS)


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
    top_n: int | None = None,
) -> pd.DataFrame:
    """Terms far more frequent in the article than in general English.

    The score is the difference of Zipf values (Brysbaert & New's scale, used
    by ``wordfreq``: log10 of frequency per billion words)::

        zipf_article = log10(count / n_words * 1e9)
        zipf_english = wordfreq zipf frequency of the term (floored at 1.0)
        score        = zipf_article - zipf_english  = log10(ratio)

    so score 1 means ten times more frequent than usual, 2 a hundred times. A
    higher score means the term marks this article out more. ``zipf_english``
    sums the English frequencies of the forms the article actually used, the
    term's ``forms``: the count on the article's side is of those same forms, so
    both sides count alike. The lemma would compare the article with a word it
    may never use ("datum" for "data", or no word at all: "geoengineere" has no
    frequency and would score as the rarest word), and the shown form alone would
    leave out the other forms the count includes.
    Terms seen fewer than ``min_count`` times are left out, so one-off rare
    words do not dominate. Reference: Speer, R. (2022), wordfreq v3
    (doi:10.5281/zenodo.7199437); van Heuven et al. (2014), "SUBTLEX-UK",
    QJEP 67(6) for the Zipf scale.

    Args:
        article: The loaded article.
        min_count: Least number of occurrences.
        by: ``"lemma"`` or ``"lower"``.
        extra_stop_words: More words to leave out.
        top_n: Keep only the ``top_n`` highest scores.

    Returns:
        ``term``, ``kind``, ``count``, ``zipf_article``, ``zipf_english``,
        ``score``, ``ratio`` (10 ** score), ``lemma`` and ``forms`` (as in
        :func:`word_counts`), highest score first (ties: the more frequent first).
    """
    result = _result(article, by, extra_stop_words)
    if min_count == MIN_DISTINCTIVE_COUNT:
        rows = result.distinctive
    else:
        rows = _score_distinctive(result.terms, min_count, article.n_words)
    return _frame(rows[:top_n], DISTINCTIVE_COLUMNS)


def _score_distinctive(terms: list[_Term], min_count: int, n_words: int) -> list[_Distinctive]:
    n_words = max(n_words, 1)
    rows = []
    for row in terms:
        if row.count < min_count:
            continue
        english = sum(_english_frequency(form) for form in _english_forms(row.forms))
        zipf_english = max(math.log10(english * 1e9), ZIPF_FLOOR) if english > 0 else ZIPF_FLOOR
        zipf_article = math.log10(row.count / n_words * 1e9)
        score = zipf_article - zipf_english
        rows.append(
            _Distinctive(
                term=row.term,
                kind=row.kind,
                count=row.count,
                zipf_article=zipf_article,
                zipf_english=zipf_english,
                score=score,
                ratio=10**score,
                lemma=row.lemma,
                forms=row.forms,
            )
        )
    return _ranked(rows, "score", "count")


def _english_forms(forms: list[str]) -> list[str]:
    """A term's forms as wordfreq looks them up (lower case, no "'s"), in sorted order."""
    lowered = {" ".join(form.lower().split()) for form in forms}
    return sorted({form[:-2] if form.endswith("'s") else form for form in lowered})


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


# -- rank and frequency ------------------------------------------------------------


def rank_frequency(article: Article, by: By = "lower") -> pd.DataFrame:
    """Every word type ranked by count, stop words included (for a Zipf plot).

    Zipf's law predicts ``count ≈ count_1 / rank`` (Zipf 1949, *Human Behavior
    and the Principle of Least Effort*): a straight line of slope -1 on log-log
    axes. ``zipf_expected`` is that prediction, for reference.

    Args:
        article: The loaded article.
        by: ``"lower"`` (default: word forms as spaCy splits them, so "won't" is
            "wo" + "n't" and only "wo" counts) or ``"lemma"`` (the forms of a lemma
            counted together, shown as the most frequent one).

    Returns:
        ``rank`` (1 = most frequent), ``term``, ``count``, ``frequency``
        (share of all words, 0-1), ``is_stop_word``, ``zipf_expected``.
    """
    counts = _word_types(token_table(article), by)
    if not counts:
        return pd.DataFrame(columns=RANK_COLUMNS)
    frame = pd.DataFrame(list(counts.items()), columns=["term", "count"])
    frame = _sort_by_count(frame)
    frame.insert(0, "rank", np.arange(1, len(frame) + 1))
    frame["frequency"] = frame["count"] / frame["count"].sum()
    frame["is_stop_word"] = frame["term"].isin(stop_words())
    frame["zipf_expected"] = frame["count"].iloc[0] / frame["rank"]
    return frame[RANK_COLUMNS]


def _word_types(table: TokenTable, by: By) -> Counter:
    """Every word (stop words too, clitics not) counted by form, or by lemma group.

    A lemma group (see :func:`_group_keys`) is shown as its most frequent form.
    """
    if by not in ("lemma", "lower"):
        raise ValueError(f"by must be 'lemma' or 'lower', not {by!r}")
    words = [
        word and not ending
        for word, ending in zip(table.is_word, _clitic_flags(table), strict=True)
    ]
    forms = list(compress(table.lower_straight, words))
    if by == "lower":
        return Counter(forms)
    lemmas = list(compress(table.norm, words))
    keys = _group_keys(forms, lemmas, ["word"] * len(forms), by)
    shown = _ranked_values(zip(keys, forms, strict=True))
    return Counter(shown[key][0] for key in keys)


# -- summaries ---------------------------------------------------------------------


def word_cloud_frequencies(counts: pd.DataFrame, top_n: int = 50) -> dict[str, int]:
    """The ``{term: count}`` a word cloud is drawn from: the top rows of :func:`word_counts`."""
    head = counts.head(top_n)
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
    result = _result(article)
    terms = result.terms
    total = sum(row.count for row in terms)
    return {
        "top_words": ", ".join(row.term for row in terms[:5]),
        "top_distinctive_words": ", ".join(row.term for row in result.distinctive[:5]),
        "top_phrase": result.ngrams[0].term if result.ngrams else "",
        "n_terms": len(terms),
        "top_word_share": terms[0].count / total if total else math.nan,
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
    result = _result(article)
    return {
        "top_words": [{"term": row.term, "count": row.count} for row in result.terms[:n_words]],
        "top_ngrams": [
            {"term": row.term, "n": row.n, "count": row.count} for row in result.ngrams[:n_ngrams]
        ],
        "distinctive_words": [
            {"term": row.term, "count": row.count, "score": round(row.score, 3)}
            for row in result.distinctive[:n_distinctive]
        ],
    }
