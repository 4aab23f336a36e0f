"""Corrections: the model's misfires fixed, mention by mention, before and after the pattern pass.

Step 2 of the pipeline (see :mod:`analysis.entities`), in the order
:func:`~analysis.entities.pipeline._build` applies them: the rules of
``entity_corrections.csv``; a common word opening a sentence cut from a surname; no
capital letter, or a capital only where a sentence opens, means no name; a name the
model cut short grown to its head word. After the pattern pass: an interview turn's
label ends at its colon, and a name after a personal honorific is a person.
"""

from __future__ import annotations

import re

from analysis.entities.mention import _Mention
from analysis.entities.names import _POSSESSIVE, _QUOTE_PAIRS, _is_name_word, _key, normalize_name
from analysis.entities.rules import (
    _ANSWER_OPENERS,
    _HONORIFIC_BEFORE,
    COMMON_ZIPF,
    CONTEXT_CHARS,
    PERSON_NAME_SHAPE,
    PERSONAL_HONORIFIC,
    Alias,
    CorrectionRule,
    _name_heads,
)

# A web address names a site even in lower case ("amazon.co.uk", "blinkx.tv").
_WEB_ADDRESS = re.compile(r"[a-z]\.[a-z]{2,}\b")


def _correct_model_mentions(
    found: list[_Mention], doc, text: str, lookup: dict[str, Alias], rules
) -> None:
    """Every correction before the pattern pass, in order, on the model's mentions."""
    for m in found:
        _apply_corrections(m, text, rules)
    _strip_openers(found, doc)
    _drop_uncapitalised(found, text)
    _drop_capitalised_common_words(found, doc, lookup)
    _repair_cut_names(found, doc)


def _apply_corrections(m: _Mention, text: str, rules) -> None:
    """Apply the correction rules to one mention, in file order (see the CSV's header)."""
    m.type = m.type or m.label
    for rule in rules:
        if not m.kept:
            return
        if not rule.applies_to(m.label):
            continue
        if rule.where == "text" and rule.action == "strip":
            match = rule.pattern.match(text, m.start, m.end)
            if match and match.end() < m.end:
                m.start = match.end()
                m.notes.append(rule.note)
            continue
        matched = _rule_match(rule, m, text)
        if not matched:
            continue
        if rule.note not in m.notes:
            m.notes.append(rule.note)
        if rule.action == "drop":
            m.kept = False
        elif rule.action == "relabel":
            m.type = rule.new_type
        elif rule.action == "extend" and rule.where == "after":
            m.end += matched.end()
            m.type = rule.new_type or m.type
            m.is_family = True


def _rule_match(rule: CorrectionRule, m: _Mention, text: str) -> re.Match | None:
    """The rule's match for this mention, or None (see the correction file's header)."""
    if rule.where == "text":
        return rule.pattern.fullmatch(normalize_name(text[m.start : m.end]))
    if rule.where == "before":
        return rule.pattern.search(text[max(0, m.start - CONTEXT_CHARS) : m.start])
    if rule.where == "after":
        return rule.pattern.match(text[m.end : m.end + CONTEXT_CHARS])
    # "line": matched from the start of the mention's line, and covering the mention.
    line_start = text.rfind("\n", 0, m.start) + 1
    match = rule.pattern.match(text, line_start)
    return match if match and match.end() >= m.end else None


def _strip_openers(found: list[_Mention], doc) -> None:
    """Drop a common word that opens a sentence or quote from the person name after it.

    The small model reads a capitalised opener as part of a name and labels the
    whole thing something else (“Notice Trump sniffing…” as a WORK_OF_ART "Notice
    Trump"). A mention not labelled PERSON whose first word opens a sentence or a
    quote, is a common English word (Zipf frequency at least :data:`COMMON_ZIPF`)
    and is no word of a full PERSON name in the article, and whose remaining word
    is the surname of such a name, becomes that surname.
    """
    from wordfreq import zipf_frequency

    people = [m for m in found if m.kept and m.label == "PERSON" and m.tok_end - m.tok_start > 1]
    name_words = {t.text for m in people for t in doc[m.tok_start : m.tok_end]}
    surnames = {doc[m.tok_end - 1].text for m in people}
    for m in found:
        if not m.kept or m.label == "PERSON" or m.tok_end - m.tok_start != 2:
            continue
        first = doc[m.tok_start]
        opens = first.is_sent_start or (first.i > 0 and doc[first.i - 1].text in _QUOTE_PAIRS)
        if (
            opens
            and doc[m.tok_end - 1].text in surnames
            and first.text not in name_words
            and zipf_frequency(first.lower_, "en") >= COMMON_ZIPF
        ):
            m.tok_start, m.start, m.type = m.tok_start + 1, doc[m.tok_start + 1].idx, "PERSON"
            m.notes.append(f"“{first.text}” opens the sentence; not part of the name")


def _drop_uncapitalised(found: list[_Mention], text: str) -> None:
    """Drop model mentions with no capital letter: prices, amounts and words, not names.

    The small model labels "300p" and "6.2bn" as products and people, "n’t" and
    "showy" as places. A web address is kept.
    """
    for m in found:
        surface = text[m.start : m.end]
        if m.kept and not any(c.isupper() for c in surface) and not _WEB_ADDRESS.search(surface):
            m.kept = False
            m.notes.append("no capital letter: not a name")


def _drop_capitalised_common_words(found: list[_Mention], doc, lookup: dict[str, Alias]) -> None:
    """Drop a one-word mention that is only a common word capitalised by its position.

    The small model labels a sentence's or a crosshead's first word as a name
    ("Broadband" as a place, "Digital" as an organisation). When every capitalised
    occurrence of the word in the article opens a sentence, and the word also occurs
    in lower case, its capital letter is no evidence of a name, so its model
    mentions are dropped. A name used mid-sentence anywhere ("Labour" in "said
    Labour") keeps all its mentions, and so does a name of the alias table
    ("Labour" opening every sentence it is in, beside "the labour market").
    """
    candidates = [
        m
        for m in found
        if m.kept
        and m.source == "model"
        and m.tok_end - m.tok_start == 1
        and doc[m.tok_start].is_sent_start
        and doc[m.tok_start].is_title
        and doc[m.tok_start].is_alpha
        and _key(doc[m.tok_start].text) not in lookup
    ]
    if not candidates:
        return
    from spacy.attrs import ORTH, SENT_START

    # Word hashes and sentence starts as arrays: no Token object per word of the article.
    table = doc.to_array([ORTH, SENT_START])
    orth, inside = table[:, 0], table[:, 1] != 1
    for m in candidates:
        word = doc[m.tok_start]
        capitalised_inside = bool(((orth == word.orth) & inside).any())
        if not capitalised_inside and bool((orth == word.lower).any()):
            m.kept = False
            m.notes.append(
                f"“{word.text}” is capitalised only where it opens a sentence and is "
                "lower case elsewhere: a common word, not a name"
            )


def _repair_cut_names(found: list[_Mention], doc) -> None:
    """Grow a mention the model cut short over the whole capitalised name it belongs to.

    The small model tags "the Paris Climate Accord" as "Accord" (or "Paris" and
    "Accord"). A mention whose run of capitalised words (proper nouns, or
    capitalised nouns and adjectives not opening a sentence) reaches a head word of
    ``entity_name_heads.csv`` at or after its end becomes that whole run, with the
    head's type; other mentions inside the run become part of it.
    """
    heads = _name_heads()
    for m in found:
        if not m.kept:
            continue
        start, end = m.tok_start, m.tok_end
        while start > 0 and _is_name_word(doc[start - 1]):
            start -= 1
        while end < len(doc) and _is_name_word(doc[end]):
            end += 1
        while end > m.tok_end - 1 and end > start and doc[end - 1].text not in heads:
            end -= 1
        if end < m.tok_end or (start, end) == (m.tok_start, m.tok_end):
            continue
        m.tok_start, m.tok_end = start, max(end, m.tok_end)
        m.start, m.end = doc[start].idx, doc[m.tok_end - 1].idx + len(doc[m.tok_end - 1])
        m.type = heads[doc[end - 1].text]
        m.notes.append("a name the model cut short, repaired")
        for other in found:
            if other is not m and other.kept and start <= other.tok_start < m.tok_end:
                other.kept = False
                other.notes.append("part of a longer name")


# -- after the pattern pass ----------------------------------------------------------


def _correct_after_patterns(found: list[_Mention], doc, text: str) -> None:
    """The corrections that need every mention, the pattern pass's included, in order."""
    _cut_speaker_labels(found, doc)
    _people_after_honorifics(found, text)


def _cut_speaker_labels(found: list[_Mention], doc) -> None:
    """End a mention at its colon when a pronoun follows it: the label of an interview turn.

    The small model reads "The Economist: You say that ..." as a title "The Economist:
    You"; the name is "The Economist".
    """
    for m in found:
        if not m.kept or m.tok_end - m.tok_start < 3:
            continue
        colon, last = doc[m.tok_end - 2], doc[m.tok_end - 1]
        if colon.text == ":" and last.lower_ in _ANSWER_OPENERS:
            before = doc[m.tok_end - 3]
            m.tok_end, m.end = before.i + 1, before.idx + len(before.text)
            m.notes.append(f"“{last.text}” after the colon opens the speaker's words")


def _people_after_honorifics(found: list[_Mention], text: str) -> None:
    """A name after a personal honorific is a person, whatever label the model gave it.

    The small model calls "Mr Hague" a place and "Dame Julie" a building. A mention
    not labelled PERSON that opens with, or follows, an honorific of
    :data:`PERSONAL_HONORIFIC` and is shaped like a name (:data:`PERSON_NAME_SHAPE`)
    becomes a PERSON mention without the honorific, so it joins the full name; a
    longer name of the same shape ending in that surname is a person too.
    """
    surnames = set()
    for m in found:
        if not m.kept or m.type == "PERSON" or m.is_family:
            continue
        opener = PERSONAL_HONORIFIC.match(text, m.start, m.end)
        start = opener.end() if opener else m.start
        if not opener and not _HONORIFIC_BEFORE.search(text, max(0, m.start - 8), m.start):
            continue
        if PERSON_NAME_SHAPE.fullmatch(text, start, m.end):
            m.start, m.type, m.after_honorific = start, "PERSON", True
            m.notes.append("after a personal honorific: a person")
            surnames.add(_POSSESSIVE.sub("", text[start : m.end]).split()[-1])
    # "Vincent Cable" tagged as an organisation, in an article that calls him "Mr Cable".
    for m in found:
        if not m.kept or m.type == "PERSON" or m.is_family:
            continue
        name = _POSSESSIVE.sub("", text[m.start : m.end])
        words = name.split()
        if len(words) > 1 and words[-1] in surnames and PERSON_NAME_SHAPE.fullmatch(name):
            m.type = "PERSON"
            m.notes.append(f"the full name of Mr/Ms {words[-1]}: a person")
