"""The pattern pass: mentions the model missed, found over the existing doc (nothing re-parsed).

Step 3 of the pipeline (see :mod:`analysis.entities`): acronyms defined in the text
("Full Name (ACR)") and their later uses, surnames of people named in full, the
model's own names where it missed them, alias-table forms, "the North" and "the
Games"-like short forms, institutions named like "The Tate Gallery", and titles of
works (in quotes, or unquoted with a subtitle after a colon).
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict

from analysis.article import Article
from analysis.entities.mention import _Mention
from analysis.entities.names import (
    _ACRONYM,
    _QUOTE_PAIRS,
    _is_name_word,
    _is_subsequence,
    _is_title_word,
    _key,
    _name_start,
    normalize_name,
)
from analysis.entities.rules import (
    _SUBTITLE_SMALL_WORDS,
    _SURNAME_TAGS,
    _TITLE_SMALL_WORDS,
    EVENT_SHORT_FORM,
    INSTITUTION_HEADS,
    SHORT_FORM_HEADS,
    Alias,
    _default_config,
    _relative_places,
    _work_words,
)
from analysis.tokens import token_table


def _acronym_definitions(found: list[_Mention], doc) -> tuple[dict[str, _Mention], set[int]]:
    """Acronyms the text defines as ``Full Name (ACR)``: ACR -> the first full-name mention.

    Also returns the token index of every "ACR" inside such a definition (a text
    may define an acronym twice), which is part of the definition, not a mention.

    The acronym's letters must be, in order, initials of the name's words
    ("DPRK" in "Democratic People's Republic of Korea", "SEC" in "US Securities
    Exchange Commission"), so a parenthetical that is not an abbreviation of the
    name (a party, a ticker) is not taken for one.
    """
    definitions, positions = {}, set()
    for m in found:
        if not m.kept or m.tok_end + 2 >= len(doc):
            continue
        opening, inner, closing = doc[m.tok_end], doc[m.tok_end + 1], doc[m.tok_end + 2]
        if opening.text != "(" or closing.text != ")" or not _ACRONYM.match(inner.text):
            continue
        initials = "".join(w[0] for w in normalize_name(doc[m.tok_start : m.tok_end].text).split())
        if _is_subsequence(re.sub(r"[^A-Z]", "", inner.text), initials.upper()):
            definitions.setdefault(inner.text, m)
            positions.add(inner.i)
    return definitions, positions


def _drop_acronym_definitions(found: list[_Mention], definition_tokens: set[int]) -> None:
    """The "(ACR)" right after its definition is part of the definition, not a new mention."""
    for m in found:
        if m.kept and m.tok_start in definition_tokens and m.tok_end == m.tok_start + 1:
            m.kept = False
            m.notes.append("acronym defined here; counted with its full name")


def _pattern_pass(
    article: Article,
    found: list[_Mention],
    lookup: dict[str, Alias],
    acronym_info: tuple[dict[str, _Mention], set[int]],
    rules,
    default: bool,
) -> tuple[list[_Mention], list[_Mention]]:
    """Mentions the model missed, found by matching known forms over the existing doc.

    Six kinds of form are looked for: alias-table forms marked ``find``, acronyms
    defined in the text, surnames of people named in full (the last word of a
    PERSON mention of two or more words), the words of any name the model
    found elsewhere in the article (one name, one entity per article), relative
    places after "the" ("the North"), and titles of works in quotes. A single
    word must be a proper noun standing alone (or after an honorific), and no
    match may be part of a longer run of proper nouns, so "Khan" in "Genghis
    Khan" is left alone.
    A match that covers model mentions completely replaces them ("Liberal Democrats"
    over a model "Democrats"); one that overlaps a mention partly or lies inside one
    is ignored.

    Returns:
        The mentions still kept (those replaced by a longer match removed) and the
        new mentions.
    """
    covered = {t: index for index, m in enumerate(found) for t in range(m.tok_start, m.tok_end)}
    spans = _alias_spans(article.doc, _pattern_matcher(lookup, default), lookup)
    spans += _token_spans(article, found, covered, acronym_info, rules)
    spans += _quoted_title_spans(article)
    spans += _colon_title_spans(article.doc, found)
    spans += _institution_spans(article)
    return _merge_spans(spans, found, covered)


def _pattern_matcher(lookup: dict[str, Alias], default: bool):
    """The alias PhraseMatcher: built once for the shipped table, afresh for another."""
    if default:
        return _alias_matcher()
    from spacy.matcher import PhraseMatcher

    from analysis.nlp import get_tokenizer

    nlp = get_tokenizer()
    return _build_matcher(PhraseMatcher(nlp.vocab, attr="ORTH"), nlp, lookup)


@functools.cache
def _alias_matcher():
    """A PhraseMatcher of the find=yes aliases of the default table (built once)."""
    from spacy.matcher import PhraseMatcher

    from analysis.nlp import get_tokenizer

    # Tokenizer rules only: the article's Doc may come from the cache, with no model loaded.
    nlp = get_tokenizer()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    lookup, _ = _default_config()
    return _build_matcher(matcher, nlp, lookup)


def _build_matcher(matcher, nlp, lookup: dict[str, Alias]):
    forms = set()
    for alias in lookup.values():
        if alias.find:
            forms.add(alias.alias)
            forms.add(alias.alias.replace("'", "\u2019"))
    for form in sorted(forms):
        matcher.add("ALIAS", [nlp.make_doc(form)])
    return matcher


def _alias_spans(doc, matcher, lookup: dict[str, Alias]) -> list[tuple]:
    """``(span, "alias", type)`` for each alias-table form found in the doc."""
    spans = []
    for _, start, end in matcher(doc):
        span = doc[start:end]
        if span[0].pos_ in ("PROPN", "ADJ", "NOUN") or span.text.isupper():
            spans.append((span, "alias", lookup[_key(span.text)].type))
    return spans


def _token_spans(
    article: Article,
    found: list[_Mention],
    covered: dict[int, int],
    acronym_info: tuple[dict[str, _Mention], set[int]],
    rules,
) -> list[tuple]:
    """``(span, source, label)`` for later uses of acronyms, surnames and model names."""
    doc = article.doc
    acronyms, definitions = acronym_info  # the "(ACR)" of a definition is never a new mention
    surnames = {
        normalize_name(article.text[m.start : m.end]).split()[-1]
        for m in found
        if m.kept and m.type == "PERSON" and not m.is_family and m.tok_end - m.tok_start >= 2
    }
    repeats = _repeat_forms(doc, found)
    relative_forms = _relative_places()
    # Token texts as a plain list: this walk visits every token, and a spaCy Token object
    # per token cost more than the look-ups; Tokens are made only for the rare candidates.
    texts = token_table(article).text
    spans = []
    for index, text in enumerate(texts):
        if index in covered or index in definitions:
            continue
        if text in acronyms:
            spans.append((doc[index : index + 1], "acronym", acronyms[text].label))
        elif text in surnames and _lone_proper_noun(doc[index], rules, _SURNAME_TAGS):
            spans.append((doc[index : index + 1], "name", "PERSON"))
        elif (
            (text in relative_forms or text in SHORT_FORM_HEADS)
            and index > 0
            and texts[index - 1].casefold() == "the"
            and _lone_proper_noun(doc[index], rules)
        ):
            # "the North" (a relative place), "the Games" (the event the article names)
            spans.append((doc[index : index + 1], *_relative_or_short(text, relative_forms)))
        # sorted: a set's order changes with PYTHONHASHSEED, and so would the label kept
        for words, label in sorted(repeats.get(text, ())):
            end = index + len(words)
            if (
                end <= len(texts)
                and tuple(texts[index:end]) == words
                and _stands_alone(doc[index:end], rules)
            ):
                spans.append((doc[index:end], "repeat", label))
    return spans


def _repeat_forms(doc, found: list[_Mention]) -> dict[str, set[tuple[tuple[str, ...], str]]]:
    """Word runs of the model's names (no "the"/"’s"), keyed by their first word.

    Names the model found once are looked for where it missed them ("Time Warner's"
    at a paragraph start).
    """
    repeats: dict[str, set[tuple[tuple[str, ...], str]]] = defaultdict(set)
    for m in found:
        if m.kept and m.source == "model" and not m.is_family:
            words = tuple(
                t.text for t in doc[m.tok_start : m.tok_end] if t.tag_ not in ("DT", "POS")
            )
            if words and words[0][:1].isupper() and words[-1][:1].isupper():
                repeats[words[0]].add((words, m.label))
    return repeats


def _lone_proper_noun(token, rules, tags: tuple[str, ...] = ("NNP", "NNPS")) -> bool:
    """A proper noun standing alone, or after an honorific ("Professor Curtice").

    ``tags``: the part-of-speech tags accepted (a known surname may be mistagged
    as a common noun: "Meadows screwed everybody").
    """
    if token.tag_ not in tags or not token.text[:1].isupper():
        return False
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    before = doc[token.i - 1] if token.i > 0 else None
    if after is not None and after.pos_ == "PROPN":
        return False
    if before is not None and before.pos_ == "PROPN":
        honorific = f"{before.text} {token.text}"
        return any(
            r.action == "strip" and r.applies_to("PERSON") and r.pattern.match(honorific)
            for r in rules
        )
    return True


def _stands_alone(span, rules) -> bool:
    """A run of words that is not part of a longer run of proper nouns."""
    if len(span) == 1:
        return _lone_proper_noun(span[0], rules)
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    return not any(t is not None and t.pos_ == "PROPN" for t in (before, after))


def _relative_or_short(text: str, relative_forms) -> tuple[str, str]:
    """Source and label of a word after "the" that stands for a place, event or body."""
    if text in relative_forms:
        return "relative", "LOC"
    return "short", "EVENT" if text == EVENT_SHORT_FORM else "ORG"


def _quoted_title_spans(article: Article) -> list[tuple]:
    """``(span, "title", "WORK_OF_ART")`` for titles of works written in quotes.

    A quoted run of capitalised words (small words such as "of" or "in" allowed
    inside) is a title when it has two or more capitalised words ("“The Irishman”",
    not "“Stage 3”"), when the
    article quotes it twice, or when a word of ``entity_work_words.txt`` comes just
    before it ("thriller “Parasite”"). Speech in quotes has lower-case words and is
    never taken for a title.
    """
    doc = article.doc
    quoted = [(start, end) for start, end in _quoted_runs(article) if _is_title(doc[start:end])]
    times = Counter(doc[start:end].text for start, end in quoted)
    work_words = _work_words()
    spans = []
    for start, end in quoted:
        before = {t.lower_ for t in doc[max(0, start - 4) : start - 1]}
        n_words = sum(t.is_alpha and t.text[:1].isupper() for t in doc[start:end])
        if n_words >= 2 or times[doc[start:end].text] >= 2 or before & work_words:
            spans.append((doc[start:end], "title", "WORK_OF_ART"))
    return spans


def _quoted_runs(article: Article, longest: int = 12) -> list[tuple[int, int]]:
    """Token ranges inside “…”, ‘…’ or "…" quotes (closing punctuation left out)."""
    # The token table's plain lists: a spaCy Token object per token would cost more.
    table = token_table(article)
    texts, is_punct = table.text, table.is_punct
    runs = []
    for opening, text in enumerate(texts):
        closing = _QUOTE_PAIRS.get(text)
        if closing is None:
            continue
        stop = min(len(texts), opening + longest + 2)
        end = next((j for j in range(opening + 1, stop) if texts[j] == closing), None)
        if end is None:
            continue
        inner_end = end
        while inner_end > opening + 1 and is_punct[inner_end - 1]:
            inner_end -= 1
        if inner_end > opening + 1:
            runs.append((opening + 1, inner_end))
    return runs


def _is_title(span) -> bool:
    """Capitalised words (small words allowed after the first), nothing else."""
    if not span[0].text[:1].isupper() and not span[0].like_num:
        return False
    return all(
        t.text[:1].isupper() or t.like_num or t.lower_ in _TITLE_SMALL_WORDS or t.text in "-:'’"
        for t in span
    )


def _colon_title_spans(doc, found: list[_Mention]) -> list[tuple]:
    """``(span, "title", "WORK_OF_ART")`` for unquoted titles with a subtitle after a colon.

    "Joshua Reynolds: The Creation of Celebrity will feature prints": a name the model
    found, a colon, then two or more capitalised words besides "The" or "A" (small
    words of :data:`_SUBTITLE_SMALL_WORDS` allowed inside; "for" or "on" starts the
    sentence's own words, as in "GTA: San Andreas for the PlayStation 2") after which
    the sentence runs on in lower case, is the title of a work (an exhibition, a book).
    The names inside it are part of the title, not mentions of their own: a nested name
    counts once, as the outermost. A list line ("Best film: The Aviator") does not run
    on, and speech after a colon has lower-case words ("Foxx: The Academy praised him"
    has one), so neither is taken for a title.
    """
    spans = []
    for m in found:
        colon = m.tok_end
        if not m.kept or colon + 1 >= len(doc) or doc[colon].text != ":":
            continue
        end = colon + 1
        while end < len(doc) and (
            _is_title_word(doc[end]) or doc[end].lower_ in _SUBTITLE_SMALL_WORDS
        ):
            end += 1
        while end > colon + 1 and doc[end - 1].lower_ in _SUBTITLE_SMALL_WORDS:
            end -= 1
        n_words = sum(
            _is_title_word(t) and t.lower_ not in _TITLE_SMALL_WORDS for t in doc[colon + 1 : end]
        )
        runs_on = end < len(doc) and doc[end].is_alpha and doc[end].is_lower
        if n_words >= 2 and runs_on and doc[end].lower_ not in _SUBTITLE_SMALL_WORDS:
            spans.append((doc[_name_start(doc, m.tok_start) : end], "title", "WORK_OF_ART"))
    return spans


def _institution_spans(article: Article) -> list[tuple]:
    """``(span, "institution", "ORG")`` for institutions named like "The Tate Gallery".

    The small model often leaves such names untagged (or tags a word of them as a
    person). A run of capitalised name words ending in a head word of
    :data:`INSTITUTION_HEADS` written as a proper noun is an organisation, with "of"
    and the name before or after it ("the Princess of Wales Theatre", "the National
    Museum of Scotland"). A head followed by another proper noun is part of a longer
    name ("Academy Awards", "Theatre Royal") and is left alone.
    """
    doc, table = article.doc, token_table(article)
    # Heads found in the token table's plain lists: no spaCy Token object per token.
    heads = [
        i
        for i, (text, tag) in enumerate(zip(table.text, table.tag, strict=True))
        if text in INSTITUTION_HEADS and tag in ("NNP", "NNPS")
    ]
    spans = []
    for head in heads:
        start, end = head, head + 1
        while start > 0 and _is_name_word(doc[start - 1]):
            start -= 1
        if start == head or (end < len(doc) and doc[end].pos_ == "PROPN"):
            continue
        start = _name_start(doc, start)
        if end + 1 < len(doc) and doc[end].lower_ == "of" and _is_name_word(doc[end + 1]):
            end += 1
            while end < len(doc) and _is_name_word(doc[end]):
                end += 1
        spans.append((doc[start:end], "institution", "ORG"))
    return spans


def _merge_spans(
    spans: list[tuple], found: list[_Mention], covered: dict[int, int]
) -> tuple[list[_Mention], list[_Mention]]:
    """New mentions from the longest non-overlapping spans; model mentions they replace go."""
    from spacy.util import filter_spans

    labels = {(s.start, s.end): (source, label) for s, source, label in spans}
    added, replaced = [], set()
    for span in filter_spans([s for s, _, _ in spans]):
        hits = {covered[t] for t in range(span.start, span.end) if t in covered}
        inside = all(
            span.start <= found[i].tok_start and found[i].tok_end <= span.end for i in hits
        )
        if hits and not inside:
            continue
        if hits and all(
            (found[i].tok_start, found[i].tok_end) == (span.start, span.end) for i in hits
        ):
            continue  # the model found exactly this; keep its mention
        replaced |= hits
        source, label = labels[(span.start, span.end)]
        added.append(_Mention(span.start_char, span.end_char, label, source, span.start, span.end))
    return [m for i, m in enumerate(found) if i not in replaced], added
