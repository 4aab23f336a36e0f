"""Articles from URLs, against a local HTTP server on 127.0.0.1 (nothing else is reached)."""

from __future__ import annotations

import contextlib
import http.server
import json
import socket
import threading
import time
from typing import NamedTuple

import pytest

from analysis import ArticleError, fetch, load_article
from analysis.__main__ import main
from analysis.paths import SEEDS_DIR

PAGE = (SEEDS_DIR / "bbc-com-2020-new-york-mass-burials.html").read_bytes()
TITLE = "New York ramps up mass burials amid virus outbreak"

pytestmark = pytest.mark.loopback


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}
    requests: list = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        type(self).requests.append((self.path, self.headers.get("User-Agent")))
        status, headers, body = self.routes.get(self.path, (404, {}, b"not here"))
        if callable(body):
            body = body()
        if isinstance(body, Trickle):
            return self._trickle(status, headers, body)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The client may give up (timeout, size limit): what those tests expect.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def _trickle(self, status, headers, trickle):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(trickle.body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for byte in trickle.body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(trickle.every_s)

    def log_message(self, *args):
        pass


class Trickle(NamedTuple):
    """A body sent one byte every ``every_s`` seconds (a server that never times out)."""

    body: bytes
    every_s: float


@pytest.fixture
def server(tmp_path, monkeypatch):
    """A loopback server with one route per case; yields its base URL."""
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(fetch, "TIMEOUT_S", 1)
    html = {"Content-Type": "text/html; charset=utf-8"}
    _Handler.routes = {
        "/news/burials.html": (200, html, PAGE),
        "/moved": (301, {"Location": "/news/burials.html"}, b""),
        "/gone": (404, html, b"<html>Not found</html>"),
        "/broken": (500, html, b"<html>Server error</html>"),
        "/slow": (200, html, lambda: time.sleep(2.5) or PAGE),
        "/paper.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4"),
        "/huge": (200, {**html, "Content-Length": "20000000"}, b"<html></html>"),
    }
    _Handler.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_url_is_fetched_once_and_kept(server, tmp_path):
    url = f"{server}/news/burials.html"
    article = load_article(url)
    assert article.title == TITLE
    assert article.source == url and article.format == "html"
    port = server.rsplit(":", 1)[1]
    assert article.slug == f"127-0-0-1-{port}-news-burials"
    assert len(_Handler.requests) == 1
    assert _Handler.requests[0][1] == fetch.USER_AGENT
    # Stored with its URL and fetch time; the page bytes are the server's.
    download = fetch.stored_download(url)
    assert download.path.read_bytes() == PAGE
    meta = json.loads((download.path.parent / "meta.json").read_text())
    assert meta["url"] == url and meta["bytes"] == len(PAGE) and meta["fetched_at"]
    assert download.path.is_relative_to(tmp_path / "cache" / "downloads")
    # Loaded again: the kept page, no request.
    assert load_article(url).text == article.text
    assert len(_Handler.requests) == 1
    fetch.fetch(url, refresh=True)
    assert len(_Handler.requests) == 2


def test_redirects_are_followed(server):
    download = fetch.fetch(f"{server}/moved")
    assert download.final_url == f"{server}/news/burials.html"
    assert load_article(f"{server}/moved").title == TITLE


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/gone", "the server answered HTTP 404 Not Found"),
        ("/broken", "the server answered HTTP 500 Internal Server Error"),
        ("/slow", "no answer within 1 s (timed out)"),
        (
            "/paper.pdf",
            "not an HTML page (the server sent application/pdf); save it and pass the file",
        ),
        ("/huge", "the page is over the 2,000,000-byte limit for one article"),
    ],
)
def test_fetch_failures_name_the_url_and_the_problem(server, path, problem):
    url = f"{server}{path}"
    with pytest.raises(ArticleError) as caught:
        load_article(url)
    assert str(caught.value) == f"{url}: {problem}"
    assert fetch.stored_download(url) is None  # nothing kept from a failure


def test_an_unknown_host_is_a_dns_error(server, monkeypatch):
    def no_such_host(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    # What the resolver raises for an unknown name, at the call http.client makes
    # (the offline guard would refuse the real lookup before DNS is asked).
    monkeypatch.setattr(socket, "create_connection", no_such_host)
    url = "https://no-such-host.invalid/story.html"
    with pytest.raises(ArticleError, match=r"^https://no-such-host\.invalid/story\.html: the host"):
        load_article(url)


def test_the_cli_takes_urls_and_refresh(server, capsys):
    url = f"{server}/news/burials.html"
    assert main(["info", url]) == 0
    assert TITLE in capsys.readouterr().out
    assert main(["info", url, "--refresh"]) == 0
    assert len(_Handler.requests) == 2
    assert main(["report", f"{server}/gone"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: {server}/gone: the server answered HTTP 404 Not Found"
    )


def test_compare_takes_urls(server, capsys):
    url = f"{server}/news/burials.html"
    assert (
        main(
            [
                "compare",
                url,
                str(SEEDS_DIR / "bbc-tech-030-eu-patent-law.txt"),
                "--quiet",
                "--format",
                "json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert [row["source"] for row in rows][0] == url
    assert rows[0]["title"] == TITLE


def test_url_slug_is_short_and_safe():
    assert (
        fetch.url_slug("https://www.bbc.co.uk/news/world-123.html?x=1")
        == "bbc-co-uk-news-world-123"
    )
    long = fetch.url_slug("https://example.com/" + "word-" * 40)
    assert len(long) <= 67 and long.startswith("example-com-word-word")
