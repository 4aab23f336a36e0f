"""Terms: occurrences of names and counted words, grouped into terms and ranked.

Grouping (:func:`_group_keys`) is shared by the term tables and by
:func:`~analysis.frequencies.rank.rank_frequency`; the ordering helpers
(:func:`_ranked`, :func:`_sort_by_count`) are shared by every table, so ties
break the same way everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from itertools import compress
from operator import attrgetter
from typing import Literal, NamedTuple

import pandas as pd

from analysis.frequencies.layout import _Layout, _name_text
from analysis.tokens import TokenTable

By = Literal["lemma", "lower"]


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
