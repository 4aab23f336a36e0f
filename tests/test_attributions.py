"""Attributions: the seed checked by hand, and one small text per kind written for the test."""

from __future__ import annotations

import json
import math

import pytest

from analysis import attributions, load_article
from analysis.attributions import RECORD_KEYS, quote_spans
from analysis.report import build_report

MULTI_PARAGRAPH = (
    "Transport minister Jane Smith defended the plan on Monday. She said:\n\n"
    "“We will build the bridge this year. It will carry trains and cars.\n\n"
    "“The money is already in the budget, and work starts in May.”\n\n"
    "The opposition party voted against it."
)
ACCORDING_TO = (
    "According to the World Health Organization, the virus has spread to 40 countries. "
    "Hospitals in Italy are full."
)
PRONOUN = "Angela Merkel visited Paris on Tuesday. She said that the talks had gone well."
AMBIGUOUS_PRONOUN = (
    "Angela Merkel met Emmanuel Macron in Paris on Tuesday. He said the talks had gone well."
)
NESTED_QUOTE = (
    "Schools reopened in the city this week. “My father always told me ‘never give up on "
    "your neighbours’,” said Maria Lopez, a teacher in Madrid."
)
CRITICS = "The council approved the stadium on Friday. Critics say the plan will cost far too much."
SPLIT_QUOTE = (
    "“We are ready,” the mayor of Boston, Michelle Wu, said on Monday. "
    "“The city has prepared for this storm for weeks.”"
)


def _rows(text_or_article):
    article = load_article(text_or_article) if isinstance(text_or_article, str) else text_or_article
    return attributions.attributions(article).to_dict("records")


# -- the seed (hand-checked: one named voice, paraphrased; two agentless claims) ---------


def test_seed_quotes_nobody_directly(seed):
    rows = _rows(seed)
    assert [r["kind"] for r in rows if r["kind"] == "direct"] == []
    assert attributions.headline_metrics(seed)["n_direct"] == 0


def test_seed_blinken_claims_and_vows(seed):
    blinken = [r for r in _rows(seed) if r["speaker"] == "Antony Blinken"]
    assert [(r["cue"], r["kind"], r["sentence"]) for r in blinken] == [
        ("claimed", "indirect", 3),
        ("vowed", "indirect", 3),
    ]
    assert blinken[0]["source"] == "The U.S. Secretary of State Antony Blinken"
    assert blinken[0]["content"] == (
        "Putin’s visit was a desperate attempt to maintain international allies despite the "
        "invasion"
    )
    assert blinken[1]["content"] == "to cut off support from countries like Iran and North Korea"


def test_seed_seen_as_claims_are_unattributed(seed):
    claims = attributions.unattributed_claims(seed)
    assert claims["cue"].tolist() == ["was seen as", "are seen as"]
    assert claims["sentence"].tolist() == [6, 14]
    assert claims["source"].isna().all()
    assert claims["content"].iloc[0].startswith("Putin’s visit to North Korea was seen as an")
    assert claims["content"].iloc[1].startswith("Kim’s efforts to build relationships")


def test_seed_headline_numbers(seed):
    metrics = attributions.headline_metrics(seed)
    # Blinken (claimed, vowed) and the U.S. (has condemned, vowed) in sentence 13.
    assert metrics["n_speakers"] == 2
    assert metrics["n_attributions"] == 6
    assert metrics["top_speaker"] == "Antony Blinken"
    assert metrics["attributed_sentence_share"] == pytest.approx(2 / 19)
    assert metrics["unattributed_sentence_share"] == pytest.approx(2 / 19)
    assert metrics["unattributed_claim_share"] == pytest.approx(2 / 6)
    # Blinken's 24 words of content against the U.S.'s 2 + 9.
    assert metrics["top_speaker_share"] == pytest.approx(24 / 35)


def test_seed_entities_spoken_about_but_never_heard(seed):
    unheard = attributions.unheard_entities(seed)
    top = ["North Korea", "Vladimir Putin", "Russia", "Kim Jong Un"]
    assert unheard["name"].tolist()[:4] == top
    assert "Antony Blinken" not in unheard["name"].tolist()


def test_seed_takeaways_carry_the_hand_checked_numbers(seed):
    # The numbers of test_seed_headline_numbers and test_seed_seen_as_claims_are_unattributed.
    assert attributions.takeaways(seed) == {
        "speakers": "2 named voice(s) are heard; Antony Blinken has 69% of the attributed words.",
        "positions": "2 of 19 sentences (11%) report what someone said or believes.",
        "kinds": "Of 4 attributions with a source, 0 quote in quote marks and 4 paraphrase.",
        "unattributed": (
            "2 claim(s) nobody stands behind, in sentence(s) 6, 14; that is 33% of all "
            "attributions."
        ),
    }


# -- one small text per kind ------------------------------------------------------------


def test_quote_over_two_paragraphs_is_one_attribution():
    (quote,) = [r for r in _rows(MULTI_PARAGRAPH) if r["kind"] == "direct"]
    assert quote["speaker"] == "Jane Smith"  # "She" -> the one person named before it
    assert quote["source"] == "She"
    assert quote["content"].startswith("“We will build the bridge this year.")
    assert quote["content"].endswith("work starts in May.”")
    assert quote["sentences"] == [2, 3, 4, 5]


def test_according_to():
    (row,) = _rows(ACCORDING_TO)
    assert (row["kind"], row["cue"], row["source"]) == (
        "indirect",
        "According to",
        "the World Health Organization",
    )
    assert row["speaker"] == "World Health Organization"
    assert row["content"] == "the virus has spread to 40 countries"


def test_pronoun_source_resolved_when_unambiguous():
    (row,) = _rows(PRONOUN)
    assert (row["source"], row["speaker"], row["cue"]) == ("She", "Angela Merkel", "said")
    assert row["content"] == "that the talks had gone well"


def test_pronoun_source_left_open_when_two_people_qualify():
    (row,) = _rows(AMBIGUOUS_PRONOUN)
    assert row["source"] == "He"
    assert row["speaker"] is None


def test_quote_inside_a_quote():
    rows = {r["cue"]: r for r in _rows(NESTED_QUOTE)}
    outer, inner = rows["said"], rows["told"]
    assert (outer["kind"], outer["speaker"]) == ("direct", "Maria Lopez")
    assert "‘never give up on your neighbours’" in outer["content"]
    assert outer["content"].startswith("“My father")
    assert (inner["source"], inner["speaker"]) == ("My father", None)
    assert inner["content"] == "‘never give up on your neighbours’"


def test_source_naming_nobody_is_unattributed():
    (row,) = _rows(CRITICS)
    assert (row["kind"], row["source"], row["speaker"]) == ("unattributed", "Critics", None)
    assert row["content"] == "the plan will cost far too much"


def test_quote_split_by_its_cue_stays_one_attribution():
    (row,) = _rows(SPLIT_QUOTE)
    assert (row["kind"], row["speaker"]) == ("direct", "Michelle Wu")
    assert row["content"] == "“We are ready,” … “The city has prepared for this storm for weeks.”"
    assert row["sentences"] == [1, 2]


def test_quote_spans():
    assert quote_spans('He said: "We won." Then "no".') == [(9, 18), (24, 28)]
    # A paragraph ending inside a quote continues when the next one reopens it.
    text = "“One two.\n\n“Three four.”\n\nNot quoted."
    assert quote_spans(text) == [(0, 24)]
    # ... and ends with its paragraph when the next one does not.
    assert quote_spans("“One two.\n\nNot quoted.") == [(0, 9)]


def test_text_without_attributions():
    article = load_article("The river rose by two metres overnight. Roads were closed.")
    assert _rows(article) == []
    metrics = attributions.headline_metrics(article)
    assert metrics["n_speakers"] == 0 and metrics["top_speaker"] == ""
    assert math.isnan(metrics["unattributed_claim_share"])
    assert math.isnan(metrics["top_speaker_share"])
    assert attributions.speakers(article).empty
    assert attributions.takeaways(article) == {
        "speakers": "No named person or organisation is quoted or paraphrased.",
        "positions": "0 of 2 sentences (0%) report what someone said or believes.",
        "kinds": "Nothing is quoted or paraphrased with a source.",
        "unattributed": "Every claim the article reports has a named source.",
    }


# -- the JSON report ---------------------------------------------------------------------


def test_json_section_keys(seed):
    section = build_report(seed, ["attributions"])["attributions"]
    assert [list(record) for record in section] == [list(RECORD_KEYS)] * 6
    assert list(RECORD_KEYS) == ["id", "sentence", "kind", "source", "speaker", "cue", "content"]
    assert section[0]["speaker"] == "Antony Blinken"
    json.dumps(section)
