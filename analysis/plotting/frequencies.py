"""Charts of word frequencies: top words, cloud, distinctive words, n-grams, Zipf, dispersion, KWIC.

Each function takes a table from :mod:`analysis.frequencies` and returns a
matplotlib ``Figure``; an empty table gives a figure that says so.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.frequencies import word_cloud_frequencies
from analysis.plotting import COLORS, PALETTE, new_figure, use_house_style

# The word cloud is laid out with this seed so the same counts give the same picture.
WORD_CLOUD_SEED = 42
WORD_CLOUD_SIZE = (900, 450)  # pixels of the cloud image


def _empty(fig, ax, message: str):
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    return fig


def _kind_colors(kinds: pd.Series) -> list[str]:
    return [COLORS["accent"] if kind == "name" else COLORS["main"] for kind in kinds]


def plot_top_words(counts: pd.DataFrame, top_n: int = 20, title: str | None = None):
    """Horizontal bars of the most frequent terms; proper names in a second colour.

    Args:
        counts: :func:`analysis.frequencies.word_counts`.
        top_n: How many rows to show.
        title: Chart title (default says what is shown).
    """
    rows = counts.head(top_n).iloc[::-1]
    fig, ax = new_figure(8.0, max(3.0, 0.28 * len(rows) + 1.3))
    if rows.empty:
        return _empty(fig, ax, "No content words left after removing stop words")
    ax.barh(rows["term"], rows["count"], color=_kind_colors(rows["kind"]))
    for y, count in enumerate(rows["count"]):
        ax.text(count, y, f" {count}", va="center", fontsize=9)
    ax.set_xlabel("Occurrences in the article")
    ax.grid(axis="x", color="#E5E5E5")
    ax.grid(axis="y", visible=False)
    ax.set_title(title or f"The {len(rows)} most frequent words and names (stop words removed)")
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=COLORS["accent"]),
        plt.Rectangle((0, 0), 1, 1, color=COLORS["main"]),
    ]
    ax.legend(handles, ["proper name", "word"], loc="lower right")
    ax.margins(x=0.08)
    return fig


def word_cloud(counts: pd.DataFrame, top_n: int = 50):
    """A deterministic ``wordcloud.WordCloud`` drawn from the table's top ``top_n`` counts.

    Built with ``generate_from_frequencies`` (wordcloud's own tokenizer is never
    used, so the cloud shows exactly the table's terms), collocations off and a
    fixed ``random_state``: the same counts give the same image, byte for byte.
    Returns ``None`` for an empty table.
    """
    from wordcloud import WordCloud

    frequencies = word_cloud_frequencies(counts, top_n)
    if not frequencies:
        return None
    width, height = WORD_CLOUD_SIZE
    cloud = WordCloud(
        width=width,
        height=height,
        background_color="white",
        max_words=len(frequencies),
        collocations=False,
        random_state=WORD_CLOUD_SEED,
        prefer_horizontal=0.9,
        min_font_size=8,
        color_func=_cloud_color,
        margin=4,
    )
    return cloud.generate_from_frequencies(frequencies)


def _cloud_color(word, font_size, position, orientation, random_state=None, **kwargs) -> str:
    # Colour by size band (not at random) so the cloud reads like the bar chart.
    if font_size >= 60:
        return PALETTE[0]
    if font_size >= 30:
        return PALETTE[3]
    return PALETTE[2]


def word_cloud_words(cloud) -> list[str]:
    """The words a laid-out word cloud actually shows, largest first."""
    return [] if cloud is None else [word for (word, _count), *_placement in cloud.layout_]


def plot_word_cloud(counts: pd.DataFrame, top_n: int = 50, title: str | None = None):
    """A figure showing :func:`word_cloud` of the top terms (word size ~ count)."""
    use_house_style()
    cloud = word_cloud(counts, top_n)
    fig, ax = plt.subplots(figsize=(9.0, 5.0), layout="constrained")
    if cloud is None:
        return _empty(fig, ax, "No content words left after removing stop words")
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    ax.set_title(title or f"Word cloud of the {len(cloud.layout_)} most frequent terms")
    return fig


def plot_distinctive_words(distinct: pd.DataFrame, top_n: int = 15, title: str | None = None):
    """Bars of the distinctive-word score (Zipf difference) with the count beside each bar."""
    rows = distinct.head(top_n).iloc[::-1]
    fig, ax = new_figure(8.0, max(3.0, 0.3 * len(rows) + 1.5))
    if rows.empty:
        return _empty(fig, ax, "No term occurs often enough to be called distinctive")
    ax.barh(rows["term"], rows["score"], color=_kind_colors(rows["kind"]))
    labels = zip(rows["score"], rows["count"], rows["ratio"], strict=True)
    for y, (score, count, ratio) in enumerate(labels):
        label = f" ×{ratio:,.0f}, used {count}×" if score >= 0 else f" used {count}×"
        ax.text(max(score, 0), y, label, va="center", fontsize=8.5, color="#333333")
    ax.set_xlabel("Score = Zipf(article) − Zipf(general English)   (1 = 10× more frequent)")
    ax.grid(axis="x", color="#E5E5E5")
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.25)
    ax.set_title(title or "Words far more frequent here than in everyday English")
    return fig


def plot_top_ngrams(ngrams: pd.DataFrame, top_n: int = 10, title: str | None = None):
    """Two panels of bars: the most frequent two-word and three-word phrases."""
    use_house_style()
    bigrams = ngrams[ngrams["n"] == 2].head(top_n).iloc[::-1]
    trigrams = ngrams[ngrams["n"] == 3].head(top_n).iloc[::-1]
    height = max(3.0, 0.32 * max(len(bigrams), len(trigrams), 1) + 1.5)
    fig, axes = plt.subplots(1, 2, figsize=(10.0, height), layout="constrained")
    for ax, rows, label, color in (
        (axes[0], bigrams, "Two-word phrases", PALETTE[0]),
        (axes[1], trigrams, "Three-word phrases", PALETTE[2]),
    ):
        ax.set_title(label, fontsize=11)
        if rows.empty:
            _empty(fig, ax, "none repeated")
            continue
        ax.barh(rows["term"], rows["count"], color=color)
        ax.set_xlabel("Occurrences")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="x", color="#E5E5E5")
        ax.grid(axis="y", visible=False)
    fig.suptitle(
        title or "Recurring phrases (no stop word at either end, within one sentence)",
        x=0.01,
        ha="left",
        fontweight="bold",
    )
    return fig


def plot_rank_frequency(ranks: pd.DataFrame, label_top: int = 8, title: str | None = None):
    """Rank against count on log-log axes, with Zipf's count_1 / rank line for reference."""
    fig, ax = new_figure(8.0, 5.0)
    if ranks.empty:
        return _empty(fig, ax, "No words to rank")
    stop = ranks["is_stop_word"].astype(bool)
    ax.scatter(
        ranks.loc[stop, "rank"],
        ranks.loc[stop, "count"],
        s=14,
        color=COLORS["muted"],
        label="stop word",
        zorder=3,
    )
    ax.scatter(
        ranks.loc[~stop, "rank"],
        ranks.loc[~stop, "count"],
        s=14,
        color=COLORS["main"],
        label="content word",
        zorder=3,
    )
    ax.plot(
        ranks["rank"],
        ranks["zipf_expected"],
        color=COLORS["accent"],
        linewidth=1.5,
        label="Zipf's law: count₁ / rank",
    )
    for rank, term, count in (
        ranks[["rank", "term", "count"]].head(label_top).itertuples(index=False)
    ):
        ax.annotate(term, (rank, count), xytext=(4, 3), textcoords="offset points", fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("Rank of the word (1 = most frequent), log scale")
    ax.set_ylabel("Occurrences, log scale")
    ax.grid(axis="both", which="major", color="#E5E5E5")
    ax.legend(loc="upper right")
    ax.set_title(title or "Rank–frequency (Zipf) plot of every word, stop words included")
    return fig


def plot_dispersion(positions: pd.DataFrame, title: str | None = None):
    """A lexical dispersion chart: one row per term, a tick wherever it occurs."""
    terms = (
        positions.drop_duplicates("term").sort_values("term_rank")["term"].tolist()
        if not positions.empty
        else []
    )
    fig, ax = new_figure(8.0, max(2.5, 0.35 * len(terms) + 1.4))
    if not terms:
        return _empty(fig, ax, "No terms to place")
    row = {term: i for i, term in enumerate(terms)}
    ax.scatter(
        positions["position"] * 100,
        positions["term"].map(row),
        marker="|",
        s=160,
        linewidths=1.6,
        color=COLORS["main"],
    )
    ax.set_yticks(range(len(terms)), terms)
    ax.set_ylim(len(terms) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Position in the article (% of the text, start → end)")
    ax.grid(axis="x", color="#E5E5E5")
    ax.set_title(title or "Where the most frequent terms occur across the article")
    return fig


def plot_kwic(kwic: pd.DataFrame, max_rows: int = 15, title: str | None = None):
    """A concordance: matches aligned in one column, contexts either side, sentence ids left.

    Laid out on a grid of monospace characters, so the keyword column lines up
    whatever the length of the contexts.
    """
    rows = kwic.head(max_rows)
    use_house_style()
    if rows.empty:
        fig, ax = plt.subplots(figsize=(8.0, 1.8))
        return _empty(fig, ax, "No match")
    left_width = int(rows["left"].str.len().max())
    keyword_width = int(rows["keyword"].str.len().max())
    right_width = int(rows["right"].str.len().max())
    id_width = 6
    columns = id_width + left_width + 1 + keyword_width + 1 + right_width
    line_height = 0.19  # inches per row
    fig = plt.figure(figsize=(columns * _MONO_CHAR_INCHES + 0.3, line_height * len(rows) + 0.7))
    ax = fig.add_axes((0.01, 0.0, 0.98, 1 - 0.45 / fig.get_figheight()))
    ax.set_axis_off()
    ax.set_xlim(0, columns)
    ax.set_ylim(len(rows) - 0.5, -0.7)
    text = {"va": "center", "fontsize": _MONO_POINTS, "family": "DejaVu Sans Mono"}
    keyword_x = id_width + left_width + 1
    for i, (sentence, left, keyword, right) in enumerate(
        rows[["sentence_id", "left", "keyword", "right"]].itertuples(index=False)
    ):
        ax.text(0, i, f"s{sentence}", ha="left", color="#777777", **text)
        # Keep the spacing of the text: "Korea’s" stays one word, "Korea ." does not appear.
        left_gap = 1 if left[-1:].isspace() else 0
        right_gap = 1 if right[:1].isspace() else 0
        ax.text(keyword_x - left_gap, i, left.rstrip(), ha="right", **text)
        ax.text(keyword_x, i, keyword, ha="left", fontweight="bold", color=COLORS["main"], **text)
        ax.text(keyword_x + len(keyword) + right_gap, i, right.lstrip(), ha="left", **text)
    shown = f"first {len(rows)} of {len(kwic)}" if len(kwic) > len(rows) else f"all {len(kwic)}"
    fig.suptitle(
        title or f"Keyword in context ({shown} occurrences; s = sentence number)",
        x=0.01,
        ha="left",
        fontweight="bold",
        fontsize=11,
    )
    return fig


# DejaVu Sans Mono advances 0.602 em per character.
_MONO_POINTS = 8.5
_MONO_CHAR_INCHES = 0.602 * _MONO_POINTS / 72
