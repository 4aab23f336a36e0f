"""Where names, counted words and word runs lie in an article, token by token.

Flags per token of the shared token table (:mod:`analysis.tokens`): clitics,
numbers, pieces of a written word, counted content words; the token ranges of
proper names; and the runs of adjacent words that n-grams are read from. Every
frequency table reads this layout, built once per counting setting (see
:mod:`analysis.frequencies.record`).
"""

from __future__ import annotations

import re
from itertools import compress
from typing import NamedTuple

from analysis.article import Article
from analysis.tokens import TokenTable
from analysis.vocabulary import ENTITY_TYPES, straighten_apostrophes

# Entity labels that name something (dates, amounts and ordinals are not names):
# the same set the entities analysis keeps, so both mean the same by "a name".
NAME_LABELS = frozenset(ENTITY_TYPES)
# Numbers written in digits, with an optional ordinal or decade suffix ("2nd", "1990s").
_NUMBER = re.compile(r"^[\d.,:/-]*\d[\d.,:/-]*(?:s|st|nd|rd|th)?$", re.I)


class _Run(NamedTuple):
    """Adjacent words of one sentence, a clitic written onto its word ("Putin’s").

    Parallel lists with one entry per word, not an object per word: creating
    those cost more than counting the n-grams.
    """

    texts: list[str]  # as shown, clitic included
    base_texts: list[str]  # without the clitic (an n-gram's last word drops it)
    tokens: list[int]  # index of the word's own token (not the clitic)
    edges: list[bool]  # may start or end an n-gram (a content word, not a number)


class _Layout(NamedTuple):
    """Where sentences, names and word runs lie, token by token.

    Plain lists, not numpy arrays: the walks read them one token at a time, and a
    numpy scalar read costs several times a list read.
    """

    sentence_of: list[int]  # token index -> sentence id (0 between sentences)
    names: list[tuple[int, int]]  # token ranges of the names, in reading order
    name_start: list[int]  # token index -> first token of its name, -1 outside names
    name_end: list[int]  # token index -> one past the last token of its name, -1 outside
    runs: list[_Run]  # the word runs n-grams are read from


# -- token flags and layout ----------------------------------------------------------


def _clitic_flags(table: TokenTable) -> list[bool]:
    """Whether each token is a possessive or contracted ending ("’s", "n't")."""
    return [
        tag == "POS" or lower.startswith("'") or lower == "n't"
        for tag, lower in zip(table.tag, table.lower_straight, strict=True)
    ]


def _number_flags(table: TokenTable) -> list[bool]:
    """Whether each token is a number: ``like_num`` or digits ("2nd", "1990s", "3.5")."""
    # Once per distinct form: like_num is a lexical flag, the same for every token of a form.
    like_num = dict(zip(table.text, table.like_num, strict=True))
    number = {text: flag or _NUMBER.match(text) is not None for text, flag in like_num.items()}
    return [number[text] for text in table.text]


def _joined_flags(table: TokenTable, word_like: list[bool], clitic: list[bool]) -> list[bool]:
    """Whether each token is written onto the word or number before it, with no space between.

    spaCy splits some written words in two ("200m", "3G", "Gotta", "cannot"); neither
    piece is a word of the text. A clitic ("’s") is an ending, not such a piece.
    """
    return [False] + [
        not space and before and after and not ending
        for space, before, after, ending in zip(
            table.whitespace, word_like, word_like[1:], clitic[1:], strict=False
        )
    ]


def _counted_flags(
    table: TokenTable, content: list[bool], number: list[bool], piece: list[bool]
) -> list[bool]:
    """Content words of two letters or more that are not numbers nor pieces of a word.

    ("m." of "$500m." is not one, nor "cm" of "12cm".) Read by both the term walk and the
    n-grams.
    """
    texts = table.text
    candidates = {
        text
        for text, is_content, is_number in zip(texts, content, number, strict=True)
        if is_content and not is_number
    }
    # Letters counted once per distinct form; a number's form never gets here.
    lettered = {text for text in candidates if sum(map(str.isalpha, text)) >= 2}
    return [
        is_content and text in lettered and not part
        for text, is_content, part in zip(texts, content, piece, strict=True)
    ]


def _layout(
    article: Article,
    table: TokenTable,
    clitic: list[bool],
    word_like: list[bool],
    joined: list[bool],
    piece: list[bool],
    counted: list[bool],
) -> _Layout:
    n_tokens = len(table)
    sentence_of = [0] * n_tokens
    for sentence in article.sentences:
        start, end = sentence.token_start, min(sentence.token_end, n_tokens)
        sentence_of[start:end] = [sentence.id] * (end - start)
    names = _name_spans(article, table, clitic, joined, piece)
    name_start, name_end = [-1] * n_tokens, [-1] * n_tokens
    for start, end in names:
        name_start[start:end] = [start] * (end - start)
        name_end[start:end] = [end] * (end - start)
    glued = [False] + [
        (ending and not space) or next_joined
        for ending, space, next_joined in zip(
            clitic[1:], table.whitespace, joined[1:], strict=False
        )
    ]
    shown = _shown_forms(table, name_start)
    runs = _sentence_runs(article, table, shown, word_like, glued, counted)
    return _Layout(sentence_of, names, name_start, name_end, runs)


def _name_spans(
    article: Article, table: TokenTable, clitic: list[bool], joined: list[bool], piece: list[bool]
) -> list[tuple[int, int]]:
    """Token ranges of proper names: named entities first, then runs of proper nouns.

    The ranges never overlap: a run of proper nouns is made of tokens no kept
    entity holds. A name that starts or ends inside a written word (``joined``,
    ``piece``: see :func:`_joined_flags`) is not one.
    """
    n_tokens = len(table)
    spans, taken = [], [False] * n_tokens
    joined_after = [*joined[1:], False]  # the next token is written onto this one
    for ent in article.doc.ents:  # a few dozen Span objects: cheap next to a per-token walk
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = _trim_name(table, clitic, ent.start, ent.end)
        if start < end and (joined[start] or joined_after[end - 1]):
            continue
        # Tokens' texts joined without their spaces: a space is no letter either way.
        if start < end and any(c.isalpha() for c in "".join(table.text[start:end])):
            spans.append((start, end))
            taken[start:end] = [True] * (end - start)
    free = [
        pos == "PROPN" and word and not held and not part
        for pos, word, held, part in zip(table.pos, table.is_word, taken, piece, strict=True)
    ]
    resume = 0  # the first token not yet inside a run already read
    for index in compress(range(n_tokens), free):
        if index < resume:
            continue
        end = index
        while end < n_tokens and free[end]:
            end += 1
        start, end = _trim_name(table, clitic, index, end)
        if start < end:
            spans.append((start, end))
        resume = max(end, index + 1)
    return sorted(spans)


def _trim_name(table: TokenTable, clitic: list[bool], start: int, end: int) -> tuple[int, int]:
    """Drop a leading article/punctuation and a trailing possessive/punctuation."""
    pos, text = table.pos, table.text
    while start < end and (pos[start] in {"DET", "PUNCT", "SPACE"} or not text[start]):
        start += 1
    while end > start and (clitic[end - 1] or pos[end - 1] in {"PUNCT", "SPACE"}):
        end -= 1
    return start, end


def _span_text(table: TokenTable, start: int, end: int) -> str:
    """``doc[start:end].text``: the tokens with the spaces between them, none after."""
    if end - start == 1:
        return table.text[start]
    inner = zip(table.text[start : end - 1], table.whitespace[start : end - 1], strict=True)
    return "".join([text + " " if space else text for text, space in inner]) + table.text[end - 1]


def _name_text(table: TokenTable, start: int, end: int) -> str:
    """Surface text of a name with straight apostrophes and single spaces."""
    return " ".join(straighten_apostrophes(_span_text(table, start, end)).split())


def _sentence_runs(
    article: Article,
    table: TokenTable,
    shown: list[str],
    word_like: list[bool],
    glued: list[bool],
    counted: list[bool],
) -> list[_Run]:
    """Runs of adjacent words in each sentence; punctuation ends a run.

    Stop words stay in the runs (they are filtered only at n-gram edges), so no
    n-gram bridges a removed word. ``shown`` is each token as an n-gram shows it,
    ``word_like`` marks words and numbers, ``glued`` a clitic or a piece of a word
    written onto the word before it ("Putin’s", "200m": one word of the run).
    """
    # Inside this loop every look-up and call is paid once per token.
    stop_after = _missed_sentence_ends(table)
    runs = []
    for sentence in article.sentences:
        words: list[int] = []  # the run's words (token indices)
        texts: list[str] = []  # their shown forms, what is glued on included
        for index in range(sentence.token_start, sentence.token_end):
            if words and glued[index]:
                texts[-1] += straighten_apostrophes(table.text[index])
                continue
            if word_like[index]:
                words.append(index)
                texts.append(shown[index])
                if not stop_after[index]:
                    continue
            if words:
                runs.append(_run(words, texts, shown, counted))
                words, texts = [], []
        if words:
            runs.append(_run(words, texts, shown, counted))
    return runs


def _run(words: list[int], texts: list[str], shown: list[str], counted: list[bool]) -> _Run:
    """The :class:`_Run` of these words (token indices) shown as ``texts``."""
    return _Run(texts, [shown[i] for i in words], words, [counted[i] for i in words])


def _shown_forms(table: TokenTable, name_start: list[int]) -> list[str]:
    """Each token as an n-gram shows it: a name as written, another word lower-cased."""
    return [
        straighten_apostrophes(text) if head >= 0 or pos == "PROPN" else lower
        for text, lower, pos, head in zip(
            table.text, table.lower_straight, table.pos, name_start, strict=True
        )
    ]


def _missed_sentence_ends(table: TokenTable) -> list[bool]:
    """Whether each token is a word with a full stop before a capital ("$500m. It").

    spaCy sometimes misses such sentence ends ("$500m. It intends" is one sentence
    to the parser). N-grams stop there too, at the price of the rare phrase after
    an abbreviation ("U.S. Senate").
    """
    texts = table.text
    return [
        text.endswith(".") and space and following[:1].isupper()
        for text, space, following in zip(texts, table.whitespace, [*texts[1:], ""], strict=True)
    ]
