"""Names as text: normalising a mention's surface, folding spellings, and what a name word is.

Pure helpers over strings and spaCy tokens, shared by every step of the pipeline; no
data file and no article state.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from analysis.vocabulary import (
    DOUBLE_QUOTES,
    QUOTE_PAIRS,
    SINGLE_OPENING_QUOTE,
    straighten_apostrophes,
)

_ACRONYM = re.compile(r"[A-Z][A-Z&.\d]*[A-Z\d]\.?$")
# A middle initial, case-folded: "w.", "w", "h.w.".
_INITIAL = re.compile(r"(?:[a-z]\.)+|[a-z]")
_POSSESSIVE = re.compile(r"(?:['’‘]s|(?<=s)['’])$")
_LEADING_THE = re.compile(r"(?i)(?:the|this|that|these|those)\s+")
# Quote marks that open a quoted run, with the mark that closes it.
_QUOTE_PAIRS = QUOTE_PAIRS


def _key(name: str) -> str:
    """Lookup key of a name: case-free, no full stops, straight apostrophes, no leading "the"."""
    name = _LEADING_THE.sub("", straighten_apostrophes(name.strip()), count=1)
    return re.sub(r"\s+", " ", name.replace(".", "")).casefold()


@functools.lru_cache(maxsize=4096)
def normalize_name(surface: str) -> str:
    """A mention's name: white space collapsed; stray quote marks, a leading "the" and
    a possessive removed.

    >>> normalize_name("the Democratic People’s Republic of Korea")
    'Democratic People’s Republic of Korea'
    >>> normalize_name("North Korea’s")
    'North Korea'
    >>> normalize_name("“The Future of Work")
    'Future of Work'
    """
    # The model's span often takes a title's opening quote but not its closing one.
    name = re.sub(r"\s+", " ", surface).strip().strip(DOUBLE_QUOTES)
    name = name.lstrip(SINGLE_OPENING_QUOTE).strip()
    if _LEADING_THE.match(name) and len(name.split()) > 1:
        name = _LEADING_THE.sub("", name, count=1)
    return _POSSESSIVE.sub("", name).strip() or name


def _singular(name: str) -> str:
    """Singular of a plural group name ("Muslims" -> "Muslim"), for NORP mentions."""
    if name.endswith("ies") and len(name) > 4:
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss") and len(name) > 3:
        return name[:-1]
    return name


def _is_subsequence(part: str, whole: str) -> bool:
    """Whether the characters of ``part`` occur in ``whole`` in order."""
    rest = iter(whole)
    return bool(part) and all(char in rest for char in part)


def _fold(name: str) -> str:
    """A name with case, spaces, dots, hyphens, apostrophes and accents ignored.

    "TimeWarner" and "Time Warner" fold alike, and so do "Pape" and "Papé": an
    article (or its source) often drops the accents of a foreign name in places.
    """
    folded = re.sub(r"[\s.\-'’]", "", name)
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded.casefold()


def _contains(whole: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether ``part`` is a contiguous run of ``whole``."""
    n = len(part)
    return any(whole[i : i + n] == part for i in range(len(whole) - n + 1))


def _is_name_word(token) -> bool:
    """A word that can continue a proper name: capitalised, and not just a sentence opener."""
    if not token.text[:1].isupper() or token.pos_ not in ("PROPN", "NOUN", "ADJ"):
        return False
    return token.pos_ == "PROPN" or not token.is_sent_start


def _is_title_word(token) -> bool:
    """A capitalised word or a number, as a title's words are."""
    return (token.is_alpha and token.text[:1].isupper()) or token.like_num


def _name_start(doc, start: int) -> int:
    """Where a name ending at ``start`` begins: proper nouns before it, with "of" or
    "the" between them, belong to it ("Prince of Persia: Warrior Within", where the
    model tagged "Persia"; "Princess of Wales Theatre"). "And" may join two names."""
    index = start - 1
    while index >= 0 and (doc[index].pos_ == "PROPN" or doc[index].lower_ in ("of", "the")):
        if doc[index].pos_ == "PROPN" and doc[index].text[:1].isupper():
            start = index
        index -= 1
    return start
