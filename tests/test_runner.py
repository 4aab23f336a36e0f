"""The notebook runner behind `python -m analysis run`: failures named, others still run."""

from __future__ import annotations

import nbformat
import pytest

from analysis.runner import notebook_paths, run_notebook, run_series


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
    runs = run_series([tmp_path / "missing.txt", seed_path], [notebook], tmp_path / "out", False)
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
