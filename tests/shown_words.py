"""Reference check: every term the frequency analysis shows is written in its article.

Independent of :mod:`analysis.frequencies`: it only reads the shown terms and looks
for each in the article's text as a whole word or phrase, case-insensitive, with
apostrophes straightened and any run of white space between the words of a phrase.
Used by ``tests/test_frequencies.py`` and ``benchmarks/shown_words.py``.
"""

from __future__ import annotations

import re

from analysis.vocabulary import straighten_apostrophes


def shown_terms(article) -> dict[str, list[str]]:
    """Where a term is shown -> the terms shown there (report sections and full tables)."""
    from analysis import frequencies

    section = frequencies.report_section(article)
    return {
        "top_words": [row["term"] for row in section["top_words"]],
        "distinctive_words": [row["term"] for row in section["distinctive_words"]],
        "top_ngrams": [row["term"] for row in section["top_ngrams"]],
        "word_counts": frequencies.word_counts(article)["term"].tolist(),
        "distinctive_table": frequencies.distinctive_words(article)["term"].tolist(),
        "ngram_table": frequencies.ngram_counts(article)["term"].tolist(),
    }


def occurs_in(term: str, text: str) -> bool:
    """Whether ``term`` is written in ``text`` as a whole word or phrase."""
    words = straighten_apostrophes(term).split()
    if not words:
        return False
    pattern = r"\s+".join(re.escape(word) for word in words)
    # A whole word: no letter or digit may touch an edge that is one ("US$" may touch "1").
    before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return re.search(before + pattern + after, text, re.IGNORECASE) is not None


def missing_terms(article) -> dict[str, list[str]]:
    """Where a term is shown -> the shown terms not written in the article (empty lists dropped)."""
    text = straighten_apostrophes(article.text)
    missing = {
        where: [term for term in terms if not occurs_in(term, text)]
        for where, terms in shown_terms(article).items()
    }
    return {where: terms for where, terms in missing.items() if terms}
