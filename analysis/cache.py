"""Work an analysis reuses, computed once per :class:`~analysis.article.Article`.

A notebook, the report and a corpus run ask the same article for the same tables
several times (``report_section`` and ``headline_metrics`` both need the word
counts, a chart and its takeaway both need the sentence table). Each module keeps
such results here, under a key that starts with its own name, so nothing is
computed twice and everything is dropped with the article (the store holds the
article weakly).

Cached values are shared: a public function that hands one to its caller must
hand out a copy (``DataFrame.copy()``) so the caller may change it freely.
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
