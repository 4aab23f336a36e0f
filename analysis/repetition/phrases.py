"""Repeated phrases: maximal word sequences that occur more than once (Voyant's "longest").

:func:`_find_phrases` computes them for one article and a shortest length; the
public table is :func:`analysis.repetition.repeated_phrases`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import NamedTuple

from analysis import diversity
from analysis.article import Article
from analysis.tokens import content_flags, token_table
from analysis.vocabulary import stop_words

# Shortest repeated phrase listed by default (words).
MIN_PHRASE_WORDS = 2

PHRASE_COLUMNS = ["phrase", "n_words", "count", "n_alone", "sentences", "first_sentence"]


class Phrase(NamedTuple):
    """One repeated phrase (a row of :func:`repeated_phrases`)."""

    phrase: str
    n_words: int
    count: int
    n_alone: int
    sentences: list[int]
    first_sentence: int


def _find_phrases(article: Article, min_words: int) -> list[Phrase]:
    positions = diversity.word_positions(article)
    tokens = [i for sentence in positions for i in sentence]
    sentence_of = [
        s.id for s, words in zip(article.sentences, positions, strict=True) for _ in words
    ]
    if len(tokens) < 2:
        return []
    table = token_table(article)
    vocabulary: dict[str, int] = {}
    ids = [vocabulary.setdefault(table.lower_straight[i], len(vocabulary)) for i in tokens]
    edge = _phrase_edges(article, tokens)
    # Listable phrases start and end on a content word ("vowed ... like", not "and vowed ... to").
    listable = [
        (length, starts)
        for length, groups in _repeated_ngrams(ids, sentence_of).items()
        if length >= min_words
        for starts in groups
        if edge[starts[0]] and edge[starts[0] + length - 1]
    ]
    longest = [0] * len(tokens)
    for length, starts in listable:
        for i in starts:
            longest[i] = max(longest[i], length)
    reach = _reach_from_left(longest, sentence_of)
    phrases = []
    for length, starts in listable:
        n_alone = sum(1 for i in starts if longest[i] == length and reach[i] < i + length)
        first, last = tokens[starts[0]], tokens[starts[0] + length - 1]
        text = article.text[table.idx[first] : table.idx[last] + len(table.text[last])]
        # spaCy splits "year-earlier" into three tokens; it is still one written word.
        n_words = len(text.split())
        if n_alone and n_words >= min_words:
            sentences = sorted({sentence_of[i] for i in starts})
            phrases.append(
                Phrase(text, n_words, len(starts), n_alone, sentences, sentence_of[starts[0]])
            )
    # Longest first, then most frequent, then earliest.
    phrases.sort(key=lambda p: (-p.n_words, -p.count, p.first_sentence))
    return phrases


def _phrase_edges(article: Article, tokens: list[int]) -> list[bool]:
    """Per word token, whether a listed phrase may start or end on it: a content word or number."""
    table = token_table(article)
    stops = stop_words()
    content = content_flags(article, stops)
    like_num, lower = table.like_num, table.lower
    return [content[i] or (like_num[i] and lower[i] not in stops) for i in tokens]


def _repeated_ngrams(ids: list[int], sentence_of: list[int]) -> dict[int, list[list[int]]]:
    """Every repeated n-gram (n >= 1) inside sentences, grown one word at a time.

    An n-gram can only repeat if both its (n-1)-gram prefix and suffix repeat
    (the Apriori property), so each round extends only the survivors of the
    last one and the work is proportional to the repeated material.

    Returns:
        ``{n: [start positions of one repeated n-gram, ...]}``.
    """
    n_tokens = len(ids)
    counts = Counter(ids)
    key_at = {i: key for i, key in enumerate(ids) if counts[key] > 1}
    occurrences: dict[int, list[list[int]]] = {}
    length = 1
    while key_at:
        groups: dict[int, list[int]] = defaultdict(list)
        for i, key in key_at.items():
            groups[key].append(i)
        occurrences[length] = list(groups.values())
        next_keys: dict[int, tuple[int, int]] = {}
        for i, key in key_at.items():
            end = i + length
            if end < n_tokens and (i + 1) in key_at and sentence_of[end] == sentence_of[i]:
                next_keys[i] = (key, ids[end])
        new_counts = Counter(next_keys.values())
        extended: dict[tuple[int, int], int] = {}
        key_at = {}
        for i, pair in next_keys.items():
            if new_counts[pair] > 1:
                key_at[i] = extended.setdefault(pair, len(extended))
        length += 1
    return occurrences


def _reach_from_left(longest: list[int], sentence_of: list[int]) -> list[int]:
    """Per position i, the furthest end of a listed phrase starting before i in its sentence.

    An occurrence of length n at i lies inside a longer listed phrase exactly
    when ``longest[i] > n`` or ``reach[i] >= i + n``.
    """
    reach = [0] * len(longest)
    best = 0
    previous = None
    for i, (length, sentence) in enumerate(zip(longest, sentence_of, strict=True)):
        if sentence != previous:
            best, previous = 0, sentence
        reach[i] = best
        if length and i + length > best:
            best = i + length
    return reach
