"""JupyterLab as a person uses it: open each notebook in headless Chromium, Run All, look.

Debian's ``chromium`` (installed by ``make test``) is driven by Playwright through
``executable_path``; no browser is ever downloaded. JupyterLab listens on a free
loopback port with a random token. Progress is judged from the kernel's own messages,
recorded from the page's WebSocket (``analysis/jupyterlab_driver.py``): the notebook is
ready when the kernel has answered ``kernel_info`` and reported idle, and Run All is
done when every ``execute_request`` has its ``execute_reply``. A stall is a failure.
Each notebook leaves a screenshot and its recorded kernel frames (JSON lines) in
``tests/artifacts/`` (not committed), with the server log.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from analysis.jupyterlab_driver import (
    CHROMIUM,
    KernelTraffic,
    RunAllFailed,
    chart_count,
    code_cell_count,
    launch_browser,
    open_notebook,
    run_all,
    start_lab,
    wait_for_prompts,
)
from analysis.paths import NOTEBOOKS_DIR

ARTIFACTS = Path(__file__).parent / "artifacts"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
OPEN_TIMEOUT_S = 180
RUN_TIMEOUT_S = 600

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.loopback]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; `make test` installs it")
        pytest.skip("Debian's chromium is not installed (`make browser` installs it)")
    # JupyterLab autosaves what it runs: serve copies, so the committed notebooks
    # never get outputs written into them.
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(NOTEBOOKS_DIR, root / "notebooks")
    figures = tmp_path_factory.mktemp("browser-figures")
    lab = start_lab(
        root,
        tmp_path_factory.mktemp("jupyter-home"),
        {"ANALYSIS_FIGURES_DIR": str(figures)},
        ARTIFACTS / "jupyterlab-server.log",
    )
    try:
        yield lab
    finally:
        lab.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = launch_browser(playwright)
        try:
            yield instance
        finally:
            instance.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_jupyterlab(notebook, jupyterlab, browser):
    n_code = code_cell_count(notebook)
    traffic = KernelTraffic()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    traffic.attach(page)
    frames = ARTIFACTS / f"{notebook.stem}-frames.jsonl"
    try:
        open_notebook(page, jupyterlab, notebook.name, traffic, timeout=OPEN_TIMEOUT_S)
        # A workspace of its own, reset, so only this notebook is open.
        assert page.locator(".jp-NotebookPanel").count() == 1
        try:
            state = run_all(page, notebook.name, n_code, traffic, timeout=RUN_TIMEOUT_S)
        except RunAllFailed as failure:
            pytest.fail(f"{failure}\nkernel frames: {traffic.dump(frames)}", pytrace=False)
        failed = [r for r in state.replies if r["status"] != "ok"]
        assert not failed, f"{len(failed)} cells answered {failed[0]['status']!r}"
        prompts = wait_for_prompts(page, n_code, timeout=60)
        assert all(re.fullmatch(r"\[\d+\]:", p) for p in prompts), (
            f"the kernel answered every cell but the page shows prompts {prompts}"
        )
        # textContent, not innerText: JupyterLab does not render cells scrolled out of view.
        stderr = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        ).all_text_contents()
        tracebacks = [t for t in stderr if re.search(r"Traceback|Error\b", t)]
        assert not tracebacks, tracebacks[0][:2000]
        images = page.locator(".jp-OutputArea-output img").count()
        assert images >= chart_count(notebook), (
            f"{images} images for {chart_count(notebook)} charts"
        )
    finally:
        traffic.dump(frames)
        page.screenshot(path=str(ARTIFACTS / f"{notebook.stem}.png"), full_page=True)
        page.close()
        jupyterlab.shut_down_kernels()
