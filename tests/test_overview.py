"""The overview profile, its takeaways, and the comparison helpers of notebook 05."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.compare import (
    comparison_sources,
    comparison_takeaway,
    reference_band,
    summary_table,
)
from analysis.overview import profile, takeaways
from analysis.paths import SEED_ARTICLE, seed_articles


def test_profile_of_the_seed(seed):
    table = profile(seed).set_index("metric")
    assert table.loc["Words", "value"] == "457"
    assert table.loc["Sentences", "value"] == "19"
    assert table.loc["Boilerplate lines removed", "value"] == "2"
    assert table.loc["Most mentioned entity", "value"] == "North Korea"
    # 7 of 19 sentences restate an earlier one (the restates tier of issue 24; test_repetition).
    assert table.loc["Share of sentences that restate an earlier one", "value"] == "37%"
    # The BBC band comes from analysis/data/bbc_reference.csv (2,225 articles; pandas'
    # quantiles of benchmarks/results/bbc_headline_metrics.csv give p10 0.0, p90 0.133 at
    # the restates tier's threshold of 0.215).
    assert table.loc["Share of sentences that restate an earlier one", "typical_bbc_news"] == (
        "0% to 13%"
    )
    # Sources (hand-checked in test_attributions): Blinken and the U.S. speak, in 2 of 19
    # sentences; 2 of the 6 attributions have no source.
    assert table.loc["Distinct speakers", "value"] == "2"
    assert table.loc["Share of sentences reporting someone's words", "value"] == "11%"
    assert table.loc["Share of claims nobody stands behind", "value"] == "33%"
    assert table["meaning"].str.len().gt(10).all()


def test_takeaways_carry_this_articles_numbers(seed):
    lines = takeaways(seed)
    # "attributions" is new with notebook 06 (the overview gained a line on sources).
    assert set(lines) == {"readability", "repetition", "entities", "frequencies", "attributions"}
    assert lines["attributions"].startswith(
        "2 named voice(s) are heard; Antony Blinken has 69% of the attributed words. "
        "2 claim(s) nobody stands behind, in sentence(s) 6, 14"
    )
    assert lines["repetition"].startswith("7 of 19 sentences (37%) restate an earlier sentence")
    assert "median is 3%" in lines["repetition"]  # BBC median 0.032
    assert lines["entities"].startswith("North Korea takes 27% of the 59 entity mentions")
    assert "Juche" in lines["frequencies"]


def test_bbc_reference_band():
    low, high = reference_band("consensus_grade")
    assert (low, high) == (9.0, 13.0)
    assert reference_band("no_such_metric") is None


def test_comparison_sources_put_the_article_first_without_repeats(tmp_path):
    sources = comparison_sources(SEED_ARTICLE)
    assert sources[0] == SEED_ARTICLE.resolve()
    assert len(sources) == len(seed_articles())
    assert all(p.name != "SOURCES.md" for p in sources)
    other = tmp_path / "x.txt"
    assert comparison_sources(other, [SEED_ARTICLE, other]) == [other.resolve(), SEED_ARTICLE]


def _table():
    return pd.DataFrame(
        {
            "slug": ["a", "b", "c", "bad"],
            "title": ["A", "B", "C", None],
            "restated_share": [0.2, 0.5, 0.1, None],
            "error": [None, None, None, "bad.txt: no such file"],
        }
    )


def test_comparison_takeaway_ranks_the_first_article():
    sentence = comparison_takeaway(_table(), "restated_share", "restated share", percent=True)
    assert sentence.startswith("Its restated share is 20%, the 2nd highest of the 3 articles here")
    assert sentence.endswith("the median BBC News article has 3%.")  # 0.032


@pytest.mark.parametrize("metric", ["restated_share"])
def test_summary_table_skips_failed_rows(metric):
    summary = summary_table(_table())
    assert list(summary.index) == ["a", "b", "c"]
    assert metric in summary
