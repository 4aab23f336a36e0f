"""Rank and frequency: every word type ranked by count, stop words included (Zipf's law)."""

from __future__ import annotations

from collections import Counter
from itertools import compress

import numpy as np
import pandas as pd

from analysis.article import Article
from analysis.frequencies.layout import _clitic_flags
from analysis.frequencies.terms import By, _group_keys, _ranked_values, _sort_by_count
from analysis.tokens import TokenTable, token_table
from analysis.vocabulary import stop_words

RANK_COLUMNS = ["rank", "term", "count", "frequency", "is_stop_word", "zipf_expected"]


def rank_frequency(article: Article, by: By = "lower") -> pd.DataFrame:
    """Every word type ranked by count, stop words included (for a Zipf plot).

    Zipf's law predicts ``count ≈ count_1 / rank`` (Zipf 1949, *Human Behavior
    and the Principle of Least Effort*): a straight line of slope -1 on log-log
    axes. ``zipf_expected`` is that prediction, for reference.

    Args:
        article: The loaded article.
        by: ``"lower"`` (default: word forms as spaCy splits them, so "won't" is
            "wo" + "n't" and only "wo" counts) or ``"lemma"`` (the forms of a lemma
            counted together, shown as the most frequent one).

    Returns:
        ``rank`` (1 = most frequent), ``term``, ``count``, ``frequency``
        (share of all words, 0-1), ``is_stop_word``, ``zipf_expected``.
    """
    counts = _word_types(token_table(article), by)
    if not counts:
        return pd.DataFrame(columns=RANK_COLUMNS)
    frame = pd.DataFrame(list(counts.items()), columns=["term", "count"])
    frame = _sort_by_count(frame)
    frame.insert(0, "rank", np.arange(1, len(frame) + 1))
    frame["frequency"] = frame["count"] / frame["count"].sum()
    frame["is_stop_word"] = frame["term"].isin(stop_words())
    frame["zipf_expected"] = frame["count"].iloc[0] / frame["rank"]
    return frame[RANK_COLUMNS]


def _word_types(table: TokenTable, by: By) -> Counter:
    """Every word (stop words too, clitics not) counted by form, or by lemma group.

    A lemma group (see :func:`_group_keys`) is shown as its most frequent form.
    """
    if by not in ("lemma", "lower"):
        raise ValueError(f"by must be 'lemma' or 'lower', not {by!r}")
    words = [
        word and not ending
        for word, ending in zip(table.is_word, _clitic_flags(table), strict=True)
    ]
    forms = list(compress(table.lower_straight, words))
    if by == "lower":
        return Counter(forms)
    lemmas = list(compress(table.norm, words))
    keys = _group_keys(forms, lemmas, ["word"] * len(forms), by)
    shown = _ranked_values(zip(keys, forms, strict=True))
    return Counter(shown[key][0] for key in keys)
