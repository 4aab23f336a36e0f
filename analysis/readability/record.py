"""The per-article result record every readability output reads, computed once.

:func:`_result` builds (and caches, :mod:`analysis.cache`) one :class:`_Result` per
article: the word table's columns, the sentence table's columns, the whole-text
counts, the scores and their notes. Tables, the report section, the headline
metrics and the takeaways all read it; none of them re-reads the article's tokens.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from analysis.cache import cached
from analysis.readability.bands import difficulty
from analysis.readability.formulas import (
    LINSEAR_SAMPLE_WORDS,
    MAX_SENTENCE_WORDS,
    MIN_GRADED_WORDS,
    MIN_RELIABLE_WORDS,
    MS_PER_CHARACTER,
    SCORE_NAMES,
    SENTENCE_LENGTH_SCORES,
    _ratio,
    automated_readability_index,
    coleman_liau_index,
    consensus_grade,
    dale_chall_readability_score,
    flesch_kincaid_grade,
    flesch_reading_ease,
    gunning_fog,
    linsear_write_formula,
    smog_index,
)
from analysis.readability.words import _read_words

if TYPE_CHECKING:
    from analysis.article import Article

SENTENCE_COLUMNS = (
    "sentence_id",
    "paragraph",
    "n_words",
    "n_syllables",
    "n_letters",
    "n_polysyllable_words",
    "flesch_kincaid_grade",
    "automated_readability_index",
    "grade",
    "difficulty",
    "note",
    "text",
)


@dataclass(frozen=True)
class _Result:
    """Everything the readability package computes for one article, once; every output reads it.

    Attributes:
        words: The word table's columns (:data:`WORD_COLUMNS`), one item per word, as
            plain lists (summing a list costs less than building an array first).
        sentences: The sentence table's columns (:data:`SENTENCE_COLUMNS`), one item
            per sentence of ``article.sentences``.
        counts: What :func:`counts` returns.
        scores: Score name -> value, in :data:`SCORE_NAMES` order (NaN: not computed).
        notes: Score name -> why its value is NaN or rough ("" when neither).
    """

    words: dict[str, list]
    sentences: dict[str, list | np.ndarray]
    counts: dict[str, float]
    scores: dict[str, float]
    notes: dict[str, str]


def _result(article: Article) -> _Result:
    """The article's :class:`_Result`, computed on first use (cached per article)."""
    return cached(article, ("readability", "result"), _compute)


def _compute(article: Article) -> _Result:
    words, words_per_sentence = _read_words(article)
    text_counts = _text_counts(article, words, words_per_sentence)
    values = _text_scores(text_counts, words)
    return _Result(
        words=words,
        sentences=_sentence_columns(article, words, words_per_sentence),
        counts=text_counts,
        scores=values,
        notes={name: _score_note(name, values[name], text_counts) for name in SCORE_NAMES},
    )


def _text_counts(
    article: Article, words: dict[str, list], words_per_sentence: list[int]
) -> dict[str, float]:
    # Non-space characters: str.split() splits at the same white space as the regex \s.
    n_characters = sum(map(len, article.text.split()))
    n_words = len(words["word"])
    n_sentences = sum(1 for n in words_per_sentence if n > 0)
    n_syllables = sum(words["n_syllables"])
    return {
        "n_sentences": n_sentences,
        "n_words": n_words,
        "n_syllables": n_syllables,
        "n_letters": sum(words["n_letters"]),
        "n_polysyllable_words": sum(words["polysyllable"]),
        "n_complex_words": sum(words["complex"]),
        "n_difficult_words": sum(words["difficult"]),
        "n_characters": n_characters,
        "words_per_sentence": float(_ratio(n_words, n_sentences)),
        "syllables_per_word": float(_ratio(n_syllables, n_words)),
        "longest_sentence_words": max(words_per_sentence, default=0),
        "reading_time_s": MS_PER_CHARACTER * n_characters / 1000,
    }


def _text_scores(c: dict[str, float], words: dict[str, list]) -> dict[str, float]:
    """Every whole-text score from the counts ``c``; NaN where it cannot be computed."""
    if c["n_words"] < MIN_GRADED_WORDS:
        return dict.fromkeys(SCORE_NAMES, math.nan)
    w, s = c["n_words"], c["n_sentences"]
    # Linsear Write reads a sample: the first 100 words and the sentences they are in.
    sample_hard = sum(words["polysyllable"][:LINSEAR_SAMPLE_WORDS])
    sample_words = min(w, LINSEAR_SAMPLE_WORDS)
    sample_sentences = len(set(words["sentence_id"][:LINSEAR_SAMPLE_WORDS]))
    values = {
        "flesch_reading_ease": flesch_reading_ease(w, s, c["n_syllables"]),
        "flesch_kincaid_grade": flesch_kincaid_grade(w, s, c["n_syllables"]),
        "gunning_fog": gunning_fog(w, s, c["n_complex_words"]),
        "smog_index": smog_index(s, c["n_polysyllable_words"]),
        "coleman_liau_index": coleman_liau_index(w, s, c["n_letters"]),
        "automated_readability_index": automated_readability_index(w, s, c["n_letters"]),
        "linsear_write_formula": linsear_write_formula(
            sample_words - sample_hard, sample_hard, sample_sentences
        ),
        "dale_chall_readability_score": dale_chall_readability_score(w, s, c["n_difficult_words"]),
    }
    values = {name: float(value) for name, value in values.items()}
    if c["words_per_sentence"] > MAX_SENTENCE_WORDS:
        values = {k: (math.nan if k in SENTENCE_LENGTH_SCORES else v) for k, v in values.items()}
        values["consensus_grade"] = math.nan  # one formula is no consensus
    else:
        values["consensus_grade"] = consensus_grade(values)
    return {name: values[name] for name in SCORE_NAMES}


def _score_note(name: str, value: float, c: dict) -> str:
    if c["n_words"] < MIN_GRADED_WORDS:
        return f"under {MIN_GRADED_WORDS} words: too short to score"
    if math.isnan(value) and name in SENTENCE_LENGTH_SCORES:
        return (
            f"sentences average over {MAX_SENTENCE_WORDS} words: the text lacks sentence "
            "punctuation, so sentence length is unknown"
        )
    if name == "smog_index" and c["n_sentences"] < 30:
        return "made for 30 sentences; scaled up from fewer"
    if c["n_words"] < MIN_RELIABLE_WORDS:
        return f"fewer than {MIN_RELIABLE_WORDS} words: a rough estimate"
    return ""


def _sentence_columns(
    article: Article, words: dict[str, list], words_per_sentence: list[int]
) -> dict[str, list | np.ndarray]:
    """The sentence table's columns, from the word table's."""
    ends = list(itertools.accumulate(words_per_sentence))
    spans = list(zip([0, *ends[:-1]], ends, strict=True))

    def per_sentence(column: str) -> np.ndarray:
        values = words[column]
        return np.array([sum(values[start:end]) for start, end in spans], dtype=np.int64)

    n_words = np.array(words_per_sentence, dtype=np.int64)

    n_syllables, n_letters = per_sentence("n_syllables"), per_sentence("n_letters")
    gradable = (n_words >= MIN_GRADED_WORDS) & (n_words <= MAX_SENTENCE_WORDS)
    fk = np.where(gradable, flesch_kincaid_grade(n_words, 1, n_syllables), np.nan)
    ari = np.where(gradable, automated_readability_index(n_words, 1, n_letters), np.nan)
    grade = (fk + ari) / 2
    return {
        "sentence_id": [s.id for s in article.sentences],
        "paragraph": [s.paragraph for s in article.sentences],
        "n_words": n_words,
        "n_syllables": n_syllables,
        "n_letters": n_letters,
        "n_polysyllable_words": per_sentence("polysyllable"),
        "flesch_kincaid_grade": fk,
        "automated_readability_index": ari,
        "grade": grade,
        "difficulty": list(map(difficulty, grade.tolist(), words_per_sentence)),
        "note": [_sentence_note(n) for n in words_per_sentence],
        "text": [s.text for s in article.sentences],
    }


def _sentence_note(n_words: int) -> str:
    if n_words == 0:
        return "no words"
    if n_words < MIN_GRADED_WORDS:
        return f"under {MIN_GRADED_WORDS} words: too short to grade"
    if n_words > MAX_SENTENCE_WORDS:
        return f"over {MAX_SENTENCE_WORDS} words: missing punctuation? too long to grade"
    return ""
