"""The pipeline: one pass over an article's doc gives every mention row; its steps in order.

:func:`_build` calls the steps top to bottom, each module holding its steps in the
same order: the model's mentions; :mod:`~analysis.entities.corrections`; acronym
definitions and the :mod:`~analysis.entities.patterns` pass; corrections that need
every mention; :mod:`~analysis.entities.merging`; crosshead names and relative places.
The result is computed once per article and configuration (:func:`_result`) and read
by every table, the report section, the headline metrics and the takeaways.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from analysis.article import Article
from analysis.cache import cached
from analysis.entities.corrections import (
    _apply_corrections,
    _correct_after_patterns,
    _correct_model_mentions,
)
from analysis.entities.mention import _Mention
from analysis.entities.merging import (
    _canonicalise,
    _crosshead_mentions,
    _name_and_mark_modifiers,
    _resolve_relative_places,
)
from analysis.entities.patterns import (
    _acronym_definitions,
    _drop_acronym_definitions,
    _pattern_pass,
)
from analysis.entities.rules import Alias, CorrectionRule, _alias_lookup, _default_config
from analysis.vocabulary import ENTITY_TYPES


@dataclass(frozen=True)
class _Result:
    """The one result record of an article: every public table, the report section,
    the headline metrics, the takeaways and (through the tables) the charts read it.

    Attributes:
        rows: Every mention row (:data:`MENTION_COLUMNS`), dropped ones included.
        kept: The kept mention rows, in reading order.
        counts: One row per canonical entity (:data:`COUNT_COLUMNS`), most mentioned first.
    """

    rows: list[dict]
    kept: list[dict]
    counts: list[dict]


def _result(
    article: Article,
    aliases: pd.DataFrame | None = None,
    corrections: list[CorrectionRule] | None = None,
) -> _Result:
    if aliases is None and corrections is None:
        # Every table below derives from this one pass over the default configuration,
        # so a notebook or report asking for five tables computes it once.
        return cached(article, ("entities", "result"), lambda a: _compute(a, None, None))
    return _compute(article, aliases, corrections)


def _compute(
    article: Article,
    aliases: pd.DataFrame | None,
    corrections: list[CorrectionRule] | None,
) -> _Result:
    default = aliases is None and corrections is None
    lookup, rules = _default_config()
    if aliases is not None:
        lookup = _alias_lookup(aliases)
    if corrections is not None:
        rules = tuple(corrections)
    rows = _build(article, lookup, rules, default)
    kept = [r for r in rows if r["kept"]]
    return _Result(rows=rows, kept=kept, counts=_count_rows(kept))


def _build(article: Article, lookup: dict[str, Alias], rules, default: bool) -> list[dict]:
    """Every mention row of the article, dropped ones included (the steps in order)."""
    doc, text = article.doc, article.text
    found = _model_mentions(doc)
    _correct_model_mentions(found, doc, text, lookup, rules)
    acronyms, definition_tokens = _acronym_definitions(found, doc)
    _drop_acronym_definitions(found, definition_tokens)
    found, added = _pattern_pass(
        article, found, lookup, (acronyms, definition_tokens), rules, default
    )
    for m in added:
        _apply_corrections(m, text, rules)
    found = sorted(found + added, key=lambda m: m.start)
    _correct_after_patterns(found, doc, text)
    _name_and_mark_modifiers(found, doc, text)
    _canonicalise(found, text, lookup, acronyms)
    found = sorted(found + _crosshead_mentions(article, found), key=lambda m: m.start)
    _resolve_relative_places(found)
    return _mention_rows(article, found)


def _model_mentions(doc) -> list[_Mention]:
    """The model's mentions of the kept types (numeric ones left out: ``ENTITY_TYPES``)."""
    return [
        _Mention(e.start_char, e.end_char, e.label_, "model", e.start, e.end)
        for e in doc.ents
        if e.label_ in ENTITY_TYPES
    ]


def _mention_rows(article: Article, found: list[_Mention]) -> list[dict]:
    starts = [s.start for s in article.sentences]
    rows = []
    for number, m in enumerate(found, start=1):
        index = bisect.bisect_right(starts, m.start) - 1
        sentence = article.sentences[index] if index >= 0 else None
        rows.append(
            {
                "mention_id": number,
                "sentence_id": sentence.id if sentence else None,
                "paragraph": sentence.paragraph if sentence else None,
                "start": m.start,
                "end": m.end,
                "text": article.text[m.start : m.end],
                "name": m.name,
                "entity": m.entity if m.kept else "",
                "type": m.type if m.kept else "",
                "adjectival": bool(m.adjectival),
                "label": m.label,
                "source": m.source,
                "correction": "; ".join(m.notes),
                "kept": m.kept,
            }
        )
    return rows


def _count_rows(rows: list[dict]) -> list[dict]:
    """Per-entity counts from kept mention rows (plain Python: this runs on every table)."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["entity"], []).append(row)
    counts = []
    for entity, group in groups.items():
        nouns = [r for r in group if not r["adjectival"]]
        types = Counter(r["type"] for r in (nouns or group))
        sentences = {r["sentence_id"] for r in group if r["sentence_id"] is not None}
        counts.append(
            {
                "name": entity,
                "type": types.most_common(1)[0][0],
                "mentions": len(nouns),
                "adjectival": len(group) - len(nouns),
                "surface_forms": list(dict.fromkeys(_surface(r) for r in group)),
                "n_sentences": len(sentences),
                "first_sentence": min(sentences) if sentences else None,
            }
        )
    counts.sort(key=lambda c: (-c["mentions"], -c["adjectival"], c["first_sentence"] or 0))
    return counts


def _surface(row: dict) -> str:
    return re.sub(r"\s+", " ", row["text"])
