"""Charts that set one article beside others (``notebooks/05-compare-articles.ipynb``)."""

from __future__ import annotations

import pandas as pd

from analysis.plotting import COLORS, new_figure

# Short labels for the y axis: titles are often too long to read beside a bar.
MAX_LABEL_CHARS = 38


def short_label(title: str) -> str:
    """A title cut to fit an axis label."""
    title = str(title)
    return title if len(title) <= MAX_LABEL_CHARS else title[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def plot_metric_by_article(
    table: pd.DataFrame,
    metric: str,
    highlight: str,
    *,
    title: str,
    xlabel: str,
    reference: tuple[float, float] | None = None,
    reference_label: str = "typical BBC news (10th-90th percentile)",
    percent: bool = False,
):
    """One horizontal bar per article, the highlighted one in the accent colour.

    Args:
        table: :func:`analysis.corpus.analyze_many` output (rows with an error are skipped).
        metric: Column to plot.
        highlight: Slug of the article to pick out.
        title: Chart title (say what the reader should compare).
        xlabel: Axis label with the unit and direction.
        reference: Optional (low, high) band of typical values, shaded.
        reference_label: Legend text for the band.
        percent: Show values as percentages.
    """
    rows = table[table["error"].isna()].sort_values(metric, ascending=True)
    fig, ax = new_figure(8.5, max(3.0, 0.42 * len(rows) + 1.6))
    colors = [COLORS["accent"] if s == highlight else COLORS["main"] for s in rows["slug"]]
    labels = [short_label(t) for t in rows["title"]]
    ax.barh(labels, rows[metric], color=colors)
    if reference is not None:
        ax.axvspan(*reference, color=COLORS["muted"], alpha=0.2, label=reference_label, zorder=0)
        # Below the axes: inside, it would cover the shortest bar's label.
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.16), borderaxespad=0)
    for y, value in enumerate(rows[metric]):
        text = f"{value:.0%}" if percent else f"{value:.1f}"
        ax.annotate(text, (value, y), xytext=(3, 0), textcoords="offset points", va="center")
    if percent:
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.12)
    return fig
