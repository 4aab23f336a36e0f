"""Writing the command line's output: nothing half-written, every failure an ``OSError``.

Each failure carries the path it is about (``<stdout>`` for standard output), so
``python -m analysis`` ends with ``error: <path>: <problem>`` and exit 2, never a
traceback. Files are written by the package's one atomic write,
:func:`analysis.paths.write_atomically`.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from pathlib import Path

from analysis import paths


def escape_surrogates(text: str) -> str:
    r"""Text with each lone surrogate (a file name's byte that is not UTF-8) as ``\udcXX``.

    Inside a JSON string that is the JSON escape of the same character; in a table it
    shows the name's bytes instead of writing them raw, which is not valid UTF-8.
    """
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def write_stdout(text: str) -> None:
    """Write to standard output, a write error naming ``<stdout>`` (as a full disk does)."""
    try:
        sys.stdout.write(escape_surrogates(text))
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OSError(error.errno, error.strerror, "<stdout>") from None


def write_atomically(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (:func:`analysis.paths.write_atomically`).

    Raises:
        OSError: The folder cannot be written or the disk is full; its ``filename`` is
            ``path`` (not the temporary file's name).
    """
    paths.write_atomically(path, text)


def check_writable(folder: Path) -> None:
    """Create ``folder`` and write a file in it: ``run`` stops before any notebook if it cannot."""
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(folder)) from None


def drop_stdout() -> None:
    """Point standard output at the null device, so its unwritten rest fails no second time.

    Else Python's final flush repeats the full disk's error as "Exception ignored".
    """
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
