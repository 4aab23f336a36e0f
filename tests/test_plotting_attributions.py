"""The charts of notebook 06 draw the attribution tables of real articles, bar for row.

The seed (two voices, paraphrased only, two claims nobody stands behind) and the
BBC page on New York's burials in ``seeds/`` (ten voices, resolved and unresolved,
one quote in quote marks) are drawn; every bar, label and legend entry is checked
against the table it comes from.
"""

from __future__ import annotations

import pytest

from analysis import attributions, load_article
from analysis.paths import SEED_ARTICLE
from analysis.plotting.attributions import (
    KIND_LABELS,
    MAX_LABEL,
    plot_kinds,
    plot_speakers,
    plot_unattributed,
    plot_voice_positions,
)

BURIALS = SEED_ARTICLE.parent / "bbc-com-2020-new-york-mass-burials.html"


@pytest.fixture(scope="module")
def burials():
    return load_article(BURIALS)


def _tick_labels(fig, axis: str) -> list[str]:
    fig.canvas.draw()  # tick labels of a categorical axis are set when drawn
    ax = fig.axes[0]
    ticks = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in ticks]


def _voice_labels(voices) -> list[str]:
    """The axis labels of the speakers table's rows: unresolved sources say so."""
    return [
        name if resolved else f"{name} (unresolved)"
        for name, resolved in zip(voices["speaker"], voices["resolved"], strict=True)
    ]


def _legend(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


# -- who speaks ---------------------------------------------------------------------------


def test_speaker_bars_are_the_speakers_table(burials):
    voices = attributions.speakers(burials)
    assert len(voices) > 2 and not voices["resolved"].all()  # the test needs both kinds
    assert voices["direct_words"].gt(0).any() and voices["indirect_words"].gt(0).any()
    fig = plot_speakers(voices)
    ax = fig.axes[0]
    shown = voices.iloc[::-1]  # the first row of the table is the top bar
    direct, indirect = ax.containers
    assert [p.get_width() for p in direct] == shown["direct_words"].tolist()
    assert [p.get_width() for p in indirect] == shown["indirect_words"].tolist()
    assert [p.get_x() for p in indirect] == shown["direct_words"].tolist()
    expected = _voice_labels(shown)
    assert all(len(name) <= MAX_LABEL for name in expected)  # none of them shortened
    assert _tick_labels(fig, "y") == expected
    assert _texts(ax) == [
        f"  {row.words} words, {row.word_share:.0%} ({row.attributions}×)"
        for row in shown.itertuples()
    ]
    assert _legend(ax) == [KIND_LABELS["direct"], KIND_LABELS["indirect"]]


def test_speaker_chart_shows_the_top_voices_only(burials):
    voices = attributions.speakers(burials)
    fig = plot_speakers(voices, top_n=3)
    direct, _ = fig.axes[0].containers
    assert len(direct) == 3
    assert _tick_labels(fig, "y")[::-1] == _voice_labels(voices.head(3))


def test_speaker_chart_of_the_seed(seed):
    voices = attributions.speakers(seed)
    fig = plot_speakers(voices)
    assert _tick_labels(fig, "y") == ["United States", "Antony Blinken"]
    direct, indirect = fig.axes[0].containers
    assert [p.get_width() for p in indirect] == [11, 24]
    assert [p.get_width() for p in direct] == [0, 0]


# -- where each voice is heard --------------------------------------------------------------


def test_voice_rows_and_markers_follow_the_attributions_table(seed):
    table = attributions.attributions(seed)
    fig = plot_voice_positions(table, seed.n_sentences)
    ax = fig.axes[0]
    # Voices top to bottom in order of first attribution, the claims of nobody last.
    voices = list(dict.fromkeys(v for v in table["voice"] if v != attributions.NOBODY))
    rows = {voice: len(voices) + 1 - i for i, voice in enumerate([*voices, attributions.NOBODY])}
    assert [t.get_text() for t in ax.get_yticklabels()] == list(rows)
    assert list(ax.get_yticks()) == list(rows.values())
    markers = [line for line in ax.lines if line.get_marker() == "o"]
    assert len(markers) == len(table)
    for line, row in zip(markers, table.itertuples(), strict=True):
        assert list(line.get_xdata()) == row.sentences
        assert set(line.get_ydata()) == {rows[row.voice]}
    assert ax.get_xlim() == (0.5, seed.n_sentences + 0.5)
    # The seed quotes nobody in quote marks: its legend names the two kinds it has.
    assert _legend(ax) == [KIND_LABELS["indirect"], KIND_LABELS["unattributed"]]


def test_voice_legend_names_every_kind_present(burials):
    table = attributions.attributions(burials)
    assert set(table["kind"]) == set(KIND_LABELS)
    fig = plot_voice_positions(table, burials.n_sentences)
    assert _legend(fig.axes[0]) == list(KIND_LABELS.values())


# -- quoted or paraphrased --------------------------------------------------------------------


@pytest.mark.parametrize("article", ["seed", "burials"])
def test_kind_bars_are_the_shares_of_kind_counts(article, request):
    kinds = attributions.kind_counts(request.getfixturevalue(article))
    fig = plot_kinds(kinds)
    ax = fig.axes[0]
    bars = ax.patches
    assert len(bars) == 2 * len(kinds)  # one segment per kind and measure
    for y, measure in enumerate(["words", "attributions"]):
        segments = [p for p in bars if p.get_y() + p.get_height() / 2 == y]
        total = kinds[measure].sum()
        assert [p.get_width() for p in segments] == pytest.approx((kinds[measure] / total).tolist())
        assert sum(p.get_width() for p in segments) == pytest.approx(1.0)
    # A segment is labelled with its count when it is wide enough to hold it.
    labelled = [
        str(count)
        for measure in ["words", "attributions"]
        for count in kinds[measure]
        if count / kinds[measure].sum() >= 0.06
    ]
    assert _texts(ax) == labelled
    assert [t.get_text() for t in ax.get_yticklabels()] == ["words of content", "attributions"]
    assert _legend(ax) == list(KIND_LABELS.values())


def test_seed_kind_counts_as_drawn(seed):
    ax = plot_kinds(attributions.kind_counts(seed)).axes[0]
    assert _texts(ax) == ["35", "52", "4", "2"]  # words, then attributions; no direct


# -- claims nobody stands behind --------------------------------------------------------------


def test_unattributed_claims_listed_with_their_sentences(seed):
    claims = attributions.unattributed_claims(seed)
    ax = plot_unattributed(claims).axes[0]
    heads = [t.get_text() for t in ax.texts if t.get_text().startswith("Sentence ")]
    assert heads == [f"Sentence {row.sentence} · cue “{row.cue}”" for row in claims.itertuples()]
    assert heads == ["Sentence 6 · cue “was seen as”", "Sentence 14 · cue “are seen as”"]
    body = " ".join(t.get_text() for t in ax.texts if not t.get_text().startswith("Sentence "))
    for text in claims["sentence_text"]:
        assert " ".join(text.split()) in body


def test_claim_with_a_source_that_names_no_one_shows_it(burials):
    claims = attributions.unattributed_claims(burials)
    ax = plot_unattributed(claims).axes[0]
    heads = [t.get_text() for t in ax.texts if t.get_text().startswith("Sentence ")]
    assert heads == [
        f"Sentence {row.sentence} · cue “{row.cue}”" + (f" ({row.source})" if row.source else "")
        for row in claims.itertuples()
    ]
    assert any(head.endswith("(Officials)") for head in heads)


# -- an article without attributions -----------------------------------------------------------


def test_every_chart_says_when_there_is_nothing_to_draw():
    article = load_article("The bridge opened on Monday. It is long and has two lanes.")
    assert attributions.attributions(article).empty
    charts = {
        "Nobody is quoted or paraphrased in this article": plot_speakers(
            attributions.speakers(article)
        ),
        "No attributions found": plot_voice_positions(
            attributions.attributions(article), article.n_sentences
        ),
        "No unattributed claims found": plot_unattributed(
            attributions.unattributed_claims(article)
        ),
    }
    for message, fig in charts.items():
        assert _texts(fig.axes[0]) == [message]
    assert _texts(plot_kinds(attributions.kind_counts(article)).axes[0]) == [
        "No attributions found"
    ]
