"""The public tables of the attribution analysis, its report section and its metrics.

Each reads the cached :func:`~analysis.attributions.pipeline.attribution_result`.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from analysis import entities
from analysis.article import Article
from analysis.attributions.pipeline import attribution_result
from analysis.attributions.records import (
    ATTRIBUTION_COLUMNS,
    KINDS,
    NOBODY,
    SPEAKER_COLUMNS,
    UNKNOWN,
    Attribution,
    AttributionResult,
)


def attributions(article: Article) -> pd.DataFrame:
    """Every attribution, in text order.

    Returns:
        One row per attribution: the record's ``id, sentence, kind, source, speaker,
        cue, content`` (see :class:`Attribution`), then ``sentences`` (every sentence
        it touches), ``voice`` (who it is counted for in :func:`speakers`; unattributed
        claims are ``"(nobody: unattributed)"``), ``n_words`` (words of content),
        ``start``/``end`` (character offsets of its content in ``article.text``).
    """
    rows = [
        {
            **a.record(),
            "voice": NOBODY if a.kind == "unattributed" else _voice(a)[0],
            "sentences": list(a.sentences),
            "n_words": a.n_words,
            "start": a.spans[0][0],
            "end": a.spans[-1][1],
        }
        for a in attribution_result(article).attributions
    ]
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)


def _voice(attribution: Attribution) -> tuple[str, bool]:
    """Whom an attribution is counted for: its speaker, else its source as written."""
    if attribution.speaker:
        return attribution.speaker, True
    return (attribution.source or UNKNOWN), False


def _speaker_rows(result: AttributionResult) -> list[dict]:
    """The rows of :func:`speakers`: one per voice, the most words first."""
    heard = [a for a in result.attributions if a.kind != "unattributed"]
    total = sum(a.n_words for a in heard)
    groups: dict[tuple[str, bool], list[Attribution]] = {}
    for a in heard:
        groups.setdefault(_voice(a), []).append(a)
    rows = [
        {
            "speaker": name,
            "resolved": resolved,
            "attributions": len(group),
            "words": sum(a.n_words for a in group),
            "word_share": sum(a.n_words for a in group) / total if total else float("nan"),
            "direct": sum(a.kind == "direct" for a in group),
            "indirect": sum(a.kind == "indirect" for a in group),
            "direct_words": sum(a.n_words for a in group if a.kind == "direct"),
            "indirect_words": sum(a.n_words for a in group if a.kind == "indirect"),
            "first_sentence": min(a.sentence for a in group),
        }
        for (name, resolved), group in groups.items()
    ]
    rows.sort(key=lambda r: (-r["words"], r["first_sentence"]))
    return rows


def speakers(article: Article) -> pd.DataFrame:
    """Who is heard and how much: one row per voice, the most words first.

    A voice is a resolved speaker (an entity of :mod:`analysis.entities`), or, where
    the source could not be resolved ("the senator", an ambiguous "he"), the source as
    written. Unattributed claims are nobody's voice and are left out.

    Returns:
        ``speaker``; ``resolved`` (True for an entity); ``attributions``; ``words``
        (words of content); ``word_share`` (its words / all words of direct and
        indirect attributions, 0-1; higher means this voice dominates the article's
        sources); ``direct`` and ``indirect`` counts and their words (``direct_words``,
        ``indirect_words``); ``first_sentence``.
    """
    return pd.DataFrame(_speaker_rows(attribution_result(article)), columns=SPEAKER_COLUMNS)


def unheard_entities(article: Article, min_mentions: int = 2) -> pd.DataFrame:
    """Entities spoken about but never heard: mentioned often, never a speaker.

    Args:
        article: The loaded article.
        min_mentions: Least noun mentions to count as "spoken about".

    Returns:
        ``name, type, mentions, first_sentence`` of each entity with at least
        ``min_mentions`` mentions that is the speaker of no attribution, most mentioned first.
    """
    heard = {a.speaker for a in attribution_result(article).attributions if a.speaker}
    counts = entities.entity_counts(article)
    rows = counts[(counts["mentions"] >= min_mentions) & ~counts["name"].isin(heard)]
    return rows[["name", "type", "mentions", "first_sentence"]].reset_index(drop=True)


def kind_counts(article: Article) -> pd.DataFrame:
    """How many attributions, and words of content, are quoted, paraphrased or unattributed.

    Returns:
        One row per kind in the order of :data:`KINDS`: ``kind``, ``attributions``,
        ``words``, ``share`` (of all attributions, 0-1; NaN without any).
    """
    records = attribution_result(article).attributions
    rows = [
        {
            "kind": kind,
            "attributions": sum(a.kind == kind for a in records),
            "words": sum(a.n_words for a in records if a.kind == kind),
        }
        for kind in KINDS
    ]
    for row in rows:
        row["share"] = row["attributions"] / len(records) if records else float("nan")
    return pd.DataFrame(rows, columns=["kind", "attributions", "words", "share"])


def unattributed_claims(article: Article) -> pd.DataFrame:
    """The claims nobody stands behind, each with the sentence that makes it.

    Returns:
        One row per unattributed claim: ``id`` (as in :func:`attributions`),
        ``sentence``, ``cue``, ``source`` (a source that names no one, such as
        "critics", or None), ``content`` and ``sentence_text``.
    """
    rows = [
        {
            "id": a.id,
            "sentence": a.sentence,
            "cue": a.cue,
            "source": a.source,
            "content": a.content,
            "sentence_text": article.sentences[a.sentence - 1].text if a.sentence else "",
        }
        for a in attribution_result(article).attributions
        if a.kind == "unattributed"
    ]
    return pd.DataFrame(
        rows, columns=["id", "sentence", "cue", "source", "content", "sentence_text"]
    )


def sentence_attributions(article: Article) -> pd.DataFrame:
    """One row per sentence: which voices it carries and whether it holds an unattributed claim.

    Returns:
        ``sentence_id``, ``paragraph``, ``attributed`` (a direct or indirect
        attribution touches it), ``unattributed`` (an unattributed claim touches it),
        ``voices`` (names as in :func:`speakers`, in order of first attribution).
    """
    result = attribution_result(article)
    voices: dict[int, list[str]] = defaultdict(list)
    for a in result.attributions:
        if a.kind != "unattributed":
            for sentence in a.sentences:
                if _voice(a)[0] not in voices[sentence]:
                    voices[sentence].append(_voice(a)[0])
    rows = [
        {
            "sentence_id": s.id,
            "paragraph": s.paragraph,
            "attributed": s.id in result.attributed_sentences,
            "unattributed": s.id in result.unattributed_sentences,
            "voices": voices.get(s.id, []),
        }
        for s in article.sentences
    ]
    return pd.DataFrame(
        rows, columns=["sentence_id", "paragraph", "attributed", "unattributed", "voices"]
    )


def sentence_shares(article: Article) -> dict[str, float]:
    """Shares of sentences with attributions (0-1; NaN for an article without sentences).

    Returns:
        ``attributed_sentence_share`` (sentences touched by a direct or indirect
        attribution; higher means more of the article is someone's reported word) and
        ``unattributed_sentence_share`` (sentences holding a claim nobody stands behind;
        higher means more hearsay).
    """
    result = attribution_result(article)
    n = result.n_sentences
    if not n:
        return {
            "attributed_sentence_share": float("nan"),
            "unattributed_sentence_share": float("nan"),
        }
    return {
        "attributed_sentence_share": len(result.attributed_sentences) / n,
        "unattributed_sentence_share": len(result.unattributed_sentences) / n,
    }


def report_section(article: Article) -> list[dict]:
    """The ``attributions`` section of ``report --format json``.

    Returns:
        One dict per attribution, in text order, with exactly the keys
        ``id, sentence, kind, source, speaker, cue, content`` (a public interface).
    """
    return [a.record() for a in attribution_result(article).attributions]


def headline_metrics(article: Article) -> dict:
    """The sources of an article in a few flat values, for the overview and corpus table.

    Returns:
        ``n_attributions``; ``n_direct``; ``n_speakers`` (distinct resolved speakers;
        higher means more voices are heard); ``attributed_sentence_share`` and
        ``unattributed_sentence_share`` (see :func:`sentence_shares`);
        ``unattributed_claim_share`` (unattributed claims / all attributions, 0-1; higher
        means more claims nobody stands behind; NaN without attributions);
        ``top_speaker`` and ``top_speaker_share`` (the voice with the most words of
        content and its :func:`speakers` ``word_share``; "" and NaN without one).
    """
    result = attribution_result(article)
    records = result.attributions
    rows = _speaker_rows(result)
    top = next((r for r in rows if r["resolved"]), None) if rows else None
    return {
        "n_attributions": len(records),
        "n_direct": sum(a.kind == "direct" for a in records),
        "n_speakers": len({a.speaker for a in records if a.speaker}),
        **sentence_shares(article),
        "unattributed_claim_share": (
            sum(a.kind == "unattributed" for a in records) / len(records)
            if records
            else float("nan")
        ),
        "top_speaker": top["speaker"] if top else "",
        "top_speaker_share": top["word_share"] if top else float("nan"),
    }
