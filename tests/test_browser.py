"""JupyterLab as a person uses it: open each notebook in headless Chromium, Run All, look.

Debian's ``chromium`` (installed by ``make test``) is driven by Playwright through
``executable_path``; no browser is ever downloaded. JupyterLab listens on a free
loopback port with a random token. A screenshot of each notebook after Run All is
kept in ``tests/artifacts/`` (not committed).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from analysis.paths import NOTEBOOKS_DIR

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
# Flags that keep Chromium from reaching for the internet (and let it run as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
RUN_TIMEOUT_S = 300

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.loopback]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_server(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"JupyterLab did not answer at {url} within {timeout} s")


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; `make test` installs it")
        pytest.skip("Debian's chromium is not installed (`make browser` installs it)")
    port, token = _free_port(), secrets.token_hex(16)
    home = tmp_path_factory.mktemp("jupyter-home")
    # JupyterLab autosaves what it runs: serve copies, so the committed notebooks
    # never get outputs written into them.
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(NOTEBOOKS_DIR, root / "notebooks")
    _write_lab_settings(home / "settings")
    env = {
        **os.environ,
        "ANALYSIS_FIGURES_DIR": str(tmp_path_factory.mktemp("browser-figures")),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--allow-root",
            "--LabApp.news_url=",
            "--LabApp.extension_manager=readonly",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for_server(f"{base}/api/status?token={token}", process)
        yield base, token
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


# User settings for the test's JupyterLab: start the notebook's kernel without asking,
# and never fetch news.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def _write_lab_settings(folder: Path) -> None:
    for name, values in LAB_SETTINGS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # launch() gives Chromium a fresh, temporary user-data-dir of its own.
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()


def _chart_count(notebook: Path) -> int:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum(
        "".join(c["source"]).count("save_figure(") for c in cells if c["cell_type"] == "code"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_jupyterlab(notebook, jupyterlab, browser):
    base, token = jupyterlab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        # A workspace of its own, reset, so only this notebook is open (JupyterLab would
        # otherwise restore the tabs of the notebooks tested before).
        page.goto(
            f"{base}/lab/workspaces/{notebook.stem}/tree/notebooks/{notebook.name}"
            f"?reset&token={token}"
        )
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=90_000)
        _accept_kernel_dialog(page)
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000
        )
        # The status bar says "<kernel> | Idle" only once the kernel is connected.
        page.get_by_text(re.compile(r"\| Idle")).first.wait_for(timeout=90_000)
        assert page.locator(".jp-NotebookPanel").count() == 1
        page.click("li.lm-MenuBar-item:has-text('Run')")
        page.click("li.lm-Menu-item:has-text('Run All Cells')")
        ARTIFACTS.mkdir(exist_ok=True)
        try:
            _wait_until_all_cells_ran(page, notebook)
        finally:
            page.screenshot(path=str(ARTIFACTS / f"{notebook.stem}.png"), full_page=True)
        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        )
        tracebacks = [t for t in errors.all_inner_texts() if re.search(r"Traceback|Error\b", t)]
        assert not tracebacks, tracebacks[0][:2000]
        images = page.locator(".jp-OutputArea-output img").count()
        assert images >= _chart_count(notebook), (
            f"{images} images for {_chart_count(notebook)} charts"
        )
    finally:
        page.close()


def _accept_kernel_dialog(page) -> None:
    """Accept JupyterLab's "Select Kernel" dialog if it shows; it blocks every click.

    The notebooks store their kernelspec, but a fresh JupyterLab profile may still ask.
    """
    dialog = page.locator(".jp-Dialog:has-text('Select Kernel')")
    try:
        dialog.wait_for(timeout=10_000)
    except Exception:  # playwright's TimeoutError: no dialog came, nothing to accept
        return
    dialog.locator("button:has-text('Select')").click()
    dialog.wait_for(state="detached", timeout=10_000)


def _wait_until_all_cells_ran(page, notebook: Path) -> None:
    """Every code cell shows an execution count and the kernel is idle again."""
    n_code = sum(
        c["cell_type"] == "code" for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    )
    deadline = time.monotonic() + RUN_TIMEOUT_S
    idle_seconds = 0
    while time.monotonic() < deadline:
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
        done = sum(bool(re.fullmatch(r"\[\d+\]:", p.strip())) for p in prompts)
        idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count() > 0
        idle_seconds = idle_seconds + 1 if idle else 0
        if done >= n_code and idle:
            return
        if idle_seconds >= 15 and any(p.strip() == "[*]:" for p in prompts):
            # Known problem, not yet understood: on a loaded machine JupyterLab can leave
            # cells queued while the kernel sits idle (papermill runs the same notebooks
            # cleanly in test_notebooks.py). Reported as xfail, never as a pass.
            pytest.xfail(f"{notebook.name}: Run All stalled with cells queued, kernel idle")
        if idle_seconds >= 5 and done > 0:
            return  # Run All stopped early (a cell failed): the caller reports the error
        time.sleep(1)
    raise TimeoutError(f"{notebook.name}: not all {n_code} cells ran within {RUN_TIMEOUT_S} s")
