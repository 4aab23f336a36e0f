"""One sentence per question of notebook 03, with the loaded article's numbers.

Every sentence the notebook prints about the article comes from :func:`takeaways`,
so the notebook holds no number of its own and reads right on any article.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.article import Article
from analysis.repetition.measures import _measures
from analysis.repetition.phrases import MIN_PHRASE_WORDS
from analysis.repetition.record import _phrases, _result
from analysis.repetition.restatements import MIN_SHARED_WORDS, RESTATEMENT_THRESHOLD
from analysis.repetition.tables import restatement_pairs, sentence_restatements
from analysis.repetition.tiers import POSSIBLY_THRESHOLD

# A repeated phrase of this many words or more is counted as long in the takeaway.
LONG_PHRASE_WORDS = 4


def takeaways(article: Article, comparison: pd.DataFrame | None = None) -> dict[str, str]:
    """The takeaways of the repetition analysis, one sentence (or two) each.

    Args:
        article: The loaded article.
        comparison: :func:`analysis.compare.compare_to_reference` of the article; when
            given, the ``bbc`` takeaway is added. (The BBC reference is read by the
            compare layer, which sits above this module, so it is passed in.)

    Returns:
        Keys ``restatements`` (how many sentences restate an earlier one, and where),
        ``closest`` (the most similar pair), ``phrases`` (repeated phrases), ``novelty``
        (where the new vocabulary comes) and, with ``comparison``, ``bbc``.
    """
    lines = {
        "restatements": _restatements_line(article),
        "closest": _closest_line(article),
        "phrases": _phrases_line(article),
        "novelty": _novelty_line(article),
    }
    if comparison is not None:
        lines["bbc"] = _bbc_line(comparison)
    return lines


def _restatements_line(article: Article) -> str:
    measures = _measures(article)
    n, restated = int(measures["n_sentences"]), int(measures["n_restated_sentences"])
    if not n:
        return "The article has no sentences."
    rule = (
        f"a restatement score of {RESTATEMENT_THRESHOLD:g} or above and at least "
        f"{MIN_SHARED_WORDS} shared content words"
    )
    line = f"{restated} of {n} sentences ({restated / n:.0%}) restate an earlier one ({rule})."
    table = sentence_restatements(article)
    line += _kinds_clause(table["kind"].value_counts())
    if not restated:
        return line
    by_paragraph = table.groupby("paragraph")["is_restatement"].agg(["sum", "size"])
    shares = by_paragraph["sum"] / by_paragraph["size"]
    top = shares.idxmax()  # ties: the earliest paragraph
    count, size = int(by_paragraph.loc[top, "sum"]), int(by_paragraph.loc[top, "size"])
    return line + (
        f" Paragraph {top} restates the most: {count} of its {size} sentence(s)"
        f" ({shares[top]:.0%})."
    )


def _kinds_clause(kinds: pd.Series) -> str:
    """How many sentences repeat word for word, and how many more only possibly restate."""
    clause = ""
    if kinds.get("repeated", 0):
        clause += f" {kinds['repeated']} of them repeat an earlier sentence (nearly) word for word."
    if kinds.get("possibly", 0):
        possibly = kinds["possibly"]
        clause += (
            f" {possibly} more possibly restate one (a score of {POSSIBLY_THRESHOLD:g} or above):"
            " listed for checking, not counted."
        )
    return clause


def _closest_line(article: Article) -> str:
    pairs = restatement_pairs(article)
    if pairs.empty:
        return "No sentence restates an earlier one."
    top = pairs.iloc[0]
    return (
        f"Closest restatement: sentence {top.later} repeats sentence {top.earlier} "
        f"(similarity {top.similarity:.2f}, sharing: {top.shared_words})."
    )


def _phrases_line(article: Article) -> str:
    phrases = _phrases(article, MIN_PHRASE_WORDS)
    if not phrases:
        return f"No phrase of {MIN_PHRASE_WORDS} or more words occurs twice."
    n_long = sum(1 for p in phrases if p.n_words >= LONG_PHRASE_WORDS)
    longest = phrases[0]
    return (
        f"{len(phrases)} repeated phrase(s), {n_long} of them {LONG_PHRASE_WORDS} words or "
        f"longer; the longest is \u201c{longest.phrase}\u201d ({longest.n_words} words, "
        f"{longest.count} times)."
    )


def _novelty_line(article: Article) -> str:
    """The share of the content vocabulary the first and the second half of the sentences bring."""
    lemmas = _result(article).lemmas
    half = len(lemmas) // 2
    first = {lemma for sentence in lemmas[:half] for lemma in sentence}
    total = first | {lemma for sentence in lemmas[half:] for lemma in sentence}
    if not total:
        return "The article has no content words."
    n_first, n_total = len(first), len(total)
    return (
        f"The first half of the sentences introduce {n_first / n_total:.0%} of the "
        f"content vocabulary, the second half {(n_total - n_first) / n_total:.0%}."
    )


def _bbc_line(comparison: pd.DataFrame) -> str:
    """The restated share against BBC news, then every measure outside the BBC p10-p90 band."""
    rows = comparison.set_index("measure")
    share = rows.loc["restated_share"]
    line = f"Its restated share is {share.value:.2f}"
    # The percentile is only told above the median: below it, ties at 0 make it misleading.
    if share.value > share.bbc_median and math.isfinite(share.bbc_percentile):
        line += f", higher than in {share.bbc_percentile:.0f}% of BBC News articles"
    line += f" (BBC median {share.bbc_median:.2f}, 90th percentile {share.bbc_p90:.2f})"
    if share.bbc_median > 0 and share.value >= 2 * share.bbc_median:
        line += f", about {share.value / share.bbc_median:.0f} times the median"
    outside = [
        f"{name} {row.value:.3g} ({'above' if row.value > row.bbc_p90 else 'below'} the BBC "
        f"range {row.bbc_p10:.3g} to {row.bbc_p90:.3g})"
        for name, row in rows.iterrows()
        if name != "restated_share"
        and math.isfinite(row.value)
        and not row.bbc_p10 <= row.value <= row.bbc_p90
    ]
    if outside:
        return line + ". Outside the range of 8 in 10 BBC articles: " + "; ".join(outside) + "."
    return line + ". Every other measure is within the range of 8 in 10 BBC articles."
