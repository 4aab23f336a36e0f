"""The run's index page in a real browser: every link and every image loads.

The overview notebook is run on the seed into a scratch folder (with its figures),
the folder is served on a loopback port, and Debian's Chromium (driven by Playwright,
never a downloaded browser) opens ``<slug>/index.html``.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from analysis.jupyterlab_driver import CHROMIUM, CHROMIUM_ARGS
from analysis.paths import SEED_ARTICLE

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.loopback]


@pytest.fixture
def served_run(tmp_path, monkeypatch):
    """Run 00-overview on the seed into tmp_path and serve tmp_path on 127.0.0.1."""
    from analysis.runner import notebook_paths, run_articles

    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path / "figures"))
    (result,) = run_articles([SEED_ARTICLE], notebook_paths(["00"]), tmp_path / "out", False)
    assert [run.ok for run in result.runs] == [True], result.runs
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        relative = result.index.relative_to(tmp_path).as_posix()
        yield f"http://127.0.0.1:{server.server_port}/{relative}"
    finally:
        server.shutdown()
        server.server_close()


def test_index_page_links_and_images_load(served_run):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; `make test` installs it")
        pytest.skip("Debian's chromium is not installed (`make browser` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            failed = []
            page.on("requestfailed", lambda request: failed.append(request.url))
            assert page.goto(served_run).ok
            page.wait_for_load_state("load")
            assert "Putin" in page.locator("h1").inner_text()
            links = page.eval_on_selector_all("ul a", "els => els.map(e => e.href)")
            assert [link.rsplit("/", 1)[-1] for link in links] == ["00-overview.html"]
            images = page.eval_on_selector_all(
                "img", "els => els.map(e => [e.getAttribute('src'), e.naturalWidth])"
            )
            # The overview's four charts, each decoded by the browser.
            assert len(images) == 4
            assert all(width > 0 for _, width in images), images
            for link in links:
                response = page.goto(link)
                assert response.ok, link
                # The notebook page stands alone: its charts are inline images that load.
                widths = page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth)")
                assert len(widths) >= 4 and all(w > 0 for w in widths)
            assert failed == []
        finally:
            browser.close()
