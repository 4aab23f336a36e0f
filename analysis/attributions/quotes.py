"""Quote marks: the quotations of a text, and which attribution each belongs to.

Quote marks are paired over the whole text, so a quote over several sentences or
paragraphs stays one. Each quote then goes to the draft whose content it touches,
continues the attribution of the sentence before, or, when long enough, becomes a
quotation with no source. The quote characters are :mod:`analysis.vocabulary`'s.
"""

from __future__ import annotations

from analysis.article import Article, count_words
from analysis.attributions.records import Draft
from analysis.attributions.spans import char_runs, overlaps
from analysis.tokens import token_table
from analysis.vocabulary import CLOSING_QUOTES, OPENING_QUOTES, STRAIGHT_QUOTE

# A quote needs this many words to be a quotation; shorter ones ("a 'desperate'
# attempt") are scare quotes or titles inside someone else's sentence.
MIN_QUOTE_WORDS = 4


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quotations in ``text``, quote marks included.

    Curly and straight double quotes are paired; a paragraph that ends inside a
    quote continues it when the next paragraph opens with a quote mark (the
    newspaper convention for a quote over several paragraphs); otherwise the
    quote ends with its paragraph. Single quotes inside a double quote are part
    of it (a quote inside a quote).

    >>> quote_spans('He said: "We won." Then "no".')
    [(9, 18), (24, 28)]
    """
    text = text.replace("''", '" ')  # typewriter double quotes (''...''), same length
    spans, start, n = [], None, len(text)
    i = 0
    while i < n:
        char = text[i]
        if char == "\n" and start is not None:
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j < n and (text[j] in OPENING_QUOTES or text[j] == STRAIGHT_QUOTE):
                i = j + 1  # the reopening mark continues the same quote
                continue
            spans.append((start, i))
            start = None
        elif start is None and (char in OPENING_QUOTES or char == STRAIGHT_QUOTE):
            start = i
        elif start is not None and (char in CLOSING_QUOTES or char == STRAIGHT_QUOTE):
            spans.append((start, i + 1))
            start = None
        i += 1
    if start is not None:
        spans.append((start, n))
    return spans


def attach_quotes(article: Article, drafts: list[Draft], quotes: list[tuple[int, int]]) -> set:
    """Give each draft the whole quotes its content touches (or, without content, the
    quotes of its own sentence); returns the quotes so used."""
    doc, used = article.doc, set()
    for draft in drafts:
        if draft.unattributed:
            continue
        cue_start = doc[draft.cue[0]].idx
        if any(start <= cue_start < end for start, end in quotes):
            continue  # a cue inside a quote: the quote belongs to someone else
        runs = char_runs(token_table(article), draft.content)
        sentence = article.sentence_at(cue_start)
        for quote in quotes:
            in_sentence = sentence is not None and overlaps(quote, [(sentence.start, sentence.end)])
            if overlaps(quote, runs) or (not draft.content and in_sentence):
                draft.quotes.append(quote)
                used.add(quote)
    return used


def orphan_quotes(article: Article, drafts: list[Draft], quotes, used) -> None:
    """A quote that no cue claims and that opens its sentence continues the attribution
    of the sentence before (the "he said" of the previous sentence or paragraph), or
    else, when long enough, is a quotation with no source."""
    doc, by_sentence = article.doc, {}
    for draft in drafts:  # in text order: the last attribution of a sentence wins
        if draft.source is None or draft.unattributed:
            continue
        for position in [doc[draft.cue[0]].idx] + [q[1] - 1 for q in draft.quotes]:
            sentence = article.sentence_at(position)
            if sentence is not None:
                by_sentence[sentence.id] = draft
    table = token_table(article)
    reported_runs = [(table.idx[d.cue[0]], char_runs(table, d.content)) for d in drafts if d.cue]
    for quote in quotes:
        first = article.sentence_at(quote[0])
        short = count_words(article.text[quote[0] : quote[1]]) < MIN_QUOTE_WORDS
        if first is None or (short and article.text[first.start : quote[0]].strip()):
            continue  # a short quote inside narrative: a title or a scare quote
        reported = any(
            overlaps(quote, runs)
            for cue_start, runs in reported_runs
            if not quote[0] <= cue_start < quote[1]
        )
        if quote in used or reported:
            continue  # claimed, or a quote inside someone's reported content
        previous = by_sentence.get(first.id - 1)
        if previous is not None:
            previous.quotes.append(quote)
        elif short:
            continue
        else:
            previous = Draft(cue=[], content=set(), quotes=[quote])
            drafts.append(previous)
        last = article.sentence_at(max(quote[1] - 1, quote[0]))
        if last is not None:
            by_sentence[last.id] = previous


def quoted_words(text: str, spans, quotes) -> int:
    """Words of the character ``spans`` that lie inside one of the ``quotes``."""
    total = 0
    for start, end in spans:
        for q_start, q_end in quotes:
            if q_start < end and start < q_end:
                total += count_words(text[max(start, q_start) : min(end, q_end)])
    return total
