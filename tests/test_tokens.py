"""The shared token table must say exactly what spaCy's Token objects say."""

import pytest

from analysis import load_article
from analysis.tokens import token_table
from analysis.vocabulary import (
    has_letter,
    is_content_form,
    stop_words,
    straighten_apostrophes,
)
from tests.conftest import FIXTURES


# The rules written once more over spaCy Token objects, one token at a time: the
# reference the token table's columns (read with one Doc.to_array call) must equal.
def normalize_token(token) -> str:
    """Lower-cased lemma, with curly apostrophes straightened ("Korea’s" -> "'s")."""
    return straighten_apostrophes(token.lemma_.lower())


def is_word(token) -> bool:
    """A word: has a letter, is not punctuation, space, URL or e-mail."""
    excluded = token.is_punct or token.is_space or token.like_url or token.like_email
    return not excluded and has_letter(token.text)


def is_content_word(token, stops: frozenset[str] | None = None) -> bool:
    """A word that is not a stop word (by its lower-cased form or its lemma), nor a clitic."""
    if not is_word(token):
        return False
    stops = stops if stops is not None else stop_words()
    return is_content_form(straighten_apostrophes(token.lower_), normalize_token(token), stops)

TOKEN_ATTRIBUTES = [
    ("text", "text"),
    ("lower", "lower_"),
    ("lemma", "lemma_"),
    ("pos", "pos_"),
    ("tag", "tag_"),
    ("ent_type", "ent_type_"),
    ("ent_iob", "ent_iob"),
    ("idx", "idx"),
    ("is_punct", "is_punct"),
    ("is_space", "is_space"),
    ("like_num", "like_num"),
    ("like_url", "like_url"),
    ("like_email", "like_email"),
    ("is_alpha", "is_alpha"),
]


@pytest.fixture(
    scope="module",
    params=["seed", "bbc/business/001.txt", "bbc/sport/199.txt", "html/dw.com.colonial.html"],
)
def article(request, seed):
    if request.param == "seed":
        return seed
    return load_article(FIXTURES / request.param)


def test_every_column_matches_the_token_objects(article):
    table = token_table(article)
    doc = article.doc
    assert len(table) == len(doc) > 100
    for column, attribute in TOKEN_ATTRIBUTES:
        expected = [getattr(token, attribute) for token in doc]
        assert list(getattr(table, column)) == expected, column
    assert list(table.whitespace) == [bool(token.whitespace_) for token in doc]
    assert list(table.norm) == [normalize_token(token) for token in doc]
    assert list(table.is_word) == [is_word(token) for token in doc]


def test_content_flags_match_is_content_word(article):
    stops = stop_words(["said", "korea"])
    table = token_table(article)
    assert list(table.content_flags(stops)) == [is_content_word(t, stops) for t in article.doc]
    assert list(table.content_flags()) == [is_content_word(t) for t in article.doc]


def test_table_is_built_once_per_article(seed):
    assert token_table(seed) is token_table(seed)


def test_empty_doc_gives_empty_columns():
    from analysis.nlp import get_nlp
    from analysis.tokens import build_token_table

    table = build_token_table(get_nlp()(""))
    assert len(table) == 0 and table.is_word == () and table.content_flags() == ()
