"""Names for articles on disk: the slug that names an article's figures and output.

A module of its own, below loading and fetching, because both name things by it
(``article.make_slug`` for an article, ``fetch`` for a downloaded page).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path


def make_slug(path: Path | None, title: str, text: str) -> str:
    """A stable, filesystem-safe name: from the file name, else from the title.

    A file name with fewer than three letters (``001.txt``) is prefixed with its
    folder (``sport-001``) so articles of different folders never share figures.
    A string input gets its title's first words and a short hash of its text.
    """
    if path is not None:
        stem = path.stem
        if sum(c.isalpha() for c in stem) < 3 and path.parent.name:
            stem = f"{path.parent.name}-{stem}"
        return slugify(stem) or "article"
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    words = slugify(title).split("-")[:6]
    return "-".join([w for w in words if w] + [digest])


def slugify(text: str, max_length: int = 80) -> str:
    """Lower-case ASCII letters, digits and single hyphens only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")
