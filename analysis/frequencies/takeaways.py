"""Takeaways: one sentence per chart of notebook 02, from this article's numbers.

:func:`takeaways` gives them all, keyed by chart (``02-top-words`` is ``top_words``).
"""

from __future__ import annotations

from analysis.article import Article
from analysis.frequencies.counts import dispersion, word_counts
from analysis.frequencies.distinctive import MIN_DISTINCTIVE_COUNT, distinctive_words
from analysis.frequencies.kwic import default_query, keyword_in_context
from analysis.frequencies.ngrams import MIN_NGRAM_COUNT, NGRAM_LENGTHS, ngram_counts
from analysis.frequencies.rank import rank_frequency


def takeaways(
    article: Article, *, min_count: int = MIN_DISTINCTIVE_COUNT, query: str | None = None
) -> dict[str, str]:
    """One sentence per chart of notebook 02, with this article's numbers.

    Args:
        article: The loaded article.
        min_count: As :func:`~analysis.frequencies.distinctive_words` is called with.
        query: The keyword-in-context query; default :func:`default_query`.

    Returns:
        Keys ``top_words``, ``distinctive_words``, ``top_ngrams``, ``rank_frequency``,
        ``dispersion`` and ``kwic`` (the charts ``02-top-words`` ... ``02-kwic``; the
        word cloud draws the top words' counts and has no sentence of its own).
    """
    return {
        "top_words": top_words_takeaway(article),
        "distinctive_words": distinctive_words_takeaway(article, min_count),
        "top_ngrams": top_ngrams_takeaway(article),
        "rank_frequency": rank_frequency_takeaway(article),
        "dispersion": dispersion_takeaway(article),
        "kwic": kwic_takeaway(article, query),
    }


def top_words_takeaway(article: Article) -> str:
    """The most frequent term, its rate per 1,000 words, and how many terms there are."""
    counts = word_counts(article)
    if counts.empty:
        return "No content word is left after removing stop words."
    top = counts.iloc[0]
    return (
        f"The most frequent term is {top['term']!r}: {top['count']} times, "
        f"{top['per_1000_words']:.0f} per 1,000 words; {len(counts)} distinct terms in all."
    )


def distinctive_words_takeaway(article: Article, min_count: int = MIN_DISTINCTIVE_COUNT) -> str:
    """The most distinctive term, how much more often than in English, and the top five."""
    distinct = distinctive_words(article, min_count=min_count)
    if distinct.empty:
        return f"No term occurs {min_count} times or more, so none is called distinctive."
    first = distinct.iloc[0]
    return (
        f"Most distinctive: {first['term']!r}, used {first['count']} times, about "
        f"{first['ratio']:,.0f} times its rate in everyday English (score "
        f"{first['score']:.2f}). Top five: {', '.join(distinct['term'].head(5))}."
    )


def top_ngrams_takeaway(article: Article) -> str:
    """How many phrases recur, and the most frequent one."""
    ngrams = ngram_counts(article)
    if ngrams.empty:
        lengths = " or ".join(map(str, NGRAM_LENGTHS))
        return (
            f"No phrase of {lengths} words occurs {MIN_NGRAM_COUNT} times or more: the "
            "article does not repeat itself in phrases."
        )
    top = ngrams.iloc[0]
    return (
        f"{len(ngrams)} phrases recur; the most frequent is {top['term']!r} ({top['count']} times)."
    )


def rank_frequency_takeaway(article: Article) -> str:
    """How many word forms the article uses, and the share of them used once."""
    ranks = rank_frequency(article)
    if ranks.empty:
        return "The article has no words."
    hapax = (ranks["count"] == 1).mean()
    return f"{len(ranks)} distinct word forms; {hapax:.0%} of them occur only once."


def dispersion_takeaway(article: Article) -> str:
    """Which of the top terms runs through the most paragraphs, and which the fewest."""
    positions = dispersion(article)
    if positions.empty:
        return "No content word is left to place."
    spread = positions.groupby(["term_rank", "term"])["paragraph"].nunique().reset_index()
    # Most paragraphs first; a tie goes to the more frequent term (lower rank).
    spread = spread.sort_values(["paragraph", "term_rank"], ascending=[False, True])
    widest, narrowest = spread.iloc[0], spread.iloc[-1]
    return (
        f"Of the {len(spread)} most frequent terms, {widest['term']!r} runs through the most "
        f"paragraphs ({widest['paragraph']} of {article.n_paragraphs}) and "
        f"{narrowest['term']!r} through the fewest ({narrowest['paragraph']})."
    )


def kwic_takeaway(article: Article, query: str | None = None) -> str:
    """How often the query (default: the most frequent term) occurs."""
    query = query or default_query(article)
    if not query:
        return "No term to look up: the article has no content word."
    n = len(keyword_in_context(article, query))
    return f"{query!r}: {n} occurrence{'' if n == 1 else 's'} in the text."
