"""House style for charts and the one place figures are written: :func:`save_figure`.

Chart functions of each analysis take the tidy DataFrames the analysis modules
return and give back a matplotlib ``Figure``; they never compute anything new.

Figures are byte-stable: the same data gives the same PNG and CSV bytes on every
machine. The PNG has a fixed dpi and no stamp; the CSV writes each float with
:data:`CSV_SIGNIFICANT_DIGITS` (6) significant digits, because the last digits of a
float computed by numpy differ between machines.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from analysis.paths import figures_dir, write_atomically

# Every figure is written at this resolution; with no timestamp in the metadata
# the same data gives the same bytes on every run.
DPI = 110

# Floats in every CSV twin (and golden table) are written with this many significant
# digits: the last digits of a float differ between machines and BLAS builds, and six
# digits are far more than any chart or test reads (a chart shows three at most).
CSV_SIGNIFICANT_DIGITS = 6

# Colour-blind-safe palette (Okabe & Ito 2008), in the order charts use it.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
# Named roles, so every notebook colours the same idea the same way.
COLORS = {
    "main": PALETTE[0],
    "accent": PALETTE[1],
    "ok": PALETTE[2],
    "hard": PALETTE[1],
    "very hard": PALETTE[3],
    "muted": "#9A9A9A",
}

HOUSE_STYLE = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#E5E5E5",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "legend.frameon": False,
    "image.cmap": "viridis",
    "svg.hashsalt": "analysis",
}


def use_house_style() -> None:
    """Apply the house style to matplotlib's global settings."""
    plt.rcParams.update(HOUSE_STYLE)


def new_figure(width: float = 8.0, height: float = 4.5):
    """A figure and one axes in the house style."""
    use_house_style()
    return plt.subplots(figsize=(width, height), layout="constrained")


def figure_folder(article_or_slug) -> Path:
    """``figures/<slug>/`` for an article (or a slug string)."""
    slug = getattr(article_or_slug, "slug", article_or_slug)
    return figures_dir() / str(slug)


def save_figure(fig, article, name: str, data: pd.DataFrame | pd.Series | None = None) -> Path:
    """Write ``figures/<article-slug>/<name>.png`` and, given ``data``, its ``.csv`` twin.

    Output is byte-stable (fixed dpi, no software or date stamp in the PNG) and
    written atomically: a temporary file in the same folder, then a rename, so an
    interrupted run never leaves a half-written figure.

    Args:
        fig: The matplotlib figure.
        article: The :class:`~analysis.article.Article` (or its slug).
        name: File name without suffix, by convention ``NN-what-it-shows``.
        data: The plotted data; written as CSV next to the PNG, every float at
            :data:`CSV_SIGNIFICANT_DIGITS` significant digits (:func:`round_floats`),
            so the CSV is byte-identical on every machine.

    Returns:
        Path of the PNG.
    """
    folder = figure_folder(article)
    folder.mkdir(parents=True, exist_ok=True)
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
    png_path = folder / f"{name}.png"
    write_atomically(png_path, png.getvalue(), unchanged_ok=True)
    if data is not None:
        frame = round_floats(data.to_frame() if isinstance(data, pd.Series) else data)
        csv = frame.to_csv(index=not isinstance(frame.index, pd.RangeIndex), lineterminator="\n")
        write_atomically(folder / f"{name}.csv", csv.encode("utf-8"), unchanged_ok=True)
    return png_path


def significant(value: float, digits: int = CSV_SIGNIFICANT_DIGITS) -> float:
    """``value`` rounded to ``digits`` significant digits (NaN and infinities as they are).

    Its ``repr`` (what pandas and ``json`` write) is then the short decimal itself,
    ``0.529412`` rather than ``0.5294117647058824``, without an exponent unless the
    value is below 1e-4 or from 1e16 on.
    """
    if not math.isfinite(value) or value == 0:
        return float(value)
    return float(f"{value:.{digits}g}")


def round_floats(frame: pd.DataFrame, digits: int = CSV_SIGNIFICANT_DIGITS) -> pd.DataFrame:
    """A copy of ``frame`` with every float, in float or mixed columns and in the index,
    rounded by :func:`significant`; strings, integers and booleans are left alone.
    """
    def fix(value):
        return significant(value, digits) if isinstance(value, float) else value

    frame = frame.copy()
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if pd.api.types.is_float_dtype(column.dtype) or column.dtype == object:
            frame.isetitem(position, column.map(fix))
    if not isinstance(frame.index, pd.MultiIndex) and (
        pd.api.types.is_float_dtype(frame.index.dtype) or frame.index.dtype == object
    ):
        frame.index = frame.index.map(fix)
    return frame


# The figures each notebook writes, by notebook (file stem), in the order it writes
# them. The one list: the README's notebook sections name the same figures, and the
# tests check each notebook writes exactly these (tests/test_notebooks.py).
NOTEBOOK_FIGURES: dict[str, tuple[str, ...]] = {
    "00-overview": (
        "00-sentence-grades", "00-similarity-heatmap", "00-entity-counts", "00-distinctive-words",
    ),
    "01-readability": (
        "01-grade-scale", "01-sentence-grades", "01-sentence-lengths", "01-paragraph-grades",
    ),
    "02-word-frequencies": (
        "02-top-words", "02-word-cloud", "02-distinctive-words", "02-top-ngrams",
        "02-rank-frequency", "02-dispersion", "02-kwic",
    ),
    "03-repetition": (
        "03-similarity-heatmap", "03-restatements", "03-repeated-phrases", "03-novelty-curve",
        "03-redundancy-vs-bbc",
    ),
    "04-entities": ("04-entity-counts", "04-entity-dispersion", "04-entity-network"),
    "05-compare-articles": (
        "05-reading-grade", "05-restated-share", "05-compression-ratio", "05-entity-focus",
        "05-attributed-sentences",
    ),
    "06-sources": (
        "06-speakers", "06-voice-positions", "06-quoted-vs-paraphrased", "06-unattributed-claims",
    ),
}
