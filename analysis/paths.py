"""Every path the package uses, anchored on the package file (never the working directory)."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
PROJECT_DIR = PACKAGE_DIR.parent
SEEDS_DIR = PROJECT_DIR / "seeds"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
FIGURES_DIR = PROJECT_DIR / "figures"
OUTPUT_DIR = PROJECT_DIR / "output"

SEED_ARTICLE = SEEDS_DIR / "000-russia-north-korea-mutual-aid-pact.txt"


def data_file(name: str) -> Path:
    """Path of a data file shipped inside the package (stop words, aliases, boilerplate)."""
    return DATA_DIR / name


def figures_dir() -> Path:
    """Root folder for saved figures: ``$ANALYSIS_FIGURES_DIR`` if set, else ``figures/``.

    The override lets tests and scratch runs write elsewhere without touching the
    committed figures.
    """
    import os

    override = os.environ.get("ANALYSIS_FIGURES_DIR")
    return Path(override).expanduser().resolve() if override else FIGURES_DIR


def cache_dir() -> Path:
    """Root of the on-disk cache: ``$ANALYSIS_CACHE_DIR`` if set, else ``~/.cache/analysis``.

    ``$XDG_CACHE_HOME/analysis`` is used when that variable is set. It holds
    ``articles/`` (each article's parsed ``Doc`` and analysis results; safe to delete at
    any time, ``python -m analysis cache clear`` does it) and ``downloads/`` (the pages
    fetched from URLs, kept so re-runs are offline and reproducible). Tests point it at
    a temporary folder.
    """
    import os

    override = os.environ.get("ANALYSIS_CACHE_DIR")
    if override:
        return Path(override).expanduser().resolve()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "analysis"


def downloads_dir() -> Path:
    """Folder of pages fetched from URLs: ``$ANALYSIS_DOWNLOADS_DIR``, else ``<cache>/downloads``.

    Unlike parsed entries these are inputs: they make re-runs offline and reproducible.
    """
    import os

    override = os.environ.get("ANALYSIS_DOWNLOADS_DIR")
    return Path(override).expanduser().resolve() if override else cache_dir() / "downloads"


def article_path(value: str | Path) -> Path | str:
    """Resolve a notebook's ``ARTICLE`` parameter.

    A path that exists as given (relative to the working directory) is used as
    is; otherwise it is taken relative to the project folder, so
    ``"seeds/…"`` works from ``notebooks/`` as well as from the project root.
    An ``http(s)://`` URL is returned unchanged.
    """
    if is_url(value):
        return value.strip()  # a URL, fetched by load_article
    path = Path(value).expanduser()
    if path.exists() or path.is_absolute():
        return path
    in_project = PROJECT_DIR / path
    return in_project if in_project.exists() else path


ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
# Files in seeds/ that describe the articles rather than being one.
NOT_ARTICLES = {"SOURCES.md", "README.md"}


def seed_articles() -> list[Path]:
    """Every article in ``seeds/`` (the seed first), skipping its SOURCES.md."""
    return sorted(
        p
        for p in SEEDS_DIR.iterdir()
        if p.suffix.lower() in ARTICLE_SUFFIXES and p.name not in NOT_ARTICLES
    )


def is_url(value: object) -> bool:
    """Whether a load argument is a web address (``http://`` or ``https://``, any case).

    The one URL test of the package: loading, fetching, the command line and the
    notebooks' ``ARTICLE`` all ask it.
    """
    return isinstance(value, str) and re.match(r"https?://", value.strip(), flags=re.I) is not None


def write_atomically(path: Path, data: bytes | str, *, unchanged_ok: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    The one write of the package (figures, CSVs, reports, pages, downloads, cache
    entries): a reader never sees half a file, and a failed write (a full disk, a
    read-only folder) leaves the old file as it was and no temporary file behind. The
    file gets the mode an ordinary ``open`` would give it (an existing file keeps its
    mode; a new one 0666 less the umask), not ``mkstemp``'s private 0600.

    Args:
        path: The file to write; its folder must exist.
        data: Bytes, or text written as UTF-8 (newlines as given).
        unchanged_ok: Leave the file (and its modification time) alone when it already
            holds exactly ``data``.

    Raises:
        OSError: The write failed; its ``filename`` is ``path`` (not the temporary name).
    """
    content = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    path = Path(path)
    with contextlib.suppress(OSError):
        if unchanged_ok and path.is_file() and path.read_bytes() == content:
            return
    temporary = None
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else _new_file_mode()
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as error:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(error, OSError):
            raise OSError(error.errno, error.strerror, str(path)) from None
        raise


def _new_file_mode() -> int:
    """The mode ``open`` gives a new file: 0666 less the umask (read by setting it back)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
