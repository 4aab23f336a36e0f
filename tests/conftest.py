"""Shared fixtures: the offline guard, the seed and real articles."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from analysis.paths import PROJECT_DIR, SEED_ARTICLE

FIXTURES = Path(__file__).parent / "fixtures"
BBC = FIXTURES / "bbc"
HTML = FIXTURES / "html"
# The shared corpus beside the project, for tests that sample many real articles.
SHARED_CORPUS = PROJECT_DIR.parent / "shared" / "corpus"


class NetworkBlocked(RuntimeError):
    """Raised by the offline guard when code tries to open a network connection."""


def _refuse(*args, **kwargs):
    raise NetworkBlocked(f"network access attempted during a test: {args!r}")


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Cut the network for every test: any connection attempt fails loudly.

    Unix-domain sockets stay allowed (Jupyter kernels talk over local sockets
    in the notebook tests, which spawn their own processes anyway).
    """
    original_connect = socket.socket.connect

    def guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _refuse(address)
        return original_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
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
