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

Every function works from the spaCy ``Doc`` parsed at load time; the per-token
walk is done once per article and setting, and cached.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from analysis.article import Article
from analysis.cache import cached
from analysis.entities import ENTITY_TYPES
from analysis.vocabulary import is_content_word, is_word, normalize_token, stop_words

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
    """Per-token facts every table is built from (computed once per article)."""

    sentence_of: np.ndarray  # token index -> sentence id (0 between sentences)
    name_start: np.ndarray  # token index -> first token of its name, -1 outside names
    name_end: np.ndarray  # token index -> one past the last token of its name, -1 outside
    paragraph_of: dict[int, int]  # sentence id -> paragraph


def _walk(article: Article) -> _Walk:
    return cached(article, ("frequencies", "walk"), _build_walk)


def _build_walk(article: Article) -> _Walk:
    doc = article.doc
    sentence_of = np.zeros(len(doc), dtype=np.int64)
    for sentence in article.sentences:
        sentence_of[sentence.token_start : sentence.token_end] = sentence.id
    name_start = np.full(len(doc), -1, dtype=np.int64)
    name_end = np.full(len(doc), -1, dtype=np.int64)
    for start, end in _name_spans(article):
        name_start[start:end] = start
        name_end[start:end] = end
    return _Walk(sentence_of, name_start, name_end, {s.id: s.paragraph for s in article.sentences})


def _name_spans(article: Article) -> list[tuple[int, int]]:
    """Token ranges of proper names: named entities first, then runs of proper nouns."""
    doc = article.doc
    spans, taken = [], np.zeros(len(doc), dtype=bool)
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = _trim_name(doc, ent.start, ent.end)
        if start < end and any(c.isalpha() for c in doc[start:end].text):
            spans.append((start, end))
            taken[start:end] = True
    from spacy.attrs import POS
    from spacy.symbols import PROPN

    # A free proper-noun word: checked per token from plain lists (no Token objects).
    pos = doc.to_array(POS).tolist()
    word = _token_flags(article, is_word)
    free = [p == PROPN and w and not t for p, w, t in zip(pos, word, taken.tolist(), strict=True)]
    index = 0
    while index < len(doc):
        if not free[index]:
            index += 1
            continue
        end = index
        while end < len(doc) and free[end]:
            end += 1
        start, end = _trim_name(doc, index, end)
        if start < end:
            spans.append((start, end))
        index = max(end, index + 1)
    return sorted(spans)


def _trim_name(doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article/punctuation and a trailing possessive/punctuation."""
    while start < end and (doc[start].pos_ in {"DET", "PUNCT", "SPACE"} or not doc[start].text):
        start += 1
    while end > start and (_is_clitic(doc[end - 1]) or doc[end - 1].pos_ in {"PUNCT", "SPACE"}):
        end -= 1
    return start, end


def _is_clitic(token) -> bool:
    """A possessive or contracted ending written onto the word before ("’s", "n't")."""
    text = token.lower_.replace("\u2019", "'")
    return token.tag_ == "POS" or text.startswith("'") or text == "n't"


def _is_number(token) -> bool:
    return token.like_num or bool(_NUMBER.match(token.text))


def _is_counted_word(token, stops: frozenset[str]) -> bool:
    """A content word of two letters or more that is not a number ("m." of "$500m." is not)."""
    return (
        is_content_word(token, stops)
        and not _is_number(token)
        and sum(c.isalpha() for c in token.text) >= 2
    )


def _counted_flags(article: Article, stops: frozenset[str]) -> list[bool]:
    """:func:`_is_counted_word` of every token (read by both the term walk and the n-grams)."""
    return cached(
        article,
        ("frequencies", "counted", stops),
        lambda a: _token_flags(a, lambda token: _is_counted_word(token, stops), lemma=True),
    )


def _word_like_flags(article: Article) -> list[bool]:
    """Whether each token is a word or a number (what an n-gram run is made of)."""
    return cached(
        article,
        ("frequencies", "word_like"),
        lambda a: _token_flags(a, lambda token: is_word(token) or _is_number(token)),
    )


def _token_flags(article: Article, test, lemma: bool = False) -> list[bool]:
    """``test(token)`` for every token, computed once per distinct form (and lemma).

    The tests read only the token's text, its lexical flags and (with
    ``lemma=True``) its lemma, so tokens sharing those share the answer; about
    half the tokens of a news article repeat an earlier form.
    """
    from spacy.attrs import LEMMA, ORTH

    doc = article.doc
    keys = doc.to_array([ORTH, LEMMA] if lemma else ORTH)  # 2-D with lemma, else 1-D
    keys = [tuple(row) for row in keys.tolist()] if lemma else keys.tolist()
    memo: dict = {}
    flags = []
    for index, key in enumerate(keys):
        flag = memo.get(key)
        if flag is None:
            flag = memo[key] = test(doc[index])
        flags.append(flag)
    return flags


def _name_text(span) -> str:
    """Surface text of a name with straight apostrophes and single spaces."""
    return " ".join(span.text.replace("\u2019", "'").split())


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
    doc, walk = article.doc, _walk(article)
    counted = _counted_flags(article, stops)
    found, index = [], 0
    while index < len(doc):
        if walk.name_start[index] == index:
            end = int(walk.name_end[index])
            text = _name_text(doc[index:end])
            if text.lower() not in stops or text.isupper():
                found.append((text.casefold(), text, "name", index, end))
            index = end
            continue
        if counted[index]:
            token = doc[index]
            form = normalize_token(token) if by == "lemma" else token.lower_.replace("\u2019", "'")
            if form not in stops:
                found.append((form, form, "word", index, index + 1))
        index += 1
    return found


def _display_forms(keys_and_texts: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For each key, its most frequent surface form (first seen wins a tie)."""
    seen: dict[str, dict[str, int]] = {}
    for key, text in keys_and_texts:
        forms = seen.get(key)
        if forms is None:
            seen[key] = {text: 1}
        else:
            forms[text] = forms.get(text, 0) + 1
    # max() keeps the first of equal counts, as Counter.most_common(1) does; most keys
    # have one form, and plain dicts cost far less than a Counter per key.
    return {
        key: next(iter(forms)) if len(forms) == 1 else max(forms, key=forms.__getitem__)
        for key, forms in seen.items()
    }


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
    found = _term_occurrences(article, by, _stops(extra_stop_words))
    if not found:
        return pd.DataFrame(columns=OCCURRENCE_COLUMNS)
    doc, walk = article.doc, _walk(article)
    display = _display_forms((key, text) for key, text, *_ in found)
    length = max(len(article.text), 1)
    rows = []
    for key, _, kind, start, end in found:
        span = doc[start:end]
        sentence_id = int(walk.sentence_of[start])
        rows.append(
            (
                display[key],
                kind,
                span.text,
                sentence_id,
                walk.paragraph_of.get(sentence_id, 0),
                start,
                end,
                span.start_char,
                span.end_char,
                span.start_char / length,
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
        article, ("frequencies", "word_counts", by, stops), lambda a: _count_terms(a, by, stops)
    )
    return _head_copy(table, top)


def _count_terms(article: Article, by: By, stops: frozenset[str]) -> pd.DataFrame:
    found = _term_occurrences(article, by, stops)
    if not found:
        return pd.DataFrame(columns=TERM_COLUMNS)
    display = _display_forms((key, text) for key, text, *_ in found)
    tally = Counter((key, kind) for key, _, kind, *_ in found)
    rows = _sort_rows([(display[key], kind, count) for (key, kind), count in tally.items()], 2)
    terms, kinds, counts = zip(*rows, strict=True)
    count = np.array(counts, dtype=np.int64)
    return pd.DataFrame(
        {
            "term": list(terms),
            "kind": list(kinds),
            "count": count,
            "per_1000_words": count * 1000 / max(article.n_words, 1),
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
    return sorted(rows, key=lambda row: (*(-row[i] for i in descending), row[0].casefold()))


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


@dataclass(frozen=True)
class _Unit:
    """One word of an n-gram, with any clitic written onto it ("Putin’s")."""

    text: str  # as shown, clitic included
    base_text: str  # without the clitic (an n-gram's last word drops it)
    token: int  # index of the word's own token (not the clitic)
    is_edge: bool  # may start or end an n-gram (a content word, not a number)


def _sentence_units(article: Article, stops: frozenset[str]) -> list[list[_Unit]]:
    """Runs of adjacent words in each sentence; punctuation ends a run.

    Stop words stay in the runs (they are filtered only at n-gram edges), so no
    n-gram bridges a removed word.
    """
    return cached(
        article, ("frequencies", "units", stops), lambda a: _find_sentence_units(a, stops)
    )


def _find_sentence_units(article: Article, stops: frozenset[str]) -> list[list[_Unit]]:
    from spacy.attrs import LOWER, ORTH, POS, SPACY, TAG
    from spacy.symbols import PROPN

    doc, walk = article.doc, _walk(article)
    counted = _counted_flags(article, stops)
    word_like = _word_like_flags(article)
    # Token attributes as plain lists, read once: one spaCy Token object per token and
    # per look-up cost more than the rest of this walk (same tests as _is_clitic).
    strings = doc.vocab.strings
    orth, lower, pos, tag, space = doc.to_array([ORTH, LOWER, POS, TAG, SPACY]).T.tolist()
    texts = [strings[o] for o in orth]
    lowers = [strings[o].replace("\u2019", "'") for o in lower]
    possessive = strings["POS"]
    name_start = walk.name_start.tolist()
    n_tokens = len(texts)
    runs = []
    for sentence in article.sentences:
        run: list[_Unit] = []
        for index in range(sentence.token_start, sentence.token_end):
            if run and not space[index - 1]:
                low = lowers[index]
                if tag[index] == possessive or low.startswith("'") or low == "n't":
                    last = run[-1]
                    clitic = texts[index].replace("\u2019", "'")
                    run[-1] = _Unit(last.text + clitic, last.base_text, last.token, last.is_edge)
                    continue
            if not word_like[index]:
                if run:
                    runs.append(run)
                run = []
                continue
            in_name = name_start[index] >= 0 or pos[index] == PROPN
            text = texts[index].replace("\u2019", "'") if in_name else lowers[index]
            run.append(_Unit(text, text, index, counted[index]))
            if (
                texts[index].endswith(".")
                and space[index]
                and index + 1 < n_tokens
                and texts[index + 1][:1].isupper()
            ):
                # A word with a full stop before a capital: spaCy sometimes misses such
                # sentence ends ("$500m. It intends" is one sentence to the parser). N-grams
                # stop there too, at the price of the rare phrase after an abbreviation
                # ("U.S. Senate").
                runs.append(run)
                run = []
        if run:
            runs.append(run)
    return runs


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
    """
    lengths = tuple(sorted({n} if isinstance(n, int) else set(n)))
    stops = _stops(extra_stop_words)
    key = ("frequencies", "ngrams", lengths, min_count, stops, include_names, drop_subsumed)
    table = cached(
        article,
        key,
        lambda a: _count_ngrams(a, lengths, min_count, stops, include_names, drop_subsumed),
    )
    return table.copy()


def _count_ngrams(
    article: Article,
    lengths: tuple[int, ...],
    min_count: int,
    stops: frozenset[str],
    include_names: bool,
    drop_subsumed: bool,
) -> pd.DataFrame:
    walk = _walk(article)
    counts: Counter = Counter()
    sizes: dict[str, int] = {}
    sentences: dict[str, set[int]] = {}
    supers: dict[str, set[str]] = {}  # n-gram -> the longer n-grams it was seen inside
    surfaces = []
    for run in _sentence_units(article, stops):
        keys_here: dict[tuple[int, int], str] = {}
        for size in lengths:
            for start in range(len(run) - size + 1):
                units = run[start : start + size]
                if not _is_whole_ngram(units, walk, include_names):
                    continue
                text = " ".join([u.text for u in units[:-1]] + [units[-1].base_text])
                key = text.casefold()
                keys_here[(start, size)] = key
                counts[key] += 1
                sizes[key] = size
                sentences.setdefault(key, set()).add(int(walk.sentence_of[units[0].token]))
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
        return pd.DataFrame(columns=NGRAM_COLUMNS)
    display = _display_forms(surfaces)
    rows = [(display[key], sizes[key], counts[key], len(sentences[key])) for key in kept]
    return pd.DataFrame(_sort_rows(rows, 2, 1), columns=NGRAM_COLUMNS)


def _is_whole_ngram(units: Sequence[_Unit], walk: _Walk, include_names: bool) -> bool:
    """Content words at both edges, no proper name cut, not just one name (unless asked)."""
    first, last = units[0], units[-1]
    if not (first.is_edge and last.is_edge):
        return False
    start, end = first.token, last.token + 1
    if walk.name_start[start] not in (-1, start):
        return False  # starts inside a name
    if walk.name_end[last.token] not in (-1, end):
        return False  # ends inside a name
    if include_names:
        return True
    return not (walk.name_start[start] == start and walk.name_end[start] == end)


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
        lambda a: _score_distinctive(a, min_count, by, stops),
    )
    return _head_copy(table, top)


def _score_distinctive(
    article: Article, min_count: int, by: By, stops: frozenset[str]
) -> pd.DataFrame:
    found = _term_occurrences(article, by, stops)
    if not found:
        return pd.DataFrame(columns=DISTINCTIVE_COLUMNS)
    doc = article.doc
    counts: Counter = Counter()
    kinds: dict[str, str] = {}
    forms: dict[str, set[str]] = {}  # surface forms, as wordfreq looks them up
    for key, _, kind, start, end in found:
        counts[key] += 1
        kinds[key] = kind
        surface = doc[start].text if end == start + 1 else doc[start:end].text
        form = " ".join(surface.replace("\u2019", "'").lower().split())
        forms.setdefault(key, set()).add(form[:-2] if form.endswith("'s") else form)
    display = _display_forms((key, text) for key, text, *_ in found)
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
    if not rows:
        return pd.DataFrame(columns=DISTINCTIVE_COLUMNS)
    rows.sort(key=lambda row: (-row[5], -row[2], row[0].casefold()))  # score, count, term
    return pd.DataFrame(rows, columns=DISTINCTIVE_COLUMNS)


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
    counts: Counter = Counter()
    for token in article.doc:
        if is_word(token) and not _is_clitic(token):
            counts[
                normalize_token(token) if by == "lemma" else token.lower_.replace("\u2019", "'")
            ] += 1
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
    counts = word_counts(article)
    distinct = distinctive_words(article, top=5)
    ngrams = ngram_counts(article)
    total = counts["count"].sum() if not counts.empty else 0
    return {
        "top_words": ", ".join(counts["term"].head(5)),
        "top_distinctive_words": ", ".join(distinct["term"]),
        "top_phrase": str(ngrams["term"].iloc[0]) if not ngrams.empty else "",
        "n_terms": int(len(counts)),
        "top_word_share": float(counts["count"].iloc[0] / total) if total else math.nan,
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
    counts = word_counts(article, top=n_words)
    ngrams = ngram_counts(article).head(n_ngrams)
    distinct = distinctive_words(article, top=n_distinctive)
    return {
        "top_words": [
            {"term": t, "count": int(c)}
            for t, c in zip(counts["term"], counts["count"], strict=True)
        ],
        "top_ngrams": [
            {"term": t, "n": int(n), "count": int(c)}
            for t, n, c in zip(ngrams["term"], ngrams["n"], ngrams["count"], strict=True)
        ],
        "distinctive_words": [
            {"term": t, "count": int(c), "score": round(float(s), 3)}
            for t, c, s in zip(distinct["term"], distinct["count"], distinct["score"], strict=True)
        ],
    }
