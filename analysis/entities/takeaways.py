"""Takeaways: one sentence per question of notebook 04, with the article's own numbers.

:func:`takeaways` is the one entry point (the package's takeaway convention: a dict of
named sentences); the single-sentence functions it is built from stay public.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.article import Article
from analysis.entities.pipeline import _result
from analysis.entities.tables import _spans, cooccurrence, dispersion, headline_metrics

# Above this share of the mentions by name, one entity dominates the article.
DOMINANT_SHARE = 0.25
NO_ENTITIES = "The entity model found no people, places or organisations."
# How many of the most mentioned entities the dispersion and network takeaways of
# :func:`takeaways` look at (notebook 04 draws as many in its charts).
TOP_DISPERSION = 8
TOP_NETWORK = 12


def takeaways(
    article: Article, *, top_dispersion: int = TOP_DISPERSION, top_network: int = TOP_NETWORK
) -> dict[str, str]:
    """One sentence per question of notebook 04, with this article's numbers.

    Args:
        article: The loaded article.
        top_dispersion: How many entities the dispersion sentence looks at.
        top_network: How many entities the network sentence looks at.

    Returns:
        Keys ``summary`` (how many entities and mentions; the most named),
        ``counts`` (:func:`counts_takeaway`), ``dispersion``
        (:func:`dispersion_takeaway`) and ``network`` (:func:`network_takeaway`).
    """
    return {
        "summary": summary_takeaway(article),
        "counts": counts_takeaway(article),
        "dispersion": dispersion_takeaway(article, top_n=top_dispersion),
        "network": network_takeaway(article, top_n=top_network),
    }


def summary_takeaway(article: Article) -> str:
    """How many entities and mentions the article has, and which entity is named most."""
    metrics = headline_metrics(article)
    if not metrics["n_entities"]:
        return NO_ENTITIES
    sentence = (
        f"{metrics['n_entities']} distinct entities, {metrics['n_mentions']} mentions by name "
        f"and {metrics['n_adjectival']} adjectival. The most named is {metrics['top_entity']!r} "
        f"({metrics['top_entity_type']})"
    )
    share = metrics["top_entity_share"]
    if math.isnan(share):
        return sentence + "."
    return sentence + f", with {share:.0%} of the mentions by name."


def counts_takeaway(article: Article) -> str:
    """One sentence on who dominates the article, with its numbers (notebook 04)."""
    counts = _result(article).counts
    if not counts:
        return NO_ENTITIES
    return _counts_takeaway(counts)


def dispersion_takeaway(article: Article, *, top_n: int = 10) -> str:
    """One sentence on which of the ``top_n`` entities run through the article (notebook 04)."""
    if not _result(article).counts:
        return NO_ENTITIES
    return _dispersion_takeaway(dispersion(article, top_n=top_n), article.n_sentences)


def network_takeaway(article: Article, *, top_n: int = 12) -> str:
    """One sentence on the pair of the ``top_n`` entities most often named together."""
    counts = _result(article).counts
    if not counts:
        return NO_ENTITIES
    return _network_takeaway(counts[:top_n], cooccurrence(article))


def _counts_takeaway(counts: list[dict]) -> str:
    top, n_mentions = counts[0], sum(c["mentions"] for c in counts)
    share = top["mentions"] / n_mentions if n_mentions else 0.0
    verdict = (
        "one subject dominates the story"
        if share > DOMINANT_SHARE
        else "no single subject dominates; many actors share the story"
    )
    return (
        f"{top['name']} is named most: {top['mentions']} of the {n_mentions} mentions by name "
        f"({share:.0%}) among {len(counts)} distinct entities, so {verdict} (above "
        f"{DOMINANT_SHARE:.0%} one entity dominates)."
    )


def _dispersion_takeaway(spread: pd.DataFrame, n_sentences: int) -> str:
    """Entities named in both the first and the last third of the sentences run through it."""
    span = _spans(spread)
    first, last, third = span["first_sentence"], span["last_sentence"], n_sentences / 3
    through = [e for e in span.index if first[e] <= third and last[e] > 2 * third]
    single = [e for e in span.index if first[e] == last[e]]
    parts = [
        f"Of the {len(span)} most mentioned entities, {len(through)} run through the article "
        "(named in its first and last thirds)" + (f": {', '.join(through)}" if through else "")
    ]
    if single:
        verb = "appears" if len(single) == 1 else "appear"
        parts.append(f"{len(single)} {verb} in one sentence only")
    return "; ".join(parts) + "."


def _network_takeaway(top: list[dict], pairs: pd.DataFrame) -> str:
    names = {c["name"] for c in top}
    linked = pairs[pairs["source"].isin(names) & pairs["target"].isin(names)]
    alone = names - set(linked["source"]) - set(linked["target"])
    if linked.empty:
        return f"None of the {len(names)} most mentioned entities shares a sentence with another."
    first = linked.iloc[0]
    sentence = (
        f"{first['source']} and {first['target']} are named together most often, in "
        f"{first['n_sentences']} sentence{'s' if first['n_sentences'] != 1 else ''}"
    )
    if alone:
        verb = "is" if len(alone) == 1 else "are"
        sentence += (
            f"; {len(alone)} of the {len(names)} most mentioned {verb} never named with another"
        )
    return sentence + "."
