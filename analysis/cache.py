"""Work an analysis reuses, computed once per :class:`~analysis.article.Article`.

A notebook, the report and a corpus run ask the same article for the same tables
several times (``report_section`` and ``headline_metrics`` both need the word
counts, a chart and its takeaway both need the sentence table). Each module keeps
such results here, under a key that starts with its own name, so nothing is
computed twice and everything is dropped with the article (the store holds the
article weakly).

Cached values are shared: a public function that hands one to its caller must
hand out a copy (``DataFrame.copy()``) or an immutable value (the token table's
tuples, ``diversity.word_positions``) so no caller can change what others read.

The one cache path of an article, from input to figures:

1. :func:`analysis.article.load_article` reads the input's bytes and looks up its
   *prepared* record (:mod:`analysis.disk_cache`): found, nothing is extracted or
   cleaned again; else :func:`~analysis.article.prepare` runs and the record is kept.
2. The cleaned text's entry holds the parsed ``Doc`` and every result stored with it:
   found, nothing is parsed, and the results are put here (:func:`preload`).
3. Each analysis computes what is missing once, here (:func:`cached`).
4. Whoever analysed the article saves the entry once, with its results
   (:func:`analysis.disk_cache.save_article`; ``run`` does it before the notebooks
   start, so their kernels find steps 1 and 2 done).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

_STORE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def cached(article, key: Hashable, build: Callable[..., T]) -> T:
    """``build(article)``, computed on the first call for this article and key only.

    Args:
        article: The article the value belongs to (held weakly).
        key: What the value is, unique across modules, e.g. ``("readability", "words")``
            or ``("frequencies", "word_counts", by, stops)``.
        build: Called with the article when the value is not stored yet.
    """
    store = _STORE.get(article)
    if store is None:
        store = _STORE[article] = {}
    try:
        return store[key]
    except KeyError:
        value = store[key] = build(article)
        return value


def stored(article) -> dict:
    """Every value stored for an article so far, ``{key: value}`` (for the on-disk cache)."""
    return dict(_STORE.get(article, {}))


def preload(article, values: dict) -> None:
    """Store values computed earlier (read from the on-disk cache) for an article."""
    _STORE.setdefault(article, {}).update(values)


def clear(article=None) -> None:
    """Forget the stored values of one article (or of every article)."""
    if article is None:
        _STORE.clear()
    else:
        _STORE.pop(article, None)
