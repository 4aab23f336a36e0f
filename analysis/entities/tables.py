"""The public tables: mentions, counts, surface forms, co-occurrence, dispersion, metrics.

Each reads the one result record of the article (:func:`~analysis.entities.pipeline._result`),
so asking for five tables runs the pipeline once.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import pandas as pd

from analysis.article import Article
from analysis.entities.pipeline import _result, _surface
from analysis.entities.rules import PLACE_TYPES, CorrectionRule

MENTION_COLUMNS = [
    "mention_id",
    "sentence_id",
    "paragraph",
    "start",
    "end",
    "text",
    "name",
    "entity",
    "type",
    "adjectival",
    "label",
    "source",
    "correction",
    "kept",
]
COUNT_COLUMNS = [
    "name",
    "type",
    "mentions",
    "adjectival",
    "surface_forms",
    "n_sentences",
    "first_sentence",
]


def mentions(
    article: Article,
    *,
    include_dropped: bool = False,
    aliases: pd.DataFrame | None = None,
    corrections: list[CorrectionRule] | None = None,
) -> pd.DataFrame:
    """Every entity mention, in reading order, with its canonical entity.

    Args:
        article: The loaded article.
        include_dropped: Also return mentions the corrections dropped (titles,
            acronym definitions), with ``kept`` False and an empty ``entity``.
        aliases: An alias table (see :func:`alias_table`) instead of the shipped one.
        corrections: Rules (see :func:`correction_rules`) instead of the shipped ones.

    Returns:
        One row per mention: ``mention_id``; ``sentence_id`` and ``paragraph`` (the
        article's 1-based ids); ``start``/``end`` (character offsets in
        ``article.text``); ``text`` (the surface as written); ``name`` (normalised:
        no leading "the", no possessive); ``entity`` (canonical name); ``type``;
        ``adjectival`` (a demonym or adjective linked to ``entity``); ``label``
        (the model's label); ``source`` ("model", or the pass that found it: "alias",
        "acronym", "name", "repeat", "relative", "short", "title", "institution",
        "crosshead"); ``correction`` (rules applied); ``kept``.
    """
    result = _result(article, aliases, corrections)
    rows = result.rows if include_dropped else result.kept
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def entity_counts(article: Article, **config) -> pd.DataFrame:
    """Canonical entities with their mention counts, most mentioned first.

    A higher ``mentions`` means the article names the entity more often.

    Args:
        article: The loaded article.
        **config: ``aliases=`` / ``corrections=`` as for :func:`mentions`.

    Returns:
        One row per entity: ``name``; ``type`` (the alias table's, else the most
        common type among its noun mentions); ``mentions`` (noun mentions);
        ``adjectival`` (demonym/adjective mentions, counted apart); ``surface_forms``
        (distinct surfaces as written, in order of first use); ``n_sentences``
        (sentences mentioning it either way); ``first_sentence``. Ties in
        ``mentions`` go to more adjectival mentions, then to the earlier entity.
    """
    counts = _result(article, **config).counts
    return pd.DataFrame(
        [dict(c, surface_forms=list(c["surface_forms"])) for c in counts], columns=COUNT_COLUMNS
    )


def surface_forms(article: Article, **config) -> pd.DataFrame:
    """The surface forms merged into each entity, so a reader can check the merging.

    Returns:
        One row per (entity, surface form): ``entity``, ``type``, ``surface``,
        ``adjectival``, ``n`` (times written this way), ``first_sentence``;
        entities in the order of :func:`entity_counts`, their forms most used first.
    """
    columns = ["entity", "type", "surface", "adjectival", "n", "first_sentence"]
    result = _result(article, **config)
    order = {c["name"]: (i, c["type"]) for i, c in enumerate(result.counts)}
    forms: dict[tuple, dict] = {}
    for row in result.kept:
        key = (row["entity"], _surface(row), row["adjectival"])
        form = forms.setdefault(key, {"n": 0, "first_sentence": row["sentence_id"]})
        form["n"] += 1
    rows = [
        {
            "entity": entity,
            "type": order[entity][1],
            "surface": surface,
            "adjectival": adjectival,
            "n": form["n"],
            "first_sentence": form["first_sentence"],
        }
        for (entity, surface, adjectival), form in forms.items()
    ]
    rows.sort(key=lambda r: (order[r["entity"]][0], r["adjectival"], -r["n"]))
    return pd.DataFrame(rows, columns=columns)


def cooccurrence(article: Article, *, min_count: int = 1, **config) -> pd.DataFrame:
    """Pairs of entities mentioned in the same sentence, with how often.

    Adjectival mentions count too ("Russian President Vladimir Putin" puts Russia
    and Putin together). Each sentence counts once per pair, however many times
    it names them. Cost grows with the square of the entities in one sentence,
    which stays small; over the article it is linear in the sentences.

    Args:
        article: The loaded article.
        min_count: Keep pairs sharing at least this many sentences.
        **config: ``aliases=`` / ``corrections=`` as for :func:`mentions`.

    Returns:
        One row per pair: ``source`` and ``target`` (the pair, the more mentioned
        entity first), ``n_sentences`` (a higher value means the two are discussed
        together more often) and ``sentence_ids``; most frequent pairs first.
    """
    columns = ["source", "target", "n_sentences", "sentence_ids"]
    result = _result(article, **config)
    rank = {c["name"]: i for i, c in enumerate(result.counts)}
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for row in result.kept:
        if row["sentence_id"] is not None:
            by_sentence[row["sentence_id"]].add(row["entity"])
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for sentence_id in sorted(by_sentence):
        names = sorted(by_sentence[sentence_id], key=rank.__getitem__)
        for a, b in itertools.combinations(names, 2):
            pairs[(a, b)].append(sentence_id)
    rows = [
        {"source": a, "target": b, "n_sentences": len(ids), "sentence_ids": ids}
        for (a, b), ids in pairs.items()
        if len(ids) >= min_count
    ]
    rows.sort(key=lambda r: (-r["n_sentences"], rank[r["source"]], rank[r["target"]]))
    return pd.DataFrame(rows, columns=columns)


def dispersion(article: Article, *, top_n: int = 10, **config) -> pd.DataFrame:
    """Where each of the top entities is mentioned across the article.

    Args:
        article: The loaded article.
        top_n: How many entities (in :func:`entity_counts` order).
        **config: ``aliases=`` / ``corrections=`` as for :func:`mentions`.

    Returns:
        One row per mention of a top entity: ``entity``, ``rank`` (1 = most
        mentioned), ``sentence_id``, ``position`` (start offset / text length,
        0 = first character, 1 = end), ``adjectival``; by rank, then position.
    """
    columns = ["entity", "rank", "sentence_id", "position", "adjectival"]
    result = _result(article, **config)
    rank = {c["name"]: i + 1 for i, c in enumerate(result.counts[:top_n])}
    length = max(len(article.text), 1)
    rows = [
        {
            "entity": row["entity"],
            "rank": rank[row["entity"]],
            "sentence_id": row["sentence_id"],
            "position": row["start"] / length,
            "adjectival": row["adjectival"],
        }
        for row in result.kept
        if row["entity"] in rank
    ]
    rows.sort(key=lambda r: (r["rank"], r["position"]))
    return pd.DataFrame(rows, columns=columns)


def dispersion_spans(article: Article, *, top_n: int = 10, **config) -> pd.DataFrame:
    """The first and last sentence naming each of the top entities, and how often.

    Args:
        article: The loaded article.
        top_n: How many entities (in :func:`entity_counts` order).
        **config: ``aliases=`` / ``corrections=`` as for :func:`mentions`.

    Returns:
        One row per top entity, indexed by ``entity`` (by rank): ``first_sentence``,
        ``last_sentence``, ``n_mentions`` (its mentions of :func:`dispersion`,
        adjectival ones included).
    """
    return _spans(dispersion(article, top_n=top_n, **config))


def _spans(spread: pd.DataFrame) -> pd.DataFrame:
    spans = spread.groupby("entity", sort=False)["sentence_id"].agg(["min", "max", "count"])
    spans.columns = ["first_sentence", "last_sentence", "n_mentions"]
    return spans


def report_section(article: Article) -> list[dict]:
    """The ``entities`` section of ``report --format json``.

    Returns:
        One dict per entity, most mentioned first:
        ``{name, type, mentions, adjectival, surface_forms}``.
    """
    return [
        {
            "name": c["name"],
            "type": c["type"],
            "mentions": c["mentions"],
            "adjectival": c["adjectival"],
            "surface_forms": list(c["surface_forms"]),
        }
        for c in _result(article).counts
    ]


def headline_metrics(article: Article) -> dict:
    """A few flat values summarising the article's entities for a corpus table.

    Returns:
        ``n_entities`` (distinct canonical entities), ``n_mentions`` (noun
        mentions), ``n_adjectival``, ``top_entity`` and its ``top_entity_type``,
        ``top_entity_share`` (its mentions / all noun mentions, 0-1; higher means
        one entity dominates the article; NaN with no mentions), ``top_person``,
        ``top_place`` and ``top_org`` (the most mentioned of each kind, "" if none).
    """
    counts = _result(article).counts
    n_mentions = sum(c["mentions"] for c in counts)

    def top_of(types: tuple[str, ...]) -> str:
        return next((c["name"] for c in counts if c["type"] in types), "")

    top = counts[0] if counts else None
    return {
        "n_entities": len(counts),
        "n_mentions": n_mentions,
        "n_adjectival": sum(c["adjectival"] for c in counts),
        "top_entity": top["name"] if top else "",
        "top_entity_type": top["type"] if top else "",
        "top_entity_share": top["mentions"] / n_mentions if top and n_mentions else float("nan"),
        "top_person": top_of(("PERSON",)),
        "top_place": top_of(PLACE_TYPES),
        "top_org": top_of(("ORG",)),
    }
