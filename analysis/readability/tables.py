"""The public readability tables and summaries, each read from the article's record.

Whole-text counts and scores, their interpretation, every sentence and paragraph
scored, the comparison with textstat, and the report section and headline metrics.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.readability.bands import USUAL_RANGES, band, grade_equivalent
from analysis.readability.formulas import (
    GRADE_SCORES,
    MAX_SENTENCE_WORDS,
    MIN_GRADED_WORDS,
    REFERENCES,
    SCORE_LABELS,
    SCORE_NAMES,
    _ratio,
    automated_readability_index,
    flesch_kincaid_grade,
    flesch_reading_ease,
)
from analysis.readability.record import SENTENCE_COLUMNS, _Result, _result
from analysis.readability.words import WORD_COLUMNS, WORD_DTYPES
from analysis.vocabulary import straighten_apostrophes

if TYPE_CHECKING:
    from analysis.article import Article

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
