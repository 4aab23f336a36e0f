"""Lexical diversity of a whole article: TTR, MTLD, distinct-n, seq-rep-n, gzip compression.

Whole-text scores from the lexical-diversity and text-generation literature, each
described (with what a higher value means and a reference) in its function. They
read the article's words: the lower-cased word and number tokens of the body in
reading order (punctuation left out), from the shared token table.

The ``repetition`` section of the JSON report lists these beside the share of
restated sentences (:mod:`analysis.repetition`), under the keys ``ttr``, ``mtld``,
``distinct_2``, ``seq_rep_2`` and ``compression_ratio``.
"""

from __future__ import annotations

import gzip
import math

from analysis.article import Article
from analysis.cache import cached
from analysis.tokens import token_table
from analysis.vocabulary import has_digit

# MTLD's factor size: a segment ends when its TTR falls to this (McCarthy & Jarvis 2010).
MTLD_THRESHOLD = 0.72


def word_positions(article: Article) -> tuple[tuple[int, ...], ...]:
    """Per sentence, the doc indices of its words and numbers, in reading order.

    A token counts when it is a word (the token table's ``is_word``, the one word
    test) or a number written with digits ("1948", "2.5", "6:25"), so "began at
    6:25 p.m." and "began at 6:30 p.m." are different word sequences. Tuples: the value
    is shared by every caller (analysis.cache), so nobody can change it.
    """

    def compute(a: Article) -> tuple[tuple[int, ...], ...]:
        table = token_table(a)
        counted = [
            word or (not punct and has_digit(form))
            for word, punct, form in zip(table.is_word, table.is_punct, table.text, strict=True)
        ]
        return tuple(
            tuple(i for i in range(s.token_start, s.token_end) if counted[i]) for s in a.sentences
        )

    return cached(article, ("diversity", "word_positions"), compute)


def article_words(article: Article) -> list[str]:
    """The article's words and numbers, lower-cased (straight apostrophes), in reading order."""
    forms = token_table(article).lower_straight
    return [forms[i] for sentence in word_positions(article) for i in sentence]


def measures(article: Article) -> dict[str, float]:
    """``n_words``, ``ttr``, ``mtld``, ``distinct_2``, ``seq_rep_2``, ``compression_ratio``.

    Computed once per article; the returned dict is a copy.
    """

    def compute(a: Article) -> dict[str, float]:
        tokens = article_words(a)
        return {
            "n_words": len(tokens),
            "ttr": type_token_ratio(tokens),
            "mtld": mtld(tokens),
            "distinct_2": distinct_n(tokens, 2),
            "seq_rep_2": seq_rep_n(tokens, 2),
            "compression_ratio": compression_ratio(a.text),
        }

    return dict(cached(article, ("diversity", "measures"), compute))


def type_token_ratio(words: list[str]) -> float:
    """Distinct words over words: TTR = V / N (Johnson 1944).

    Higher means more varied vocabulary (1.0: no word repeats). It falls with
    text length, so compare texts of similar length (news: about 0.45-0.65 for
    400-800 words). NaN for an empty text.
    """
    return len(set(words)) / len(words) if words else math.nan


def mtld(words: list[str], threshold: float = MTLD_THRESHOLD) -> float:
    """Measure of Textual Lexical Diversity (McCarthy & Jarvis 2010).

    Reading forward, a *factor* ends each time the running TTR of the current
    segment falls to ``threshold`` (0.72); the leftover segment counts as the
    fraction ``(1 - TTR) / (1 - 0.72)`` of a factor. MTLD = N / factors, the
    mean length of a stretch of text that keeps a TTR above 0.72; the result is
    the mean of the forward and the backward pass. Higher means more varied
    vocabulary and, unlike TTR, hardly depends on length (typical prose 70-120).

    Reference: McCarthy, P. M., & Jarvis, S. (2010). MTLD, vocd-D, and HD-D: A
    validation study of sophisticated approaches to lexical diversity
    assessment. Behavior Research Methods, 42(2), 381-392.

    Returns:
        MTLD, or NaN when the text is too short or varied for a factor to form.
    """
    forward, backward = _mtld_pass(words, threshold), _mtld_pass(words[::-1], threshold)
    if not (forward and backward):
        return math.nan
    return (forward + backward) / 2


def _mtld_pass(words: list[str], threshold: float) -> float:
    """N / factors of one reading direction (0.0 when no factor forms)."""
    factors, count = 0.0, 0
    types: set[str] = set()
    for word in words:
        types.add(word)
        count += 1
        if len(types) / count <= threshold:
            factors += 1
            types.clear()
            count = 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    return len(words) / factors if factors else 0.0


def _ngrams(words: list[str], n: int) -> list[tuple[str, ...]]:
    return list(zip(*(words[i:] for i in range(n)), strict=False))


def distinct_n(words: list[str], n: int = 2) -> float:
    """distinct-n: distinct n-grams over words (Li et al. 2016).

    distinct-n = |unique n-grams| / N, with N the number of words, as defined
    for response diversity. Higher means less repetition; it is at most
    (N - n + 1) / N, just under 1. NaN for an empty text.

    Reference: Li, J., Galley, M., Brockett, C., Gao, J., & Dolan, B. (2016). A
    Diversity-Promoting Objective Function for Neural Conversation Models.
    NAACL-HLT 2016, 110-119.
    """
    return len(set(_ngrams(words, n))) / len(words) if words else math.nan


def seq_rep_n(words: list[str], n: int = 2) -> float:
    """seq-rep-n: the share of n-grams that repeat an earlier one (Welleck et al. 2019).

    seq-rep-n = 1 - |unique n-grams| / |n-grams|. Higher means more repetition
    (0: no n-gram occurs twice). Human news text scores a few percent for n=2.
    NaN when the text has fewer than n words.

    Reference: Welleck, S., Kulikov, I., Roller, S., Dinan, E., Cho, K., &
    Weston, J. (2019). Neural Text Generation with Unlikelihood Training.
    arXiv:1908.04319 (ICLR 2020).
    """
    grams = _ngrams(words, n)
    return 1 - len(set(grams)) / len(grams) if grams else math.nan


def compression_ratio(text: str) -> float:
    """gzip compression ratio: bytes of the UTF-8 text over bytes of its gzip.

    Higher means more redundant text (gzip finds more repeated strings). Short
    texts compress poorly whatever they say (gzip's header and dictionary cost),
    so compare texts of similar length; English news of 3-5 KB scores about
    1.9-2.3. NaN for an empty text.

    Reference: Shaib, C., Barrow, J., Sun, J., Siu, A. F., Wallace, B. C., &
    Nenkova, A. (2024). Standardizing the Measurement of Text Diversity: A Tool
    and a Comparative Analysis of Scores. arXiv:2403.00553.
    """
    data = text.encode("utf-8")
    if not data:
        return math.nan
    return len(data) / len(gzip.compress(data, compresslevel=9, mtime=0))
