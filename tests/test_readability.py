"""Readability: counts, formulas, tables and degenerate input, with values checked by hand."""

from __future__ import annotations

import json
import math

import pytest
from matplotlib.colors import to_rgba

from analysis import load_article, readability
from analysis.report import to_json_safe
from tests.conftest import BBC, HTML


@pytest.fixture(scope="session")
def bbc_tech():
    """BBC tech/001 (660 words, 32 sentences): textstat splits it into the same sentences."""
    return load_article(BBC / "tech" / "001.txt")


# -- syllables -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("relived", 2),  # CMUdict R IY0 L IH1 V D: two vowel phonemes (textstat issue #195)
        ("faeries", 2),  # not in CMUdict; vowel groups "ae", "ie" (pyphen alone says 1)
        ("U.S.", 2),  # CMUdict "u.s." Y UW2 EH1 S; its "u.s" entry is the verb "use" (1)
        ("Korea’s", 3),  # curly apostrophe straightened; CMUdict korea's K AO2 R IY1 AH0 Z
        ("Putin’s", 2),  # not in CMUdict; base "putin" P UW1 T IH0 N, 's adds none
        ("Bush's", 2),  # CMUdict bush's has two vowels (the 's after a sibilant is spoken)
        ("full-length", 2),  # parts: full (1) + length (1)
        ("programmes", 2),  # British spelling, not in CMUdict: pro-grammes
        ("1948", 1),  # figures count as one syllable, as in textstat
        ("said.", 1),  # edge punctuation ignored
        ("—", 0),  # no letter or digit
    ],
)
def test_syllable_count(word, expected):
    assert readability.syllable_count(word) == expected


# -- formulas, each checked against a hand computation ---------------------------------
# Counts: 100 words, 5 sentences (20 words each), 150 syllables (1.5 a word), 500 letters.


@pytest.mark.parametrize(
    ("formula", "args", "expected"),
    [
        # 206.835 - 1.015*20 - 84.6*1.5 = 206.835 - 20.3 - 126.9
        (readability.flesch_reading_ease, (100, 5, 150), 59.635),
        # 0.39*20 + 11.8*1.5 - 15.59 = 7.8 + 17.7 - 15.59
        (readability.flesch_kincaid_grade, (100, 5, 150), 9.91),
        # 0.4 * (20 + 100*10/100)
        (readability.gunning_fog, (100, 5, 10), 12.0),
        # 1.043 * sqrt(30*30/30) + 3.1291 = 1.043*5.47723 + 3.1291
        (readability.smog_index, (30, 30), 8.84182),
        # L = 500, S = 5: 0.0588*500 - 0.296*5 - 15.8 = 29.4 - 1.48 - 15.8
        (readability.coleman_liau_index, (100, 5, 500), 12.12),
        # 4.71*5 + 0.5*20 - 21.43 = 23.55 + 10 - 21.43
        (readability.automated_readability_index, (100, 5, 500), 12.12),
        # PDW 10 > 5: 0.1579*10 + 0.0496*20 + 3.6365 = 1.579 + 0.992 + 3.6365
        (readability.dale_chall_readability_score, (100, 5, 10), 6.2075),
        # PDW 4: 0.1579*4 + 0.0496*20 (no adjustment)
        (readability.dale_chall_readability_score, (100, 5, 4), 1.6236),
        # r = (80 + 3*20)/5 = 28 > 20 -> 14
        (readability.linsear_write_formula, (80, 20, 5), 14.0),
        # r = (90 + 3*10)/10 = 12 <= 20 -> (12 - 2)/2
        (readability.linsear_write_formula, (90, 10, 10), 5.0),
    ],
)
def test_formula_by_hand(formula, args, expected):
    assert formula(*args) == pytest.approx(expected, abs=1e-4)


def test_formulas_give_nan_without_words_and_zero_for_negative_grades():
    assert math.isnan(readability.flesch_reading_ease(0, 0, 0))
    # One one-syllable word: 0.39 + 11.8 - 15.59 = -3.4, reported as grade 0.
    assert readability.flesch_kincaid_grade(1, 1, 1) == 0.0


def test_consensus_follows_textstat_rule():
    # FKG 9.4 votes 9, 10, 9; ease 65 votes 8, 9; ARI 9.6 votes 9, 10, 10 -> 9 wins (4 votes).
    grades = {"flesch_kincaid_grade": 9.4, "flesch_reading_ease": 65.0}
    grades["automated_readability_index"] = 9.6
    assert readability.consensus_grade(grades) == 9.0
    assert math.isnan(readability.consensus_grade({}))


# -- real articles ---------------------------------------------------------------------


# Counts on two texts of clearly different difficulty. n_sentences and n_words equal
# the article's own segmentation (article.sentences, article.n_words); the seed's
# 829 syllables are textstat's 822 plus the 7 words it gets wrong (5 "Putin’s" and
# 2 "U.S.", one syllable short each), counted by hand in the seed text.
@pytest.mark.parametrize(
    ("fixture", "n_sentences", "n_words", "n_syllables", "n_polysyllable_words"),
    [("seed", 19, 457, 829, 99), ("bbc_sport", 11, 205, 308, 26)],
)
def test_counts(request, fixture, n_sentences, n_words, n_syllables, n_polysyllable_words):
    article = request.getfixturevalue(fixture)
    counts = readability.counts(article)
    assert counts["n_sentences"] == n_sentences == article.n_sentences
    assert counts["n_words"] == n_words == article.n_words
    assert counts["n_syllables"] == n_syllables
    assert counts["n_polysyllable_words"] == n_polysyllable_words


# Scores recomputed by hand from the counts above, e.g. the seed's Flesch:
# 206.835 - 1.015*457/19 - 84.6*829/457 = 206.835 - 24.413 - 153.465 = 28.957;
# sport: 206.835 - 1.015*205/11 - 84.6*308/205 = 206.835 - 18.916 - 127.106 = 60.813.
@pytest.mark.parametrize(
    ("fixture", "score", "expected", "band"),
    [
        ("seed", "flesch_reading_ease", 28.957, "very difficult (college graduate)"),
        # 0.39*457/19 + 11.8*829/457 - 15.59 = 9.381 + 21.405 - 15.59
        ("seed", "flesch_kincaid_grade", 15.196, "college (grades 13-16)"),
        # 1.043*sqrt(99*30/19) + 3.1291 = 1.043*12.503 + 3.1291
        ("seed", "smog_index", 16.169, "college (grades 13-16)"),
        ("seed", "consensus_grade", 16.0, "college (grades 13-16)"),
        ("bbc_sport", "flesch_reading_ease", 60.813, "standard (8th-9th grade)"),
        # 0.39*205/11 + 11.8*308/205 - 15.59 = 7.268 + 17.729 - 15.59
        ("bbc_sport", "flesch_kincaid_grade", 9.407, "high school (grades 9-12)"),
        # 1.043*sqrt(26*30/11) + 3.1291 = 1.043*8.421 + 3.1291
        ("bbc_sport", "smog_index", 11.912, "high school (grades 9-12)"),
        ("bbc_sport", "consensus_grade", 9.0, "high school (grades 9-12)"),
    ],
)
def test_scores_and_bands(request, fixture, score, expected, band):
    article = request.getfixturevalue(fixture)
    table = readability.interpretation(article).set_index("score")
    assert table.loc[score, "value"] == pytest.approx(expected, abs=1e-3)
    assert table.loc[score, "band"] == band


@pytest.mark.parametrize("fixture", ["seed", "bbc_tech"])
def test_agrees_with_textstat_on_clean_prose(request, fixture):
    """Where textstat finds the same sentences and words, the shared formulas agree."""
    article = request.getfixturevalue(fixture)
    compared = readability.textstat_comparison(article).set_index("measure")
    assert compared.loc["n_sentences", "difference"] == 0
    assert compared.loc["n_words", "difference"] == 0
    # Same polysyllable words: SMOG is identical.
    assert compared.loc["smog_index", "difference"] == pytest.approx(0, abs=1e-9)
    # Syllables differ only on words textstat gets wrong (seed: 7 in 457 words,
    # 5 "Putin’s" and 2 "U.S."; tech/001: 4 in 660).
    words = compared.loc["n_words", "ours"]
    assert abs(compared.loc["n_syllables", "difference"]) <= 0.02 * words
    assert compared.loc["flesch_reading_ease", "difference"] == pytest.approx(0, abs=1.5)
    assert compared.loc["flesch_kincaid_grade", "difference"] == pytest.approx(0, abs=0.2)
    # Coleman-Liau differs exactly by textstat's coefficient 0.058 for 0.0588 (0.0008 * L).
    counts = readability.counts(article)
    letters_per_100_words = 100 * counts["n_letters"] / counts["n_words"]
    assert compared.loc["coleman_liau_index", "difference"] == pytest.approx(
        0.0008 * letters_per_100_words, abs=1e-6
    )


def test_short_sentences_count_though_textstat_drops_them():
    # textstat's regex drops "No." and "Yes." (two words or fewer): 2 sentences, not 4.
    article = load_article("Did it work? No. The talks collapsed after midnight on Tuesday. Yes.")
    assert readability.counts(article)["n_sentences"] == 4
    assert readability.textstat_scores(article.text)["n_sentences"] == 2


# -- per-sentence and per-paragraph tables ---------------------------------------------


@pytest.mark.parametrize("fixture", ["seed", "bbc_sport", "bbc_business"])
def test_tables_sum_back_to_counts(request, fixture):
    article = request.getfixturevalue(fixture)
    counts = readability.counts(article)
    sentences = readability.sentence_table(article)
    paragraphs = readability.paragraph_table(article)
    assert sentences["sentence_id"].tolist() == [s.id for s in article.sentences]
    for column, key in [
        ("n_words", "n_words"),
        ("n_syllables", "n_syllables"),
        ("n_letters", "n_letters"),
        ("n_polysyllable_words", "n_polysyllable_words"),
    ]:
        assert sentences[column].sum() == counts[key]
    assert paragraphs["n_words"].sum() == counts["n_words"]
    assert paragraphs["n_sentences"].sum() == counts["n_sentences"]
    assert len(paragraphs) == article.n_paragraphs


def test_seed_sentence_grades(seed):
    # Sentence 7: "This visit marks Putin’s second to North Korea since 2000, when Kim’s
    # father, Kim Jong Il, was in power." Counted by hand: 19 words; syllables
    # 1+2+1+2+2+1+1+3+1+1+1+1+2+1+1+1+1+1+2 = 26; letters and digits = 80.
    # FK = 0.39*19 + 11.8*26/19 - 15.59 = 7.967; ARI = 4.71*80/19 + 0.5*19 - 21.43 = 7.902.
    row = readability.sentence_table(seed).set_index("sentence_id").loc[7]
    assert row["text"].startswith("This visit marks Putin")
    assert (row["n_words"], row["n_syllables"], row["n_letters"]) == (19, 26, 80)
    assert row["flesch_kincaid_grade"] == pytest.approx(7.967, abs=1e-3)
    assert row["automated_readability_index"] == pytest.approx(7.902, abs=1e-3)
    assert row["grade"] == pytest.approx((7.967 + 7.902) / 2, abs=1e-3)
    assert row["difficulty"] == "ok"


def test_paragraph_of_one_long_word_is_not_graded():
    # A one-word subheading was "grade 42" (FK 0.39 + 11.8*5 - 15.59 = 43.8, ARI
    # 4.71*13 + 0.5 - 21.43 = 40.3) and drawn as the hardest paragraph; paragraphs now
    # follow the sentences' rule of at least MIN_GRADED_WORDS words.
    article = load_article(
        "The talks collapsed after midnight on Tuesday in the capital.\n\nUnprecedented\n\n"
        "Nobody came back to the table on Wednesday or Thursday."
    )
    paragraphs = readability.paragraph_table(article).set_index("paragraph")
    assert paragraphs.loc[2, ["n_words", "n_syllables"]].tolist() == [1, 5]
    assert paragraphs.loc[2, ["flesch_reading_ease", "grade"]].isna().all()
    assert paragraphs.loc[[1, 3], "grade"].notna().all()
    assert "Paragraph 1 is the hardest" in readability.paragraph_grades_takeaway(article)


@pytest.mark.parametrize(
    ("grade", "n_words", "expected"),
    [(13.9, 20, "ok"), (14.0, 20, "hard"), (18.0, 20, "very hard"), (math.nan, 2, "ok")],
)
def test_difficulty_thresholds(grade, n_words, expected):
    assert readability.difficulty(grade, n_words) == expected
    assert readability.difficulty(math.nan, readability.MAX_SENTENCE_WORDS + 1) == "very hard"


@pytest.mark.parametrize(
    ("score", "value", "expected"),
    [
        ("flesch_reading_ease", 55.0, "fairly difficult (10th-12th grade)"),
        ("flesch_reading_ease", 105.0, "very easy (5th grade)"),
        ("flesch_kincaid_grade", 10.5, "high school (grades 9-12)"),
        ("dale_chall_readability_score", 7.5, "grades 9-10"),
        ("gunning_fog", math.nan, "not computed"),
    ],
)
def test_band(score, value, expected):
    assert readability.band(score, value) == expected


# -- degenerate input ------------------------------------------------------------------


def test_one_word():
    article = load_article("Hello")
    table = readability.scores(article)
    assert table["value"].isna().all()
    assert (table["note"] == "under 3 words: too short to score").all()
    sentence = readability.sentence_table(article).iloc[0]
    assert sentence["n_words"] == 1 and math.isnan(sentence["grade"])
    assert readability.report_section(article)["sentences"][0]["grade"] is None


def test_no_sentence_punctuation_gives_nan_not_minus_500():
    # 600 words, no punctuation: spaCy keeps one sentence; textstat's Flesch is -491.
    text = " ".join(["the cat sat on the mat and the dog ran in the park"] * 50)
    article = load_article(text)
    table = readability.scores(article).set_index("score")
    assert math.isnan(table.loc["flesch_reading_ease", "value"])
    assert "sentence punctuation" in table.loc["flesch_reading_ease", "note"]
    assert math.isnan(table.loc["consensus_grade", "value"])
    # Coleman-Liau hardly uses sentences and stays: one-syllable words, grade near 0.
    assert 0 <= table.loc["coleman_liau_index", "value"] < 5
    sentence = readability.sentence_table(article).iloc[0]
    assert math.isnan(sentence["grade"]) and sentence["difficulty"] == "very hard"


def test_list_of_headlines():
    article = load_article(
        "Putin signs pact with Kim\nMarkets fall as oil rises\nLocal team wins cup\n"
        "New phone launched today\nStorm hits coast"
    )
    # The first line is the title; 4 headlines, 16 words, 20 syllables (by hand:
    # Markets 2, rises 2, Local 2, today 2, the other 12 words 1 each).
    counts = readability.counts(article)
    assert (counts["n_sentences"], counts["n_words"], counts["n_syllables"]) == (4, 16, 20)
    # 206.835 - 1.015*4 - 84.6*20/16 = 97.025
    table = readability.scores(article).set_index("score")
    assert table.loc["flesch_reading_ease", "value"] == pytest.approx(97.025)
    assert "rough estimate" in table.loc["flesch_reading_ease", "note"]
    assert readability.sentence_table(article)["grade"].between(0, 6).all()


@pytest.mark.slow
def test_fifty_thousand_words_score_like_the_text_repeated(seed):
    # The seed repeated 110 times (50,270 words): every ratio, so every score, is the seed's.
    article = load_article("\n\n".join([seed.text] * 110))
    assert article.n_words > 50_000
    assert readability.counts(article)["n_sentences"] == 110 * seed.n_sentences
    big = readability.scores(article)["value"].to_numpy()
    small = readability.scores(seed)["value"].to_numpy()
    assert big == pytest.approx(small)
    assert len(readability.sentence_table(article)) == 110 * seed.n_sentences


# -- report and corpus row -------------------------------------------------------------


def test_report_section_is_json_and_refers_to_sentence_ids(seed):
    section = readability.report_section(seed)
    assert set(section) == {"scores", "counts", "sentences"}
    assert set(section["scores"]) == set(readability.SCORE_NAMES)
    assert section["scores"]["flesch_reading_ease"] == pytest.approx(28.957, abs=1e-3)
    assert [s["id"] for s in section["sentences"]] == [s.id for s in seed.sentences]
    assert {s["hard"] for s in section["sentences"]} <= {None, "hard", "very hard"}
    assert set(section["sentences"][0]) == {"id", "words", "syllables", "grade", "hard"}
    json.dumps(to_json_safe(section), allow_nan=False)


def test_headline_metrics(seed):
    metrics = readability.headline_metrics(seed)
    assert metrics["consensus_grade"] == 16.0
    assert metrics["words_per_sentence"] == pytest.approx(457 / 19)
    # Sentences 5, 7, 10, 12, 13 are under grade 14 (see the sentence table): 14 of 19 flagged.
    assert metrics["hard_sentence_share"] == pytest.approx(14 / 19)


def test_sentence_grade_chart_draws_one_bar_per_graded_sentence(seed):
    from analysis.plotting import readability as charts

    sentences = readability.sentence_table(seed)
    ax = charts.plot_sentence_grades(sentences, reference=readability.text_grade(seed)).axes[0]
    bars = ax.patches
    # Every seed sentence has 16-34 words, so all 19 are graded: one bar each, as high
    # as its grade, coloured by its difficulty (sentence 3: 19.05, very hard).
    assert len(bars) == 19
    assert [b.get_height() for b in bars] == pytest.approx(sentences["grade"].tolist())
    assert bars[2].get_facecolor() == to_rgba(charts.DIFFICULTY_COLORS["very hard"])
    assert bars[6].get_facecolor() == to_rgba(charts.DIFFICULTY_COLORS["ok"])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "whole text (15.4)" in labels


def test_sentence_length_chart_counts_every_sentence(seed):
    from analysis.plotting import readability as charts

    ax = charts.plot_sentence_lengths(readability.sentence_table(seed)).axes[0]
    assert sum(b.get_height() for b in ax.patches) == 19
    # Median of the 19 lengths 16, 17, 18, 19, 20, 20, 22, 22, 23, 25 ... 34: 25.
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["median: 25 words"]


def test_charts_draw_degenerate_tables():
    from analysis.plotting import readability as charts

    article = load_article("Hello")
    sentences = readability.sentence_table(article)
    ax = charts.plot_sentence_grades(sentences).axes[0]
    assert len(ax.patches) == 0  # the one-word sentence is not graded: no bar...
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "too short to grade" in legend  # ...but marked as too short
    ax = charts.plot_grade_scale(readability.grade_equivalents(article)).axes[0]
    shown = [t.get_text() for t in ax.texts]
    assert shown.count("not computed") == len(readability.SCORE_NAMES)
    ax = charts.plot_sentence_lengths(sentences).axes[0]
    assert sum(b.get_height() for b in ax.patches) == 1
    ax = charts.plot_paragraph_grades(readability.paragraph_table(article)).axes[0]
    assert [t.get_text() for t in ax.texts] == ["n/a"]  # one word: no paragraph grade


# -- takeaways -------------------------------------------------------------------------


def test_takeaways_state_the_seeds_numbers(seed):
    # Grade formulas (scores table): Coleman-Liau 14.1 (college) is the lowest and
    # Linsear Write 17.75 (graduate school) the highest; consensus 16.
    assert readability.grade_scale_takeaway(seed) == (
        "The grade-level formulas put the text between grade 14.1 (Coleman–Liau) and 17.8 "
        "(Linsear Write), from college (grades 13-16) to graduate school, so read the "
        "consensus rather than any one score: grade 16, college (grades 13-16)."
    )
    # Sentence 3 by hand: 34 words, 59 syllables, 176 letters; FK = 0.39*34 + 11.8*59/34
    # - 15.59 = 18.147, ARI = 4.71*176/34 + 0.5*34 - 21.43 = 19.951, mean 19.05.
    # Very hard (18+): sentences 2, 3 and 17.
    assert readability.sentence_grades_takeaway(seed) == (
        "Of 19 sentences, 14 (74%) are hard or very hard (grade 14 or more) and 3 very hard "
        "(18 or more); in BBC news 22% and 5% of sentences are. The hardest is sentence 3 "
        "(grade 19.05, 34 words)."
    )
    # 457 words / 19 sentences = 24.05; sentences 3 and 16 both have 34 words.
    assert readability.sentence_lengths_takeaway(seed) == (
        "Sentences average 24.1 words, more than the 15 to 20 that plain-English guides aim "
        "for (median 25); the longest, sentence 3, has 34 words and is graded very hard."
    )
    # Paragraph 1 (sentences 1-3): 87 words, 160 syllables, 471 letters; FK = 17.421,
    # ARI = 18.569, mean 17.995. Paragraphs 1 and 5 (16.98) are above the text's 15.37.
    assert readability.paragraph_grades_takeaway(seed) == (
        "Paragraph 1 is the hardest going (grade 18.0, 3 of its 3 sentences hard); 2 of 5 "
        "paragraphs grade above the whole text (15.4)."
    )


def test_takeaways_gives_every_chart_its_sentence(seed):
    assert readability.takeaways(seed) == {
        "grade_scale": readability.grade_scale_takeaway(seed),
        "sentence_grades": readability.sentence_grades_takeaway(seed),
        "sentence_lengths": readability.sentence_lengths_takeaway(seed),
        "paragraph_grades": readability.paragraph_grades_takeaway(seed),
    }


def test_takeaways_of_text_that_cannot_be_graded():
    article = load_article("Hello")
    assert "too short" in readability.grade_scale_takeaway(article)
    assert readability.sentence_grades_takeaway(article) == (
        "Of 1 sentence, 0 (0%) are hard or very hard (grade 14 or more) and 0 very hard "
        "(18 or more); in BBC news 22% and 5% of sentences are. No sentence has the 3 to 80 "
        "words a grade needs."
    )
    assert "too short" in readability.paragraph_grades_takeaway(article)


# -- what counts as a word -------------------------------------------------------------


def test_figures_are_words_and_dashes_separate_them():
    article = load_article("The pact—signed in 1948—cost $15 or 7% more. “ ” It did.")
    words = readability.word_table(article)["word"].tolist()
    # Em dashes split "pact—signed" and "1948—cost"; figures are words; the lone quote
    # marks hold no letter or figure and are no words.
    assert words == [
        "The",
        "pact",
        "signed",
        "in",
        "1948",
        "cost",
        "$15",
        "or",
        "7%",
        "more.",
        "It",
        "did.",
    ]
    assert readability.counts(article)["n_words"] == 12
    # Article.n_words, counted on the text before parsing, follows the same rule.
    assert article.n_words == 12


def test_article_word_count_agrees_with_readability_on_dashes():
    # phys.org's page joins words with em dashes ("handle—a") three times: both counts say
    # 380 (the article count said 377 while it split at white space only).
    article = load_article(HTML / "phys.org.tool.html")
    assert article.n_words == readability.counts(article)["n_words"] == 380


def test_familiar_words_are_textstats_list_read_without_importing_it():
    from textstat.backend.utils import get_lang_easy_words

    assert readability.familiar_words() == frozenset(get_lang_easy_words("en"))
    assert len(readability.familiar_words()) > 2900


def test_grading_an_article_imports_neither_textstat_nor_nltk():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from analysis import load_article\n"
        "from analysis.corpus import article_row\n"
        "article_row(load_article('The council met. It voted to close the library.'))\n"
        "print(sorted(m for m in ('textstat', 'nltk') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_guide_states_the_thresholds_in_use():
    lines = readability.guide()
    assert f"grade {readability.HARD_GRADE:g} or more" in lines["sentence_grades"]
    assert f"{readability.BBC_HARD_SHARE:.0%} of sentences are hard" in lines["sentence_grades"]
    assert f"under {readability.MIN_GRADED_WORDS} words" in lines["sentence_grades"]
    low, high = readability.PLAIN_SENTENCE_WORDS
    assert f"{low}–{high} words" in lines["sentence_lengths"]
