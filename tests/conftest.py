"""Shared fixtures: the offline guard, the seed and real articles."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

from analysis import evaluation
from analysis.paths import PROJECT_DIR, SEED_ARTICLE

# The on-disk cache of parsed articles and fetched pages goes to a folder of this test
# session, never the user's: set at import, before any session fixture loads an article,
# and inherited by the notebook kernels the tests start.
_SESSION_CACHE = tempfile.mkdtemp(prefix="analysis-test-cache-")
os.environ["ANALYSIS_CACHE_DIR"] = _SESSION_CACHE
os.environ.pop("ANALYSIS_DOWNLOADS_DIR", None)


def pytest_unconfigure(config):
    shutil.rmtree(_SESSION_CACHE, ignore_errors=True)


FIXTURES = Path(__file__).parent / "fixtures"
BBC = FIXTURES / "bbc"
HTML = FIXTURES / "html"
# expected.json's one page that is also a seed is read from seeds/, not stored twice.
SEED_COPIES = {
    "bbc.com.52241221.html": PROJECT_DIR / "seeds" / "bbc-com-2020-new-york-mass-burials.html",
}


def html_page(name: str) -> Path:
    """Path of a page of expected.json: the fixture, or the seed that is the same page."""
    return SEED_COPIES.get(name, HTML / name)


# The shared corpus beside the project, for tests that sample many real articles.
SHARED_CORPUS = evaluation.SHARED_CORPUS


def skip_without(path: Path) -> None:
    """Skip the calling test, saying why, when ``path`` of the shared corpus is absent."""
    reason = evaluation.corpus_missing(path)
    if reason:
        pytest.skip(reason)


def pytest_configure(config):
    # A skipped test names its reason in the summary ("../shared/corpus not found: …"),
    # as with -rs, so a missing corpus never passes for a green run.
    if "s" not in config.option.reportchars and "a" not in config.option.reportchars:
        config.option.reportchars += "s"


class NetworkBlocked(RuntimeError):
    """Raised by the offline guard when code tries to open a network connection."""


def _refuse(*args, **kwargs):
    raise NetworkBlocked(f"network access attempted during a test: {args!r}")


LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True)
def offline(request, monkeypatch):
    """Cut the network for every test: any connection attempt fails loudly.

    Unix-domain sockets stay allowed. Tests marked ``loopback`` (the JupyterLab
    browser test) may also reach servers they start on 127.0.0.1, and nothing else.
    """
    allow_loopback = request.node.get_closest_marker("loopback") is not None
    original_connect = socket.socket.connect
    original_create = socket.create_connection
    original_getaddrinfo = socket.getaddrinfo

    def allowed(host) -> bool:
        return allow_loopback and str(host) in LOOPBACK_HOSTS

    def guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not allowed(address[0]):
            _refuse(address)
        return original_connect(self, address)

    def guarded_create(address, *args, **kwargs):
        if not allowed(address[0]):
            _refuse(address)
        return original_create(address, *args, **kwargs)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if not allowed(host):
            _refuse(host)
        return original_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", guarded_create)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    yield


@pytest.fixture(autouse=True)
def scratch_figures(tmp_path, monkeypatch):
    """Tests write figures to a temporary folder, never over the committed ones."""
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path / "figures"))
    yield tmp_path / "figures"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED_ARTICLE


@pytest.fixture(scope="session")
def seed():
    """The seed article, loaded once per test session."""
    from analysis import load_article

    return load_article(SEED_ARTICLE)


@pytest.fixture(scope="session")
def bbc_sport():
    """BBC sport/001: "Claxton hunting first major medal" (plain, short sentences)."""
    from analysis import load_article

    return load_article(BBC / "sport" / "001.txt")


@pytest.fixture(scope="session")
def bbc_business():
    """BBC business/001: "Ad sales boost Time Warner profit"."""
    from analysis import load_article

    return load_article(BBC / "business" / "001.txt")


@pytest.fixture(autouse=True)
def close_figures():
    """Close every matplotlib figure a test opened (charts are returned, never shown)."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
