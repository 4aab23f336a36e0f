"""The article-free pair scorer: how surely a later sentence restates an earlier one.

:func:`score_pairs` takes sentence texts, no article: it parses them
(:func:`parse_sentences`), turns each into one row of a binary sentences x items
matrix (:class:`_Items`), counts what each pair shares with a few sparse products
(:func:`_pair_counts`) and applies a logistic regression over :data:`FEATURES`
(coefficients in ``analysis/data/restatement_scorer.csv``, fitted on MRPC by
``benchmarks/restatements/calibrate.py``). The in-article detector
(:mod:`analysis.repetition.restatements`) reuses the items and the features on an
article's own token table. :func:`tfidf_vectors` is the baseline the calibration
compares the scorer with.
"""

from __future__ import annotations

import functools
from itertools import chain
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.paths import data_file
from analysis.tokens import TokenTable, build_token_table
from analysis.vocabulary import has_digit, read_data_csv, read_word_list, stop_words

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
    """The entries of a word list in ``analysis/data`` (:func:`read_word_list`), lower-cased."""
    return tuple(line.lower() for line in read_word_list(name))


@functools.cache
def _reporting_words() -> tuple[frozenset[str], frozenset[str]]:
    """Reporting lemmas excluded as any part of speech, and those excluded only as verbs.

    From the ``frame`` column of the one list of reporting words,
    ``analysis/data/attribution_cues.csv`` (a word left out as any part of speech on
    one row is left out so whatever its other rows say).
    """
    rows = read_data_csv("attribution_cues.csv")
    any_pos = frozenset(row["word"].lower() for row in rows if row["frame"] == "any")
    verbs = frozenset(row["word"].lower() for row in rows if row["frame"] == "verb")
    return any_pos, verbs - any_pos


def _attributed_positions(forms: list[str], start: int, end: int) -> set[int]:
    """Token positions in ``start:end`` that belong to an attribution phrase."""
    found: set[int] = set()
    for phrase in _word_file("attribution_phrases.txt"):
        words = phrase.split()
        for i in range(start, end - len(words) + 1):
            # Compared word by word: the token table's columns are tuples, a split a list.
            if forms[i] == words[0] and list(forms[i : i + len(words)]) == words:
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
    # Read by the one data-file reader, so the file may carry comment lines.
    table = {row["feature"]: float(row["coefficient"]) for row in read_data_csv(name)}
    missing = [feature for feature in ("intercept", *features) if feature not in table]
    if missing:
        raise ValueError(f"{data_file(name)}: no coefficient for {missing}")
    return table["intercept"], np.array([table[feature] for feature in features], dtype=float)


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
    (the ``frame`` column of ``analysis/data/attribution_cues.csv``, and
    ``attribution_phrases.txt``) are not content.
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
