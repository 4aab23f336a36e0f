"""Merging: each kept mention given its name, canonical entity, type and adjectival flag.

Steps 4 and 5 of the pipeline (see :mod:`analysis.entities`), in the order
:func:`_canonicalise` runs them: the alias table, acronyms defined in the text, lone
person names resolved to a full name (:func:`_resolve_people`), company and
institution short forms, multi-sport events, "the Games"/"the Library" short forms,
spellings that differ only in spacing or accents; then names in all-capital
crossheads and relative places ("the North").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from analysis.article import Article
from analysis.entities.mention import _Mention
from analysis.entities.names import _INITIAL, _contains, _fold, _key, _singular, normalize_name
from analysis.entities.rules import (
    _COMPANY_SUFFIX,
    CROSSHEAD_WORDS,
    EVENT_HEADS,
    EVENT_SHORT_FORM,
    MISLABELLED_NAME_TYPES,
    ORG_HEAD_WORDS,
    PLACE_TYPES,
    SHORT_FORM_HEADS,
    Alias,
    _relative_places,
)


def _name_and_mark_modifiers(found: list[_Mention], doc, text: str) -> None:
    """Name the dropped mentions too (the mentions table shows them), and flag the
    mentions whose last word modifies a noun after them ("Muslim voters")."""
    for m in found:
        if not m.kept:
            m.name = normalize_name(text[m.start : m.end])
    for m in found:
        last = doc[m.tok_end - 1]
        m.modifies_noun = last.dep_ in ("amod", "compound", "nmod") and last.head.i >= m.tok_end


def _canonicalise(
    found: list[_Mention], text: str, lookup: dict[str, Alias], acronyms: dict
) -> None:
    """Give each kept mention its name, canonical entity, type and adjectival flag."""
    for m in found:
        m.name = normalize_name(text[m.start : m.end])
    for m in found:
        if not m.kept:
            continue
        alias = lookup.get(_key(m.name))
        if (
            alias
            and not (alias.adjectival and m.label == "LANGUAGE")
            and not m.is_family
            and not m.after_honorific
        ):
            m.entity, m.type, m.adjectival = alias.name, alias.type, alias.adjectival
        elif m.name in acronyms:
            definition = acronyms[m.name]
            m.entity, m.type = definition.entity or definition.name, definition.type
        elif m.type == "NORP":
            # "Muslim voters": the group word as a modifier is adjectival, like "Russian".
            m.entity, m.adjectival = _singular(m.name), m.modifies_noun
        elif m.is_family or m.type not in MISLABELLED_NAME_TYPES:
            m.entity = m.name
    # Acronym definitions resolved above may point at mentions canonicalised later.
    for m in found:
        if m.kept and m.name in acronyms and not m.entity:
            m.entity = acronyms[m.name].entity or acronyms[m.name].name
    _resolve_people([m for m in found if m.kept])
    for m in found:
        if m.kept and not m.entity:
            m.entity = m.name
    _merge_company_suffixes(found, text)
    _merge_event_names(found)
    _resolve_short_forms(found, text)
    # Spellings that differ only in spacing, punctuation or accents ("TimeWarner",
    # "Time Warner"; "Pape", "Papé") are one entity, named by its most frequent spelling.
    spellings: dict[str, Counter] = defaultdict(Counter)
    for m in found:
        if m.kept:
            spellings[_fold(m.entity)][m.entity] += 1
    for m in found:
        if m.kept:
            # On a tie, a dateline's "SEOUL" does not name the entity over "Seoul".
            m.entity = max(spellings[_fold(m.entity)].items(), key=_spelling_rank)[0]


def _resolve_people(kept_mentions: list[_Mention]) -> None:
    """Resolve a lone surname or given name to the full PERSON name it stands for.

    Rule: a PERSON name whose words are a contiguous run of the words of a longer
    PERSON name ("Putin" in "Vladimir Putin", "Kim" in "Kim Jong Un") is that
    person. When several full names introduced *earlier* in the article share the
    words, the one mentioned most so far wins, ties going to the first introduced:
    the article's main subject keeps its short name when relatives appear later
    (on the seed "Kim" stays Kim Jong Un after Kim Jong Il and Kim Il Sung). With no
    earlier full name, the first full name introduced later is used (a lede that
    says "Putin" before "Vladimir Putin"); with none at all the name stays as is.
    A single-word mention the model labelled ORG or GPE that is the last word of
    an earlier full PERSON name is taken to be that person (the small model
    mislabels surnames: "Federer", "Mourinho").

    Where it fails: a passage about a less-mentioned namesake ("Kim Jong Il died
    in 2011. Kim ruled for 17 years") goes to the most-mentioned Kim; two people
    who share a surname and are both called by it (Bill and Hillary Clinton) all
    go to the leading one; a surname shared with a place or organisation (George
    Washington and Washington) can be captured when the model tags it ORG/GPE,
    and so can the last word of an organisation the model took for a person
    ("United" after a PERSON "Manchester United").
    """
    full: dict[str, dict] = {}
    by_word: dict[str, list[str]] = defaultdict(list)  # word -> full names holding it
    pending: list[_Mention] = []
    for m in sorted(kept_mentions, key=lambda x: x.start):
        if m.entity or m.is_family or m.type not in MISLABELLED_NAME_TYPES:
            continue
        words = tuple(w.casefold() for w in m.name.split())
        is_person = m.type == "PERSON"
        if not is_person and len(words) != 1:
            continue
        candidates = [
            (name, full[name])
            for name in by_word.get(words[0], ())
            if len(full[name]["words"]) > len(words)
            and _contains(full[name]["words"], words)
            and (is_person or full[name]["words"][-1] == words[0])
        ]
        if candidates:
            name, info = max(candidates, key=lambda c: (c[1]["count"], -c[1]["first"]))
            m.entity, m.type = name, "PERSON"
            info["count"] += 1
            if not is_person:
                m.notes.append(f"model label {m.label}; the surname of {name}")
        elif is_person and len(words) >= 2:
            # "Thomas W. Malone" after "Thomas Malone" (or before it) is one person.
            name = _same_but_initials(words, full) or m.name
            if name not in full:
                full[name] = {"words": words, "first": m.start, "count": 0}
                for word in set(words):
                    by_word[word].append(name)
            full[name]["count"] += 1
            m.entity = name
        else:
            pending.append(m)
    _resolve_before_full_names(pending, full, by_word)
    _resolve_like_the_person_word(kept_mentions)


def _same_but_initials(words: tuple[str, ...], full: dict) -> str | None:
    """The known full name that differs from ``words`` only by middle initials, if any.

    One side must have no initials at all: "George H. W. Bush" and "George W. Bush"
    are two people, while "Thomas W. Malone" and "Thomas Malone" are one. (An article
    that calls the elder Bush "George Bush" beside "George W. Bush" is merged wrongly.)
    """
    plain = tuple(w for w in words if not _INITIAL.fullmatch(w))
    if len(plain) < 2:
        return None
    for name, info in full.items():
        other = info["words"]
        if other == words:
            continue
        other_plain = tuple(w for w in other if not _INITIAL.fullmatch(w))
        if other_plain == plain and (plain == words or other_plain == other):
            return name
    return None


def _resolve_before_full_names(pending: list[_Mention], full: dict, by_word: dict) -> None:
    """Short names used before the full name: the first full name introduced later.

    A lone word the model labelled ORG or GPE goes to a later full PERSON name only
    when it is that name's last word (a headline's "Trump" before "Donald Trump").
    """
    for m in pending:
        words = tuple(w.casefold() for w in m.name.split())
        is_person = m.type == "PERSON"
        later = [
            n
            for n in by_word.get(words[0], ())
            if _contains(full[n]["words"], words)
            and (is_person or full[n]["words"][-1] == words[0])
        ]
        if later:
            m.entity, m.type = min(later, key=lambda n: full[n]["first"]), "PERSON"
            if not is_person:
                m.notes.append(f"model label {m.label}; the surname of {m.entity}")
        elif is_person:
            m.entity = m.name


def _resolve_like_the_person_word(kept_mentions: list[_Mention]) -> None:
    """A lone word the model labelled ORG or GPE is the person it names elsewhere.

    When the same word, on its own, is elsewhere a PERSON resolved to one full name
    ("Zoe" -> Zoe Anderson), and the model calls it a person at least as often as an
    organisation or place, its ORG/GPE mentions are that person too (the model labels
    one name differently from sentence to sentence). Words of the alias table never
    get here: their entity is set first.
    """
    people_of: dict[str, set[str]] = defaultdict(set)
    votes: Counter = Counter()  # word -> PERSON mentions minus ORG/GPE mentions
    for m in kept_mentions:
        if m.type == "PERSON" and len(m.name.split()) == 1 and len(m.entity.split()) > 1:
            people_of[m.name].add(m.entity)
            votes[m.name] += 1
    others = [
        m
        for m in kept_mentions
        if not m.entity and not m.is_family and m.type in ("ORG", "GPE") and m.name in people_of
    ]
    for m in others:
        votes[m.name] -= 1
    for m in others:
        # Only where the model calls the word a person at least as often as not: an
        # organisation it once took for a person ("Yahoo") stays an organisation.
        if len(people_of[m.name]) == 1 and votes[m.name] >= 0:
            (m.entity,) = people_of[m.name]
            m.type = "PERSON"
            m.notes.append(f"model label {m.label}; elsewhere the person {m.entity}")


def _merge_company_suffixes(found: list[_Mention], text: str) -> None:
    """Short and long forms of one organisation's name are one entity.

    "Microsoft Corp" and "Amazon.com Inc." are Microsoft and Amazon when the article
    also names them so (a legal suffix does not make another entity); "Hofstra" is
    Hofstra University when the article names it so (a descriptive head word of
    :data:`ORG_HEAD_WORDS` left out). The model tags such a short form as a building
    ("La Fenice") or, after "the", as a person ("the Tate managed to raise"); no person
    is written "the Tate", so it is the organisation too. Not so a place ("the Vatican"
    is not the Vatican Library) or a group ("the Republicans" are not the party).
    """
    names = {m.entity for m in found if m.kept}
    for m in found:
        mislabelled = m.type == "FAC" or (m.type == "PERSON" and _after_the(m, text))
        if not m.kept or not (m.type == "ORG" or mislabelled):
            continue
        short = _COMPANY_SUFFIX.sub("", m.entity)
        longer = [f"{m.entity} {head}" for head in ORG_HEAD_WORDS if f"{m.entity} {head}" in names]
        if short != m.entity and short in names and m.type == "ORG":
            m.entity = short
        elif len(longer) == 1:
            if m.type != "ORG":
                m.notes.append(f"model label {m.label}; short form of {longer[0]}")
            m.entity, m.type = longer[0], "ORG"


def _after_the(m: _Mention, text: str) -> bool:
    """Whether "the" comes just before the mention, or opens it."""
    before = re.search(r"(?i)\bthe\s+$", text[max(0, m.start - 4) : m.start])
    return bool(before or re.match(r"(?i)the\s", text[m.start : m.end]))


def _merge_event_names(found: list[_Mention]) -> None:
    """One multi-sport event however the article names it.

    "Athens Olympics", "Athens Olympic Games" and "Athens Games" (an event name of
    :data:`EVENT_HEADS`, or "Games", after the same place or qualifier; a year before it
    aside) are one event, named by its most used name (ties: the first used). "Athens
    Games" joins the event only when the article names exactly one event for Athens.
    Names of :data:`EVENT_HEADS` are events whatever the model's label ("Sydney
    Olympics" tagged as an organisation).
    """
    named = [(m, _event_name(m.entity)) for m in found if m.kept and not m.adjectival]
    named = [(m, parsed) for m, parsed in named if parsed]
    events_of: dict[str, set[str]] = defaultdict(set)
    for _, (qualifier, event) in named:
        if event:
            events_of[qualifier].add(event)
    groups: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for m, (qualifier, event) in named:
        if not event and len(events_of[qualifier]) == 1:
            event = next(iter(events_of[qualifier]))
        if event:
            groups[(qualifier, event)][m.entity] += 1
            m.type = "EVENT"
    for group in groups.values():
        # Counter keeps first-use order, so max() gives ties to the first used name.
        canonical = max(group, key=group.__getitem__)
        for m, _ in named:
            if m.entity in group:
                m.entity = canonical


def _event_name(name: str) -> tuple[str, str] | None:
    """``(qualifier, event)`` of a multi-sport event's name, or None for another name.

    "2004 Athens Olympic Games" -> ("athens", "Olympics"); "Athens Games" -> ("athens",
    "") (the event is the one the article names with that qualifier).
    """
    for head, event in [*EVENT_HEADS.items(), (EVENT_SHORT_FORM, "")]:
        if (name == head and event) or name.endswith(" " + head):
            qualifier = re.sub(r"^\d{4}\s+", "", name[: -len(head)].strip())
            # "Paula's Olympics" is someone's games, not the name of an event.
            return None if re.search(r"['’]", qualifier) else (qualifier.casefold(), event)
    return None


def _resolve_short_forms(found: list[_Mention], text: str) -> None:
    """Count a head word alone after "the" as the event or institution the article names.

    "the Games" is the multi-sport event (:func:`_event_name`) named most up to that
    point, ties going to the first named; a later-named event may be another edition
    ("the Games" of Athens before "the Beijing Olympics"), so one named only after it
    does not count. "the Library" is the article's "… Library" or "Library of …" (the
    most mentioned before it, ties to the first named), or with none before, the
    first named after it. A short form the model missed whose meaning the article
    does not make plain is not counted; one the model tagged keeps the model's name.
    """
    short = [m for m in found if m.kept and m.name in SHORT_FORM_HEADS and _after_the(m, text)]
    full = [m for m in found if m.kept and m.name not in SHORT_FORM_HEADS]
    for m in short:
        named = [e for e in full if _is_named_in_full(m.name, e.entity)]
        before = Counter(e.entity for e in named if e.start < m.start)
        later = [e for e in named if e.start > m.start and m.name != EVENT_SHORT_FORM]
        if before:
            entity = max(before, key=before.__getitem__)  # first named wins a tie
        elif later:
            entity = later[0].entity
        else:
            if m.source == "short":
                m.kept, m.entity = False, ""
                m.notes.append(f"“the {m.name}” names nothing the article names in full")
            continue
        m.entity, m.type = entity, next(e.type for e in named if e.entity == entity)
        m.notes.append(f"“the {m.name}”: short form of {entity}")


def _is_named_in_full(head: str, name: str) -> bool:
    """Whether ``name`` is a full name that "the ``head``" can stand for."""
    if head == EVENT_SHORT_FORM:
        return _event_name(name) is not None
    return name.endswith(" " + head) or name.startswith(head + " of ")


def _spelling_rank(item: tuple[str, int]) -> tuple[int, bool, bool]:
    """Most used first; on a tie, not all capitals, then the spelling with its accents."""
    spelling, n = item
    return n, not spelling.isupper(), not spelling.isascii()


# -- after merging: crossheads and relative places --------------------------------------


def _crosshead_mentions(article: Article, found: list[_Mention]) -> list[_Mention]:
    """Names of the article's entities in its all-capital lines ("NIGHT FOR ‘IRISHMAN’").

    The model finds almost nothing in capitals, so a crosshead (a line of at most
    :data:`CROSSHEAD_WORDS` words, every letter a capital) is searched, case aside,
    for the names of entities found elsewhere in the article.
    """
    text, doc = article.text, article.doc
    names: dict[str, _Mention] = {}
    for m in found:
        if m.kept and not m.adjectival and len(m.name) > 2:
            names.setdefault(m.name.casefold(), m)
    covered = {t for m in found if m.kept for t in range(m.tok_start, m.tok_end)}
    added = []
    for line in re.finditer(r"[^\n]+", text):
        letters = [c for c in line.group() if c.isalpha()]
        if len(letters) < 4 or not all(c.isupper() for c in letters):
            continue
        if len(line.group().split()) > CROSSHEAD_WORDS or not names:
            continue
        pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        for hit in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", line.group(), re.IGNORECASE):
            start, end = line.start() + hit.start(), line.start() + hit.end()
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or covered.intersection(range(span.start, span.end)):
                continue
            known = names[hit.group().casefold()]
            added.append(
                _Mention(
                    start,
                    end,
                    known.label,
                    "crosshead",
                    span.start,
                    span.end,
                    type=known.type,
                    name=known.name,
                    entity=known.entity,
                )
            )
    return added


def _resolve_relative_places(found: list[_Mention]) -> None:
    """Count "the North" / "the South" as the place the article's main places make plain.

    See ``analysis/data/entity_relative_places.csv`` for the rule. Mentions whose
    meaning is not plain are dropped (kept False), not counted as places.
    """
    table = _relative_places()
    relative = [m for m in found if m.kept and m.name in table]
    if not relative:
        return
    places = Counter(
        m.entity
        for m in found
        if m.kept and not m.adjectival and m.type in PLACE_TYPES and m.name not in table
    )
    main_places = {name for name, _ in places.most_common(2)}
    for m in relative:
        rows = [row for row in table[m.name] if main_places.intersection(row.when)]
        if rows:
            row = max(rows, key=lambda r: sum(places[w] for w in r.when))
            m.entity, m.type = row.name, row.type
            m.notes.append(f"relative place; the article is about {'/'.join(row.when)}")
        else:
            m.kept, m.entity = False, ""
            m.notes.append("relative place whose meaning the article's places do not make plain")
