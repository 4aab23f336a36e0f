"""How much an article repeats itself: repeated phrases and restated sentences.

Two views of repetition, from the most literal to the most abstract:

- :func:`repeated_phrases`: word sequences that occur more than once, verbatim
  (Voyant's *Phrases* tool with its "longest" strategy).
- :func:`restatement_pairs` / :func:`sentence_restatements`: sentences that say
  again what an earlier sentence said, in the same or in other words, each
  paired with the sentence it restates; :func:`restated_share` is the share of
  sentences that do.

Plus :func:`novelty_curve` (new content words per sentence),
:func:`similarity_matrix` (sentence x sentence similarity, for a heatmap) and
:func:`redundancy_measures`, which puts the restated share beside the lexical
diversity scores of :mod:`analysis.diversity` (the ``measures`` of the report).

How restatements are found
--------------------------
One scorer, :func:`score_pairs`, says how surely a later sentence restates an
earlier one (0-1). It is a logistic regression over :data:`FEATURES` (see
:func:`pair_features`): the overlap of the two sentences' content lemmas (each
weighted by its rarity in general English, wordfreq), with reporting verbs and
attribution phrases left out (``analysis/data/reporting_words.txt``,
``attribution_phrases.txt``: "said", "told", "added", "according to", ...); shared
bigrams; whether their numbers, proper names and negation agree; their length
ratio; and the overlap of all their words and character trigrams. Its
coefficients (``analysis/data/restatement_scorer.csv``) were fitted on the 4,076
labelled pairs of the MRPC training file by ``benchmarks/restatements/calibrate.py``
(scikit-learn, dev-only); here they are applied with numpy.

In an article, :func:`restatement_pairs` scores the candidate pairs (below) in
two steps and flags a pair when its score is at least :data:`RESTATEMENT_THRESHOLD`
and the two sentences share at least :data:`MIN_SHARED_WORDS` content lemmas.
First the pair scorer; then a small logistic regression that adds what the
article knows (:func:`article_pair_features`): the scorer's log-odds, the number of
shared content lemmas (which counts for more on news pairs than on MRPC), and
whether the later sentence opens a direct quote after a sentence that is not one
(``"The plan has failed," she said`` after ``She said the plan had failed``),
more so right after it. Its coefficients (``analysis/data/restatement_article.csv``)
were fitted by ``benchmarks/restatements/fit_article.py`` on the ``dev`` half of
the labelled BBC pairs (``benchmarks/restatements/pairs.csv``), and the threshold
is the highest score at which that half's cross-validated recall stays at or
above 0.6. Other article-level information was tried the same way and left out:
sentence distance, same paragraph, the lead sentence, whether the pair is the
later sentence's best or a mutual best match, the later sentence's new words
(:func:`novelty_curve`), the share of shared words used in no other sentence
(on dev about as good as ``quote_next``; adding both gained 0.01-0.02 of ROC AUC,
within the noise of 46 positives, so the set stays small), and article TF-IDF
cosine (:func:`tfidf_vectors`).
``python -m benchmarks.restatements`` prints precision and recall on dev, test
and all pairs (``benchmarks/RESULTS.md``); on the test half about 0.4 of the
flags restate, so a flag is a pointer to read, not a verdict.

The scorer reads, per sentence, one binary sentences x items matrix (content lemmas,
their bigrams, names, numbers, words, word bigrams, character trigrams; see
:class:`_Items`): what two sentences share is the product of their two rows, so the
counts of every pair come from a few sparse products, whatever the number of pairs.

Scaling: pairs are only scored when the two sentences share a feature that
occurs in at most :data:`CANDIDATE_MAX_DF` sentences (an inverted index over
rare features, as in all-pairs similarity search), so the work grows linearly
with the text. An article of up to ``CANDIDATE_MAX_DF`` sentences is compared
exhaustively; in a longer one, a pair sharing only features used in more than
100 sentences is skipped (such pairs share only the article's commonest words).
Measurements: ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse

from analysis import diversity
from analysis.article import Article
from analysis.cache import cached
from analysis.paths import data_file
from analysis.tokens import TokenTable, build_token_table, content_flags, token_table
from analysis.vocabulary import has_digit, stop_words

# A later sentence restates an earlier one at this in-article score or above (the similarity
# of restatement_pairs), chosen on the dev split of the labelled BBC pairs: the highest
# score keeping its cross-validated recall at 0.6 or more (see the module docstring).
RESTATEMENT_THRESHOLD = 0.17
# ... and when they share at least this many content lemmas.
MIN_SHARED_WORDS = 2
# Candidate pairs come from features used in at most this many sentences.
CANDIDATE_MAX_DF = 100
# Above this many sentences the heatmap matrix is binned into blocks of consecutive sentences.
MAX_MATRIX_SIZE = 300
# Pairs scored at once (bounds memory on very long texts).
PAIR_CHUNK = 20_000
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


class _Pairs(NamedTuple):
    """Sentence pairs as parallel arrays (sentence ids from 1), ordered by later then earlier."""

    earlier: np.ndarray
    later: np.ndarray
    similarity: np.ndarray
    n_shared: np.ndarray


class _BestEarlier(NamedTuple):
    """Per sentence in reading order: its best earlier match (see sentence_restatements)."""

    similarity: np.ndarray
    earlier: np.ndarray  # sentence id as float, NaN when there is no candidate
    is_restatement: np.ndarray


@dataclass(frozen=True)
class _Result:
    """Everything the module's tables, report and charts read, computed once per article.

    Attributes:
        lemmas: Per sentence, the lemmas of its content words in order.
        infos: Per sentence, what the pair scorer reads (:class:`SentenceInfo`).
        items: The sentences' items as the pair scorer counts them (:class:`_Items`).
        candidates: Every candidate pair with its in-article score
            (:func:`_article_scores`) and shared content lemmas.
        quoted: Per sentence, whether it opens a direct quote (:func:`_opens_quote`).
        best: Each sentence's best earlier match at the default threshold.
        phrases: The repeated phrases of at least :data:`MIN_PHRASE_WORDS` words.
    """

    lemmas: list[list[str]]
    infos: list[SentenceInfo]
    items: _Items
    candidates: _Pairs
    quoted: np.ndarray
    best: _BestEarlier
    phrases: list[Phrase]


def _result(article: Article) -> _Result:
    """The article's :class:`_Result`, computed on first use."""
    return cached(article, ("repetition", "result"), _compute_result)


def _compute_result(article: Article) -> _Result:
    stops = stop_words()
    spans = [(s.token_start, s.token_end) for s in article.sentences]
    infos = _sentence_infos(token_table(article), spans, content_flags(article, stops))
    items = _sentence_items(infos)
    quoted = np.array([_opens_quote(s.text) for s in article.sentences], dtype=bool)
    candidates = _scored_pairs(items, quoted, *_candidate_pairs(items))
    best = _best_earlier(article, candidates, RESTATEMENT_THRESHOLD, MIN_SHARED_WORDS)
    phrases = _find_phrases(article, MIN_PHRASE_WORDS)
    return _Result(_content_lemmas(article), infos, items, candidates, quoted, best, phrases)


def _content_lemmas(article: Article) -> list[list[str]]:
    """Per sentence, the lemmas of its content words in order."""
    lemmas = token_table(article).norm
    content = content_flags(article, stop_words())
    return [
        [lemmas[i] for i in range(s.token_start, s.token_end) if content[i]]
        for s in article.sentences
    ]


# -- repeated phrases ------------------------------------------------------------------


def repeated_phrases(article: Article, min_words: int = MIN_PHRASE_WORDS) -> pd.DataFrame:
    """Maximal word sequences that occur more than once ("longest" strategy, as in Voyant).

    Words are compared lower-cased, punctuation is skipped and a phrase never
    crosses a sentence boundary. A phrase that also occurs inside a longer
    repeated phrase is listed only when at least one of its occurrences stands
    on its own (``n_alone`` >= 1); its ``count`` is all its occurrences. A
    phrase starts and ends on a content word (or a number), so leading and
    trailing stop words are trimmed ("and vowed to cut off support from
    countries like to" is listed as "vowed to cut off support from countries
    like") and phrases made only of stop words ("of the") are left out.

    Args:
        article: The loaded article.
        min_words: Shortest phrase to list.

    Returns:
        One row per phrase, longest first (then most frequent): ``phrase`` (text
        of its first occurrence), ``n_words`` (written words, so "25-year-old"
        is one and is not listed alone), ``count``, ``n_alone`` (occurrences
        not inside a longer repeated phrase), ``sentences`` (sorted sentence ids,
        a list), ``first_sentence``. Empty when nothing repeats.
    """
    if min_words == MIN_PHRASE_WORDS:
        phrases = _result(article).phrases
    else:
        phrases = _find_phrases(article, min_words)
    return pd.DataFrame(
        [phrase._replace(sentences=list(phrase.sentences)) for phrase in phrases],
        columns=PHRASE_COLUMNS,
    )


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


# -- sentence similarity ---------------------------------------------------------------


def sentence_features(article: Article) -> list[list[str]]:
    """Per sentence, its similarity features: content lemmas and bigrams of consecutive ones."""
    return _features_of([list(info.lemmas) for info in _result(article).infos])


def _features_of(lemmas: list[list[str]]) -> list[list[str]]:
    return [
        sentence + [f"{a} {b}" for a, b in zip(sentence, sentence[1:], strict=False)]
        for sentence in lemmas
    ]


def tfidf_vectors(documents: list[list[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """TF-IDF rows of documents given as lists of features (Salton & Buckley 1988).

    Binary term frequency (a feature counts once per document), smoothed inverse
    document frequency ``idf = ln((1 + n) / (1 + df)) + 1`` and rows scaled to unit
    length, as scikit-learn's ``TfidfVectorizer(binary=True)`` computes them. A
    higher weight means a feature that is rarer among the documents. (The article
    analysis does not use it: ``benchmarks/restatements/calibrate.py`` compares the
    scorer with it.)

    Returns:
        The ``n_documents x n_features`` matrix (CSR) and the feature names in
        column order (sorted).
    """
    present, names = _incidence(documents)
    order = np.argsort(names, kind="stable")
    present, vocabulary = present[:, order], [names[i] for i in order]
    df = np.asarray(present.sum(axis=0)).ravel()
    idf = np.log((1 + len(documents)) / (1 + df)) + 1
    weighted = present @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0  # an empty row stays empty
    return sparse.csr_matrix(sparse.diags(1 / norms) @ weighted), vocabulary


def _candidate_pairs(items: _Items) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (earlier, later) sharing a content lemma or a bigram of content lemmas
    used in 2..CANDIDATE_MAX_DF sentences, ordered by later then earlier."""
    is_feature = (items.weights[:, _COUNTS.index("lemmas")] > 0) | (
        items.weights[:, _COUNTS.index("lemma_bigrams")] > 0
    )
    df = np.asarray(items.incidence.sum(axis=0)).ravel()
    rare = items.incidence[:, np.flatnonzero(is_feature & (df >= 2) & (df <= CANDIDATE_MAX_DF))]
    sharing = sparse.triu(rare @ rare.T, k=1).tocoo()
    order = np.lexsort((sharing.row, sharing.col))
    return sharing.row[order].astype(np.int64), sharing.col[order].astype(np.int64)


def _scored_pairs(
    items: _Items, quoted: np.ndarray, earlier: np.ndarray, later: np.ndarray
) -> _Pairs:
    """The pairs of rows (earlier, later) with their in-article score and shared content lemmas.

    Args:
        items: The sentences' items (:func:`_sentence_items`).
        quoted: Per sentence, whether it opens a direct quote.
        earlier, later: The pairs' sentences as 0-based rows.
    """
    scores, n_shared = [np.zeros(0)], [np.zeros(0)]
    for first, second, counts in _pair_chunks(items, earlier, later):
        scores.append(_article_scores(_features(counts), quoted, first, second))
        n_shared.append(counts.shared["lemmas"])
    return _Pairs(
        earlier=earlier + 1,
        later=later + 1,
        similarity=np.concatenate(scores),
        n_shared=np.rint(np.concatenate(n_shared)).astype(np.int64),
    )


def _pair_chunks(items: _Items, earlier: np.ndarray, later: np.ndarray):
    """``(earlier, later, their _PairCounts)`` for :data:`PAIR_CHUNK` pairs at a time.

    Chunks bound the memory on very long texts (a 1 MB text has millions of pairs).
    """
    for k in range(0, len(earlier), PAIR_CHUNK):
        first, second = earlier[k : k + PAIR_CHUNK], later[k : k + PAIR_CHUNK]
        yield first, second, _pair_counts(items, first, second)


def restatement_pairs(
    article: Article,
    threshold: float = RESTATEMENT_THRESHOLD,
    min_shared: int = MIN_SHARED_WORDS,
) -> pd.DataFrame:
    """Pairs of sentences (earlier, later) where the later one says the earlier one again.

    ``similarity`` is the pair's in-article score (0-1, higher = more surely a
    restatement): :func:`score_pairs`' score with what the article adds
    (:func:`article_pair_features`); see the module docstring for how both and the
    threshold were chosen.

    Args:
        article: The loaded article.
        threshold: Lowest score that counts as a restatement.
        min_shared: Fewest content lemmas the two sentences must share.

    Returns:
        One row per pair, most similar first: ``earlier``, ``later`` (sentence
        ids), ``similarity``, ``n_shared``, ``shared_words`` (the shared content
        lemmas, comma-joined), ``earlier_text``, ``later_text``. Empty when no
        sentence restates another.
    """
    result = _result(article)
    pairs = pd.DataFrame(result.candidates._asdict())
    pairs = pairs[(pairs["similarity"] >= threshold) & (pairs["n_shared"] >= min_shared)]
    texts = {s.id: s.text for s in article.sentences}
    pairs = pairs.assign(
        shared_words=[
            ", ".join(sorted(set(result.infos[e - 1].lemmas) & set(result.infos[later - 1].lemmas)))
            for e, later in zip(pairs["earlier"], pairs["later"], strict=True)
        ],
        earlier_text=[texts[e] for e in pairs["earlier"]],
        later_text=[texts[i] for i in pairs["later"]],
    )
    return pairs.sort_values(["similarity", "later"], ascending=[False, True], ignore_index=True)


def sentence_restatements(
    article: Article,
    threshold: float = RESTATEMENT_THRESHOLD,
    min_shared: int = MIN_SHARED_WORDS,
) -> pd.DataFrame:
    """For every sentence, the earlier sentence it restates most closely, if any.

    Returns:
        One row per sentence in reading order: ``sentence_id``, ``paragraph``,
        ``restates`` (id of the most similar earlier sentence at or above the
        threshold, ``<NA>`` if none), ``similarity`` (that pair's score; the best
        score against any earlier candidate when it is below the threshold, 0.0
        when there is none), ``is_restatement``, ``text``.
    """
    best = _best_of(article, threshold, min_shared)
    return pd.DataFrame(
        {
            "sentence_id": [s.id for s in article.sentences],
            "paragraph": [s.paragraph for s in article.sentences],
            "restates": pd.array(
                np.where(best.is_restatement, best.earlier, np.nan), dtype="Int64"
            ),
            "similarity": best.similarity,
            "is_restatement": best.is_restatement,
            "text": [s.text for s in article.sentences],
        }
    )


def _best_of(article: Article, threshold: float, min_shared: int) -> _BestEarlier:
    """The record's best matches at the default settings, else computed for these."""
    result = _result(article)
    if (threshold, min_shared) == (RESTATEMENT_THRESHOLD, MIN_SHARED_WORDS):
        return result.best
    return _best_earlier(article, result.candidates, threshold, min_shared)


def _best_earlier(
    article: Article, pairs: _Pairs, threshold: float, min_shared: int
) -> _BestEarlier:
    """Per sentence, the most similar earlier sentence among the pairs sharing enough words."""
    eligible = pairs.n_shared >= min_shared
    later = pairs.later[eligible]
    earlier_ids = pairs.earlier[eligible]
    scores = pairs.similarity[eligible]
    # Per later sentence, the most similar earlier one (ties: the earliest), with numpy:
    # sort by later, then similarity (highest first), then earlier; keep each first row.
    order = np.lexsort((earlier_ids, -scores, later))
    later, earlier_ids, scores = later[order], earlier_ids[order], scores[order]
    first = np.ones(len(later), dtype=bool)
    first[1:] = later[1:] != later[:-1]
    position = {s.id: i for i, s in enumerate(article.sentences)}
    rows = np.array([position[i] for i in later[first].tolist()], dtype=np.int64)
    similarity = np.zeros(article.n_sentences)
    similarity[rows] = scores[first]
    earlier = np.full(article.n_sentences, np.nan)
    earlier[rows] = earlier_ids[first]
    return _BestEarlier(similarity, earlier, similarity >= threshold)


def similarity_matrix(article: Article, max_size: int = MAX_MATRIX_SIZE) -> pd.DataFrame:
    """Sentence x sentence in-article restatement score (as in :func:`restatement_pairs`).

    Up to ``max_size`` sentences, every pair is computed exactly (diagonal 1).
    A longer article is cut into ``max_size`` blocks of consecutive sentences
    and each cell holds the highest similarity between the two blocks among the
    candidate pairs (see the module docstring), so the work stays linear and
    the picture readable.

    Returns:
        A square frame indexed both ways by the first sentence id of each row
        (a sentence, or a block). Index and columns are named ``sentence_id``.
    """
    n = article.n_sentences
    result = _result(article)
    if n <= max_size:
        earlier, later = np.triu_indices(n, k=1)
        values = np.zeros((n, n))
        pairs = _scored_pairs(result.items, result.quoted, earlier, later)
        values[earlier, later] = pairs.similarity
        values = values + values.T
        labels = list(range(1, n + 1))
    else:
        size = math.ceil(n / max_size)
        n_blocks = math.ceil(n / size)
        values = np.zeros((n_blocks, n_blocks))
        pairs = result.candidates
        np.maximum.at(
            values, ((pairs.earlier - 1) // size, (pairs.later - 1) // size), pairs.similarity
        )
        values = np.maximum(values, values.T)
        labels = [1 + size * b for b in range(n_blocks)]
    np.fill_diagonal(values, 1.0)
    index = pd.Index(labels, name="sentence_id")
    return pd.DataFrame(values, index=index, columns=index.copy())


# -- the pair scorer ---------------------------------------------------------------------

# Logistic-regression coefficients of the scorer, fitted on MRPC by
# benchmarks/restatements/calibrate.py (one "feature,coefficient" row each, plus "intercept").
SCORER_FILE = "restatement_scorer.csv"
# Zipf frequency (wordfreq) given to a word it has never seen: as rare as words come.
UNSEEN_ZIPF = 1.0
# The scorer's features, in the order of the coefficients (see pair_features).
FEATURES = (
    "cosine",
    "cover_earlier",
    "cover_later",
    "shared_bigrams",
    "n_shared_log",
    "names_new",
    "numbers_conflict",
    "negation_differs",
    "length_ratio",
    "words_cover_earlier",
    "words_cover_later",
    "word_bigrams",
    "only_earlier_log",
    "only_later_log",
    "words_length_ratio",
    "char_trigrams",
)


class SentenceInfo(NamedTuple):
    """What the pair scorer reads of one sentence.

    Attributes:
        lemmas: Content lemmas in order, reporting words and attribution phrases left out.
        names: Lemmas of its proper nouns (among those content lemmas).
        numbers: Numbers as written, lower-cased, thousands commas dropped.
        negated: Whether it holds a negation ("not", "never", ...).
        words: Every word and number, lower-cased, in order (stop words included),
            reporting words and attribution phrases left out.
    """

    lemmas: tuple[str, ...]
    names: frozenset[str]
    numbers: frozenset[str]
    negated: bool
    words: tuple[str, ...]


@functools.cache
def _word_file(name: str) -> tuple[str, ...]:
    """The non-comment lines of a word list in ``analysis/data``, stripped and lower-cased."""
    lines = data_file(name).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


@functools.cache
def _reporting_words() -> tuple[frozenset[str], frozenset[str]]:
    """Reporting lemmas excluded as any part of speech, and those excluded only as verbs."""
    entries = [line.split() for line in _word_file("reporting_words.txt")]
    return (
        frozenset(words[0] for words in entries if len(words) == 1),
        frozenset(words[0] for words in entries if len(words) == 2),
    )


def _attributed_positions(forms: list[str], start: int, end: int) -> set[int]:
    """Token positions in ``start:end`` that belong to an attribution phrase."""
    found: set[int] = set()
    for phrase in _word_file("attribution_phrases.txt"):
        words = phrase.split()
        for i in range(start, end - len(words) + 1):
            if forms[i] == words[0] and forms[i : i + len(words)] == words:
                found.update(range(i, i + len(words)))
    return found


def _sentence_infos(
    table: TokenTable, spans: list[tuple[int, int]], content: list[bool]
) -> list[SentenceInfo]:
    """The :class:`SentenceInfo` of each token span ``(start, end)`` of one token table."""
    any_pos, verbs_only = _reporting_words()
    negations = frozenset(_word_file("negations.txt"))
    forms, norms, pos = table.lower_straight, table.norm, table.pos
    infos = []
    for start, end in spans:
        attributed = _attributed_positions(forms, start, end)
        reporting = attributed | {
            i
            for i in range(start, end)
            if norms[i] in any_pos or (norms[i] in verbs_only and pos[i] == "VERB")
        }
        numbers = [
            i
            for i in range(start, end)
            if table.like_num[i] or (not table.is_punct[i] and has_digit(forms[i]))
        ]
        kept = [i for i in range(start, end) if i not in reporting]
        lemmas = [norms[i] for i in kept if content[i]]
        info = SentenceInfo(
            lemmas=tuple(lemmas),
            names=frozenset(norms[i] for i in kept if content[i] and pos[i] == "PROPN"),
            numbers=frozenset(forms[i].replace(",", "") for i in numbers),
            negated=any(forms[i] in negations for i in range(start, end)),
            words=tuple(forms[i] for i in kept if table.is_word[i] or i in numbers),
        )
        infos.append(info)
    return infos


def parse_sentences(texts: list[str]) -> list[SentenceInfo]:
    """The :class:`SentenceInfo` of each text, parsed with the project's spaCy pipeline."""
    from analysis.nlp import get_nlp

    infos = []
    stops = stop_words()
    for doc in get_nlp().pipe(texts, batch_size=256):
        table = build_token_table(doc)
        infos.extend(_sentence_infos(table, [(0, len(table))], table.content_flags(stops)))
    return infos


@functools.cache
def _rarity(lemma: str) -> float:
    """How rare a word is in general English: 9 - Zipf frequency (wordfreq), 1.3 to 8."""
    from wordfreq import zipf_frequency

    return 9.0 - max(zipf_frequency(lemma, "en"), UNSEEN_ZIPF)


def _incidence(groups: list) -> tuple[sparse.csr_matrix, list]:
    """Binary rows x items CSR matrix of groups of items (each item counted once per row).

    Returns:
        The matrix and the items in column order (the order first seen).
    """
    vocabulary: dict = {}
    rows = [sorted({vocabulary.setdefault(item, len(vocabulary)) for item in g}) for g in groups]
    indptr = np.cumsum([0] + [len(row) for row in rows])
    indices = np.fromiter(chain.from_iterable(rows), dtype=np.int32, count=int(indptr[-1]))
    shape = (len(groups), len(vocabulary))
    matrix = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=shape)
    return matrix, list(vocabulary)


# What the scorer counts in each sentence and in what two sentences share (see _Items).
_COUNTS = (
    "lemmas",
    "lemma_rarity",
    "lemma_rarity_squared",
    "lemma_bigrams",
    "names",
    "numbers",
    "negations",
    "words",
    "word_bigrams",
    "char_trigrams",
)


class _Items(NamedTuple):
    """The items of sentences as the pair scorer counts them, computed once per text.

    Attributes:
        incidence: Binary sentences x items CSR matrix; an item is a content lemma, a
            bigram of content lemmas, a name, a number, "negated", a word, a word bigram
            or a character trigram (each kind in its own columns).
        weights: Items x :data:`_COUNTS`: what one item adds to each count (1 to the count
            of its kind; a content lemma also its rarity and its squared rarity).
        sizes: Sentences x :data:`_COUNTS`: each sentence's counts (``incidence @ weights``).
    """

    incidence: sparse.csr_matrix
    weights: np.ndarray
    sizes: np.ndarray


def _sentence_items(infos: list[SentenceInfo]) -> _Items:
    """The :class:`_Items` of sentences, one block of columns per kind of item."""
    lemmas, vocabulary = _incidence([info.lemmas for info in infos])
    rarity = np.array([_rarity(lemma) for lemma in vocabulary])
    lemma_weights = np.zeros((len(vocabulary), len(_COUNTS)))
    lemma_weights[:, :3] = np.column_stack([np.ones(len(vocabulary)), rarity, rarity**2])
    blocks, weights = [lemmas], [lemma_weights]
    for count, matrix in (
        ("lemma_bigrams", _incidence([_bigrams(info.lemmas) for info in infos])[0]),
        ("names", _incidence([info.names for info in infos])[0]),
        ("numbers", _incidence([info.numbers for info in infos])[0]),
        ("negations", _incidence([("negated",) if info.negated else () for info in infos])[0]),
        ("words", _incidence([info.words for info in infos])[0]),
        ("word_bigrams", _incidence([_bigrams(info.words) for info in infos])[0]),
        ("char_trigrams", _char_trigrams([" ".join(info.words) for info in infos])),
    ):
        block_weights = np.zeros((matrix.shape[1], len(_COUNTS)))
        block_weights[:, _COUNTS.index(count)] = 1.0
        blocks.append(matrix)
        weights.append(block_weights)
    incidence = sparse.hstack(blocks, format="csr")
    weight = np.vstack(weights)
    return _Items(incidence, weight, incidence @ weight)


def _bigrams(sequence: tuple[str, ...]) -> list[tuple[str, str]]:
    return list(zip(sequence, sequence[1:], strict=False))


def _char_trigrams(texts: list[str]) -> sparse.csr_matrix:
    """Binary texts x character trigrams CSR matrix, the trigrams of all texts in one pass.

    A trigram is one integer, its three code points (21 bits each) side by side, so
    numpy finds the distinct ones (a Python set of substrings per text cost four times
    as much). Column order is the trigrams' numeric order.
    """
    lengths = np.array([len(text) for text in texts], dtype=np.int64)
    chars = np.frombuffer(
        "".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32
    ).astype(np.int64)
    codes = (chars[:-2] << 42) | (chars[1:-1] << 21) | chars[2:]
    row = np.repeat(np.arange(len(texts)), lengths)[: len(codes)]
    # The trigram at position i belongs to its text when it ends inside it.
    inside = np.arange(len(codes)) + 3 <= np.cumsum(lengths)[row]
    trigrams, column = np.unique(codes[inside], return_inverse=True)
    cells = np.unique(row[inside] * len(trigrams) + column)  # each (text, trigram) once
    rows, columns = np.divmod(cells, max(len(trigrams), 1))
    shape = (len(texts), len(trigrams))
    return sparse.csr_matrix((np.ones(len(cells)), (rows, columns)), shape=shape)


class _PairCounts(NamedTuple):
    """Per pair, the :data:`_COUNTS` of each sentence and of the items both hold (by name)."""

    earlier: dict[str, np.ndarray]
    later: dict[str, np.ndarray]
    shared: dict[str, np.ndarray]


def _pair_counts(items: _Items, earlier: np.ndarray, later: np.ndarray) -> _PairCounts:
    """The counts of the sentence pairs (row ``earlier[k]``, row ``later[k]``)."""
    # The items both hold: the elementwise product of their two incidence rows.
    both = items.incidence[earlier].multiply(items.incidence[later])
    return _PairCounts(
        earlier=dict(zip(_COUNTS, items.sizes[earlier].T, strict=True)),
        later=dict(zip(_COUNTS, items.sizes[later].T, strict=True)),
        shared=dict(zip(_COUNTS, (both @ items.weights).T, strict=True)),
    )


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator, 0 where the denominator is 0."""
    out = np.zeros(len(numerator))
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


def _features(counts: _PairCounts) -> np.ndarray:
    """The :data:`FEATURES` of each pair, one row per pair."""
    return np.column_stack([*_lemma_features(counts), *_word_features(counts)])


def _lemma_features(counts: _PairCounts) -> list:
    """Features of content lemmas, names, numbers, negation (the first nine of FEATURES)."""
    first, second, shared = counts
    shared_numbers = shared["numbers"]
    both_numbers = (first["numbers"] > 0) & (second["numbers"] > 0)
    return [
        _ratio(
            shared["lemma_rarity_squared"],
            np.sqrt(first["lemma_rarity_squared"] * second["lemma_rarity_squared"]),
        ),
        _ratio(shared["lemma_rarity"], first["lemma_rarity"]),
        _ratio(shared["lemma_rarity"], second["lemma_rarity"]),
        _ratio(
            shared["lemma_bigrams"], np.minimum(first["lemma_bigrams"], second["lemma_bigrams"])
        ),
        np.log1p(shared["lemmas"]),
        _ratio(second["names"] - shared["names"], second["names"]),
        both_numbers
        * (1 - _ratio(shared_numbers, first["numbers"] + second["numbers"] - shared_numbers)),
        (first["negations"] != second["negations"]).astype(float),
        _ratio(
            np.minimum(first["lemmas"], second["lemmas"]),
            np.maximum(first["lemmas"], second["lemmas"]),
        ),
    ]


def _word_features(counts: _PairCounts) -> list:
    """Surface features of all words and characters (the last seven of FEATURES)."""
    first, second, shared = counts
    return [
        _ratio(shared["words"], first["words"]),
        _ratio(shared["words"], second["words"]),
        _ratio(shared["word_bigrams"], np.minimum(first["word_bigrams"], second["word_bigrams"])),
        np.log1p(first["lemmas"] - shared["lemmas"]),
        np.log1p(second["lemmas"] - shared["lemmas"]),
        _ratio(
            np.minimum(first["words"], second["words"]),
            np.maximum(first["words"], second["words"]),
        ),
        _ratio(2 * shared["char_trigrams"], first["char_trigrams"] + second["char_trigrams"]),
    ]


@functools.cache
def _coefficients(name: str = SCORER_FILE, features: tuple[str, ...] = FEATURES) -> tuple:
    """A logistic regression's intercept and one coefficient per feature, from a data file.

    Defaults: the pair scorer's (:data:`SCORER_FILE`, :data:`FEATURES`).
    """
    table = pd.read_csv(data_file(name)).set_index("feature")["coefficient"]
    missing = [feature for feature in ("intercept", *features) if feature not in table.index]
    if missing:
        raise ValueError(f"{data_file(name)}: no coefficient for {missing}")
    return float(table["intercept"]), table.loc[list(features)].to_numpy(dtype=float)


def _probabilities(features: np.ndarray) -> np.ndarray:
    intercept, weights = _coefficients()
    return 1.0 / (1.0 + np.exp(-(intercept + features @ weights)))


def pair_features(pairs: list[tuple[str, str]]) -> pd.DataFrame:
    """The scorer's features of sentence pairs (earlier, later), one row per pair.

    Columns (:data:`FEATURES`): ``cosine`` (cosine of the two sets of content
    lemmas, each weighted by its rarity in general English), ``cover_earlier`` /
    ``cover_later`` (rarity-weighted share of each sentence's content lemmas the
    other one also has), ``shared_bigrams`` (shared pairs of consecutive content
    lemmas over the fewer of the two), ``n_shared_log`` (log(1 + shared content
    lemmas)), ``names_new`` (share of the later sentence's proper names the earlier
    one lacks), ``numbers_conflict`` (when both hold numbers: share of them not in
    common), ``negation_differs`` (one is negated, the other not) and
    ``length_ratio`` (fewer content lemmas over more); then the same on all words,
    stop words included: ``words_cover_earlier`` / ``words_cover_later``,
    ``word_bigrams``, ``only_earlier_log`` / ``only_later_log`` (log(1 + content
    lemmas the other sentence lacks)), ``words_length_ratio`` and ``char_trigrams``
    (Dice overlap of character trigrams). Reporting words and attribution phrases
    (``analysis/data/reporting_words.txt``, ``attribution_phrases.txt``) are not content.
    """
    texts = sorted({text for pair in pairs for text in pair})
    row_of = {text: i for i, text in enumerate(texts)}
    earlier = np.array([row_of[a] for a, _ in pairs], dtype=np.int64)
    later = np.array([row_of[b] for _, b in pairs], dtype=np.int64)
    values = (
        _features(_pair_counts(_sentence_items(parse_sentences(texts)), earlier, later))
        if pairs
        else np.zeros((0, len(FEATURES)))
    )
    return pd.DataFrame(values, columns=list(FEATURES))


def score_pairs(pairs: list[tuple[str, str]]) -> list[float]:
    """How surely the second sentence of each pair restates the first, from 0 to 1.

    A logistic regression over :func:`pair_features`, fitted on the Microsoft
    Research Paraphrase Corpus (Dolan & Brockett 2005) by
    ``benchmarks/restatements/calibrate.py``; its coefficients are in
    ``analysis/data/restatement_scorer.csv``. Higher means more likely a
    restatement: the later sentence repeats the earlier one's claim, in the same
    or other words. The in-article detector (:func:`restatement_pairs`) starts from
    this score and adds what the article knows (:func:`article_pair_features`).

    Args:
        pairs: (earlier, later) sentence texts; no article needed.

    Returns:
        One score per pair, in order.
    """
    return _probabilities(pair_features(pairs).to_numpy()).tolist()


# -- the in-article score ------------------------------------------------------------------

# Logistic-regression coefficients of the in-article step, fitted on the dev split of the
# labelled BBC pairs by benchmarks/restatements/fit_article.py.
ARTICLE_SCORER_FILE = "restatement_article.csv"
# Its features, in the order of the coefficients (see article_pair_features).
ARTICLE_FEATURES = ("pair_logit", "n_shared_log", "quote_after_report", "quote_next")
# An opening quotation mark at the start of a sentence (after any punctuation) or after a
# colon. The closing curly quote (U+201D) is not one: a sentence that starts on it starts
# on the close of the quote before.
_QUOTE_OPENING = re.compile(r'^\W*["\u201c\u00ab]|:\s*["\u201c\u00ab]')


def _opens_quote(text: str) -> bool:
    """Whether a sentence opens a direct quote: ``"We will ...`` or ``He said: "We ...``."""
    return _QUOTE_OPENING.search(text) is not None


def _article_values(
    pair_features: np.ndarray, quoted: np.ndarray, earlier: np.ndarray, later: np.ndarray
) -> np.ndarray:
    """The :data:`ARTICLE_FEATURES` of pairs, one row per pair.

    Args:
        pair_features: The pairs' :data:`FEATURES` (:func:`pair_features`).
        quoted: Per sentence, whether it opens a direct quote.
        earlier, later: The pairs' sentences as 0-based rows.
    """
    scores = np.clip(_probabilities(pair_features), 1e-9, 1 - 1e-9)
    quote_after_report = quoted[later] & ~quoted[earlier]
    return np.column_stack(
        [
            np.log(scores / (1 - scores)),
            pair_features[:, FEATURES.index("n_shared_log")],
            quote_after_report.astype(float),
            (quote_after_report & (later == earlier + 1)).astype(float),
        ]
    )


def _article_scores(pair_features, quoted, earlier, later) -> np.ndarray:
    """The in-article restatement score of pairs, 0-1 (see :func:`article_pair_features`)."""
    intercept, weights = _coefficients(ARTICLE_SCORER_FILE, ARTICLE_FEATURES)
    values = _article_values(pair_features, quoted, earlier, later)
    return 1.0 / (1.0 + np.exp(-(intercept + values @ weights)))


def article_pair_features(article: Article) -> pd.DataFrame:
    """What the in-article score of each candidate pair is computed from.

    :func:`restatement_pairs` scores a pair with a second logistic regression
    (coefficients in ``analysis/data/restatement_article.csv``, fitted on the dev
    split of the labelled BBC pairs by ``benchmarks/restatements/fit_article.py``)
    over four features: ``pair_logit`` (the log-odds of the pair's
    :func:`score_pairs` score), ``n_shared_log`` (log(1 + shared content lemmas);
    on BBC pairs it weighs more than the MRPC fit gives it),
    ``quote_after_report`` (the later sentence opens a direct quote and the earlier
    one does not: the news pattern of a quote that restates the line reporting it)
    and ``quote_next`` (the same, with the quote right after that line, where
    the pattern is commonest).

    Returns:
        One row per candidate pair: ``earlier``, ``later`` (sentence ids),
        ``n_shared``, then the :data:`ARTICLE_FEATURES` and ``score`` (the
        in-article score, as ``similarity`` in :func:`restatement_pairs`).
    """
    result = _result(article)
    pairs = result.candidates
    earlier, later = pairs.earlier - 1, pairs.later - 1
    chunks = _pair_chunks(result.items, earlier, later)
    features = np.vstack([np.zeros((0, len(FEATURES)))] + [_features(c) for _, _, c in chunks])
    values = _article_values(features, result.quoted, earlier, later)
    table = pd.DataFrame(values, columns=list(ARTICLE_FEATURES))
    table.insert(0, "earlier", pairs.earlier)
    table.insert(1, "later", pairs.later)
    table.insert(2, "n_shared", pairs.n_shared)
    return table.assign(score=pairs.similarity)


# -- novelty -----------------------------------------------------------------------------


def novelty_curve(article: Article) -> pd.DataFrame:
    """How many content words each sentence adds that the article has not used before.

    Content words are compared by lemma. A high ``n_new_words`` means the
    sentence brings new vocabulary (usually new information); a sentence with
    none only reuses words already read.

    Returns:
        One row per sentence: ``sentence_id``, ``paragraph``, ``n_content_words``
        (distinct content lemmas), ``n_new_words``, ``novelty`` (new / content,
        NaN when the sentence has no content word), ``cumulative_words`` (distinct
        content lemmas read so far).
    """
    seen: set[str] = set()
    rows = []
    for sentence, lemmas in zip(article.sentences, _result(article).lemmas, strict=True):
        distinct = set(lemmas)
        new = distinct - seen
        seen |= distinct
        rows.append(
            {
                "sentence_id": sentence.id,
                "paragraph": sentence.paragraph,
                "n_content_words": len(distinct),
                "n_new_words": len(new),
                "novelty": len(new) / len(distinct) if distinct else math.nan,
                "cumulative_words": len(seen),
            }
        )
    columns = [
        "sentence_id",
        "paragraph",
        "n_content_words",
        "n_new_words",
        "novelty",
        "cumulative_words",
    ]
    return pd.DataFrame(rows, columns=columns)


# -- redundancy measures -----------------------------------------------------------------


def restated_share(article: Article, threshold: float = RESTATEMENT_THRESHOLD) -> float:
    """Share of sentences that restate an earlier sentence (this project's measure).

    restated_share = sentences with ``is_restatement`` / sentences, using
    :func:`sentence_restatements`. Higher means more of the article says again
    what it already said (0: every sentence adds something). NaN for no sentences.
    """
    restated = _best_of(article, threshold, MIN_SHARED_WORDS).is_restatement
    return int(restated.sum()) / len(restated) if len(restated) else math.nan


def redundancy_measures(article: Article) -> pd.Series:
    """Whole-article redundancy and diversity scores, each described in its function.

    The diversity scores come from :mod:`analysis.diversity` (words: the lower-cased
    word and number tokens of the body in reading order, punctuation left out).

    Returns:
        A Series with ``n_words``, ``ttr``, ``mtld``, ``distinct_2``,
        ``seq_rep_2``, ``compression_ratio``, ``n_sentences``,
        ``n_restated_sentences`` and ``restated_share``.
    """
    return pd.Series(_measures(article), name="value")


def _measures(article: Article) -> dict[str, float]:
    restated = _result(article).best.is_restatement
    n_restated = int(restated.sum())
    return diversity.measures(article) | {
        "n_sentences": len(restated),
        "n_restated_sentences": n_restated,
        "restated_share": n_restated / len(restated) if len(restated) else math.nan,
    }


# Plain-language meaning of each measure, for tables in the notebook.
MEASURE_DESCRIPTIONS = {
    "ttr": "distinct words / words; higher = more varied (falls with length)",
    "mtld": "mean run of words keeping TTR above 0.72; higher = more varied (prose ~70-120)",
    "distinct_2": "distinct word pairs / words; higher = less repetition",
    "seq_rep_2": "share of word pairs that repeat an earlier pair; higher = more repetition",
    "compression_ratio": "text bytes / gzip bytes; higher = more redundant",
    "restated_share": "share of sentences restating an earlier one; higher = more redundant",
}


def measures_table(article: Article) -> pd.DataFrame:
    """The redundancy measures as a readable table: ``measure``, ``value``, ``meaning``."""
    values = _measures(article)
    return pd.DataFrame(
        {
            "measure": list(MEASURE_DESCRIPTIONS),
            "value": [values[name] for name in MEASURE_DESCRIPTIONS],
            "meaning": list(MEASURE_DESCRIPTIONS.values()),
        }
    )


# -- report ------------------------------------------------------------------------------


def report_section(article: Article) -> dict:
    """The ``repetition`` section of ``report --format json``."""
    result = _result(article)
    measures = _measures(article)
    best = result.best
    return {
        "repeated_phrases": [
            {"phrase": p.phrase, "count": p.count, "sentences": list(p.sentences)}
            for p in result.phrases
        ],
        "restatements": [
            {
                "sentence": article.sentences[i].id,
                "restates": int(best.earlier[i]),
                "similarity": round(float(best.similarity[i]), 4),
            }
            for i in np.flatnonzero(best.is_restatement).tolist()
        ],
        "measures": {name: float(measures[name]) for name in MEASURE_DESCRIPTIONS},
    }


def headline_metrics(article: Article) -> dict:
    """A few flat numbers summarising the article's repetition, for a corpus table."""
    measures = _measures(article)
    phrases = _result(article).phrases
    return {
        "restated_share": float(measures["restated_share"]),
        "n_restated_sentences": int(measures["n_restated_sentences"]),
        "mtld": float(measures["mtld"]),
        "compression_ratio": float(measures["compression_ratio"]),
        "ttr": float(measures["ttr"]),
        "distinct_2": float(measures["distinct_2"]),
        "seq_rep_2": float(measures["seq_rep_2"]),
        "n_repeated_phrases": len(phrases),
        "longest_repeated_phrase": phrases[0].phrase if phrases else "",
    }
