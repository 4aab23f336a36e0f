"""How much an article repeats itself: repeated phrases, restated sentences, redundancy.

Three views of repetition, from the most literal to the most abstract:

- :func:`repeated_phrases`: word sequences that occur more than once, verbatim
  (Voyant's *Phrases* tool with its "longest" strategy).
- :func:`restatement_pairs` / :func:`sentence_restatements`: sentences that say
  again what an earlier sentence said, in the same or in other words, each
  paired with the sentence it restates.
- :func:`redundancy_measures`: whole-text scores from the lexical-diversity and
  text-generation literature (TTR, MTLD, distinct-n, seq-rep-n, gzip
  compression ratio) plus the share of sentences that restate an earlier one.

Plus :func:`novelty_curve` (new content words per sentence) and
:func:`similarity_matrix` (sentence x sentence similarity, for a heatmap).

How restatements are found
--------------------------
Each sentence becomes a set of features: the lemmas of its content words
(:func:`analysis.vocabulary.is_content_word`) and the bigrams of consecutive
content lemmas (so "state ideology of Juche" adds ``ideology juche``: shared
phrasing counts more than shared vocabulary). Features are weighted by TF-IDF
with the article's sentences as the documents (binary term frequency, smoothed
IDF ``ln((1+n)/(1+df)) + 1``, L2-normalised rows), so a word the article uses in
every sentence ("Korea" in the seed) weighs little and a rarer one weighs a lot.
The similarity of two sentences is the cosine of their vectors. A later sentence
*restates* an earlier one when their similarity is at least
:data:`RESTATEMENT_THRESHOLD` (0.15) and they share at least
:data:`MIN_SHARED_WORDS` (2) content lemmas.

Why this method and this threshold (measured, not guessed):

- The 19 seed sentences were labelled by reading them: sentences 11, 13, 14, 15,
  16, 17, 18 and 19 restate earlier ones (13 restates 3: "vowed to cut off
  support from countries like ..."; 14 restates 4; 18 restates 5; 17 restates
  9/10; 16 restates 8; 15 restates 11; 11 restates 1/2; 19 restates 12), 12 is
  borderline (it partly repeats 2), and 2-10 add new information.
- Four scorers were compared on those labels, taking each sentence's best
  earlier match: Jaccard and overlap coefficients of content lemmas, cosine
  with general-English rarity weights (wordfreq), plain TF-IDF cosine, and
  TF-IDF with content bigrams. Only the TF-IDF scorers rank every restating
  sentence above every non-restating one; plain TF-IDF leaves a thin margin
  (restating >= 0.24, others <= 0.21), the bigram variant a wide one
  (restating >= 0.17, others <= 0.10; sentence 7, a continuation of 6, is the
  closest non-restatement). Down-weighting named entities narrowed the margin,
  so it was dropped.
- On 150 random BBC articles the threshold trades the seed's recall against
  false positives: 0.12 flags a median 18% of BBC sentences, 0.14 11%, 0.16
  7.5%. Reading the BBC pairs shows that above about 0.2 they are mostly real
  restatements (a reported claim followed by the quote that says it again),
  and below about 0.15 mostly two sentences naming the same person or place.
  0.15 keeps every labelled seed restatement and is the lowest value at which
  the BBC pairs read as restatements more often than not.
- Requiring two shared content lemmas removes pairs of very short sentences
  that share one word ("It's very disappointing.").

Scaling: pairs are only scored when the two sentences share a feature that
occurs in at most :data:`CANDIDATE_MAX_DF` sentences (an inverted index over
rare features, as in all-pairs similarity search). The number of candidate
pairs is then at most ``CANDIDATE_MAX_DF`` times the number of features, so the
work grows linearly with the text. An article of up to ``CANDIDATE_MAX_DF``
sentences is compared exhaustively; in a longer one, a pair sharing only
features used in more than 100 sentences is skipped (such features have the
lowest IDF weights, so these pairs score low). ``benchmarks/repetition_scaling.py``
measures both: on concatenated BBC articles the analysis took 0.3 ms per sentence at
100 KB (838 sentences) and 1.2 ms at 1 MB (8,513 sentences), and an exhaustive
comparison found no restatement pair the candidate search had skipped (0 of 333
at 100 KB). The bound is linear but its constant is large: in that range the
candidate pairs grow from 38 thousand to 883 thousand (104 per sentence at 1 MB),
because more features reach 10-100 sentences as a long text repeats its topics; at
1 MB the whole repetition analysis is 10 s against a 55 s parse. On all 2,225 BBC
articles restated_share has median 0.10, 90th percentile 0.23 and maximum 0.64; the
seed scores 0.47
(``benchmarks/bbc_reference.py``).
"""

from __future__ import annotations

import gzip
import math
from collections import Counter, defaultdict
from itertools import chain
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.article import Article
from analysis.cache import cached
from analysis.tokens import content_flags, token_table
from analysis.vocabulary import stop_words

# A later sentence restates an earlier one at this cosine or above (see module docstring).
RESTATEMENT_THRESHOLD = 0.15
# ... and when they share at least this many content lemmas.
MIN_SHARED_WORDS = 2
# Candidate pairs come from features used in at most this many sentences.
CANDIDATE_MAX_DF = 100
# MTLD's factor size: a segment ends when its TTR falls to this (McCarthy & Jarvis 2010).
MTLD_THRESHOLD = 0.72
# Above this many sentences the heatmap matrix is binned into blocks of consecutive sentences.
MAX_MATRIX_SIZE = 300


def _cached(article: Article, key, compute):
    """Per-article work (tokens, lemmas, vectors, tables), computed once."""
    return cached(article, ("repetition", key), compute)


# -- tokens ------------------------------------------------------------------------------
# Token attributes come from the shared token table (plain lists): a spaCy Token object per
# token cost more than the tests made on it.


def _word_positions(article: Article) -> list[list[int]]:
    """Per sentence, the doc indices of the tokens that count as words (numbers included).

    A word holds a letter or digit and is not punctuation or space.
    """

    def compute(a: Article) -> list[list[int]]:
        table = token_table(a)
        # The test reads only the token's form (spaCy's flags are lexical): once per form.
        is_word: dict[str, bool] = {}
        for form, punct, space in zip(table.text, table.is_punct, table.is_space, strict=True):
            if form not in is_word:
                is_word[form] = not (punct or space) and (
                    form.isalnum() or any(c.isalnum() for c in form)
                )
        keep = [is_word[form] for form in table.text]
        return [[i for i in range(s.token_start, s.token_end) if keep[i]] for s in a.sentences]

    return _cached(article, "word_positions", compute)


def _all_words(article: Article) -> list[str]:
    """Lower-cased word forms of the whole article in reading order (no punctuation)."""
    forms = token_table(article).lower_straight
    return [forms[i] for sentence in _word_positions(article) for i in sentence]


def _content_lemmas(article: Article) -> list[list[str]]:
    """Per sentence, the lemmas of its content words in order."""

    def compute(a: Article) -> list[list[str]]:
        lemmas = token_table(a).norm
        content = content_flags(a, stop_words())
        return [
            [lemmas[i] for i in range(s.token_start, s.token_end) if content[i]]
            for s in a.sentences
        ]

    return _cached(article, "content_lemmas", compute)


# -- repeated phrases ------------------------------------------------------------------


def repeated_phrases(article: Article, min_words: int = 2) -> pd.DataFrame:
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
    table = _cached(article, ("phrase_table", min_words), lambda a: _phrase_table(a, min_words))
    return table.copy()


PHRASE_COLUMNS = ["phrase", "n_words", "count", "n_alone", "sentences", "first_sentence"]


def _phrase_table(article: Article, min_words: int) -> pd.DataFrame:
    rows = _phrase_rows(article, min_words)
    if not rows:
        return pd.DataFrame(columns=PHRASE_COLUMNS)
    return pd.DataFrame(
        {name: [row[k] for row in rows] for k, name in enumerate(PHRASE_COLUMNS)},
        columns=PHRASE_COLUMNS,
    )


def _phrase_rows(article: Article, min_words: int) -> list[tuple]:
    """The rows of :func:`repeated_phrases` as tuples (plain data for the report), cached."""
    return _cached(article, ("phrases", min_words), lambda a: _find_phrases(a, min_words))


def _find_phrases(article: Article, min_words: int) -> list[tuple]:
    positions = _word_positions(article)
    tokens = [i for sentence in positions for i in sentence]
    sentence_of = [
        s.id for s, words in zip(article.sentences, positions, strict=False) for _ in words
    ]
    if len(tokens) < 2:
        return []
    table = token_table(article)
    forms = table.lower_straight
    vocabulary: dict[str, int] = {}
    ids = [vocabulary.setdefault(forms[i], len(vocabulary)) for i in tokens]
    occurrences = _repeated_ngrams(ids, sentence_of)
    edge = _phrase_edges(article, tokens)
    # Listable phrases start and end on a content word ("vowed ... like", not "and vowed ... to").
    listable = [
        (length, starts)
        for length, groups in occurrences.items()
        if length >= min_words
        for starts in groups
        if edge[starts[0]] and edge[starts[0] + length - 1]
    ]
    longest = [0] * len(tokens)
    for length, starts in listable:
        for i in starts:
            longest[i] = max(longest[i], length)
    reach = _reach_from_left(longest, sentence_of)
    rows = []
    for length, starts in listable:
        n_alone = sum(1 for i in starts if longest[i] == length and reach[i] < i + length)
        if not n_alone:
            continue
        first, last = tokens[starts[0]], tokens[starts[0] + length - 1]
        phrase = article.text[table.idx[first] : table.idx[last] + len(table.text[last])]
        # spaCy splits "year-earlier" into three tokens; it is still one written word.
        n_words = len(phrase.split())
        if n_words < min_words:
            continue
        sentences = sorted({sentence_of[i] for i in starts})
        rows.append((phrase, n_words, len(starts), n_alone, sentences, sentence_of[starts[0]]))
    # Longest first, then most frequent, then earliest (a stable sort, as pandas' was).
    rows.sort(key=lambda r: (-r[1], -r[2], r[5]))
    return rows


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
    return [
        lemmas + [f"{a} {b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
        for lemmas in _content_lemmas(article)
    ]


class _SentenceVectors(NamedTuple):
    """The sentences' TF-IDF rows as plain lists, with sklearn's columns and weights.

    Columns are the features in alphabetical order (sklearn's numbering); each
    row lists its distinct features in column order.

    Attributes:
        columns: Per sentence, the columns of its features, ascending.
        weights: Per sentence, the matching TF-IDF weights (L2-normalised rows).
        is_unigram: Per column, whether the feature is a single lemma (not a bigram).
        df: Per column, the number of sentences using the feature.
    """

    columns: list[list[int]]
    weights: list[list[float]]
    is_unigram: list[bool]
    df: list[int]


def _sentence_vectors(article: Article) -> _SentenceVectors:
    """TF-IDF rows (binary tf, smoothed idf, L2), bit for bit what sklearn's vectorizer gave.

    Computed by hand: on a few dozen short sentences, ``TfidfVectorizer`` spent
    most of its time validating parameters and building sparse matrices. Float
    results depend on the order of the sums, so each step adds in sklearn's order.
    """

    def compute(a: Article) -> _SentenceVectors:
        features = sentence_features(a)
        # Features numbered in order of first use, as sklearn's vocabulary does while counting.
        first_use: dict[str, int] = {}
        rows = [
            sorted({first_use.setdefault(f, len(first_use)) for f in feats}) for feats in features
        ]
        names = sorted(first_use)  # sklearn's columns
        column_of = [0] * len(names)
        for column, name in enumerate(names):
            column_of[first_use[name]] = column
        uses = Counter(chain.from_iterable(rows))
        df = [uses[first_use[name]] for name in names]
        idf = _smoothed_idf(df, len(rows))
        columns, weights = [], []
        for row in rows:
            row_columns = [column_of[k] for k in row]
            # sklearn stores a row in order of first use and sums its norm in that order.
            norm = _l2_norm([idf[c] for c in row_columns])
            # sklearn's matrix was then sorted in place by scipy's first comparison on it
            # (``tfidf > 0``): products and dot products were summed in column order.
            row_columns.sort()
            columns.append(row_columns)
            weights.append([idf[c] / norm for c in row_columns])
        return _SentenceVectors(columns, weights, [" " not in name for name in names], df)

    return _cached(article, "sentence_vectors", compute)


def _smoothed_idf(df: list[int], n_documents: int) -> list[float]:
    """``ln((1 + n) / (1 + df)) + 1`` per column, with sklearn's numpy operations.

    numpy's vectorised log may round differently from ``math.log``, so the same
    array operations as ``TfidfTransformer.fit`` are used.
    """
    smoothed = np.array(df, dtype=np.float64)
    smoothed += 1.0
    idf = np.full_like(smoothed, fill_value=n_documents + 1, dtype=np.float64)
    idf /= smoothed
    np.log(idf, out=idf)
    idf += 1.0
    return idf.tolist()


def _l2_norm(weights: list[float]) -> float:
    """The row's L2 norm, summed in order as sklearn's Cython loop does (1.0 for an empty row)."""
    total = 0.0
    for w in weights:
        total += w * w
    # sklearn leaves a zero row as it is; every weight is at least 1, so only an empty row is.
    return math.sqrt(total) if total else 1.0


def _vectors(article: Article) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """TF-IDF rows (binary tf, smoothed idf, L2) and a binary content-lemma incidence matrix.

    Sparse matrices for the exact heatmap and for checks; the restatement search
    uses the plain rows of :func:`_sentence_vectors`.
    """

    def compute(a: Article):
        vectors = _sentence_vectors(a)
        n = len(vectors.columns)
        if not vectors.is_unigram:
            empty = sparse.csr_matrix((n, 0))
            return empty, empty
        indptr = np.cumsum([0] + [len(row) for row in vectors.columns], dtype=np.int32)
        indices = np.array([c for row in vectors.columns for c in row], dtype=np.int32)
        data = np.array([w for row in vectors.weights for w in row], dtype=np.float64)
        tfidf = sparse.csr_matrix((data, indices, indptr), shape=(n, len(vectors.is_unigram)))
        unigram = np.flatnonzero(vectors.is_unigram)
        words = (tfidf[:, unigram] > 0).astype(np.int32).tocsr()
        return tfidf, words

    return _cached(article, "vectors", compute)


class _Pairs(NamedTuple):
    """Candidate pairs as parallel arrays, ordered by ``later`` then ``earlier``."""

    earlier: np.ndarray
    later: np.ndarray
    similarity: np.ndarray
    n_shared: np.ndarray


_NO_PAIRS = _Pairs(
    np.zeros(0, dtype=np.int64),
    np.zeros(0, dtype=np.int64),
    np.zeros(0, dtype=np.float64),
    np.zeros(0, dtype=np.int64),
)


def _candidate_pairs(article: Article) -> pd.DataFrame:
    """Scored (earlier, later) sentence pairs that share at least one rare feature."""
    pairs = _pair_arrays(article)
    return pd.DataFrame(
        {
            "earlier": pairs.earlier,
            "later": pairs.later,
            "similarity": pairs.similarity,
            "n_shared": pairs.n_shared,
        }
    )


def _pair_arrays(article: Article) -> _Pairs:
    """The candidate pairs with their cosine and number of shared content lemmas, cached.

    The cosine adds the products in column order with ``np.add.reduceat``, as
    scipy's ``multiply(...).sum(axis=1)`` did, so its float bits are unchanged.
    """

    def compute(a: Article) -> _Pairs:
        vectors = _sentence_vectors(a)
        pairs = _sharing_rare_feature(vectors.columns, vectors.df)
        if not pairs:
            return _NO_PAIRS
        products, starts, n_shared = _shared_products(vectors, pairs)
        # The same reduction scipy's row sum ran, so the sums round the same way.
        similarity = np.add.reduceat(
            np.array(products, dtype=np.float64), np.array(starts, dtype=np.intp)
        )
        # int32 ids, as the sparse matrices' indices had.
        return _Pairs(
            np.array([earlier + 1 for _, earlier in pairs], dtype=np.int32),
            np.array([later + 1 for later, _ in pairs], dtype=np.int32),
            similarity,
            np.array(n_shared, dtype=np.int64),
        )

    return _cached(article, "pair_arrays", compute)


def _sharing_rare_feature(columns: list[list[int]], df: list[int]) -> list[tuple[int, int]]:
    """Sorted (later, earlier) row pairs sharing a feature used in 2..CANDIDATE_MAX_DF rows."""
    # Most features (bigrams above all) occur in one sentence only: no postings for them.
    postings: dict[int, list[int]] = defaultdict(list)
    for row, cols in enumerate(columns):
        for c in cols:
            if 2 <= df[c] <= CANDIDATE_MAX_DF:
                postings[c].append(row)
    pairs: set[tuple[int, int]] = set()
    for rows in postings.values():
        for k in range(1, len(rows)):
            later = rows[k]
            pairs.update([(later, earlier) for earlier in rows[:k]])
    return sorted(pairs)


def _shared_products(
    vectors: _SentenceVectors, pairs: list[tuple[int, int]]
) -> tuple[list[float], list[int], list[int]]:
    """Per pair, the products of the shared features' weights, in column order.

    Returns:
        All products flattened, where each pair's products start, and per pair the
        number of shared unigrams.
    """
    columns, weights, is_unigram, _ = vectors
    weight_of = [dict(zip(cols, w, strict=True)) for cols, w in zip(columns, weights, strict=True)]
    column_sets = [set(cols) for cols in columns]
    unigram_sets = [{c for c in cols if is_unigram[c]} for cols in columns]
    products: list[float] = []
    starts: list[int] = []
    n_shared: list[int] = []
    for later, earlier in pairs:
        starts.append(len(products))
        own, other = weight_of[earlier], weight_of[later]
        # Set intersection in C, then only the few shared columns in Python.
        products.extend(
            own[c] * other[c] for c in sorted(column_sets[earlier] & column_sets[later])
        )
        n_shared.append(len(unigram_sets[earlier] & unigram_sets[later]))
    return products, starts, n_shared


def restatement_pairs(
    article: Article,
    threshold: float = RESTATEMENT_THRESHOLD,
    min_shared: int = MIN_SHARED_WORDS,
) -> pd.DataFrame:
    """Pairs of sentences (earlier, later) where the later one says the earlier one again.

    Similarity is the TF-IDF cosine of content lemmas and content bigrams (0 =
    nothing in common, 1 = the same content words and phrasing); see the module
    docstring for how the method and the 0.15 threshold were chosen.

    Args:
        article: The loaded article.
        threshold: Lowest cosine similarity that counts as a restatement.
        min_shared: Fewest content lemmas the two sentences must share.

    Returns:
        One row per pair, most similar first: ``earlier``, ``later`` (sentence
        ids), ``similarity``, ``n_shared``, ``shared_words`` (the shared content
        lemmas, comma-joined), ``earlier_text``, ``later_text``. Empty when no
        sentence restates another.
    """
    pairs = _candidate_pairs(article)
    pairs = pairs[(pairs["similarity"] >= threshold) & (pairs["n_shared"] >= min_shared)]
    lemmas = _content_lemmas(article)
    texts = {s.id: s.text for s in article.sentences}
    pairs = pairs.assign(
        shared_words=[
            ", ".join(sorted(set(lemmas[e - 1]) & set(lemmas[later - 1])))
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
        One row per sentence in reading order: ``sentence`` (id), ``paragraph``,
        ``restates`` (id of the most similar earlier sentence at or above the
        threshold, ``<NA>`` if none), ``similarity`` (that pair's score; the best
        score against any earlier candidate when it is below the threshold, 0.0
        when there is none), ``is_restatement``, ``text``.
    """
    table = _cached(
        article,
        ("restatement_table", threshold, min_shared),
        lambda a: _restatement_table(a, _best_earlier(a, threshold, min_shared)),
    )
    return table.copy()


class _BestEarlier(NamedTuple):
    """Per sentence in reading order: its best earlier match (see sentence_restatements)."""

    similarity: np.ndarray
    earlier: np.ndarray  # sentence id as float, NaN when there is no candidate
    is_restatement: np.ndarray


def _restatement_table(article: Article, best: _BestEarlier) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sentence": [s.id for s in article.sentences],
            "paragraph": [s.paragraph for s in article.sentences],
            "restates": pd.array(
                np.where(best.is_restatement, best.earlier, np.nan), dtype="Int64"
            ),
            "similarity": best.similarity,
            "is_restatement": best.is_restatement,
            "text": [s.text for s in article.sentences],
        }
    )


def _best_earlier(article: Article, threshold: float, min_shared: int) -> _BestEarlier:
    """Arrays behind :func:`sentence_restatements`, cached (plain data for the report)."""
    return _cached(
        article,
        ("restatements", threshold, min_shared),
        lambda a: _find_best_earlier(a, threshold, min_shared),
    )


def _find_best_earlier(article: Article, threshold: float, min_shared: int) -> _BestEarlier:
    pairs = _pair_arrays(article)
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
    ids = [s.id for s in article.sentences]
    position = {sentence_id: i for i, sentence_id in enumerate(ids)}
    rows = np.array([position[i] for i in later[first].tolist()], dtype=np.int64)
    similarity = np.zeros(len(ids))
    similarity[rows] = scores[first]
    earlier = np.full(len(ids), np.nan)
    earlier[rows] = earlier_ids[first]
    return _BestEarlier(similarity, earlier, similarity >= threshold)


def similarity_matrix(article: Article, max_size: int = MAX_MATRIX_SIZE) -> pd.DataFrame:
    """Sentence x sentence similarity (the TF-IDF cosine above), for a heatmap.

    Up to ``max_size`` sentences, every pair is computed exactly (diagonal 1).
    A longer article is cut into ``max_size`` blocks of consecutive sentences
    and each cell holds the highest similarity between the two blocks among the
    candidate pairs (see the module docstring), so the work stays linear and
    the picture readable.

    Returns:
        A square frame indexed both ways by the first sentence id of each row
        (a sentence, or a block). Index and columns are named ``sentence``.
    """
    n = article.n_sentences
    tfidf, _ = _vectors(article)
    if n <= max_size:
        values = (tfidf @ tfidf.T).toarray() if tfidf.shape[1] else np.zeros((n, n))
        np.fill_diagonal(values, 1.0)
        labels = list(range(1, n + 1))
    else:
        size = math.ceil(n / max_size)
        n_blocks = math.ceil(n / size)
        values = np.zeros((n_blocks, n_blocks))
        pairs = _pair_arrays(article)
        rows = (pairs.earlier - 1) // size
        cols = (pairs.later - 1) // size
        np.maximum.at(values, (rows, cols), pairs.similarity)
        values = np.maximum(values, values.T)
        np.fill_diagonal(values, 1.0)
        labels = [1 + size * b for b in range(n_blocks)]
    index = pd.Index(labels, name="sentence")
    return pd.DataFrame(values, index=index, columns=index.copy())


# -- novelty -----------------------------------------------------------------------------


def novelty_curve(article: Article) -> pd.DataFrame:
    """How many content words each sentence adds that the article has not used before.

    Content words are compared by lemma. A high ``n_new_words`` means the
    sentence brings new vocabulary (usually new information); a sentence with
    none only reuses words already read.

    Returns:
        One row per sentence: ``sentence``, ``paragraph``, ``n_content_words``
        (distinct content lemmas), ``n_new_words``, ``novelty`` (new / content,
        NaN when the sentence has no content word), ``cumulative_words`` (distinct
        content lemmas read so far).
    """
    seen: set[str] = set()
    rows = []
    for sentence, lemmas in zip(article.sentences, _content_lemmas(article), strict=False):
        distinct = set(lemmas)
        new = distinct - seen
        seen |= distinct
        rows.append(
            {
                "sentence": sentence.id,
                "paragraph": sentence.paragraph,
                "n_content_words": len(distinct),
                "n_new_words": len(new),
                "novelty": len(new) / len(distinct) if distinct else math.nan,
                "cumulative_words": len(seen),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "sentence",
            "paragraph",
            "n_content_words",
            "n_new_words",
            "novelty",
            "cumulative_words",
        ],
    )


# -- redundancy measures -----------------------------------------------------------------


def type_token_ratio(words: list[str]) -> float:
    """Distinct words over words: TTR = V / N (Johnson 1944).

    Higher means more varied vocabulary (1.0: no word repeats). It falls with
    text length, so compare texts of similar length (news: about 0.45-0.65 for
    400-800 words). NaN for an empty text.
    """
    return len(set(words)) / len(words) if words else math.nan


def mtld(words: list[str], threshold: float = MTLD_THRESHOLD) -> float:
    """Measure of Textual Lexical Diversity (McCarthy & Jarvis 2010).

    Reading forward, a *factor* ends each time the running TTR of the current
    segment falls to ``threshold`` (0.72); the leftover segment counts as the
    fraction ``(1 - TTR) / (1 - 0.72)`` of a factor. MTLD = N / factors, the
    mean length of a stretch of text that keeps a TTR above 0.72; the result is
    the mean of the forward and the backward pass. Higher means more varied
    vocabulary and, unlike TTR, hardly depends on length (typical prose 70-120).

    Reference: McCarthy, P. M., & Jarvis, S. (2010). MTLD, vocd-D, and HD-D: A
    validation study of sophisticated approaches to lexical diversity
    assessment. Behavior Research Methods, 42(2), 381-392.

    Returns:
        MTLD, or NaN when the text is too short or varied for a factor to form.
    """
    forward, backward = _mtld_pass(words, threshold), _mtld_pass(words[::-1], threshold)
    if not (forward and backward):
        return math.nan
    return (forward + backward) / 2


def _mtld_pass(words: list[str], threshold: float) -> float:
    factors, count = 0.0, 0
    types: set[str] = set()
    add_type = types.add  # bound once: this loop runs once per word
    for word in words:
        add_type(word)
        count += 1
        if len(types) / count <= threshold:
            factors += 1
            types.clear()
            count = 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    return len(words) / factors if factors else 0.0


def _ngrams(words: list[str], n: int) -> list[tuple[str, ...]]:
    return list(zip(*(words[i:] for i in range(n)), strict=False))


def distinct_n(words: list[str], n: int = 2) -> float:
    """distinct-n: distinct n-grams over words (Li et al. 2016).

    distinct-n = |unique n-grams| / N, with N the number of words, as defined
    for response diversity. Higher means less repetition; it is at most
    (N - n + 1) / N, just under 1. NaN for an empty text.

    Reference: Li, J., Galley, M., Brockett, C., Gao, J., & Dolan, B. (2016). A
    Diversity-Promoting Objective Function for Neural Conversation Models.
    NAACL-HLT 2016, 110-119.
    """
    return len(set(_ngrams(words, n))) / len(words) if words else math.nan


def seq_rep_n(words: list[str], n: int = 2) -> float:
    """seq-rep-n: the share of n-grams that repeat an earlier one (Welleck et al. 2019).

    seq-rep-n = 1 - |unique n-grams| / |n-grams|. Higher means more repetition
    (0: no n-gram occurs twice). Human news text scores a few percent for n=2.
    NaN when the text has fewer than n words.

    Reference: Welleck, S., Kulikov, I., Roller, S., Dinan, E., Cho, K., &
    Weston, J. (2019). Neural Text Generation with Unlikelihood Training.
    arXiv:1908.04319 (ICLR 2020).
    """
    grams = _ngrams(words, n)
    return 1 - len(set(grams)) / len(grams) if grams else math.nan


def compression_ratio(text: str) -> float:
    """gzip compression ratio: bytes of the UTF-8 text over bytes of its gzip.

    Higher means more redundant text (gzip finds more repeated strings). Short
    texts compress poorly whatever they say (gzip's header and dictionary cost),
    so compare texts of similar length; English news of 3-5 KB scores about
    1.9-2.3. NaN for an empty text.

    Reference: Shaib, C., Barrow, J., Sun, J., Siu, A. F., Wallace, B. C., &
    Nenkova, A. (2024). Standardizing the Measurement of Text Diversity: A Tool
    and a Comparative Analysis of Scores. arXiv:2403.00553.
    """
    data = text.encode("utf-8")
    if not data:
        return math.nan
    return len(data) / len(gzip.compress(data, compresslevel=9, mtime=0))


def restated_share(article: Article, threshold: float = RESTATEMENT_THRESHOLD) -> float:
    """Share of sentences that restate an earlier sentence (this project's measure).

    restated_share = sentences with ``is_restatement`` / sentences, using
    :func:`sentence_restatements`. Higher means more of the article says again
    what it already said (0: every sentence adds something). NaN for no sentences.
    """
    restated = _best_earlier(article, threshold, MIN_SHARED_WORDS).is_restatement
    return int(restated.sum()) / len(restated) if len(restated) else math.nan


def redundancy_measures(article: Article) -> pd.Series:
    """Whole-article redundancy and diversity scores, each described in its function.

    Words are the lower-cased word tokens of the body in reading order
    (punctuation left out, numbers kept).

    Returns:
        A Series with ``n_words``, ``ttr``, ``mtld``, ``distinct_2``,
        ``seq_rep_2``, ``compression_ratio``, ``n_sentences``,
        ``n_restated_sentences`` and ``restated_share``.
    """
    series = _cached(article, "measure_series", lambda a: pd.Series(_measures(a), name="value"))
    return series.copy()


def _measures(article: Article) -> dict[str, float]:
    """The values of :func:`redundancy_measures` as a dict (plain data for the report), cached."""
    return _cached(article, "measures", _measure_redundancy)


def _measure_redundancy(article: Article) -> dict[str, float]:
    words = _all_words(article)
    restated = _best_earlier(article, RESTATEMENT_THRESHOLD, MIN_SHARED_WORDS).is_restatement
    n_restated = int(restated.sum())
    return {
        "n_words": len(words),
        "ttr": type_token_ratio(words),
        "mtld": mtld(words),
        "distinct_2": distinct_n(words, 2),
        "seq_rep_2": seq_rep_n(words, 2),
        "compression_ratio": compression_ratio(article.text),
        "n_sentences": len(restated),
        "n_restated_sentences": n_restated,
        # The mean of the flags, as pandas computed it: (float) count / length.
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
    values = redundancy_measures(article)
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
    # Built from the cached plain rows and arrays: the tables' pandas objects cost more.
    best = _best_earlier(article, RESTATEMENT_THRESHOLD, MIN_SHARED_WORDS)
    measures = _measures(article)
    return {
        "repeated_phrases": [
            {"phrase": phrase, "count": count, "sentences": list(sentences)}
            for phrase, _, count, _, sentences, _ in _phrase_rows(article, 2)
        ],
        "restatements": [
            {
                "sentence": article.sentences[i].id,
                "restates": int(best.earlier[i]),
                "similarity": round(float(best.similarity[i]), 4),
            }
            for i in np.flatnonzero(best.is_restatement).tolist()
        ],
        "measures": {
            name: float(measures[name])
            for name in ("ttr", "mtld", "distinct_2", "seq_rep_2", "compression_ratio")
        }
        | {"restated_share": float(measures["restated_share"])},
    }


def headline_metrics(article: Article) -> dict:
    """A few flat numbers summarising the article's repetition, for a corpus table."""
    measures = _measures(article)
    phrases = _phrase_rows(article, 2)
    return {
        "restated_share": float(measures["restated_share"]),
        "n_restated_sentences": int(measures["n_restated_sentences"]),
        "mtld": float(measures["mtld"]),
        "compression_ratio": float(measures["compression_ratio"]),
        "ttr": float(measures["ttr"]),
        "distinct_2": float(measures["distinct_2"]),
        "seq_rep_2": float(measures["seq_rep_2"]),
        "n_repeated_phrases": len(phrases),
        "longest_repeated_phrase": phrases[0][0] if phrases else "",
    }
