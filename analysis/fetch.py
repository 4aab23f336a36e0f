"""Articles given as ``http(s)://`` URLs: each page fetched once and kept.

A page is downloaded with a time limit, a size limit and this package's User-Agent,
following redirects, and stored with its URL and fetch time in
:func:`analysis.paths.downloads_dir` (``<cache>/downloads/<hash of the URL>/``:
``page.html`` and ``meta.json``). Every later load of the same URL reads the stored
page, so re-runs are offline and give the same result; ``refresh=True`` (the CLI's
``--refresh``) fetches it again. Every failure raises
:class:`~analysis.errors.ArticleError` naming the URL and the problem.
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from analysis.errors import ArticleError
from analysis.paths import downloads_dir, write_atomically
from analysis.slugs import slugify
from analysis.textio import MAX_INPUT_BYTES

USER_AGENT = "analysis/0.1 (news article text analysis; Python urllib)"
# Seconds to wait for the server to connect and for each read.
TIMEOUT_S = 20
# One deadline for the whole download: a server that trickles a byte at a time within
# the per-read timeout is cut off here.
DEADLINE_S = 60
# Read this many bytes at most per call (the deadline is checked between calls).
READ_CHUNK = 65_536
# Starts of files that are no web page whatever the server calls them.
BINARY_SIGNATURES = (b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04")
# Content types taken as an HTML page (anything else is refused).
HTML_TYPES = ("text/html", "application/xhtml+xml")
PAGE_NAME = "page.html"
META_NAME = "meta.json"


@dataclass(frozen=True)
class Download:
    """A stored page: where it is and where it came from."""

    url: str
    final_url: str
    fetched_at: str
    path: Path


def download_folder(url: str) -> Path:
    """Where the page of a URL is stored."""
    return downloads_dir() / hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]


def fetch(url: str, *, refresh: bool = False) -> Download:
    """The stored page of a URL, downloading it first if needed (or if ``refresh``).

    Raises:
        ArticleError: The host is unknown, the server answers with an error status,
            does not answer in time, sends something other than HTML, or sends more
            than :data:`~analysis.textio.MAX_INPUT_BYTES`.
    """
    url = url.strip()
    folder = download_folder(url)
    if not refresh:
        stored = stored_download(url)
        if stored is not None:
            return stored
    data, final_url = _download(url)
    meta = {
        "url": url,
        "final_url": final_url,
        "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / PAGE_NAME, data)
    write_atomically(folder / META_NAME, (json.dumps(meta, indent=2) + "\n").encode())
    return Download(url, final_url, meta["fetched_at"], folder / PAGE_NAME)


def stored_download(url: str) -> Download | None:
    """The page stored for a URL, or ``None`` when there is none (or it is incomplete)."""
    folder = download_folder(url.strip())
    try:
        meta = json.loads((folder / META_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    page = folder / PAGE_NAME
    if meta.get("url") != url.strip() or not _intact(page, meta):
        return None  # fetched again: a damaged or changed page is never used
    return Download(meta["url"], meta.get("final_url", url), meta.get("fetched_at", ""), page)


def _intact(page: Path, meta: dict) -> bool:
    """Whether the kept page is the one downloaded: its size and SHA-256 as in ``meta.json``.

    A page kept before the hash was recorded is checked by size alone.
    """
    try:
        data = page.read_bytes()
    except OSError:
        return False
    if meta.get("bytes") is not None and len(data) != meta["bytes"]:
        return False
    return meta.get("sha256") in (None, hashlib.sha256(data).hexdigest())


def url_slug(url: str) -> str:
    """A folder name for a URL's figures: host and path, e.g. ``bbc-co-uk-news-world-123``."""
    without_scheme = re.sub(r"^https?://(www\.)?", "", url.strip(), flags=re.I)
    without_query = re.split(r"[?#]", without_scheme)[0]
    slug = slugify(re.sub(r"\.html?$", "", without_query.rstrip("/"), flags=re.I))
    digest = hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:6]
    # Long paths are cut; the hash keeps two URLs with the same start apart.
    return f"{slug[:60].rstrip('-')}-{digest}" if len(slug) > 60 else slug or digest


def _download(url: str) -> tuple[bytes, str]:
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            _check_content_type(url, response.headers.get("Content-Type", ""))
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_INPUT_BYTES:
                raise _too_large(url)
            data = _read_before_deadline(url, response, time.monotonic() + DEADLINE_S)
            _check_not_binary(url, data)
            return data, response.geturl()
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:  # urllib's own message for a loop spans three lines
            raise ArticleError(url, "the server redirects in a loop (or too many times)") from None
        reason = " ".join(str(error.reason).split())
        raise ArticleError(url, f"the server answered HTTP {error.code} {reason}") from None
    except urllib.error.URLError as error:
        raise ArticleError(url, _describe(error.reason)) from None
    except TimeoutError:
        raise ArticleError(url, f"no answer within {TIMEOUT_S} s (timed out)") from None
    except OSError as error:  # connection reset mid-read and the like
        raise ArticleError(url, f"the download failed: {error}") from None


def _read_before_deadline(url: str, response, deadline: float) -> bytes:
    """The body, read a chunk at a time; too slow or too large is an :class:`ArticleError`."""
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise ArticleError(url, f"the download took over {DEADLINE_S} s (too slow)")
        chunk = response.read1(READ_CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_INPUT_BYTES:
            raise _too_large(url)


def _check_not_binary(url: str, data: bytes) -> None:
    """Refuse a body that is no web page whatever the server called it (a PDF, an image)."""
    head = data[:1024].lstrip()
    if head.startswith(BINARY_SIGNATURES) or b"\0" in head:
        raise ArticleError(url, "not an HTML page (the server sent a binary file as HTML)")


def _describe(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "the host name cannot be resolved (DNS lookup failed; check the address)"
    if isinstance(reason, TimeoutError):
        return f"no answer within {TIMEOUT_S} s (timed out)"
    if isinstance(reason, ConnectionRefusedError):
        return "the server refused the connection"
    return f"the page cannot be fetched ({reason})"


def _check_content_type(url: str, content_type: str) -> None:
    kind = content_type.split(";")[0].strip().lower()
    if kind and kind not in HTML_TYPES:
        raise ArticleError(
            url, f"not an HTML page (the server sent {kind}); save it and pass the file"
        )


def _too_large(url: str) -> ArticleError:
    return ArticleError(url, f"the page is over the {MAX_INPUT_BYTES:,}-byte limit for one article")
