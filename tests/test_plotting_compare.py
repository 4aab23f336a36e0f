"""The chart of analysis.plotting.compare: one bar per article, the one compared picked out.

Drawn from a small table of the shape :func:`analysis.corpus.analyze_many` returns (as
``notebooks/05-compare-articles.ipynb`` draws it), and read back from matplotlib: bars
in order of the metric at its values, the highlighted article in the accent colour, rows
with an error left out, value labels, the reference band, title and axis label.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from analysis.plotting import COLORS, save_figure
from analysis.plotting import compare as charts

TABLE = pd.DataFrame(
    {
        "slug": ["seed", "bbc-a", "bbc-b", "broken"],
        "title": [
            "Russia and North Korea sign a mutual aid pact that reaches far beyond",
            "Ad sales boost profit",
            "Claxton hunting first major medal",
            "",
        ],
        "restated_share": [0.526316, 0.05, 0.2, np.nan],
        "error": [None, None, None, "ArticleError: empty file"],
    }
)


def _bars(ax) -> list[Rectangle]:
    """The bars of the bar chart (the shaded band is a rectangle too, but no bar)."""
    return list(ax.containers[0].patches)


@pytest.fixture
def fig():
    return charts.plot_metric_by_article(
        TABLE, "restated_share", "seed", title="How much does it restate itself?",
        xlabel="share of sentences restating an earlier one", reference=(0.0, 0.208333),
        percent=True,
    )


def test_one_bar_per_article_without_error_in_order_of_the_metric(fig):
    ax = fig.axes[0]
    bars = sorted(_bars(ax), key=lambda bar: bar.get_y())  # bottom bar first
    assert [bar.get_width() for bar in bars] == [0.05, 0.2, 0.526316]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Ad sales boost profit", "Claxton hunting first major medal",
                      charts.short_label(TABLE["title"][0])]


def test_the_compared_article_is_the_accent_bar(fig):
    bars = sorted(_bars(fig.axes[0]), key=lambda bar: bar.get_y())
    accent = matplotlib.colors.to_rgba(COLORS["accent"])
    main = matplotlib.colors.to_rgba(COLORS["main"])
    assert [bar.get_facecolor() for bar in bars] == [main, main, accent]


def test_values_band_title_and_axis_label(fig):
    ax = fig.axes[0]
    assert [text.get_text() for text in ax.texts] == ["5%", "20%", "53%"]
    assert ax.get_title(loc="left") == "How much does it restate itself?"
    assert ax.get_xlabel() == "share of sentences restating an earlier one"
    band = ax.get_legend().get_texts()
    assert [t.get_text() for t in band] == ["typical BBC news (10th-90th percentile)"]
    assert ax.xaxis.get_major_formatter()(0.25, 0) == "25%"


def test_without_reference_no_band_and_one_decimal_values():
    fig = charts.plot_metric_by_article(
        TABLE.assign(grade=[16.0, 8.25, 6.5, np.nan]), "grade", "bbc-a",
        title="Reading grade", xlabel="grade (US school years)",
    )
    ax = fig.axes[0]
    assert ax.get_legend() is None
    assert [text.get_text() for text in ax.texts] == ["6.5", "8.2", "16.0"]


def test_short_label_cuts_long_titles():
    assert charts.short_label("Short") == "Short"
    long = charts.short_label("x" * 60)
    assert len(long) == charts.MAX_LABEL_CHARS and long.endswith("…")


def test_chart_is_saved_with_its_data(fig, scratch_figures):
    data = TABLE[["slug", "title", "restated_share"]]
    path = save_figure(fig, "seed", "05-restated-share", data=data)
    assert path == scratch_figures / "seed" / "05-restated-share.png"
    assert path.read_bytes().startswith(b"\x89PNG")
    assert pd.read_csv(path.with_suffix(".csv"))["slug"].tolist() == TABLE["slug"].tolist()
