"""The readability formulas: pure functions of counts, one per published formula.

Each formula takes counts as numbers (one text) or numpy arrays (one value per
sentence or paragraph) and returns a numpy float or an array of them, as textacy's
``text_stats`` does; none reads an article. Each docstring says which way the score
runs (higher = easier or harder) and cites its publication. The limits below say
where the formulas apply (the record, :mod:`analysis.readability.record`, applies them).
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

# -- where the formulas apply ----------------------------------------------------------

# Sentences longer than this are not what the formulas were calibrated on (their
# samples averaged 15-30 words a sentence); such a "sentence" is nearly always text
# without sentence punctuation, so sentence-length scores are NaN (textstat gives
# a Flesch score of -4995 there, textstat issue #194).
MAX_SENTENCE_WORDS = 80
# A sentence (or whole text) of fewer words gets no grade: one long word would make
# a one-word sentence "grade 40". Such sentences still count in every whole-text count.
MIN_GRADED_WORDS = 3
# Under this many words, whole-text scores are noted as rough: Flesch (1948) and
# Gunning (1952) sampled 100-word passages.
MIN_RELIABLE_WORDS = 100
# Linsear Write is defined on a 100-word sample (O'Hayre 1966).
LINSEAR_SAMPLE_WORDS = 100
# textstat's reading speed: 14.69 ms per character (Demberg & Keller 2008).
MS_PER_CHARACTER = 14.69

# Score names (textstat's method names) in the order tables list them.
GRADE_SCORES = (
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "linsear_write_formula",
)
SCORE_NAMES = (
    "flesch_reading_ease",
    *GRADE_SCORES,
    "dale_chall_readability_score",
    "consensus_grade",
)
SCORE_LABELS = {
    "flesch_reading_ease": "Flesch Reading Ease",
    "flesch_kincaid_grade": "Flesch–Kincaid grade",
    "gunning_fog": "Gunning Fog",
    "smog_index": "SMOG",
    "coleman_liau_index": "Coleman–Liau",
    "automated_readability_index": "Automated Readability Index",
    "linsear_write_formula": "Linsear Write",
    "dale_chall_readability_score": "Dale–Chall",
    "consensus_grade": "Consensus grade",
}
REFERENCES = {
    "flesch_reading_ease": "Flesch 1948, J. Appl. Psychol. 32:221",
    "flesch_kincaid_grade": "Kincaid et al. 1975, Navy RBR 8-75",
    "gunning_fog": "Gunning 1952, The Technique of Clear Writing",
    "smog_index": "McLaughlin 1969, J. Reading 12:639",
    "coleman_liau_index": "Coleman & Liau 1975, J. Appl. Psychol. 60:283",
    "automated_readability_index": "Smith & Senter 1967, AMRL-TR-66-220",
    "linsear_write_formula": "O'Hayre 1966, Gobbledygook Has Gotta Go",
    "dale_chall_readability_score": "Dale & Chall 1948, Educ. Res. Bull. 27:11",
    "consensus_grade": "textstat text_standard (mode of rounded grades)",
}
# Scores that use the number of sentences heavily (Coleman-Liau barely does).
SENTENCE_LENGTH_SCORES = frozenset(SCORE_NAMES) - {"coleman_liau_index"}


# -- the formulas ----------------------------------------------------------------------


def _ratio(numerator, denominator):
    """``numerator / denominator``, NaN where the denominator is 0 (no words, no sentences)."""
    # x / NaN is NaN without a warning, so no np.errstate is needed.
    return np.divide(numerator, np.where(denominator > 0, denominator, np.nan))


def _at_least_zero(grade):
    """A grade below 0 (a few one-syllable words) means "below first grade": report 0."""
    return np.maximum(grade, 0.0)  # NaN stays NaN


def flesch_reading_ease(n_words, n_sentences, n_syllables):
    """Flesch Reading Ease: higher = easier; 0-100 for nearly all prose.

    ``206.835 - 1.015 * words/sentences - 84.6 * syllables/words``
    (Flesch, R. 1948. A new readability yardstick. J. Appl. Psychol. 32:221-233).
    """
    return 206.835 - 1.015 * _ratio(n_words, n_sentences) - 84.6 * _ratio(n_syllables, n_words)


def flesch_kincaid_grade(n_words, n_sentences, n_syllables):
    """Flesch–Kincaid grade level: higher = harder; ~US school grade.

    ``0.39 * words/sentences + 11.8 * syllables/words - 15.59`` (Kincaid, Fishburne,
    Rogers & Chissom 1975, Derivation of new readability formulas for Navy
    enlisted personnel, Research Branch Report 8-75).
    """
    words_per_sentence = _ratio(n_words, n_sentences)
    return _at_least_zero(0.39 * words_per_sentence + 11.8 * _ratio(n_syllables, n_words) - 15.59)


def gunning_fog(n_words, n_sentences, n_complex_words):
    """Gunning Fog index: higher = harder; ~US school grade.

    ``0.4 * (words/sentences + 100 * complex words/words)`` (Gunning, R. 1952.
    The Technique of Clear Writing. McGraw-Hill). Complex words: 3+ syllables,
    not proper nouns, hyphenated compounds or -ed/-es forms of shorter words.
    """
    complex_share = 100 * _ratio(n_complex_words, n_words)
    return _at_least_zero(0.4 * (_ratio(n_words, n_sentences) + complex_share))


def smog_index(n_sentences, n_polysyllable_words):
    """SMOG grade: higher = harder; ~US school grade (years of education needed).

    ``1.0430 * sqrt(polysyllables * 30/sentences) + 3.1291`` (McLaughlin, G. H.
    1969. SMOG grading: a new readability formula. J. Reading 12(8):639-646). Made
    for 30-sentence samples; shorter texts are scaled to 30 sentences.
    """
    per_30_sentences = 30 * _ratio(n_polysyllable_words, n_sentences)
    return _at_least_zero(1.0430 * np.sqrt(per_30_sentences) + 3.1291)


def coleman_liau_index(n_words, n_sentences, n_letters):
    """Coleman–Liau index: higher = harder; ~US school grade.

    ``0.0588 * L - 0.296 * S - 15.8`` with L letters and S sentences per 100 words
    (Coleman, M. & Liau, T. L. 1975. A computer readability formula designed for
    machine scoring. J. Appl. Psychol. 60(2):283-284). textstat uses 0.058 for 0.0588.
    """
    letters = 100 * _ratio(n_letters, n_words)
    sentences = 100 * _ratio(n_sentences, n_words)
    return _at_least_zero(0.0588 * letters - 0.296 * sentences - 15.8)


def automated_readability_index(n_words, n_sentences, n_letters):
    """Automated Readability Index: higher = harder; ~US school grade.

    ``4.71 * characters/words + 0.5 * words/sentences - 21.43``, characters being
    letters and digits (Smith, E. A. & Senter, R. J. 1967. Automated readability
    index. AMRL-TR-66-220). textstat also counts punctuation as characters.
    """
    characters_per_word = _ratio(n_letters, n_words)
    return _at_least_zero(4.71 * characters_per_word + 0.5 * _ratio(n_words, n_sentences) - 21.43)


def dale_chall_readability_score(n_words, n_sentences, n_difficult_words):
    """New Dale–Chall score: higher = harder; 4.9 or less = grade 4, 10+ = college graduate.

    ``0.1579 * PDW + 0.0496 * words/sentences``, plus 3.6365 when the percentage of
    difficult words PDW exceeds 5 (Dale, E. & Chall, J. S. 1948. A formula for
    predicting readability. Educational Research Bulletin 27:11-20, 37-54).
    """
    pdw = 100 * _ratio(n_difficult_words, n_words)
    score = 0.1579 * pdw + 0.0496 * _ratio(n_words, n_sentences)
    return score + np.where(pdw > 5, 3.6365, 0.0)


def linsear_write_formula(n_easy_words, n_hard_words, n_sentences):
    """Linsear Write grade: higher = harder; ~US school grade.

    On a 100-word sample: ``r = (easy + 3 * hard) / sentences``, easy words having
    1-2 syllables and hard 3+; the grade is ``r / 2`` if ``r > 20`` else
    ``(r - 2) / 2`` (O'Hayre, J. 1966. Gobbledygook Has Gotta Go. US Bureau of
    Land Management; as implemented by textstat).
    """
    r = _ratio(n_easy_words + 3 * n_hard_words, n_sentences)
    return _at_least_zero(np.where(r > 20, r / 2, (r - 2) / 2))


def consensus_grade(grades: dict[str, float]) -> float:
    """textstat's consensus ("text standard"): the most common rounded grade.

    Each grade-level score adds its floor, ceiling and rounded value; Flesch
    Reading Ease adds the grade of its band (90-100 -> 5, ..., below 30 -> 13);
    the most frequent integer wins (first seen on ties) and is kept within 1-18.
    Missing (NaN) scores are left out; NaN when all are.
    """
    votes: list[int] = []
    ease = grades.get("flesch_reading_ease", math.nan)
    if not math.isnan(ease):
        votes.extend(_ease_grades(ease))
    for name in (*GRADE_SCORES, "dale_chall_readability_score"):
        value = grades.get(name, math.nan)
        if not math.isnan(value):
            votes.extend([math.floor(value), math.ceil(value), round(value)])
    if not votes:
        return math.nan
    return float(min(max(Counter(votes).most_common(1)[0][0], 1), 18))


def _ease_grades(ease: float) -> list[int]:
    if 90 <= ease < 100:
        return [5]
    for low, grade in ((80, [6]), (70, [7]), (60, [8, 9]), (50, [10]), (40, [11]), (30, [12])):
        if low <= ease < low + 10:
            return grade
    return [13]
