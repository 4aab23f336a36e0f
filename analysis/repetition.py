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
Each sentence becomes a set of features: the lemmas of its content words
(:func:`analysis.vocabulary.is_content_word`) and the bigrams of consecutive
content lemmas (so "state ideology of Juche" adds ``ideology juche``: shared
phrasing counts more than shared vocabulary). Features are weighted by TF-IDF
with the article's sentences as the documents (:func:`tfidf_vectors`: binary term
frequency, smoothed IDF ``ln((1+n)/(1+df)) + 1``, L2-normalised rows), so a word
the article uses in every sentence ("Korea" in the seed) weighs little and a
rarer one weighs a lot. The similarity of two sentences is the cosine of their
vectors. A later sentence *restates* an earlier one when their similarity is at
least :data:`RESTATEMENT_THRESHOLD` (0.15) and they share at least
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
  sentence above every non-restating one; the bigram variant leaves the wider
  margin (restating >= 0.17, others <= 0.10). Down-weighting named entities
  narrowed the margin, so it was dropped.
- 0.15 keeps every labelled seed restatement and is the lowest value at which
  pairs in 150 random BBC articles read as restatements more often than not.
- Requiring two shared content lemmas removes pairs of very short sentences
  that share one word ("It's very disappointing.").

Scaling: pairs are only scored when the two sentences share a feature that
occurs in at most :data:`CANDIDATE_MAX_DF` sentences (an inverted index over
rare features, as in all-pairs similarity search), so the work grows linearly
with the text. An article of up to ``CANDIDATE_MAX_DF`` sentences is compared
exhaustively; in a longer one, a pair sharing only features used in more than
100 sentences is skipped (such features have the lowest IDF weights, so these
pairs score low). Measurements: ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import math
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
from analysis.tokens import content_flags, token_table
from analysis.vocabulary import stop_words

# A later sentence restates an earlier one at this cosine or above (see module docstring).
RESTATEMENT_THRESHOLD = 0.15
# ... and when they share at least this many content lemmas.
MIN_SHARED_WORDS = 2
# Candidate pairs come from features used in at most this many sentences.
CANDIDATE_MAX_DF = 100
# Above this many sentences the heatmap matrix is binned into blocks of consecutive sentences.
MAX_MATRIX_SIZE = 300
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
        tfidf: TF-IDF rows of the sentences' features (:func:`tfidf_vectors`).
        candidates: Every candidate pair with its cosine and shared content lemmas.
        best: Each sentence's best earlier match at the default threshold.
        phrases: The repeated phrases of at least :data:`MIN_PHRASE_WORDS` words.
    """

    lemmas: list[list[str]]
    tfidf: sparse.csr_matrix
    candidates: _Pairs
    best: _BestEarlier
    phrases: list[Phrase]


def _result(article: Article) -> _Result:
    """The article's :class:`_Result`, computed on first use."""
    return cached(article, ("repetition", "result"), _compute_result)


def _compute_result(article: Article) -> _Result:
    lemmas = _content_lemmas(article)
    features = _features_of(lemmas)
    tfidf, vocabulary = tfidf_vectors(features)
    candidates = _candidate_pairs(tfidf, [" " not in name for name in vocabulary])
    best = _best_earlier(article, candidates, RESTATEMENT_THRESHOLD, MIN_SHARED_WORDS)
    return _Result(lemmas, tfidf, candidates, best, _find_phrases(article, MIN_PHRASE_WORDS))


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
    return _features_of(_result(article).lemmas)


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
    higher weight means a feature that is rarer among the documents.

    Returns:
        The ``n_documents x n_features`` matrix (CSR) and the feature names in
        column order (sorted).
    """
    vocabulary = sorted(set(chain.from_iterable(documents)))
    column = {name: i for i, name in enumerate(vocabulary)}
    rows = [sorted({column[name] for name in document}) for document in documents]
    indptr = np.cumsum([0] + [len(row) for row in rows])
    indices = np.fromiter(chain.from_iterable(rows), dtype=np.int32, count=int(indptr[-1]))
    shape = (len(documents), len(vocabulary))
    present = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=shape)
    df = np.bincount(indices, minlength=len(vocabulary))
    idf = np.log((1 + len(documents)) / (1 + df)) + 1
    weighted = present @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0  # an empty row stays empty
    return sparse.csr_matrix(sparse.diags(1 / norms) @ weighted), vocabulary


def _candidate_pairs(tfidf: sparse.csr_matrix, is_unigram: list[bool]) -> _Pairs:
    """(earlier, later) pairs sharing a feature used in 2..CANDIDATE_MAX_DF sentences, scored.

    Returns:
        The pairs with their cosine and their number of shared content lemmas.
    """
    present = (tfidf > 0).astype(np.float64).tocsr()
    df = np.asarray(present.sum(axis=0)).ravel()
    rare = present[:, np.flatnonzero((df >= 2) & (df <= CANDIDATE_MAX_DF))]
    sharing = sparse.triu(rare @ rare.T, k=1).tocoo()
    order = np.lexsort((sharing.row, sharing.col))
    earlier, later = sharing.row[order], sharing.col[order]
    words = present[:, np.flatnonzero(is_unigram)]
    return _Pairs(
        earlier=earlier.astype(np.int64) + 1,
        later=later.astype(np.int64) + 1,
        similarity=_row_dots(tfidf, earlier, later),
        n_shared=np.rint(_row_dots(words, earlier, later)).astype(np.int64),
    )


def _row_dots(matrix: sparse.csr_matrix, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Dot product of rows ``first[k]`` and ``second[k]`` for each k, in chunks of pairs."""
    chunk = 50_000  # bounds the memory of the two row selections on very long texts
    out = [
        np.asarray(
            matrix[first[k : k + chunk]].multiply(matrix[second[k : k + chunk]]).sum(axis=1)
        ).ravel()
        for k in range(0, len(first), chunk)
    ]
    return np.concatenate(out) if out else np.zeros(0)


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
    result = _result(article)
    pairs = pd.DataFrame(result.candidates._asdict())
    pairs = pairs[(pairs["similarity"] >= threshold) & (pairs["n_shared"] >= min_shared)]
    texts = {s.id: s.text for s in article.sentences}
    pairs = pairs.assign(
        shared_words=[
            ", ".join(sorted(set(result.lemmas[e - 1]) & set(result.lemmas[later - 1])))
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
    """Sentence x sentence similarity (the TF-IDF cosine above), for a heatmap.

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
        values = (result.tfidf @ result.tfidf.T).toarray()
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


# -- comparison with ordinary news -------------------------------------------------------

# Measures whose distribution over the BBC corpus is stored in analysis/data.
REFERENCE_MEASURES = (
    "ttr",
    "mtld",
    "distinct_2",
    "seq_rep_2",
    "compression_ratio",
    "restated_share",
)
REFERENCE_FILE = "bbc_repetition_reference.csv"


def reference_percentiles() -> pd.DataFrame:
    """Percentiles 0-100 of each redundancy measure over the 2,225 BBC News articles.

    Written by ``benchmarks/restated_share_bbc.py`` (Greene & Cunningham 2006
    BBC corpus, 2004-2005 news) into ``analysis/data/bbc_repetition_reference.csv``.
    """
    from analysis.paths import data_file

    return pd.read_csv(data_file(REFERENCE_FILE)).set_index("percentile")


def compare_to_reference(article: Article) -> pd.DataFrame:
    """The article's redundancy measures beside their spread in ordinary BBC news.

    Returns:
        One row per measure: ``measure``, ``value``, ``bbc_p10``, ``bbc_median``,
        ``bbc_p90`` and ``bbc_percentile`` (share of BBC articles scoring lower,
        0-100), plus ``meaning``.
    """
    values = redundancy_measures(article)
    reference = reference_percentiles()
    rows = []
    for name in REFERENCE_MEASURES:
        column = reference[name].to_numpy(dtype=float)
        value = float(values[name])
        percentile = (
            float(np.interp(value, column, reference.index.to_numpy(dtype=float)))
            if math.isfinite(value)
            else math.nan
        )
        rows.append(
            {
                "measure": name,
                "value": value,
                "bbc_p10": column[10],
                "bbc_median": column[50],
                "bbc_p90": column[90],
                "bbc_percentile": percentile,
                "meaning": MEASURE_DESCRIPTIONS[name],
            }
        )
    return pd.DataFrame(rows)
