"""Charts of the readability tables: formulas on one grade scale, sentences, paragraphs.

Each function takes a DataFrame returned by :mod:`analysis.readability` and returns
a matplotlib ``Figure``; nothing is computed here beyond layout.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from analysis.plotting import COLORS, new_figure
from analysis.readability import HARD_GRADE, VERY_HARD_GRADE

DIFFICULTY_COLORS = {"ok": COLORS["main"], "hard": COLORS["hard"], "very hard": COLORS["very hard"]}
# School stages shaded behind grade charts (from, to, label): readability.GRADE_BANDS.
SCHOOL_STAGES = [
    (0, 6, "elementary"),
    (6, 9, "middle school"),
    (9, 13, "high school"),
    (13, 17, "college"),
    (17, 40, "graduate"),
]


def _difficulty_handles() -> list:
    return [
        Patch(color=DIFFICULTY_COLORS["ok"], label=f"ok (grade < {HARD_GRADE:g})"),
        Patch(color=DIFFICULTY_COLORS["hard"], label=f"hard (grade ≥ {HARD_GRADE:g})"),
        Patch(color=DIFFICULTY_COLORS["very hard"], label=f"very hard (≥ {VERY_HARD_GRADE:g})"),
    ]


def _shade_school_stages(ax, top: float, horizontal: bool) -> None:
    """Alternate light bands for school stages, labelled at the edge."""
    for i, (low, high, label) in enumerate(SCHOOL_STAGES):
        if low >= top:
            continue
        high = min(high, top)
        span = ax.axvspan if horizontal else ax.axhspan
        span(low, high, color="#F2F2F2" if i % 2 == 0 else "white", zorder=0, lw=0)
        if horizontal:
            ax.text(
                (low + high) / 2,
                1.01,
                label,
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="bottom",
                fontsize=8,
                color="#666666",
            )
        else:
            ax.text(
                1.005,
                (low + high) / 2,
                label,
                transform=ax.get_yaxis_transform(),
                ha="left",
                va="center",
                fontsize=8,
                color="#666666",
            )


def plot_grade_scale(grades: pd.DataFrame):
    """Every formula's grade on one horizontal school-grade scale.

    Args:
        grades: :func:`analysis.readability.grade_equivalents`.
    """
    table = grades.iloc[::-1].reset_index(drop=True)
    fig, ax = new_figure(8.0, 4.8)
    top = max(20.0, float(table["grade"].fillna(0).max()) + 2)
    _shade_school_stages(ax, top, horizontal=True)
    y = np.arange(len(table))
    for i, row in table.iterrows():
        if np.isnan(row["grade"]):
            ax.text(0.3, i, "not computed", va="center", fontsize=9, color=COLORS["muted"])
            continue
        consensus = row["score"] == "consensus_grade"
        color = COLORS["accent"] if consensus else COLORS["main"]
        ax.hlines(i, 0, row["grade"], color=color, lw=2, alpha=0.6)
        ax.plot(
            row["grade"],
            i,
            "o",
            color=color,
            ms=9 if consensus else 7,
            mfc="white" if row["converted"] else color,
            mew=2,
        )
        shown = (
            f"{row['value']:.1f}"
            if not row["converted"]
            else f"{row['value']:.1f} → ≈{row['grade']:g}"
        )
        ax.text(row["grade"] + 0.35, i, shown, va="center", fontsize=9)
    ax.set_yticks(y, table["label"])
    ax.set_xlim(0, top)
    ax.set_xlabel("US school grade (years of schooling needed to follow the text)")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_title("Readability formulas on one grade scale", pad=22)
    ax.legend(
        handles=[
            Line2D([], [], marker="o", ls="", color=COLORS["main"], label="grade level"),
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                color=COLORS["main"],
                mfc="white",
                mew=2,
                label="converted from its band",
            ),
            Line2D([], [], marker="o", ls="", color=COLORS["accent"], label="consensus"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.13),
        ncol=3,
        fontsize=8,
    )
    return fig


def plot_sentence_grades(sentences: pd.DataFrame, reference: float | None = None):
    """Every sentence's grade in reading order, coloured ok / hard / very hard.

    Args:
        sentences: :func:`analysis.readability.sentence_table`.
        reference: Optional whole-text grade drawn as a line.
    """
    n = len(sentences)
    fig, ax = new_figure(max(8.0, min(14.0, 4 + n * 0.12)), 4.6)
    graded = sentences["grade"].notna()
    colors = sentences["difficulty"].map(DIFFICULTY_COLORS)
    ax.bar(
        sentences.loc[graded, "sentence_id"],
        sentences.loc[graded, "grade"],
        color=colors[graded],
        width=0.8 if n < 200 else 1.0,
        lw=0,
    )
    top = max(
        VERY_HARD_GRADE + 4, float(sentences["grade"].fillna(0).max(skipna=True) if n else 0) + 1
    )
    ungraded = sentences[~graded]
    _mark_ungraded(ax, ungraded, top)
    starts = sentences.groupby("paragraph")["sentence_id"].min().to_numpy()[1:]
    for start in starts:
        ax.axvline(start - 0.5, color="#CCCCCC", lw=0.8, zorder=0)
    for level, label in ((HARD_GRADE, "hard"), (VERY_HARD_GRADE, "very hard")):
        ax.axhline(level, color=DIFFICULTY_COLORS[label], ls="--", lw=1)
    handles = _grade_handles(ax, reference, ungraded)
    ax.set_ylim(0, top)
    ax.set_xlim(0.3, n + 0.7)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Sentence, in reading order")
    ax.set_ylabel("Grade (mean of Flesch–Kincaid and ARI)")
    ax.set_title("Where the article gets hard: every sentence's grade level")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return fig


def _mark_ungraded(ax, ungraded: pd.DataFrame, top: float) -> None:
    """Sentences without a grade: x at the foot (too short), a triangle at the top (too long)."""
    if not len(ungraded):
        return
    long = ungraded["difficulty"].eq("very hard")
    ax.plot(
        ungraded.loc[~long, "sentence_id"],
        np.full((~long).sum(), 0.3),
        "x",
        color=COLORS["muted"],
        ms=5,
    )
    ax.plot(
        ungraded.loc[long, "sentence_id"],
        np.full(long.sum(), top - 0.8),
        "v",
        color=COLORS["very hard"],
        ms=7,
    )


def _grade_handles(ax, reference: float | None, ungraded: pd.DataFrame) -> list:
    """The legend of the grades chart; draws the whole-text line when there is one."""
    handles = [
        *_difficulty_handles(),
        Line2D([], [], color="#CCCCCC", lw=0.8, label="paragraph break"),
    ]
    if reference is not None and np.isfinite(reference):
        ax.axhline(reference, color="black", lw=1, ls=":")
        handles.append(Line2D([], [], color="black", ls=":", label=f"whole text ({reference:.1f})"))
    if len(ungraded):
        handles.append(
            Line2D([], [], marker="x", ls="", color=COLORS["muted"], label="too short to grade")
        )
        if ungraded["difficulty"].eq("very hard").any():
            handles.append(
                Line2D(
                    [], [], marker="v", ls="", color=COLORS["very hard"], label="too long to grade"
                )
            )
    return handles


def plot_sentence_lengths(sentences: pd.DataFrame):
    """Histogram of sentence lengths in words, with the median marked.

    Args:
        sentences: :func:`analysis.readability.sentence_table`.
    """
    lengths = sentences["n_words"]
    fig, ax = new_figure(8.0, 4.2)
    width = 2 if lengths.max() <= 80 else 5
    bins = np.arange(0, max(int(lengths.max()), 1) + width + 1, width)
    ax.hist(lengths, bins=bins, color=COLORS["main"], edgecolor="white")
    median = float(lengths.median()) if len(lengths) else 0.0
    ax.axvline(median, color="black", ls=":", lw=1.2, label=f"median: {median:g} words")
    ax.legend(loc="best", fontsize=9)
    ax.set_xlabel("Words in the sentence")
    ax.set_ylabel("Number of sentences")
    ax.set_title("How long the sentences are")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return fig


def plot_paragraph_grades(paragraphs: pd.DataFrame, reference: float | None = None):
    """Each paragraph's grade level, with how many of its sentences are hard.

    Args:
        paragraphs: :func:`analysis.readability.paragraph_table`.
        reference: Optional whole-text grade drawn as a line.
    """
    n = len(paragraphs)
    fig, ax = new_figure(max(8.0, min(14.0, 3 + n * 0.35)), 4.4)
    grades = paragraphs["grade"].to_numpy(dtype=float)
    colors = [
        DIFFICULTY_COLORS["very hard"]
        if g >= VERY_HARD_GRADE
        else DIFFICULTY_COLORS["hard"]
        if g >= HARD_GRADE
        else DIFFICULTY_COLORS["ok"]
        for g in np.nan_to_num(grades)
    ]
    ax.bar(paragraphs["paragraph"], np.nan_to_num(grades), color=colors, width=0.75)
    if n <= 40:
        for x, g, hard, total in zip(
            paragraphs["paragraph"],
            grades,
            paragraphs["n_hard_sentences"],
            paragraphs["n_sentences"],
            strict=True,
        ):
            label = "n/a" if np.isnan(g) else f"{hard}/{total}"
            ax.text(x, np.nan_to_num(g) + 0.3, label, ha="center", va="bottom", fontsize=8)
    handles = _difficulty_handles()
    if reference is not None and np.isfinite(reference):
        ax.axhline(reference, color="black", lw=1, ls=":")
        handles.append(Line2D([], [], color="black", ls=":", label=f"whole text ({reference:.1f})"))
    ax.set_ylim(0, max(VERY_HARD_GRADE + 2, float(np.nan_to_num(grades).max(initial=0)) + 2))
    ax.set_xlabel("Paragraph" + (" (label: hard sentences / all sentences)" if n <= 40 else ""))
    ax.set_ylabel("Grade (mean of Flesch–Kincaid and ARI)")
    ax.set_xticks(paragraphs["paragraph"] if n <= 40 else ax.get_xticks())
    ax.set_xlim(0.4, n + 0.6)
    ax.set_title("Paragraphs compared: grade level of each")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return fig
