"""The machine-readable report: one JSON section per analysis module.

Section names and the keys inside them are a public interface (scripts parse
``python -m analysis report --format json``); add keys, never rename them.
"""

from __future__ import annotations

import math

from analysis.analyses import ANALYSES
from analysis.article import Article

SECTIONS = ("article", *ANALYSES)


def build_report(article: Article, sections: list[str] | None = None) -> dict:
    """Every analysis of one article as plain JSON-ready data, one key per section.

    Args:
        article: The loaded article.
        sections: Section names to include (default: all).

    Raises:
        ValueError: An unknown section name.
    """
    wanted = list(sections) if sections else list(SECTIONS)
    unknown = [name for name in wanted if name not in SECTIONS]
    if unknown:
        raise ValueError(f"unknown report section(s) {unknown}; choose from {list(SECTIONS)}")
    report = {}
    for name in wanted:
        if name == "article":
            report[name] = article.summary()
            continue
        report[name] = to_json_safe(ANALYSES[name].report_section(article))
    return report


def to_json_safe(value):
    """Plain Python values for ``json.dumps``: numpy scalars unwrapped, NaN/inf as ``None``."""
    if isinstance(value, dict):
        return {str(k): to_json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json_safe(v) for v in value]
    if hasattr(value, "item") and callable(value.item):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
