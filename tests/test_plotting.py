"""save_figure: where figures go, CSV twins, byte-stable and atomic output."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.plotting import figure_folder, new_figure, save_figure


def _draw():
    fig, ax = new_figure()
    data = pd.DataFrame({"sentence": [1, 2, 3], "grade": [8.5, 12.25, 6.0]})
    ax.bar(data["sentence"], data["grade"])
    ax.set_title("Grade by sentence")
    return fig, data


def test_writes_png_and_csv_twin_under_slug(scratch_figures):
    fig, data = _draw()
    path = save_figure(fig, "some-article", "01-grades", data=data)
    assert path == scratch_figures / "some-article" / "01-grades.png"
    assert path.read_bytes().startswith(b"\x89PNG")
    assert path.with_suffix(".csv").read_text() == "sentence,grade\n1,8.5\n2,12.25\n3,6.0\n"


def test_output_is_byte_stable_and_has_no_timestamp(scratch_figures):
    first = save_figure(_draw()[0], "a", "fig").read_bytes()
    (scratch_figures / "a" / "fig.png").unlink()
    second = save_figure(_draw()[0], "a", "fig").read_bytes()
    assert first == second
    assert b"Software" not in first and b"Creation Time" not in first


def test_write_is_atomic_and_leaves_no_temporary_files(scratch_figures, monkeypatch):
    fig, _ = _draw()
    save_figure(fig, "b", "fig")
    before = (scratch_figures / "b" / "fig.png").read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    fig.axes[0].set_title("changed")
    monkeypatch.setattr("analysis.paths.os.replace", interrupted)  # the one atomic write
    with pytest.raises(KeyboardInterrupt):
        save_figure(fig, "b", "fig")
    assert (scratch_figures / "b" / "fig.png").read_bytes() == before
    assert sorted(p.name for p in (scratch_figures / "b").iterdir()) == ["fig.png"]


def test_series_and_indexed_frames_keep_their_labels(scratch_figures):
    fig, _ = _draw()
    counts = pd.Series({"Putin": 9, "Kim Jong Un": 7}, name="mentions").rename_axis("entity")
    path = save_figure(fig, "c", "fig", data=counts)
    assert path.with_suffix(".csv").read_text() == "entity,mentions\nPutin,9\nKim Jong Un,7\n"


def test_figures_of_different_articles_never_collide(seed, bbc_sport):
    assert figure_folder(seed) != figure_folder(bbc_sport)
    assert figure_folder(seed).name == "000-russia-north-korea-mutual-aid-pact"


def test_csv_floats_have_six_significant_digits(scratch_figures):
    fig, _ = _draw()
    data = pd.DataFrame(
        {"term": ["a", "b"], "score": [0.5294117647058824, 1041201.844414697],
         "mixed": [1 / 3, "n/a"], "n": [3, 4]},
        index=pd.Index([0.1 + 0.2, 2.0], name="position"),
    )
    path = save_figure(fig, "d", "fig", data=data)
    assert path.with_suffix(".csv").read_text() == (
        "position,term,score,mixed,n\n0.3,a,0.529412,0.333333,3\n2.0,b,1041200.0,n/a,4\n"
    )


def test_significant_keeps_zero_nan_and_infinity():
    import math

    from analysis.plotting import significant

    assert significant(0.0) == 0.0 and significant(-2.0000004) == -2.0
    assert math.isnan(significant(float("nan"))) and significant(float("inf")) == float("inf")
    assert repr(significant(0.0005711022272986865)) == "0.000571102"
