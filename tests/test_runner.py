"""The notebook runner behind `python -m analysis run`: failures named, others still run."""

from __future__ import annotations

import nbformat
import pytest

from analysis.runner import notebook_paths, run_articles, run_notebook


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    cells = [nbformat.v4.new_code_cell(sources[0], metadata={"tags": ["parameters"]})]
    cells += [nbformat.v4.new_code_cell(source) for source in sources[1:]]
    nb.cells = cells
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_failing_notebook_is_named_with_cell_and_error(tmp_path, seed_path):
    notebook = _notebook(tmp_path / "99-broken.ipynb", 'ARTICLE = ""', "x = 1", "1 / 0")
    run = run_notebook(notebook, seed_path, "seed", tmp_path / "out")
    assert not run.ok
    assert "99-broken.ipynb" in run.error
    assert "ZeroDivisionError" in run.error
    # papermill injects a parameters cell after ours, so "1 / 0" is the 4th cell run.
    assert "cell [4]" in run.error


@pytest.mark.slow
def test_bad_article_is_reported_and_the_others_still_run(tmp_path, seed_path):
    notebook = _notebook(tmp_path / "98-ok.ipynb", 'ARTICLE = ""', "print(ARTICLE)")
    articles = [tmp_path / "missing.txt", seed_path]
    results = run_articles(articles, [notebook], tmp_path / "out", progress=False)
    runs = [run for result in results for run in result.runs]
    assert [r.ok for r in runs] == [False, True]
    assert "missing.txt: no such file" in runs[0].error
    executed = nbformat.read(runs[1].output, as_version=4)
    assert str(seed_path) in executed.cells[-1].outputs[0]["text"]


def test_notebook_selection():
    every = notebook_paths()
    assert [p.name[:2] for p in every] == sorted(p.name[:2] for p in every)
    if every:
        first = every[0].stem[:2]
        assert notebook_paths([first]) == [every[0]]
    assert notebook_paths(["no-such-notebook"]) == []


@pytest.mark.slow
def test_kernel_start_up_warnings_stay_quiet_but_cell_errors_do_not(tmp_path, seed_path, capfd):
    quiet = _notebook(tmp_path / "97-quiet.ipynb", 'ARTICLE = ""', "x = 1")
    assert run_notebook(quiet, seed_path, "seed", tmp_path / "out").ok
    # ipykernel's "Kernel is running over TCP without encryption", once per notebook.
    assert "without encryption" not in capfd.readouterr().err
    broken = _notebook(tmp_path / "96-broken.ipynb", 'ARTICLE = ""', "import sys", "1 / 0")
    assert "ZeroDivisionError" in run_notebook(broken, seed_path, "seed", tmp_path / "out").error


def test_default_workers_is_one_per_core_and_never_more_than_the_notebooks(monkeypatch):
    from analysis import runner

    monkeypatch.setattr(runner.os, "cpu_count", lambda: 2)
    assert runner.default_workers(12) == 2
    assert runner.default_workers(1) == 1
    monkeypatch.setattr(runner.os, "cpu_count", lambda: None)
    assert runner.default_workers(6) == 1


@pytest.mark.slow
def test_parallel_run_keeps_order_and_writes_html_and_a_stable_index(tmp_path, seed_path):
    from analysis.runner import run_articles
    from tests.conftest import BBC

    first = _notebook(tmp_path / "01-first.ipynb", 'ARTICLE = ""', "import time; time.sleep(1)")
    second = _notebook(tmp_path / "02-second.ipynb", 'ARTICLE = ""', "print(ARTICLE)")
    articles = [seed_path, BBC / "sport" / "001.txt"]
    results = run_articles(articles, [first, second], tmp_path / "out", False, workers=2)
    # Input order, whatever order the kernels finished in.
    assert [(r.source, [n.notebook for n in r.runs]) for r in results] == [
        (seed_path, ["01-first.ipynb", "02-second.ipynb"]),
        (articles[1], ["01-first.ipynb", "02-second.ipynb"]),
    ]
    assert all(run.ok for r in results for run in r.runs)
    assert [r.slug for r in results] == ["000-russia-north-korea-mutual-aid-pact", "sport-001"]
    folder = tmp_path / "out" / "sport-001"
    assert sorted(p.name for p in folder.iterdir()) == [
        ".run.lock",  # held while a run writes here (a second run of the article waits)
        "01-first.html",
        "01-first.ipynb",
        "02-second.html",
        "02-second.ipynb",
        "index.html",
    ]
    page = (folder / "02-second.html").read_text(encoding="utf-8")
    assert "sport/001.txt" in page  # the executed cell's output is in the page
    index = results[1].index.read_text(encoding="utf-8")
    assert "<h1>Claxton hunting first major medal</h1>" in index
    assert '<a href="01-first.html">01-first</a>' in index
    assert "Reading grade (consensus)" in index
    again = run_articles(articles[1:], [first, second], tmp_path / "out", False, workers=2)
    assert again[0].index.read_text(encoding="utf-8") == index


@pytest.mark.slow
def test_a_failed_notebook_is_marked_on_the_index(tmp_path, seed_path):
    from analysis.runner import run_articles

    broken = _notebook(tmp_path / "03-broken.ipynb", 'ARTICLE = ""', "1 / 0")
    (result,) = run_articles([seed_path], [broken], tmp_path / "out", False)
    index = result.index.read_text(encoding="utf-8")
    assert '<li class="failed"><a href="03-broken.html">03-broken</a> — failed:' in index
    assert "ZeroDivisionError" in index


def _executed_copy(folder, name, seconds):
    """An executed notebook as papermill leaves it: its run time in the metadata."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"duration": seconds}
    nbformat.write(nb, folder / name)


def test_notebooks_start_longest_first_by_their_last_run(tmp_path):
    from analysis.runner import last_duration, start_order

    names = ["00-a.ipynb", "01-b.ipynb", "02-c.ipynb", "03-d.ipynb", "04-e.ipynb"]
    notebooks = [tmp_path / "notebooks" / name for name in names]
    last_run = tmp_path / "out"
    last_run.mkdir()
    _executed_copy(last_run, "00-a.ipynb", 3.5)
    _executed_copy(last_run, "01-b.ipynb", 12.25)
    _executed_copy(last_run, "03-d.ipynb", 7.0)
    (last_run / "04-e.ipynb").write_text("not a notebook", encoding="utf-8")
    assert last_duration(last_run / "01-b.ipynb") == 12.25
    assert last_duration(last_run / "04-e.ipynb") is None
    assert last_duration(last_run / "02-c.ipynb") is None
    # Never run (02) or unreadable (04): their own order, first; then 12.25, 7.0, 3.5 s.
    order = start_order(notebooks, last_run)
    assert [p.name for p in order] == [
        "02-c.ipynb",
        "04-e.ipynb",
        "01-b.ipynb",
        "03-d.ipynb",
        "00-a.ipynb",
    ]
    # A first run keeps the notebooks' own order.
    assert start_order(notebooks, tmp_path / "nowhere") == notebooks


def test_the_iri_grammar_is_marked_absent_unless_already_imported(monkeypatch):
    import sys

    from analysis.runner import skip_iri_grammar

    monkeypatch.delitem(sys.modules, "rfc3987_syntax", raising=False)
    skip_iri_grammar()
    assert sys.modules["rfc3987_syntax"] is None
    with pytest.raises(ImportError):
        import rfc3987_syntax  # noqa: F401
    loaded = object()
    monkeypatch.setitem(sys.modules, "rfc3987_syntax", loaded)
    skip_iri_grammar()
    assert sys.modules["rfc3987_syntax"] is loaded


# What a notebook can see of its kernel, as JSON (argv without the random connection file).
KERNEL_PROBE = """import json, os, sys
import matplotlib.pyplot as plt
import pandas as pd
print(json.dumps({
    "path": sys.path, "cwd": os.getcwd(), "argv": sys.argv[3:], "backend": plt.get_backend(),
    "parent_pid_known": os.environ.get("JPY_PARENT_PID") == str(os.getppid()),
    "own_process_group": os.getpgid(0) == os.getpid(),
    "frame_text": repr(pd.DataFrame({f"column {i}": [i] for i in range(30)})),
    "environment": sorted(set(os.environ) - {"JPY_PARENT_PID"}),
}))"""


@pytest.mark.slow
def test_a_kernel_forked_from_the_zygote_looks_like_a_fresh_one(tmp_path, seed_path):
    import json

    from analysis.runner import start_kernel, start_zygote

    probe = _notebook(
        tmp_path / "95-probe.ipynb",
        'ARTICLE = ""',
        KERNEL_PROBE,
        "fig, ax = plt.subplots()\nax.plot([1, 2]);",
    )
    seen = {}
    zygote = start_zygote()
    assert zygote is not None  # the project's kernel spec runs this interpreter
    with zygote:
        for name, kernel in (("fresh", start_kernel()), ("forked", start_kernel(zygote))):
            run = run_notebook(probe, seed_path, name, tmp_path / "out", kernel=kernel)
            assert run.ok, run.error
            cells = nbformat.read(run.output, as_version=4).cells
            seen[name] = json.loads(cells[-2].outputs[0]["text"])
            seen[name]["figure"] = [sorted(o.get("data", {})) for o in cells[-1].outputs]
    fresh, forked = seen["fresh"], seen["forked"]
    assert fresh["backend"] == "module://matplotlib_inline.backend_inline"
    assert fresh["figure"] == [["image/png", "text/plain"]]  # drawn inline, as in JupyterLab
    assert "..." not in fresh["frame_text"].splitlines()[0]  # a kernel's pandas: 20 columns
    assert fresh["parent_pid_known"] and fresh["own_process_group"]
    assert forked == fresh


@pytest.mark.slow
def test_a_kernel_starts_the_usual_way_when_the_zygote_is_gone(tmp_path, seed_path):
    from analysis.runner import start_kernel, start_zygote

    zygote = start_zygote()
    zygote.close()
    notebook = _notebook(tmp_path / "94-ok.ipynb", 'ARTICLE = ""', "import os\nprint(os.getcwd())")
    run = run_notebook(notebook, seed_path, "seed", tmp_path / "out", kernel=start_kernel(zygote))
    assert run.ok, run.error
    executed = nbformat.read(run.output, as_version=4)
    assert executed.cells[-1].outputs[0]["text"].strip().endswith("notebooks")


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_kernels_are_not_forked_off_linux(monkeypatch, platform):
    from analysis.runner import start_zygote

    monkeypatch.setattr("sys.platform", platform)
    assert start_zygote() is None
