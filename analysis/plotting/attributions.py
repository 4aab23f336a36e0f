"""Charts of the attribution analysis: who speaks, where, quoted or paraphrased, and
the claims nobody stands behind.

Each function takes tables from :mod:`analysis.attributions` and returns a
matplotlib ``Figure``; nothing here computes beyond layout.
"""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from analysis.attributions import NOBODY
from analysis.plotting import COLORS, PALETTE, new_figure

# One colour per kind, the same in every chart.
KIND_COLORS = {"direct": PALETTE[0], "indirect": PALETTE[5], "unattributed": PALETTE[3]}
KIND_LABELS = {
    "direct": "quoted (in quote marks)",
    "indirect": "paraphrased (reported speech)",
    "unattributed": "unattributed (nobody named)",
}


# Longest voice label on an axis; longer unresolved sources ("The Shadow Secretary of
# State for the Family") are shortened so the bars keep their room.
MAX_LABEL = 34


def _label(voice: str, resolved: bool = True) -> str:
    suffix = "" if resolved else " (unresolved)"
    return textwrap.shorten(voice, MAX_LABEL - len(suffix), placeholder="…") + suffix


def _empty(ax, message: str):
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11)
    ax.set_axis_off()


def plot_speakers(speakers: pd.DataFrame, *, top_n: int = 12, title: str | None = None):
    """Horizontal bars: words of content per voice, split into quoted and paraphrased.

    Args:
        speakers: :func:`analysis.attributions.speakers`.
        top_n: How many voices to show.
        title: Chart title.
    """
    top = speakers.head(top_n).iloc[::-1]
    fig, ax = new_figure(8.0, max(2.5, 0.4 * len(top) + 1.5))
    if top.empty:
        _empty(ax, "Nobody is quoted or paraphrased in this article")
        return fig
    labels = [_label(s, r) for s, r in zip(top["speaker"], top["resolved"], strict=True)]
    ax.barh(labels, top["direct_words"], color=KIND_COLORS["direct"], label=KIND_LABELS["direct"])
    ax.barh(
        labels,
        top["indirect_words"],
        left=top["direct_words"],
        color=KIND_COLORS["indirect"],
        label=KIND_LABELS["indirect"],
    )
    for y, (words, share, n) in enumerate(
        zip(top["words"], top["word_share"], top["attributions"], strict=True)
    ):
        ax.text(words, y, f"  {words} words, {share:.0%} ({n}×)", va="center", fontsize=9)
    ax.set_xlim(0, top["words"].max() * 1.45)
    ax.set_xlabel("words of attributed content")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, fontsize=9)
    ax.set_title(title or "Who speaks, and how much")
    return fig


def plot_voice_positions(table: pd.DataFrame, n_sentences: int, *, title: str | None = None):
    """Where each voice is heard: one row per voice, a marker at each attribution's sentences.

    Args:
        table: :func:`analysis.attributions.attributions` (its ``voice`` column gives the
            rows; unattributed claims form a row of their own).
        n_sentences: Sentences in the article (the x axis).
        title: Chart title.
    """
    # Voices in order of first appearance, the claims of nobody last (the bottom row).
    voices = sorted(dict.fromkeys(table["voice"]), key=lambda v: v == NOBODY)
    fig, ax = new_figure(8.0, max(2.5, 0.45 * len(voices) + 1.6))
    if table.empty:
        _empty(ax, "No attributions found")
        return fig
    rows = {voice: len(voices) - i for i, voice in enumerate(voices)}
    for row in table.itertuples(index=False):
        xs = list(row.sentences) or [row.sentence]
        color = KIND_COLORS[row.kind]
        ax.plot(xs, [rows[row.voice]] * len(xs), "-", color=color, linewidth=2, alpha=0.6)
        ax.plot(xs, [rows[row.voice]] * len(xs), "o", color=color, markersize=7)
    ax.set_yticks(list(rows.values()), [_label(voice) for voice in rows])
    ax.set_ylim(0.4, len(voices) + 0.6)
    ax.set_xlim(0.5, max(n_sentences, 1) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("sentence of the article (1 = first)")
    ax.grid(axis="x", visible=True)
    handles = [
        Line2D([], [], marker="o", color=KIND_COLORS[k], label=KIND_LABELS[k], linestyle="-")
        for k in KIND_LABELS
        if k in set(table["kind"])
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize=9)
    ax.set_title(title or "Where each voice is heard")
    return fig


def plot_kinds(kinds: pd.DataFrame, *, title: str | None = None):
    """Stacked bars: quoted, paraphrased and unattributed attributions, and their words.

    Args:
        kinds: :func:`analysis.attributions.kind_counts` (``kind``, ``attributions``, ``words``).
        title: Chart title.
    """
    fig, ax = new_figure(8.0, 2.8)
    if kinds["attributions"].sum() == 0:
        _empty(ax, "No attributions found")
        return fig
    measures = ["words", "attributions"]  # bottom to top
    for y, measure in enumerate(measures):
        total, left = kinds[measure].sum(), 0.0
        for row in kinds.itertuples(index=False):
            share = getattr(row, measure) / total if total else 0.0
            ax.barh(y, share, left=left, color=KIND_COLORS[row.kind])
            if share >= 0.06:
                ax.text(
                    left + share / 2,
                    y,
                    f"{getattr(row, measure)}",
                    ha="center",
                    va="center",
                    color="white",
                    fontsize=10,
                    fontweight="bold",
                )
            left += share
    ax.set_yticks(range(len(measures)), ["words of content", "attributions"])
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.legend(
        handles=[Patch(color=KIND_COLORS[k], label=KIND_LABELS[k]) for k in KIND_LABELS],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.25),
        ncol=3,
        fontsize=9,
    )
    ax.set_title(title or "Quoted, paraphrased or unattributed")
    return fig


def plot_unattributed(claims: pd.DataFrame, *, width: int = 95, title: str | None = None):
    """The unattributed claims as a list: sentence number, cue, and the sentence itself.

    Args:
        claims: :func:`analysis.attributions.unattributed_claims` (``sentence``, ``cue``,
            ``source``, ``sentence_text``).
        width: Characters per line before wrapping.
        title: Chart title.
    """
    blocks = []
    for row in claims.itertuples(index=False):
        cue = f"“{row.cue}”" + (f" ({row.source})" if row.source else "")
        body = textwrap.wrap(row.sentence_text, width=width)
        blocks.append((f"Sentence {row.sentence} · cue {cue}", body))
    n_lines = sum(1 + len(body) for _, body in blocks) + len(blocks)
    fig, ax = new_figure(8.5, max(1.8, 0.22 * n_lines + 0.8))
    ax.set_axis_off()
    if not blocks:
        _empty(ax, "No unattributed claims found")
        return fig
    y, step = 1.0, 1.0 / max(n_lines, 1)
    for head, body in blocks:
        ax.text(
            0, y, head, fontsize=9.5, fontweight="bold", color=KIND_COLORS["unattributed"], va="top"
        )
        y -= step
        for line in body:
            ax.text(0.02, y, line, fontsize=9, va="top", color=COLORS.get("text", "#222222"))
            y -= step
        y -= step
    ax.set_ylim(0, 1.02)
    ax.set_xlim(0, 1)
    ax.set_title(title or "Claims nobody stands behind")
    return fig
