"""Charts of analysis.plotting.repetition: each draws the table it is given, and says so.

Every chart is drawn from the seed's own tables (as ``notebooks/03-repetition.ipynb``
draws them) and read back from the matplotlib objects: the heatmap's cells are the
similarity matrix, one arc per restating sentence, one bar per phrase at its count,
the novelty bars at the curve's counts, one panel per measure; titles and axis labels
as documented; and each saved with its CSV twin.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Arc, Rectangle

from analysis import compare, repetition
from analysis.plotting import COLORS, save_figure
from analysis.plotting import repetition as charts


@pytest.fixture(scope="module")
def tables(seed):
    restated = repetition.sentence_restatements(seed)
    return {
        "matrix": repetition.similarity_matrix(seed),
        "restated": restated,
        "phrases": repetition.repeated_phrases(seed),
        "curve": repetition.novelty_curve(seed),
        "comparison": compare.compare_to_reference(seed),
    }


def _bars(ax) -> list[Rectangle]:
    """The drawn bars (zero-width legend proxies left out)."""
    return [patch for patch in ax.patches if isinstance(patch, Rectangle) and patch.get_width()]


def _texts(fig) -> str:
    return "\n".join(text.get_text() for ax in fig.axes for text in ax.texts)


def test_heatmap_cells_are_the_similarity_matrix(tables):
    matrix = tables["matrix"]
    fig = charts.plot_similarity_heatmap(
        matrix, tables["restated"], threshold=repetition.RESTATEMENT_THRESHOLD
    )
    ax = fig.axes[0]
    drawn = np.ma.filled(ax.images[0].get_array().astype(float), np.nan)
    expected = matrix.to_numpy(dtype=float).copy()
    np.fill_diagonal(expected, np.nan)  # a sentence is trivially like itself
    np.testing.assert_allclose(drawn, expected, equal_nan=True)
    assert ax.images[0].get_clim() == (0, charts.HEATMAP_MAX)
    assert ax.get_title(loc="left") == "Which sentences say the same thing?"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("sentence", "sentence")
    assert [t.get_text() for t in ax.get_xticklabels()][:3] == ["1", "2", "3"]
    # The legend line under the title names what the chart draws: grey lines, dark cells.
    assert "dark cells" in _texts(fig) and "grey lines: paragraph breaks" in _texts(fig)
    paragraphs = tables["restated"]["paragraph"]
    n_breaks = int((paragraphs.diff().fillna(0) != 0).sum())
    grey = [line for line in ax.lines if line.get_color() == COLORS["muted"]]
    assert len(grey) == 2 * n_breaks  # one horizontal and one vertical line per break
    colorbar = fig.axes[1]
    assert colorbar.get_ylabel() == "restatement score (0-1)"
    labels = [t.get_text() for t in colorbar.get_yticklabels()]
    assert f"{repetition.RESTATEMENT_THRESHOLD:g} restatement" in labels


def test_heatmap_of_blocks_says_so_in_its_axis_label(tables):
    blocks = tables["matrix"].iloc[::2, ::2]
    fig = charts.plot_similarity_heatmap(blocks, tables["restated"])
    assert "blocks of consecutive sentences" in fig.axes[0].get_xlabel()


def test_restatement_arcs_join_each_restating_sentence_to_the_one_it_restates(tables):
    restated = tables["restated"]
    fig = charts.plot_restatement_arcs(restated)
    ax = fig.axes[0]
    arcs = [patch for patch in ax.patches if isinstance(patch, Arc)]
    pairs = restated[restated["is_restatement"]]
    assert len(arcs) == len(pairs) == 7  # the restates tier (possibly pairs are not drawn)
    drawn = sorted((arc.center[0] - arc.width / 2, arc.center[0] + arc.width / 2) for arc in arcs)
    expected = sorted(zip(pairs["restates"].astype(float), pairs["sentence_id"].astype(float),
                          strict=True))
    np.testing.assert_allclose(drawn, expected)
    points = ax.collections[0].get_offsets()
    assert points[:, 0].tolist() == restated["sentence_id"].tolist()
    assert ax.get_title(loc="left") == "Which earlier sentence does each sentence restate?"
    assert ax.get_xlabel() == "sentence (reading order); grey lines: paragraph breaks"
    assert "7 of 19 sentences restate an earlier one" in _texts(fig)


def test_repeated_phrases_one_bar_per_phrase_at_its_count(tables):
    phrases = tables["phrases"].head(8)
    fig = charts.plot_repeated_phrases(phrases)
    ax = fig.axes[0]
    bars = sorted(_bars(ax), key=lambda bar: -bar.get_y())  # top bar first = first row
    assert [bar.get_width() for bar in bars] == phrases["count"].tolist()
    ticks = sorted(zip(ax.get_yticks(), ax.get_yticklabels(), strict=True), key=lambda t: -t[0])
    assert [label.get_text() for _, label in ticks] == phrases["phrase"].tolist()
    assert ax.get_xlabel() == "times the phrase occurs"
    assert ax.get_title(loc="left") == "Which phrases come back word for word?"
    first = ", ".join(str(s) for s in phrases["sentences"].iloc[0])
    assert f"sentences {first}" in _texts(fig)


def test_repeated_phrases_without_any_says_so(tables):
    fig = charts.plot_repeated_phrases(tables["phrases"].head(0))
    assert "No phrase of two or more words repeats" in _texts(fig)
    assert not _bars(fig.axes[0])


def test_novelty_bars_are_the_curve_and_restating_sentences_stand_out(tables):
    curve, restated = tables["curve"], tables["restated"]
    fig = charts.plot_novelty_curve(curve, restated)
    ax = fig.axes[0]
    bars = _bars(ax)
    n = len(curve)
    totals, new = bars[:n], bars[n : 2 * n]
    assert [bar.get_height() for bar in totals] == curve["n_content_words"].tolist()
    assert [bar.get_height() for bar in new] == curve["n_new_words"].tolist()
    orange = matplotlib.colors.to_rgba(COLORS["very hard"])
    flagged = [bar.get_facecolor() == orange for bar in new]
    assert flagged == restated.set_index("sentence_id")["is_restatement"].loc[
        curve["sentence_id"]].tolist()
    assert ax.get_ylabel() == "distinct content words"
    assert ax.get_xlabel().startswith("sentence (reading order)")
    assert ax.get_title(loc="left") == "How many new content words does each sentence bring?"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "new, in a restating sentence" in legend


def test_long_article_novelty_is_a_rolling_mean_line(tables):
    curve = pd.concat([tables["curve"]] * 10, ignore_index=True)
    curve["sentence_id"] = range(1, len(curve) + 1)
    fig = charts.plot_novelty_curve(curve)
    ax = fig.axes[0]
    assert not _bars(ax) and len(ax.lines) >= 2
    window = max(5, len(curve) // 100)
    expected = curve["n_new_words"].rolling(window, min_periods=1).mean().to_numpy()
    np.testing.assert_allclose(ax.lines[0].get_ydata(), expected)


def test_measures_vs_reference_one_panel_per_measure(tables):
    comparison = tables["comparison"]
    fig = charts.plot_measures_vs_reference(comparison)
    panels = [ax for ax in fig.axes if ax.axison]
    assert len(panels) == len(comparison)
    for ax, row in zip(panels, comparison.itertuples(index=False), strict=True):
        assert ax.get_title(loc="left").startswith(f"{row.measure}: {row.value:.3g}")
        spread = ax.collections[0].get_segments()[0]
        np.testing.assert_allclose(spread[:, 0], [row.bbc_p10, row.bbc_p90])
        marks = {line.get_marker(): line.get_xdata()[0] for line in ax.lines}
        assert marks["|"] == pytest.approx(row.bbc_median)
        assert marks["o"] == pytest.approx(row.value)
    assert panels[0].get_xlabel() == "more varied →"
    assert panels[-1].get_xlabel() == "more repetitive →"  # restated_share
    assert fig.get_suptitle() == "Is this article more repetitive than BBC news?"


def test_each_chart_is_saved_with_its_data(tables, seed, scratch_figures):
    fig = charts.plot_repeated_phrases(tables["phrases"].head(5))
    path = save_figure(fig, seed, "03-repeated-phrases", data=tables["phrases"].head(5))
    assert path == scratch_figures / seed.slug / "03-repeated-phrases.png"
    assert path.read_bytes().startswith(b"\x89PNG")
    written = pd.read_csv(path.with_suffix(".csv"))
    assert written["count"].tolist() == tables["phrases"]["count"].head(5).tolist()
