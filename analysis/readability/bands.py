"""What the numbers mean: score bands, grade equivalents and a sentence's difficulty."""

from __future__ import annotations

import math

from analysis.readability.formulas import MAX_SENTENCE_WORDS

# -- thresholds ----------------------------------------------------------------------

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

# -- bands ---------------------------------------------------------------------------

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
