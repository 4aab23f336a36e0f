"""One article's profile: the headline numbers of every analysis, with what each means.

Used by ``notebooks/00-overview.ipynb`` and the comparison notebook. It only
gathers what the analysis modules compute; it computes nothing new.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis import attributions
from analysis.analyses import ANALYSES
from analysis.article import Article
from analysis.compare import reference_band

# (module, metric key in its headline_metrics, label, how to read it)
PROFILE_ROWS = [
    ("article", "n_words", "Words", "Length of the body, headline and boilerplate excluded."),
    ("article", "n_sentences", "Sentences", "Body sentences, as spaCy splits them."),
    ("article", "n_removed_lines", "Boilerplate lines removed", "Share buttons, 'Read more', …"),
    (
        "readability",
        "consensus_grade",
        "Reading grade (consensus)",
        "US school grade needed to follow the text (higher = harder).",
    ),
    (
        "readability",
        "flesch_reading_ease",
        "Flesch Reading Ease",
        "0-100, higher = easier; 60-70 is plain English, below 30 reads like a journal.",
    ),
    (
        "readability",
        "hard_sentence_share",
        "Share of hard sentences",
        "Sentences graded 'hard' or 'very hard' (see 01-readability).",
    ),
    (
        "repetition",
        "restated_share",
        "Share of sentences that restate an earlier one",
        "A high share means the text says things twice.",
    ),
    (
        "repetition",
        "mtld",
        "Lexical diversity (MTLD)",
        "Higher = more varied vocabulary.",
    ),
    (
        "repetition",
        "compression_ratio",
        "gzip compression ratio",
        "Higher = more redundant text (repeated strings compress well).",
    ),
    ("entities", "top_entity", "Most mentioned entity", "After merging aliases and possessives."),
    (
        "entities",
        "top_entity_share",
        "Its share of entity mentions",
        "How much one name dominates the article.",
    ),
    ("entities", "n_entities", "Distinct entities", "People, places and organisations named."),
    (
        "attributions",
        "n_speakers",
        "Distinct speakers",
        "People and organisations quoted or paraphrased.",
    ),
    (
        "attributions",
        "attributed_sentence_share",
        "Share of sentences reporting someone's words",
        "Quoted or paraphrased speech or belief with a source (see 06-sources).",
    ),
    (
        "attributions",
        "unattributed_claim_share",
        "Share of claims nobody stands behind",
        "'Was seen as', 'critics say': attributions without a named source.",
    ),
    (
        "attributions",
        "top_speaker_share",
        "Top speaker's share of attributed words",
        "How much one voice dominates the article's sources.",
    ),
    (
        "frequencies",
        "top_distinctive_words",
        "Most distinctive words",
        "Far more frequent here than in general English (wordfreq).",
    ),
]


def headline_values(article: Article) -> dict:
    """Every module's headline metrics plus the article's own counts, in one dict."""
    values = {
        "n_words": article.n_words,
        "n_sentences": article.n_sentences,
        "n_removed_lines": len(article.removed_lines),
    }
    for module in ANALYSES.values():
        values.update(module.headline_metrics(article))
    return values


def profile(article: Article) -> pd.DataFrame:
    """The article's profile: one row per headline number, with how to read it.

    Returns:
        Columns ``section``, ``metric``, ``value`` (formatted for reading),
        ``typical_bbc_news`` (10th-90th percentile over 2,225 BBC News articles,
        where measured) and ``meaning``.
    """
    values = headline_values(article)
    rows = []
    for section, key, label, meaning in PROFILE_ROWS:
        band = reference_band(key) if isinstance(values.get(key), (int, float)) else None
        rows.append(
            {
                "section": section,
                "metric": label,
                "value": _format(values.get(key), key),
                "typical_bbc_news": (
                    f"{_format(band[0], key)} to {_format(band[1], key)}" if band else ""
                ),
                "meaning": meaning,
            }
        )
    return pd.DataFrame(rows)


def _format(value, key: str) -> str:
    """Shares as percentages, counts as whole numbers, scores to one decimal."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if not isinstance(value, (int, float)):
        return str(value)
    if "share" in key:
        return f"{value:.0%}"
    if key.startswith("n_"):
        return f"{value:,.0f}"
    return f"{value:.1f}"


def takeaways(article: Article) -> dict[str, str]:
    """One sentence per analysis, with this article's numbers, for the overview's charts."""
    values = headline_values(article)
    n = article.n_sentences
    hard = round(values["hard_sentence_share"] * n)
    restated = values["n_restated_sentences"]
    sources = attributions.takeaways(article)
    lines = {
        "readability": (
            f"{hard} of {n} sentences ({values['hard_sentence_share']:.0%}) are hard or very "
            f"hard to read; as a whole the text needs about US grade "
            f"{values['consensus_grade']:.0f}."
            if not math.isnan(values["consensus_grade"])
            else "The text is too short to grade."
        ),
        "repetition": (
            f"{restated} of {n} sentences ({values['restated_share']:.0%}) restate an earlier "
            "sentence" + _reference_clause(values["restated_share"]) + "."
        ),
        "entities": (
            f"{values['top_entity']} takes {values['top_entity_share']:.0%} of the "
            f"{values['n_mentions']} entity mentions, among {values['n_entities']} distinct "
            "entities."
            if values.get("top_entity")
            else "The entity model found no people, places or organisations."
        ),
        "frequencies": (
            f"The words that set it apart from everyday English: {values['top_distinctive_words']}."
            if values.get("top_distinctive_words")
            else "No word occurs often enough to be called distinctive."
        ),
        "attributions": f"{sources['speakers']} {sources['unattributed']}",
    }
    return lines


def _reference_clause(share: float) -> str:
    """How the restated share compares with ordinary BBC news, where the reference exists."""
    band = reference_band("restated_share", 50, 90)
    if band is None:
        return ""
    median, p90 = band
    return (
        f" (in BBC news the median is {median:.0%} and 9 in 10 articles stay at or under {p90:.0%})"
    )
