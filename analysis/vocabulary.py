"""Which tokens count as words, and which words are content words (not stop words).

Shared by the frequency and repetition analyses so both mean the same thing by
"content word". The stop-word list is spaCy's English list plus the extra words
in ``analysis/data/stopwords_extra.txt``; pass more with ``extra=`` or add them
to that file.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from analysis.paths import data_file


@functools.cache
def _default_stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    lines = data_file("stopwords_extra.txt").read_text(encoding="utf-8").splitlines()
    extra = {w.strip().lower() for w in lines if w.strip() and not w.startswith("#")}
    return frozenset({w.lower() for w in STOP_WORDS} | extra)


def stop_words(extra: Iterable[str] = ()) -> frozenset[str]:
    """Lower-cased English stop words, optionally extended with ``extra``."""
    words = _default_stop_words()
    extra = {w.lower() for w in extra}
    return words | extra if extra else words


def normalize_token(token) -> str:
    """Lower-cased lemma, with curly apostrophes straightened ("Korea’s" -> "'s")."""
    return token.lemma_.lower().replace("\u2019", "'")


def is_word(token) -> bool:
    """A token that is a word: has a letter, is not punctuation, space, URL or e-mail."""
    return not (token.is_punct or token.is_space or token.like_url or token.like_email) and any(
        c.isalpha() for c in token.text
    )


def is_content_word(token, stops: frozenset[str] | None = None) -> bool:
    """A word that is not a stop word (by its lower-cased form or its lemma), nor a clitic."""
    if not is_word(token):
        return False
    stops = stops if stops is not None else stop_words()
    text = token.lower_.replace("\u2019", "'")
    return (
        text not in stops
        and normalize_token(token) not in stops
        and not text.startswith("'")
        and len(text) > 1
    )
