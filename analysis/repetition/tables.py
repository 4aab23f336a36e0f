"""The public tables of the repetition analysis, one row per phrase, pair or sentence.

Each reads the per-article record (:mod:`analysis.repetition.record`) and hands out
a new DataFrame, so the caller may change it.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.article import Article
from analysis.repetition.phrases import MIN_PHRASE_WORDS, PHRASE_COLUMNS
from analysis.repetition.record import _best_of, _phrases, _result, _shared_lemmas, _tiers_of
from analysis.repetition.restatements import (
    ARTICLE_FEATURES,
    MIN_SHARED_WORDS,
    RESTATEMENT_THRESHOLD,
    _article_values,
    _pair_chunks,
    _scored_pairs,
)
from analysis.repetition.scorer import FEATURES, _features

# The columns of restatement_pairs, in order.
PAIR_COLUMNS = [
    "earlier",
    "later",
    "similarity",
    "n_shared",
    "shared_words",
    "kind",
    "reason",
    "earlier_text",
    "later_text",
]
# Above this many sentences the heatmap matrix is binned into blocks of consecutive sentences.
MAX_MATRIX_SIZE = 300


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
    phrases = _phrases(article, min_words)
    return pd.DataFrame(
        [phrase._replace(sentences=list(phrase.sentences)) for phrase in phrases],
        columns=PHRASE_COLUMNS,
    )


def restatement_pairs(
    article: Article,
    threshold: float = RESTATEMENT_THRESHOLD,
    min_shared: int = MIN_SHARED_WORDS,
    possible: bool = False,
) -> pd.DataFrame:
    """Pairs of sentences (earlier, later) where the later one says the earlier one again.

    ``similarity`` is the pair's in-article score (0-1, higher = more surely a
    restatement): :func:`score_pairs`' score with what the article adds
    (:func:`article_pair_features`); see the package docstring for how both and the
    threshold were chosen. A repeated sentence has 1.0. ``kind`` says which tier
    the pair is in (:mod:`analysis.repetition.tiers`): ``repeated`` (word for word or
    nearly), ``restates`` (at or above ``threshold``, or announced by "in other
    words"), ``possibly`` (at or above :data:`POSSIBLY_THRESHOLD`, only with
    ``possible=True``); ``reason`` says why it was reported.

    Args:
        article: The loaded article.
        threshold: Lowest score that counts as a restatement.
        min_shared: Fewest content lemmas the two sentences must share.
        possible: Also list the pairs that possibly restate (the recall-oriented tier).

    Returns:
        One row per pair, the counted kinds first, then most similar first:
        ``earlier``, ``later`` (sentence ids), ``similarity``, ``n_shared``,
        ``shared_words`` (the shared content lemmas, comma-joined), ``kind``,
        ``reason``, ``earlier_text``, ``later_text``. Empty when no sentence
        restates another.
    """
    result = _result(article)
    pairs = pd.DataFrame(_tiers_of(article, threshold, min_shared)._asdict())
    if not possible:
        pairs = pairs[pairs["kind"] != "possibly"]
    texts = {s.id: s.text for s in article.sentences}
    pairs = pairs.assign(
        shared_words=[
            ", ".join(_shared_lemmas(result, e, later))
            for e, later in zip(pairs["earlier"], pairs["later"], strict=True)
        ],
        earlier_text=[texts[e] for e in pairs["earlier"]],
        later_text=[texts[i] for i in pairs["later"]],
        counted=pairs["kind"] != "possibly",
    )
    pairs = pairs.sort_values(
        ["counted", "similarity", "later"], ascending=[False, False, True], ignore_index=True
    )
    return pairs[PAIR_COLUMNS]


def sentence_restatements(
    article: Article,
    threshold: float = RESTATEMENT_THRESHOLD,
    min_shared: int = MIN_SHARED_WORDS,
) -> pd.DataFrame:
    """For every sentence, the earlier sentence it restates most closely, if any.

    Returns:
        One row per sentence in reading order: ``sentence_id``, ``paragraph``,
        ``restates`` (id of the earlier sentence it repeats or restates, ``<NA>`` if
        none), ``possibly_restates`` (id of the earlier sentence it possibly restates
        when it restates none, else ``<NA>``), ``similarity`` (that pair's score; the
        best score against any earlier candidate when nothing is reported, 0.0 when
        there is none), ``is_restatement`` (kind ``repeated`` or ``restates``),
        ``kind`` (``repeated``, ``restates``, ``possibly`` or ``<NA>``), ``reason``,
        ``text``.
    """
    best = _best_of(article, threshold, min_shared)
    possibly = best.kind == "possibly"
    return pd.DataFrame(
        {
            "sentence_id": [s.id for s in article.sentences],
            "paragraph": [s.paragraph for s in article.sentences],
            "restates": pd.array(
                np.where(best.is_restatement, best.earlier, np.nan), dtype="Int64"
            ),
            "possibly_restates": pd.array(np.where(possibly, best.earlier, np.nan), dtype="Int64"),
            "similarity": best.similarity,
            "is_restatement": best.is_restatement,
            "kind": pd.array(best.kind, dtype="string"),
            "reason": best.reason.astype(str),
            "text": [s.text for s in article.sentences],
        }
    )


def similarity_matrix(article: Article, max_size: int = MAX_MATRIX_SIZE) -> pd.DataFrame:
    """Sentence x sentence in-article restatement score (as in :func:`restatement_pairs`).

    Up to ``max_size`` sentences, every pair is computed exactly (diagonal 1).
    A repeated sentence's cell holds 1.0, as in :func:`restatement_pairs`.
    A longer article is cut into ``max_size`` blocks of consecutive sentences
    and each cell holds the highest similarity between the two blocks among the
    candidate pairs (see the package docstring), so the work stays linear and
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
        for repeat in result.repeats:
            values[repeat.earlier - 1, repeat.later - 1] = 1.0
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
        for repeat in result.repeats:
            cell = ((repeat.earlier - 1) // size, (repeat.later - 1) // size)
            values[cell] = 1.0
        values = np.maximum(values, values.T)
        labels = [1 + size * b for b in range(n_blocks)]
    np.fill_diagonal(values, 1.0)
    index = pd.Index(labels, name="sentence_id")
    return pd.DataFrame(values, index=index, columns=index.copy())


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


# -- sentence similarity ---------------------------------------------------------------


def sentence_features(article: Article) -> list[list[str]]:
    """Per sentence, its similarity features: content lemmas and bigrams of consecutive ones."""
    return _features_of([list(info.lemmas) for info in _result(article).infos])


def _features_of(lemmas: list[list[str]]) -> list[list[str]]:
    return [
        sentence + [f"{a} {b}" for a, b in zip(sentence, sentence[1:], strict=False)]
        for sentence in lemmas
    ]


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
