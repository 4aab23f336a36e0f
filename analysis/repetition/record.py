"""The per-article record: what every repetition table, the report and the charts read.

:func:`_result` computes the settings-free part once per article (the sentences'
items, every candidate pair with its in-article score, which sentences open a quote).
What depends on a setting is cached beside it under a key holding that setting:
:func:`_best_of` (each sentence's best earlier match at a threshold) and
:func:`_phrases` (the repeated phrases of a shortest length). The report and the
headline numbers read them at the module defaults, so those are the entries an
analysed article's on-disk cache holds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.article import Article
from analysis.cache import cached
from analysis.repetition.phrases import Phrase, _find_phrases
from analysis.repetition.repeats import Repeat, find_repeats
from analysis.repetition.restatements import (
    _best_earlier,
    _BestEarlier,
    _candidate_pairs,
    _opens_quote,
    _Pairs,
    _scored_pairs,
)
from analysis.repetition.scorer import SentenceInfo, _Items, _sentence_infos, _sentence_items
from analysis.repetition.tiers import Tiered, best_earlier, connective, tiered_pairs
from analysis.tokens import content_flags, token_table
from analysis.vocabulary import stop_words


@dataclass(frozen=True)
class _Result:
    """The settings-free work of the repetition analysis, computed once per article.

    Attributes:
        lemmas: Per sentence, the lemmas of its content words in order.
        infos: Per sentence, what the pair scorer reads (:class:`SentenceInfo`).
        items: The sentences' items as the pair scorer counts them (:class:`_Items`).
        candidates: Every candidate pair with its in-article score
            (:func:`_article_scores`) and shared content lemmas.
        quoted: Per sentence, whether it opens a direct quote (:func:`_opens_quote`).
        repeats: The sentences repeating an earlier one word for word or nearly.
        connectives: Per sentence, the restating connective it opens with, or None.
    """

    lemmas: list[list[str]]
    infos: list[SentenceInfo]
    items: _Items
    candidates: _Pairs
    quoted: np.ndarray
    repeats: tuple[Repeat, ...]
    connectives: tuple[str | None, ...]


def _result(article: Article) -> _Result:
    """The article's :class:`_Result`, computed on first use."""
    return cached(article, ("repetition", "result"), _compute_result)


def _compute_result(article: Article) -> _Result:
    stops = stop_words()
    spans = [(s.token_start, s.token_end) for s in article.sentences]
    infos = _sentence_infos(token_table(article), spans, content_flags(article, stops))
    items = _sentence_items(infos)
    quoted = np.array([_opens_quote(s.text) for s in article.sentences], dtype=bool)
    candidates = _scored_pairs(items, quoted, *_candidate_pairs(items))
    texts = [s.text for s in article.sentences]
    return _Result(
        _content_lemmas(article),
        infos,
        items,
        candidates,
        quoted,
        tuple(find_repeats(texts)),
        tuple(connective(text) for text in texts),
    )


def _content_lemmas(article: Article) -> list[list[str]]:
    """Per sentence, the lemmas of its content words in order."""
    lemmas = token_table(article).norm
    content = content_flags(article, stop_words())
    return [
        [lemmas[i] for i in range(s.token_start, s.token_end) if content[i]]
        for s in article.sentences
    ]


def _tiers_of(article: Article, threshold: float, min_shared: int) -> Tiered:
    """The reported pairs with their kind and reason, at a ``restates`` operating point.

    Cached per (threshold, min_shared); callers must not change the arrays.
    """

    def build(article: Article) -> Tiered:
        result = _result(article)
        return tiered_pairs(
            result.candidates,
            list(result.repeats),
            list(result.connectives),
            lambda earlier, later: _reason(result, earlier, later),
            threshold,
            min_shared,
        )

    return cached(article, ("repetition", "tiers", threshold, min_shared), build)


def _shared_lemmas(result: _Result, earlier: int, later: int) -> list[str]:
    """The content lemmas two sentences (ids from 1) share, sorted."""
    return sorted(set(result.infos[earlier - 1].lemmas) & set(result.infos[later - 1].lemmas))


def _reason(result: _Result, earlier: int, later: int) -> str:
    """Why a scored pair was reported: the content lemmas it shares, the quote pattern."""
    shared = _shared_lemmas(result, earlier, later)
    reason = "shares " + ", ".join(shared) if shared else "similar wording"
    if result.quoted[later - 1] and not result.quoted[earlier - 1]:
        reason += "; a quote after the line reporting it"
    return reason


def _best_of(article: Article, threshold: float, min_shared: int) -> _BestEarlier:
    """Each sentence's best earlier match (:func:`~analysis.repetition.tiers.best_earlier`).

    Cached per (threshold, min_shared); callers must not change the arrays.
    """

    def build(article: Article) -> _BestEarlier:
        fallback = _best_earlier(article, _result(article).candidates, threshold, min_shared)
        ids = [s.id for s in article.sentences]
        return best_earlier(fallback, ids, _tiers_of(article, threshold, min_shared))

    return cached(article, ("repetition", "best", threshold, min_shared), build)


def _phrases(article: Article, min_words: int) -> list[Phrase]:
    """The repeated phrases of at least ``min_words`` words, cached per ``min_words``.

    Callers must not change the list (copy a phrase's ``sentences`` before handing it out).
    """
    return cached(
        article, ("repetition", "phrases", min_words), lambda a: _find_phrases(a, min_words)
    )
