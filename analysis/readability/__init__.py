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

# Every public name (and every name tests, benchmarks, plotting and notebooks use) is
# re-exported here, so ``readability.X`` keeps working. The modules, read top-down:
# syllables -> words -> formulas -> bands -> record -> tables -> takeaways.
from analysis.readability.bands import (
    BBC_HARD_SHARE,
    BBC_VERY_HARD_SHARE,
    DALE_CHALL_BANDS,
    DALE_CHALL_GRADES,
    EASE_BANDS,
    EASE_GRADES,
    GRADE_BANDS,
    HARD_GRADE,
    PLAIN_SENTENCE_WORDS,
    USUAL_RANGES,
    VERY_HARD_GRADE,
    band,
    difficulty,
    grade_equivalent,
)
from analysis.readability.formulas import (
    GRADE_SCORES,
    LINSEAR_SAMPLE_WORDS,
    MAX_SENTENCE_WORDS,
    MIN_GRADED_WORDS,
    MIN_RELIABLE_WORDS,
    MS_PER_CHARACTER,
    REFERENCES,
    SCORE_LABELS,
    SCORE_NAMES,
    SENTENCE_LENGTH_SCORES,
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
from analysis.readability.record import SENTENCE_COLUMNS
from analysis.readability.syllables import SIBILANT_ENDINGS, syllable_count
from analysis.readability.tables import (
    counts,
    grade_equivalents,
    headline_metrics,
    interpretation,
    paragraph_table,
    report_section,
    scores,
    sentence_table,
    text_grade,
    textstat_comparison,
    textstat_scores,
    word_table,
)
from analysis.readability.takeaways import (
    grade_scale_takeaway,
    guide,
    paragraph_grades_takeaway,
    sentence_grades_takeaway,
    sentence_lengths_takeaway,
    takeaways,
)
from analysis.readability.words import WORD_COLUMNS, WORD_DTYPES, familiar_words

__all__ = [
    "BBC_HARD_SHARE",
    "BBC_VERY_HARD_SHARE",
    "DALE_CHALL_BANDS",
    "DALE_CHALL_GRADES",
    "EASE_BANDS",
    "EASE_GRADES",
    "GRADE_BANDS",
    "GRADE_SCORES",
    "HARD_GRADE",
    "LINSEAR_SAMPLE_WORDS",
    "MAX_SENTENCE_WORDS",
    "MIN_GRADED_WORDS",
    "MIN_RELIABLE_WORDS",
    "MS_PER_CHARACTER",
    "PLAIN_SENTENCE_WORDS",
    "REFERENCES",
    "SCORE_LABELS",
    "SCORE_NAMES",
    "SENTENCE_COLUMNS",
    "SENTENCE_LENGTH_SCORES",
    "SIBILANT_ENDINGS",
    "USUAL_RANGES",
    "VERY_HARD_GRADE",
    "WORD_COLUMNS",
    "WORD_DTYPES",
    "automated_readability_index",
    "band",
    "coleman_liau_index",
    "consensus_grade",
    "counts",
    "dale_chall_readability_score",
    "difficulty",
    "familiar_words",
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "grade_equivalent",
    "grade_equivalents",
    "grade_scale_takeaway",
    "guide",
    "gunning_fog",
    "headline_metrics",
    "interpretation",
    "linsear_write_formula",
    "paragraph_grades_takeaway",
    "paragraph_table",
    "report_section",
    "scores",
    "sentence_grades_takeaway",
    "sentence_lengths_takeaway",
    "sentence_table",
    "smog_index",
    "syllable_count",
    "takeaways",
    "text_grade",
    "textstat_comparison",
    "textstat_scores",
    "word_table",
]
