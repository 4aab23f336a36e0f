"""Every notebook runs on the seed and on two other real articles and writes its figures.

"Its figures" are the ones :data:`analysis.plotting.NOTEBOOK_FIGURES` lists for it, each
a PNG with its CSV twin, no more and no fewer; the README's notebook sections and the
committed seed figures are checked against the same list.

Notebooks are executed with papermill exactly as ``python -m analysis run``
does: the ``ARTICLE`` parameter is injected into the cell tagged
``parameters``. Figures go to a temporary folder (see ``conftest``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analysis.paths import NOTEBOOKS_DIR, PROJECT_DIR, SEED_ARTICLE
from analysis.plotting import NOTEBOOK_FIGURES
from tests.conftest import BBC

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
# One article per input kind: the seed (raw web text), a BBC .txt and an HTML page.
ARTICLES = {
    "seed": SEED_ARTICLE,
    "bbc-txt": BBC / "business" / "001.txt",
    "html": SEED_ARTICLE.parent / "bbc-com-2020-new-york-mass-burials.html",
}
SLUGS = {
    "seed": "000-russia-north-korea-mutual-aid-pact",
    "bbc-txt": "business-001",
    "html": "bbc-com-2020-new-york-mass-burials",
}


def test_every_notebook_has_its_figures_listed():
    assert sorted(NOTEBOOK_FIGURES) == [path.stem for path in NOTEBOOKS]
    for stem, names in NOTEBOOK_FIGURES.items():
        assert names and all(name.startswith(stem[:3]) for name in names), stem


def readme_figures() -> dict[str, list[str]]:
    """Notebook stem -> the figures its README section says it writes ("Writes `…`")."""
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    found = {}
    for stem, section in re.findall(r"^### `(\d\d-[\w-]+)`\n(.*?)(?=^#)", readme, re.M | re.S):
        writes = re.search(r"^Writes (.*)\.$", section, re.M)
        found[stem] = re.findall(r"`([^`]+)`", writes.group(1)) if writes else []
    return found


def test_readme_lists_the_figures_of_each_notebook():
    assert readme_figures() == {stem: list(names) for stem, names in NOTEBOOK_FIGURES.items()}


def test_committed_seed_figures_are_the_listed_ones():
    folder = PROJECT_DIR / "figures" / SLUGS["seed"]
    listed = {name for names in NOTEBOOK_FIGURES.values() for name in names}
    assert {path.stem for path in folder.glob("*.png")} == listed
    assert {path.stem for path in folder.glob("*.csv")} == listed


def _code_cells(path: Path) -> list[dict]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_follows_conventions(notebook):
    content = json.loads(notebook.read_text(encoding="utf-8"))
    assert content["metadata"]["kernelspec"]["name"] == "python3"
    cells = content["cells"]
    assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
    first_code = _code_cells(notebook)[0]
    assert "parameters" in first_code["metadata"].get("tags", [])
    assert "ARTICLE" in "".join(first_code["source"])
    for line in "".join(first_code["source"]).splitlines():
        # papermill warns "Unable to parse line" on a parameter line with a second "=".
        assert line.count("=") <= 1, f"papermill cannot parse parameter line {line!r}"
    for cell in _code_cells(notebook):
        source = "".join(cell["source"])
        assert "\ndef " not in "\n" + source, "functions belong in analysis/, not in notebooks"
        assert "sys.path" not in source
        assert not cell.get("outputs"), "notebooks are committed without outputs"
        for line in source.splitlines():
            assert _is_house_import(line), f"import style: {line!r}"


# One import style in every notebook: analysis modules by name and called qualified
# (``readability.sentence_table``), chart functions by name from their plotting module.
HOUSE_IMPORTS = (
    "from analysis import ",
    "from analysis.paths import ",
    "from analysis.plotting import save_figure",
    "from analysis.plotting.",
    "import pandas as pd",
    "from IPython.display import ",
)


def _is_house_import(line: str) -> bool:
    if not line.startswith(("import ", "from ")):
        return True
    if line.startswith("from analysis import ") and " as " in line:
        return False
    return line.startswith(HOUSE_IMPORTS) and not line.startswith("from analysis.plotting import (")


def test_house_import_rule():
    assert _is_house_import("from analysis import entities, load_article")
    assert _is_house_import("from analysis.plotting.entities import plot_dispersion")
    assert not _is_house_import("from analysis import frequencies as freq")
    assert not _is_house_import("from analysis.plotting import readability as charts")
    assert not _is_house_import("from analysis.overview import profile, takeaways")


@pytest.mark.slow
@pytest.mark.parametrize("article", list(ARTICLES), ids=str)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_writes_figures(notebook, article, tmp_path, scratch_figures):
    import papermill

    output = tmp_path / notebook.name
    papermill.execute_notebook(
        str(notebook),
        str(output),
        parameters={"ARTICLE": str(ARTICLES[article])},
        kernel_name="python3",
        cwd=str(NOTEBOOKS_DIR),
        progress_bar=False,
    )
    executed = json.loads(output.read_text(encoding="utf-8"))
    errors = [
        o
        for c in executed["cells"]
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert not errors
    folder = scratch_figures / SLUGS[article]
    written = sorted(path.stem for path in folder.glob(f"{notebook.stem[:2]}-*.png"))
    assert written == sorted(NOTEBOOK_FIGURES[notebook.stem]), f"{notebook.name} in {folder}"
    for name in written:
        png = folder / f"{name}.png"
        assert png.stat().st_size > 5_000, f"{png.name} looks empty"
        assert png.with_suffix(".csv").exists(), f"{png.name} has no CSV twin"
