"""Token attributes of an article as plain Python lists, read from the ``Doc`` once.

Every analysis walks the article's tokens. Asking spaCy for a ``Token`` object and
then for its attributes costs more per token than the analyses' own tests, and
the four modules asked for the same attributes again and again. :func:`token_table`
reads them all with one ``Doc.to_array`` call, turns string hashes into strings
once per distinct value, and keeps the result in the article's cache
(:mod:`analysis.cache`), so every module shares one copy.

Tests that depend only on a token's form (``is_word``) are computed once per
distinct form: about half the tokens of a news article repeat an earlier form.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.cache import cached
from analysis.vocabulary import has_letter, is_content_form, stop_words, straighten_apostrophes

# Attributes read from the Doc, in the order of the columns of one to_array call.
_STRING_ATTRS = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "ENT_TYPE")
_FLAG_ATTRS = ("SPACY", "IS_PUNCT", "IS_SPACE", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL", "IS_ALPHA")
_INT_ATTRS = ("ENT_IOB", "IDX")
# A token with any of these flags is never a word, whatever it holds.
_NOT_WORD_FLAGS = ("IS_PUNCT", "IS_SPACE", "LIKE_URL", "LIKE_EMAIL")


@dataclass(frozen=True)
class TokenTable:
    """One list per attribute, indexed like ``article.doc`` (``table.text[i]`` is ``doc[i].text``).

    Attributes:
        text, lower, lemma, pos, tag, ent_type: The token's strings (``pos`` and
            ``tag`` as spaCy names them, e.g. ``"PROPN"``, ``"NNP"``; ``ent_type``
            is ``""`` outside an entity).
        norm: Lower-cased lemma with straight apostrophes.
        lower_straight: Lower-cased text with straight apostrophes.
        whitespace: Whether a space follows the token.
        is_punct, is_space, like_num, like_url, like_email, is_alpha: spaCy's lexical flags.
        ent_iob: 0 none, 1 inside, 2 outside, 3 begins an entity (spaCy's codes).
        idx: Character offset of the token in ``doc.text``.
        is_word: Whether each token is a word, the one word rule: it holds a letter
            (:func:`analysis.vocabulary.has_letter`) and is not punctuation, white
            space, a URL or an e-mail address.
    """

    text: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    ent_type: list[str]
    norm: list[str]
    lower_straight: list[str]
    whitespace: list[bool]
    is_punct: list[bool]
    is_space: list[bool]
    like_num: list[bool]
    like_url: list[bool]
    like_email: list[bool]
    is_alpha: list[bool]
    ent_iob: list[int]
    idx: list[int]
    is_word: list[bool]

    def __post_init__(self):
        # Shared by every analysis of the article (analysis.cache): the columns are tuples,
        # so no caller can change what the others read.
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    def __len__(self) -> int:
        return len(self.text)

    def content_flags(self, stops: frozenset[str] | None = None) -> tuple[bool, ...]:
        """Whether each token is a content word (:func:`analysis.vocabulary.is_content_form`)."""
        stops = stops if stops is not None else stop_words()
        memo: dict[tuple[str, str], bool] = {}
        flags = []
        for word, lower, norm in zip(self.is_word, self.lower_straight, self.norm, strict=True):
            if not word:
                flags.append(False)
                continue
            key = (lower, norm)
            flag = memo.get(key)
            if flag is None:
                flag = memo[key] = is_content_form(lower, norm, stops)
            flags.append(flag)
        return tuple(flags)


def token_table(article) -> TokenTable:
    """The article's :class:`TokenTable`, built on first use and shared by every analysis.

    Immutable (frozen, its columns tuples), so it is handed out as it is, not copied.
    """
    return cached(article, ("tokens", "table"), lambda a: build_token_table(a.doc))


def content_flags(article, stops: frozenset[str] | None = None) -> tuple[bool, ...]:
    """Cached :meth:`TokenTable.content_flags` of the article (default stop words if None).

    A tuple: shared by every analysis, so nobody can change it.
    """
    stops = stops if stops is not None else stop_words()
    return cached(
        article, ("tokens", "content", stops), lambda a: token_table(a).content_flags(stops)
    )


def build_token_table(doc) -> TokenTable:
    """Read every attribute of every token of ``doc`` with one ``to_array`` call."""
    import numpy as np
    from spacy import attrs

    names = _STRING_ATTRS + _FLAG_ATTRS + _INT_ATTRS
    if len(doc):
        array = doc.to_array([getattr(attrs, name) for name in names])
    else:
        array = np.zeros((0, len(names)), dtype=np.uint64)
    columns = dict(zip(names, array.T, strict=True))
    values = {name: columns[name].tolist() for name in _STRING_ATTRS + _INT_ATTRS}
    flags = {name: columns[name].astype(bool).tolist() for name in _FLAG_ATTRS}
    # Each distinct string looked up once: most tokens repeat a form, and a token's text,
    # lower-case form and lemma are often the same string.
    hashes = set().union(*(values[name] for name in _STRING_ATTRS))
    strings = {h: (doc.vocab.strings[h] if h else "") for h in hashes}
    text, lower, lemma, pos, tag, ent_type = (
        _as_strings(values[name], strings) for name in _STRING_ATTRS
    )
    excluded = np.any([columns[name] for name in _NOT_WORD_FLAGS], axis=0).tolist()
    return TokenTable(
        text=text,
        lower=lower,
        lemma=lemma,
        pos=pos,
        tag=tag,
        ent_type=ent_type,
        norm=_as_strings(values["LEMMA"], strings, lambda s: straighten_apostrophes(s.lower())),
        lower_straight=_as_strings(values["LOWER"], strings, straighten_apostrophes),
        whitespace=flags["SPACY"],
        is_punct=flags["IS_PUNCT"],
        is_space=flags["IS_SPACE"],
        like_num=flags["LIKE_NUM"],
        like_url=flags["LIKE_URL"],
        like_email=flags["LIKE_EMAIL"],
        is_alpha=flags["IS_ALPHA"],
        ent_iob=values["ENT_IOB"],
        idx=values["IDX"],
        is_word=_word_flags(text, excluded),
    )


def _as_strings(hashes: list[int], strings: dict[int, str], transform=None) -> list[str]:
    """The strings of spaCy string-store hashes, from ``strings`` (hash -> string).

    ``transform`` (e.g. straightening apostrophes) is applied once per distinct string.
    """
    if transform is not None:
        strings = {h: transform(strings[h]) for h in set(hashes)}
    return list(map(strings.__getitem__, hashes))


def _word_flags(text: list[str], excluded: list[bool]) -> list[bool]:
    """``is_word`` per token: not punctuation, space, URL or e-mail, and holds a letter."""
    lettered = {form: has_letter(form) for form in set(text)}
    return [not skip and lettered[form] for form, skip in zip(text, excluded, strict=True)]
