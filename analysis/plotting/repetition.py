"""Charts of :mod:`analysis.repetition`: similarity heatmap, restatement arcs, phrases, novelty.

Each function takes the DataFrames the analysis returns and gives back a
matplotlib ``Figure``; nothing here computes a measure.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.patches import Arc

from analysis.plotting import COLORS, PALETTE, new_figure, use_house_style

# Scores at or above this are drawn in the darkest colour, so articles compare.
HEATMAP_MAX = 0.5
# Above this many paragraph boundaries the heatmap stops drawing them (they would hide it).
MAX_BOUNDARY_LINES = 40
# Above this many sentences, per-sentence bars become a line.
MAX_BARS = 150


def _subtitle(ax, text: str) -> None:
    """A grey line under the title saying how to read the chart (call after set_title)."""
    ax.set_title(ax.get_title(loc="left"), loc="left", pad=20)
    ax.text(0, 1.015, text, transform=ax.transAxes, fontsize=8.5, color="#555555", va="bottom")


def _paragraph_boundaries(sentences: pd.Series, paragraphs: pd.Series) -> list[float]:
    """Positions (in row units) between consecutive rows whose paragraph differs."""
    changes = np.flatnonzero(np.diff(paragraphs.to_numpy()) != 0)
    return [float(i) + 0.5 for i in changes]


def plot_similarity_heatmap(
    matrix: pd.DataFrame,
    sentences: pd.DataFrame,
    threshold: float | None = None,
    title: str = "Which sentences say the same thing?",
):
    """Sentence x sentence similarity, paragraph boundaries drawn as grey lines.

    Args:
        matrix: :func:`analysis.repetition.similarity_matrix` (square, indexed by
            sentence id or by the first sentence id of a block).
        sentences: A frame with ``sentence_id`` and ``paragraph`` columns
            (e.g. :func:`~analysis.repetition.sentence_restatements`).
        threshold: The restatement threshold, marked on the colour bar.
        title: Chart title.
    """
    labels = matrix.index.to_numpy()
    n = len(labels)
    size = min(8.0, max(5.0, 0.18 * n + 3.0))
    import matplotlib.pyplot as plt

    use_house_style()
    # Fixed margins, not constrained layout: it does not see the colour bar glued on below.
    fig, ax = plt.subplots(figsize=(size + 1.8, size + 0.9))
    fig.subplots_adjust(left=0.08, right=0.78, bottom=0.09, top=0.86)
    values = matrix.to_numpy(dtype=float).copy()
    np.fill_diagonal(values, np.nan)  # a sentence is trivially like itself
    image = ax.imshow(
        values, cmap="magma_r", vmin=0, vmax=HEATMAP_MAX, interpolation="nearest", aspect="equal"
    )
    ax.grid(False)
    paragraph_of = sentences.set_index("sentence_id")["paragraph"]
    row_paragraphs = paragraph_of.reindex(labels).ffill()
    boundaries = _paragraph_boundaries(pd.Series(labels), row_paragraphs)
    if len(boundaries) <= MAX_BOUNDARY_LINES:
        for position in boundaries:
            ax.axhline(position, color=COLORS["muted"], linewidth=1.2)
            ax.axvline(position, color=COLORS["muted"], linewidth=1.2)
    step = max(1, int(np.ceil(n / 25)))
    ticks = np.arange(0, n, step)
    ax.set_xticks(ticks, [str(labels[i]) for i in ticks], fontsize=8)
    ax.set_yticks(ticks, [str(labels[i]) for i in ticks], fontsize=8)
    block = "" if n == len(sentences) else " (blocks of consecutive sentences; first id shown)"
    ax.set_xlabel(f"sentence{block}")
    ax.set_ylabel("sentence")
    lines = "\ngrey lines: paragraph breaks" if len(boundaries) <= MAX_BOUNDARY_LINES else ""
    ax.set_title(title, pad=32 if lines else 20)
    ax.text(
        0,
        1.015,
        f"dark cells: one sentence likely restates the other{lines}",
        transform=ax.transAxes,
        fontsize=8.5,
        color="#555555",
        va="bottom",
    )
    _score_colorbar(fig, ax, image, threshold)
    return fig


def _score_colorbar(fig, ax, image, threshold: float | None) -> None:
    """The heatmap's colour bar, the restatement threshold marked on it."""
    from mpl_toolkits.axes_grid1 import make_axes_locatable

    # A colour bar glued to the image (not to the figure edge), whatever the aspect ratio.
    cax = make_axes_locatable(ax).append_axes("right", size="4%", pad=0.12)
    colorbar = fig.colorbar(image, cax=cax, extend="max")
    colorbar.set_label("restatement score (0-1)")
    if threshold is not None:
        colorbar.ax.axhline(threshold, color=COLORS["accent"], linewidth=2)
        # Round ticks closer than 0.05 to the threshold would print over its label.
        rounds = [t for t in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5) if abs(t - threshold) >= 0.05]
        ticks = sorted({*rounds, threshold})
        colorbar.set_ticks(
            ticks, labels=[f"{t:g} restatement" if t == threshold else f"{t:g}" for t in ticks]
        )


def plot_restatement_arcs(
    restatements: pd.DataFrame, title: str = "Which earlier sentence does each sentence restate?"
):
    """Sentences in reading order; an arc joins each restating sentence to the one it restates.

    Args:
        restatements: :func:`analysis.repetition.sentence_restatements`.
        title: Chart title.
    """
    fig, ax = new_figure(9.0, 4.2)
    ax.grid(False)
    n = len(restatements)
    restated = restatements[restatements["is_restatement"]]
    colors = np.where(restatements["is_restatement"], COLORS["very hard"], COLORS["main"])
    ax.scatter(restatements["sentence_id"], np.zeros(n), s=28 if n <= 60 else 6, c=colors, zorder=3)
    highest = 1.0
    for row in restated.itertuples(index=False):
        start, end = float(row.restates), float(row.sentence_id)
        width = end - start
        highest = max(highest, width / 2)
        ax.add_patch(
            Arc(
                ((start + end) / 2, 0),
                width,
                width,
                theta1=0,
                theta2=180,
                color=COLORS["very hard"],
                linewidth=(0.8 + 5 * float(row.similarity)) * (1 if n <= 60 else 0.3),
                alpha=0.75 if n <= 60 else 0.35,
            )
        )
    breaks = _paragraph_boundaries(restatements["sentence_id"], restatements["paragraph"])
    for position in breaks if len(breaks) <= MAX_BOUNDARY_LINES else []:
        ax.axvline(position + 1, color="#DDDDDD", linewidth=1)
    ax.set_xlim(0.3, max(n, 1) + 0.7)
    ax.set_ylim(-0.06 * highest, highest * 1.08)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    shown = "; grey lines: paragraph breaks" if len(breaks) <= MAX_BOUNDARY_LINES else ""
    ax.set_xlabel(f"sentence (reading order){shown}")
    if n <= 40:
        ax.set_xticks(range(1, n + 1), [str(i) for i in range(1, n + 1)], fontsize=8)
    ax.set_title(title)
    share = f"{len(restated)} of {n} sentences restate an earlier one" if n else "no sentences"
    _subtitle(ax, f"{share} (orange); thicker arc = closer restatement")
    return fig


def plot_repeated_phrases(
    phrases: pd.DataFrame, title: str = "Which phrases come back word for word?"
):
    """Horizontal bars: how often each repeated phrase occurs, labelled with its sentences.

    Args:
        phrases: :func:`analysis.repetition.repeated_phrases` (the rows to show, in order).
        title: Chart title.
    """
    n = len(phrases)
    fig, ax = new_figure(9.0, max(2.5, 0.36 * n + 1.3))
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    if n == 0:
        ax.text(
            0.5,
            0.5,
            "No phrase of two or more words repeats",
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        ax.set_axis_off()
        ax.set_title(title)
        return fig
    labels = [textwrap.shorten(p, 55, placeholder="…") for p in phrases["phrase"]]
    positions = np.arange(n)[::-1]
    colors = [PALETTE[0] if w >= 4 else PALETTE[5] for w in phrases["n_words"]]
    ax.barh(positions, phrases["count"], color=colors, height=0.7)
    ax.set_yticks(positions, labels, fontsize=9)
    for y, count, sentences in zip(positions, phrases["count"], phrases["sentences"], strict=False):
        where = ", ".join(str(s) for s in sentences)
        ax.text(
            count + 0.05,
            y,
            f" sentences {textwrap.shorten(where, 28, placeholder='…')}",
            va="center",
            fontsize=8,
            color="#444444",
        )
    ax.set_xlim(0, phrases["count"].max() * 1.5 + 2.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("times the phrase occurs")
    ax.set_title(title)
    _subtitle(ax, "dark bars: four words or longer")
    return fig


def plot_novelty_curve(
    novelty: pd.DataFrame,
    restatements: pd.DataFrame | None = None,
    title: str = "How many new content words does each sentence bring?",
):
    """Per sentence, content words not used before; restating sentences highlighted.

    Args:
        novelty: :func:`analysis.repetition.novelty_curve`.
        restatements: Optional :func:`~analysis.repetition.sentence_restatements`,
            to colour the sentences that restate an earlier one.
        title: Chart title.
    """
    fig, ax = new_figure(9.0, 4.2)
    n = len(novelty)
    x = novelty["sentence_id"].to_numpy()
    flagged = (
        restatements.set_index("sentence_id")["is_restatement"].reindex(x).fillna(False).to_numpy()
        if restatements is not None
        else np.zeros(n, dtype=bool)
    )
    if n <= MAX_BARS:
        _novelty_bars(ax, x, novelty, flagged)
    else:
        _novelty_means(ax, x, novelty)
    breaks = _paragraph_boundaries(novelty["sentence_id"], novelty["paragraph"])
    for position in breaks if len(breaks) <= MAX_BOUNDARY_LINES else []:
        ax.axvline(position + 1, color="#BBBBBB", linewidth=0.8, linestyle="--")
    shown = "; dashed lines: paragraph breaks" if len(breaks) <= MAX_BOUNDARY_LINES else ""
    ax.set_xlabel(f"sentence (reading order){shown}")
    ax.set_ylabel("distinct content words")
    if n <= 40:
        ax.set_xticks(x, [str(i) for i in x], fontsize=8)
    ax.legend(loc="upper right", fontsize=8.5)
    ax.set_title(title)
    return fig


def _novelty_bars(ax, x, novelty: pd.DataFrame, flagged: np.ndarray) -> None:
    """Per sentence, a grey bar of its content words and a bar of the new ones over it."""
    ax.bar(
        x,
        novelty["n_content_words"],
        color="#E3E3E3",
        width=0.8,
        label="content words in the sentence",
    )
    ax.bar(
        x,
        novelty["n_new_words"],
        width=0.8,
        color=np.where(flagged, COLORS["very hard"], COLORS["main"]),
        label="of them new to the article",
    )
    if flagged.any():
        # A proxy handle: the bar colours above are per bar, so the legend needs the second.
        ax.bar(
            [0], [0], width=0, color=COLORS["very hard"], label="new, in a restating sentence"
        )


def _novelty_means(ax, x, novelty: pd.DataFrame) -> None:
    """A long article: rolling means of new and of all content words, as lines."""
    window = max(5, len(x) // 100)
    ax.plot(
        x,
        novelty["n_new_words"].rolling(window, min_periods=1).mean(),
        color=COLORS["main"],
        label=f"new content words ({window}-sentence mean)",
    )
    ax.plot(
        x,
        novelty["n_content_words"].rolling(window, min_periods=1).mean(),
        color=COLORS["muted"],
        label="content words per sentence (mean)",
    )


def plot_measures_vs_reference(
    comparison: pd.DataFrame, title: str = "Is this article more repetitive than BBC news?"
):
    """Each redundancy measure: the BBC spread (10th-90th percentile), its median, the article.

    Args:
        comparison: :func:`analysis.compare.compare_to_reference`.
        title: Chart title.
    """
    n = len(comparison)
    fig, axes = _small_multiples(n)
    for ax, row in zip(axes, comparison.itertuples(index=False), strict=False):
        ax.grid(False)
        ax.hlines(
            0,
            row.bbc_p10,
            row.bbc_p90,
            color="#CCCCCC",
            linewidth=10,
            label="BBC articles, 10th-90th percentile",
        )
        ax.plot(
            [row.bbc_median],
            [0],
            "|",
            color="#666666",
            markersize=16,
            markeredgewidth=2,
            label="BBC median",
        )
        if np.isfinite(row.value):
            ax.plot(
                [row.value], [0], "o", color=COLORS["very hard"], markersize=9, label="this article"
            )
        low = min(row.bbc_p10, row.value if np.isfinite(row.value) else row.bbc_p10)
        high = max(row.bbc_p90, row.value if np.isfinite(row.value) else row.bbc_p90)
        pad = (high - low) * 0.15 or 0.05
        ax.set_xlim(low - pad, high + pad)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        direction = (
            "more repetitive →"
            if row.measure in ("seq_rep_2", "compression_ratio", "restated_share")
            else "more varied →"
        )
        percentile = (
            ""
            if not np.isfinite(row.bbc_percentile)
            else (f"   (above {row.bbc_percentile:.0f}% of BBC)")
        )
        ax.set_title(f"{row.measure}: {row.value:.3g}{percentile}", fontsize=10)
        ax.set_xlabel(direction, fontsize=8.5, color="#555555")
    for ax in axes[n:]:
        ax.set_axis_off()
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=9)
    fig.suptitle(title, x=0.02, ha="left", fontweight="bold", fontsize=12)
    return fig


def _small_multiples(n: int):
    import matplotlib.pyplot as plt

    use_house_style()
    rows = int(np.ceil(n / 2))
    fig, axes = plt.subplots(rows, 2, figsize=(9.0, 1.25 * rows + 1.3))
    fig.subplots_adjust(hspace=1.3, wspace=0.15, top=0.86, bottom=0.2, left=0.03, right=0.97)
    return fig, list(np.ravel(axes))
