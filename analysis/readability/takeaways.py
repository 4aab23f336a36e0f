"""Takeaways: one sentence per chart of notebook 01, from this article's numbers.

:func:`takeaways` gives them all, keyed by chart; each also has its own function.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from analysis.readability.bands import (
    BBC_HARD_SHARE,
    BBC_VERY_HARD_SHARE,
    HARD_GRADE,
    PLAIN_SENTENCE_WORDS,
    VERY_HARD_GRADE,
    band,
)
from analysis.readability.formulas import (
    GRADE_SCORES,
    MAX_SENTENCE_WORDS,
    MIN_GRADED_WORDS,
    SCORE_LABELS,
)
from analysis.readability.record import _result
from analysis.readability.tables import paragraph_table, text_grade

if TYPE_CHECKING:
    from analysis.article import Article


def takeaways(article: Article) -> dict[str, str]:
    """One sentence per chart of notebook 01, with this article's numbers.

    Returns:
        Keys ``grade_scale``, ``sentence_grades``, ``sentence_lengths`` and
        ``paragraph_grades`` (the charts ``01-grade-scale`` ... ``01-paragraph-grades``).
    """
    return {
        "grade_scale": grade_scale_takeaway(article),
        "sentence_grades": sentence_grades_takeaway(article),
        "sentence_lengths": sentence_lengths_takeaway(article),
        "paragraph_grades": paragraph_grades_takeaway(article),
    }


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


def guide() -> dict[str, str]:
    """How to read the sentence charts of notebook 01, with the package's thresholds.

    The same for every article (no article is read): the thresholds live here once,
    so the notebook's prose cannot drift from them.

    Returns:
        Keys ``sentence_grades`` and ``sentence_lengths``.
    """
    low, high = PLAIN_SENTENCE_WORDS
    return {
        "sentence_grades": (
            f"A sentence is **hard** at grade {HARD_GRADE:g} or more (two years of college) and "
            f"**very hard** at {VERY_HARD_GRADE:g} or more (beyond a degree); in BBC news "
            f"{BBC_HARD_SHARE:.0%} of sentences are hard and {BBC_VERY_HARD_SHARE:.0%} very "
            f"hard. Sentences under {MIN_GRADED_WORDS} words or over {MAX_SENTENCE_WORDS} are "
            "not graded (one long word would give a short one an absurd grade); they still "
            "count in every total."
        ),
        "sentence_lengths": f"Plain-English guides aim for an average of {low}–{high} words.",
    }
