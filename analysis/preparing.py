"""An input made ready to parse: read, decoded, extracted, cleaned (:class:`PreparedText`).

:func:`prepare` turns a path, a URL or a string into the cleaned body and what is
known about it before the parse (format, encoding, paragraphs, removed lines,
title); :func:`prepare_cached` reads that from the on-disk cache when the same input
was prepared before (:mod:`analysis.disk_cache`), so a notebook kernel loading an
analysed page runs no extraction. Bad input ends here with an
:class:`~analysis.errors.ArticleError` naming the file and the problem.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path

from analysis import disk_cache, textio
from analysis.cleaning import (
    _drop_repeated_title,
    _headline,
    drop_tables,
    markdown_parts,
    remove_boilerplate,
    split_paragraphs,
)
from analysis.errors import ArticleError
from analysis.paths import is_url

TEXT_SUFFIXES = {".txt", ".text", ""}


MARKDOWN_SUFFIXES = {".md", ".markdown"}


HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


# A one-line str longer than this is text, never a path.
MAX_PATH_CHARS = 1024


# A one-line str starting like this is a path even when nothing is there (then an error).
PATH_STARTS = ("/", "./", "../", "~/")


@dataclass
class PreparedText:
    """Everything :func:`load_article` knows before the spaCy parse."""

    label: object
    path: Path | None
    format: str
    encoding: str
    raw_text: str
    text: str
    paragraphs: list[str]
    removed_lines: list[str]
    title: str | None
    title_source: str | None
    slug: str | None
    url: str | None = None


def prepare_cached(
    source: str | Path, *, title: str | None = None, slug: str | None = None
) -> PreparedText:
    """:func:`prepare`, read from the on-disk cache when this input was prepared before.

    The record is keyed by the input's bytes (a file's, or a URL's kept page), its
    resolved path or URL, and ``title`` and ``slug`` (:func:`disk_cache.prepared_key`).
    An input whose preparation warned (invalid bytes) is prepared each time, so the
    warning is shown each time; text given as a string is cheap to prepare and is not
    recorded.
    """
    if not disk_cache.enabled():  # no record to read or write: skip hashing the input
        return prepare(source, title=title, slug=slug)
    key, identity = _prepared_key(source, title, slug)
    record = disk_cache.load_prepared(key) if key else None
    if record is not None:
        return _from_record(record, identity)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        prepared = prepare(source, title=title, slug=slug)
    for warning in caught:
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    if key and not caught:
        disk_cache.save_prepared(key, _to_record(prepared))
    return prepared


def _prepared_key(source, title, slug) -> tuple[str | None, object]:
    """The prepared record's key of an input and its label, or ``(None, None)``."""
    from analysis import fetch

    if is_url(source):
        page = fetch.stored_download(source)
        if page is None:
            return None, None  # not kept yet: prepare fetches it
        kind, identity, read = "url", source.strip(), page.path
    else:
        path = _as_path(source)
        if path is None:
            return None, None
        kind, identity, read = "file", path, path
    try:
        if not read.is_file() or read.stat().st_size > textio.MAX_INPUT_BYTES:
            return None, None  # prepare says what is wrong
        content = read.read_bytes()
    except OSError:
        return None, None
    resolved = str(read.resolve()) if kind == "file" else identity
    return disk_cache.prepared_key(kind, resolved, content, (title, slug)), identity


_PATH_FIELDS = ("label", "path")


def _to_record(prepared: PreparedText) -> dict:
    """A prepared text as JSON values (paths as strings)."""
    record = {name: getattr(prepared, name) for name in PreparedText.__dataclass_fields__}
    for name in _PATH_FIELDS:
        value = record[name]
        record[name] = str(value) if isinstance(value, Path) else value
    record["removed_lines"] = [str(line) for line in prepared.removed_lines]
    return record


def _from_record(record: dict, identity) -> PreparedText:
    """The prepared text of a record, labelled with the path or URL as given this time."""
    prepared = PreparedText(**record)
    prepared.label = identity
    prepared.path = identity if isinstance(identity, Path) else None
    return prepared


def prepare(
    source: str | Path, *, title: str | None = None, slug: str | None = None
) -> PreparedText:
    """Read, decode, extract and clean an article, up to (not including) the parse."""
    from analysis import fetch

    url = source.strip() if is_url(source) else None
    path = None if url else _as_path(source)
    if url:
        page = fetch.fetch(url)
        decoded, fmt, label = textio.decode_bytes(page.path.read_bytes(), url), "html", url
        slug = slug or fetch.url_slug(url)
    elif path is not None:
        decoded, fmt = _read_file(path)
        label: object = path
    else:
        text = str(source)
        textio.check_size(len(text.encode("utf-8", "surrogatepass")), "<text>")
        decoded, fmt, label = textio.DecodedText(text, "str"), _sniff_format(text), "<text>"
    raw = decoded.text
    body, page_title, not_prose = _body_of(raw, fmt, label)
    body = textio.normalize_text(body)
    textio.check_is_language(body, label)
    lines, removed = remove_boilerplate(body)
    removed = not_prose + removed
    paragraphs = split_paragraphs(lines)
    title_source = "given" if title else ("html" if page_title else None)
    title = title or page_title
    if title:
        paragraphs = _drop_repeated_title(paragraphs, title)
    else:
        headline = _headline(paragraphs)
        if headline:
            title, title_source, paragraphs = headline, "headline", paragraphs[1:]
    if not paragraphs:
        raise ArticleError(label, "no body text is left after removing the title and boilerplate")
    text = "\n\n".join(paragraphs)
    textio.check_is_language(text, label)
    return PreparedText(
        label=label,
        path=path,
        format=fmt,
        encoding=decoded.encoding,
        raw_text=raw,
        text=text,
        paragraphs=paragraphs,
        removed_lines=removed,
        title=title,
        title_source=title_source,
        slug=slug,
        url=url,
    )


def _body_of(raw: str, fmt: str, label: object) -> tuple[str, str | None, list[str]]:
    """The body text of a decoded input, the page's title (HTML) and the lines not prose.

    HTML goes through trafilatura (:func:`analysis.textio.extract_html`); Markdown loses
    its markup, front matter, code and tables; plain text its pipe tables.
    """
    if fmt == "html":
        page = textio.extract_html(raw, label)
        return page.text, page.title, []
    prose, not_prose = markdown_parts(raw) if fmt == "markdown" else drop_tables(raw)
    return textio.decode_character_references(prose), None, not_prose


def _as_path(source: str | Path) -> Path | None:
    """The path a load argument names, or ``None`` when it is the article text itself.

    A ``str`` is a path when it is one line of at most :data:`MAX_PATH_CHARS`
    characters and either something is at that location (a file, a folder, or a
    symbolic link, even a broken one or a loop), or it ends in an article suffix with
    no space in the file name, or it starts as paths do (``/``, ``./``, ``../``, ``~/``).
    Anything else is text: an article is never a single path-like line.
    """
    if isinstance(source, Path):
        return source
    if not isinstance(source, str):
        raise TypeError(f"load_article takes a path or a str, not {type(source).__name__}")
    if "\n" in source or len(source) > MAX_PATH_CHARS:
        return None
    candidate = Path(source)
    # "~name" of no known user has no home folder to put in its place: it stays as written.
    with contextlib.suppress(RuntimeError):
        candidate = candidate.expanduser()
    looks_like_file = candidate.suffix.lower() in TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
    if (
        _entry_exists(candidate)
        or (looks_like_file and candidate.suffix and " " not in candidate.name)
        or source.startswith(PATH_STARTS)
    ):
        return candidate
    return None


def _entry_exists(path: Path) -> bool:
    """Whether a directory entry is there, without following a final symbolic link."""
    try:
        path.lstat()
    except (OSError, ValueError):  # ValueError: a NUL character in the string
        return False
    return True


def _read_file(path: Path) -> tuple[textio.DecodedText, str]:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError(path, "this is a folder, not a file (pass one article file)")
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(path, "not a regular file (a device, pipe or socket)")
        textio.check_size(info.st_size, path)
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ArticleError(path, _unreadable_reason(path, error)) from None
    decoded = textio.decode_bytes(data, path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        fmt = "html"
    elif suffix in MARKDOWN_SUFFIXES:
        fmt = "markdown"
    else:
        fmt = _sniff_format(decoded.text)
    return decoded, fmt


def _unreadable_reason(path: Path, error: OSError) -> str:
    """Why a path cannot be opened, in words (the errno says which case it is)."""
    if error.errno == errno.ELOOP:
        return "a symbolic link loop: following the link leads back to itself"
    if isinstance(error, FileNotFoundError):
        if path.is_symlink():
            return f"a broken symbolic link: its target {os.readlink(path)} does not exist"
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied: the file cannot be read"
    return f"the file cannot be read ({error.strerror or error})"


def _sniff_format(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text):
        return "html"
    return "text"
