"""Each article parsed once, ever: its spaCy ``Doc`` and analysis results kept on disk.

An entry holds the parsed ``Doc`` (a spaCy ``DocBin``), the detected language and
whatever per-article results (:mod:`analysis.cache`) were computed when it was saved.
Loading an article whose entry exists needs no model load and no parse: the ``Doc`` is
rebuilt on a blank English ``Vocab`` (the strings travel inside the ``DocBin``), which
gives every analysis the same values as the freshly parsed ``Doc``
(``tests/test_disk_cache.py`` checks the whole report).

An entry's key is the SHA-256 of the text to parse together with a fingerprint of
everything that could change a result: this package's source and data files, the
spaCy version and the model's ``meta.json`` (name, version, pipeline). Changing any
of them makes old entries unreachable (they age out under the size cap). Entries are
written to a temporary file and renamed, so a reader never sees half an entry.

Entries are sealed: each carries an HMAC-SHA256 of its payload keyed by a per-user
secret (``secret.key`` in the cache folder, 32 random bytes, created mode 0600), and
nothing of an entry is unpickled before its seal checks out. An entry written by
anyone without the secret (a planted file), damaged, or not matching its key is
deleted and rebuilt, never trusted; when the secret cannot be read or created the
cache is not used.

Besides the parsed entry, a *prepared* record (JSON, sealed the same way) maps an
input file's bytes (or a kept URL page's), with the title and slug asked for, to
what :func:`analysis.article.prepare` made of it: the cleaned text, paragraphs,
removed lines and title. A notebook kernel loading an article the runner analysed
therefore reads neither trafilatura nor spaCy: one record, one entry.

The folder is :func:`analysis.paths.cache_dir` ``/articles``; ``$ANALYSIS_CACHE=off``
turns the cache off, ``$ANALYSIS_CACHE_MAX_MB`` sets the size cap (default 1024).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import os
import pickle
import secrets
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from analysis.paths import PACKAGE_DIR, cache_dir, write_atomically

# Bump when the layout of an entry changes.
FORMAT_VERSION = 2
MAGIC = b"ANALYSIS-CACHE-2\n"
SECRET_NAME = "secret.key"
DEFAULT_MAX_MB = 1024
# Pruning deletes the least recently used entries until the cache is this share of the cap.
PRUNE_TO = 0.8

# Bytes the cache held at the last scan plus those written since (None: not scanned yet):
# the cap is checked against it on every write, so it holds within one process.
_estimated_bytes: int | None = None
# Article -> keys of the results its stored entry holds (to skip rewriting an entry).
_SAVED_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@dataclass
class Entry:
    """What is stored for one article text."""

    doc: object
    language: tuple[str, float]
    results: dict = field(default_factory=dict)


def enabled() -> bool:
    """Whether the on-disk cache is used (``$ANALYSIS_CACHE`` is not ``off``/``0``)."""
    return os.environ.get("ANALYSIS_CACHE", "on").lower() not in {"off", "0", "no", "false"}


def articles_dir() -> Path:
    """Folder of the cached article entries."""
    return cache_dir() / "articles"


@functools.cache
def fingerprint() -> str:
    """Hash of what results depend on besides the text: code, data, spaCy and model."""
    import spacy

    from analysis.nlp import model_meta_bytes

    digest = hashlib.sha256(f"format {FORMAT_VERSION}\nspacy {spacy.__version__}\n".encode())
    digest.update(model_meta_bytes())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def entry_key(text: str) -> str:
    """The cache key of an article body."""
    from analysis import nlp

    # The chunk size decides where long texts are cut before parsing (read now: tests
    # change it at run time).
    digest = hashlib.sha256(f"{fingerprint()}\nchunk {nlp.MAX_CHUNK_CHARS}\n".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def entry_path(key: str) -> Path:
    """Where the entry of a key is stored."""
    return articles_dir() / key[:2] / f"{key}.bin"


def load(text: str) -> Entry | None:
    """The stored entry for an article body, or ``None`` (missing, corrupt or stale).

    A damaged entry is deleted so the caller's rebuild replaces it.
    """
    if not enabled():
        return None
    key = entry_key(text)
    path = entry_path(key)
    payload = _read_sealed(path)
    if payload is None:
        return None
    try:
        entry = _decode(payload, key, text)
    except Exception:  # any damage at all: never trust the entry, rebuild it
        path.unlink(missing_ok=True)
        return None
    _touch(path)
    return entry


def _read_sealed(path: Path) -> bytes | None:
    """The payload of a stored file whose seal checks out; a file that fails is deleted.

    ``None`` when there is no file, and without deleting anything when the secret
    cannot be read.
    """
    try:
        return _unseal(path.read_bytes())
    except OSError:  # no such file, unreadable, or no secret
        return None
    except ValueError:
        path.unlink(missing_ok=True)
        return None


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        # Most recently used: pruned last. The clock's own nanoseconds, since the kernel
        # stamps files with a coarser tick that entries written just before may share.
        now = time.time_ns()
        os.utime(path, ns=(now, now))


def save(text: str, doc, language: tuple[str, float], results: dict | None = None) -> None:
    """Store (or replace) the entry of an article body; problems writing are ignored.

    Args:
        text: The article body that was parsed.
        doc: Its spaCy ``Doc``.
        language: ``(code, probability)`` from :func:`analysis.article.detect_language`.
        results: Per-article results to keep (``{key: value}`` of :mod:`analysis.cache`);
            values that hold spaCy objects or cannot be pickled are left out.
    """
    if not enabled():
        return
    from spacy.tokens import DocBin

    doc_bin = DocBin(store_user_data=True)
    doc_bin.add(doc)
    key = entry_key(text)
    payload = pickle.dumps(
        {
            "key": key,
            "text": text,
            "doc": doc_bin.to_bytes(),
            "language": tuple(language),
            "results": _picklable_results(results or {}),
        },
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    _write_sealed(entry_path(key), payload)


def _write_sealed(path: Path, payload: bytes) -> None:
    """Write a sealed payload; problems writing (a read-only or full disk) are ignored."""
    try:
        sealed = _seal(payload)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, sealed)
    except OSError:
        return  # a read-only or full disk must not stop an analysis
    _count_write(len(sealed))


# -- prepared records ------------------------------------------------------------------


def prepared_key(kind: str, identity: str, content: bytes, options: tuple) -> str:
    """The key of a prepared record: the input's bytes, what it is, and the load options.

    Args:
        kind: ``"file"`` or ``"url"``.
        identity: The resolved path or the URL (a file's name makes its slug).
        content: The file's bytes, or the kept page's.
        options: The other arguments of the load (title, slug) that change the result.
    """
    # A file name's bytes that are not UTF-8 arrive as lone surrogates: kept as they are.
    header = f"{fingerprint()}\nprepared {kind}\n{identity}\n"
    digest = hashlib.sha256(header.encode("utf-8", "surrogatepass"))
    digest.update(repr(options).encode("utf-8", "surrogatepass") + b"\0")
    digest.update(content)
    return digest.hexdigest()


def prepared_path(key: str) -> Path:
    """Where the prepared record of a key is stored."""
    return articles_dir() / key[:2] / f"{key}.prepared.json"


def load_prepared(key: str) -> dict | None:
    """The stored prepared record of a key (a ``dict`` of JSON values), or ``None``."""
    if not enabled():
        return None
    path = prepared_path(key)
    payload = _read_sealed(path)
    if payload is None:
        return None
    try:
        record = json.loads(payload.decode("utf-8", "surrogatepass"))
        if record.pop("key") != key:
            raise ValueError("record belongs to another input")
    except Exception:  # any damage at all: never trust the record, rebuild it
        path.unlink(missing_ok=True)
        return None
    _touch(path)
    return record


def save_prepared(key: str, record: dict) -> None:
    """Store the prepared record of a key (``record``: JSON values only)."""
    if not enabled():
        return
    text = json.dumps({"key": key, **record}, ensure_ascii=False)
    _write_sealed(prepared_path(key), text.encode("utf-8", "surrogatepass"))


def save_article(article) -> None:
    """Store an article's ``Doc``, language and every result computed for it so far.

    Nothing is written when the stored entry already holds every result computed.
    """
    from analysis import cache

    results = cache.stored(article)
    known = _SAVED_KEYS.get(article)
    if known is not None and set(results) <= known:
        return
    save(article.text, article.doc, (article.language, article.language_confidence), results)
    mark_saved(article, results)


def mark_saved(article, results: dict) -> None:
    """Note that the stored entry of an article holds these results."""
    _SAVED_KEYS[article] = set(results)


def clear() -> tuple[int, int]:
    """Delete every cached article entry. Returns (files removed, bytes freed)."""
    files, size = 0, 0
    for path in _entry_files():
        try:
            size += path.stat().st_size
            path.unlink()
            files += 1
        except OSError:
            continue
    return files, size


def usage() -> tuple[int, int]:
    """Number of cached entries and their total size in bytes."""
    sizes = [p.stat().st_size for p in _entry_files()]
    return len(sizes), sum(sizes)


def max_bytes() -> int:
    """The size cap: ``$ANALYSIS_CACHE_MAX_MB`` megabytes (default 1024)."""
    try:
        megabytes = float(os.environ.get("ANALYSIS_CACHE_MAX_MB", DEFAULT_MAX_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1_000_000)


def prune(limit: int | None = None) -> int:
    """Delete least recently used entries until the cache is under the cap. Returns bytes freed."""
    limit = max_bytes() if limit is None else limit
    entries = []
    for path in _entry_files():
        try:
            stat = path.stat()
        except OSError:
            continue
        entries.append((stat.st_mtime, stat.st_size, path))
    total = sum(size for _, size, _ in entries)
    if total <= limit:
        return 0
    freed = 0
    for _, size, path in sorted(entries, key=lambda e: (e[0], str(e[2]))):
        if total - freed <= limit * PRUNE_TO:
            break
        path.unlink(missing_ok=True)
        freed += size
    return freed


# -- internals -----------------------------------------------------------------------


# Pickled class references name their module: a value that holds a spaCy object would
# drag a whole Vocab into the entry (and tie it to this process), so it is not kept.
_REFUSED_MODULES = (b"spacy", b"thinc", b"analysis.article")


def _picklable_results(results: dict) -> list[bytes]:
    pickled = []
    for key, value in results.items():
        try:
            data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: S112 - values that cannot be stored are recomputed instead
            continue
        # A text that mentions "spacy" is refused too: it is only recomputed, never wrong.
        if not any(module in data for module in _REFUSED_MODULES):
            pickled.append(data)
    return pickled


def _seal(payload: bytes) -> bytes:
    """``MAGIC``, the payload's HMAC under the user's secret, the payload."""
    return MAGIC + hmac.new(_secret(), payload, hashlib.sha256).digest() + payload


def _unseal(data: bytes) -> bytes:
    """The payload of sealed data, or ``ValueError`` when the seal does not check out."""
    if not data.startswith(MAGIC):
        raise ValueError("not a cache entry")
    seal, payload = data[len(MAGIC) : len(MAGIC) + 32], data[len(MAGIC) + 32 :]
    if not hmac.compare_digest(hmac.new(_secret(), payload, hashlib.sha256).digest(), seal):
        raise ValueError("not sealed with this user's secret")
    return payload


def _secret() -> bytes:
    """The per-user secret that seals entries, created (mode 0600) on first use.

    Raises:
        OSError: It can be neither read nor created (the cache is then not used).
    """
    path = cache_dir() / SECRET_NAME
    try:
        secret = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return _secret()
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(secrets.token_bytes(32))
        secret = path.read_bytes()
    if len(secret) != 32:
        raise OSError(f"{path}: not a cache secret (delete it to make a new one)")
    return secret


def _decode(payload: bytes, key: str, text: str) -> Entry:
    stored = pickle.loads(payload)  # sealed: written by this user's package
    if stored["key"] != key or stored["text"] != text:
        raise ValueError("entry belongs to another text")
    doc = _doc_from_bytes(stored["doc"])
    if doc.text != text:
        raise ValueError("stored Doc does not match the text")
    language, confidence = stored["language"]
    results = dict(pickle.loads(item) for item in stored["results"])
    return Entry(doc=doc, language=(str(language), float(confidence)), results=results)


@functools.cache
def blank_vocab():
    """A blank English ``Vocab``: the model's lexical attributes, without its weights."""
    from spacy.lang.en import English
    from spacy.vocab import create_vocab

    # What spacy.blank("en") builds its Vocab with, without the tokenizer it also builds
    # (a third of a second of rule compiling that deserialising never uses).
    return create_vocab("en", English.Defaults)


def _doc_from_bytes(data: bytes):
    from spacy.tokens import DocBin

    docs = list(DocBin(store_user_data=True).from_bytes(data).get_docs(blank_vocab()))
    if len(docs) != 1:
        raise ValueError("expected one Doc")
    return docs[0]


def _count_write(size: int) -> None:
    """Keep the cache under its cap: scan on the first write, then whenever it may be over."""
    global _estimated_bytes
    if _estimated_bytes is not None:
        _estimated_bytes += size
    if _estimated_bytes is None or _estimated_bytes > max_bytes():
        prune()
        _estimated_bytes = usage()[1]


def _entry_files() -> list[Path]:
    root = articles_dir()
    if not root.is_dir():
        return []
    return list(root.glob("*/*.bin")) + list(root.glob("*/*.prepared.json"))
