"""Entities: which people, places and organisations an article mentions, counted right.

Counting the strings of spaCy's ``doc.ents`` is wrong: "North Korea" and "North
Korea’s" come out as two entities, "Putin" apart from "Vladimir Putin", and the
small model calls titles ("Secretary of State") and ideologies organisations.
This module turns the model's mentions into canonical entities in five steps,
each documented where it is done:

1. **Mentions** come from spaCy's NER over the cleaned text (``article.doc``),
   so removed boilerplate ("Share.", "Exit mobile version") yields nothing.
   Numeric types (dates, money, counts…) are left out: see :data:`ENTITY_TYPES`.
2. **Corrections** (``analysis/data/entity_corrections.csv``) fix the model's
   known misfires with general rules: honorifics stripped from names, titles and
   ideologies not organisations, "the Kim family" not Kim; datelines, bylines,
   credit lines, sign-offs ("(END)") and e-mail addresses are never entities, nor
   adjectives from names ("Faustian") or periods ("Cenozoic"). Then a common word
   opening a sentence is cut from a surname ("Notice Trump"); a mention with no
   capital letter ("300p", "n’t") or a common word capitalised only where it opens
   a sentence ("Broadband") is dropped; and a name the model cut short is grown to
   its head word ("Paris Climate" + "Accord", ``entity_name_heads.csv``). After the
   pattern pass, an interview turn's label ends at its colon ("The Economist: You")
   and a name after Mr, Ms, Sir or Dame is a person whatever the model's label.
3. **A pattern pass** over the existing doc (nothing is re-parsed) adds what the
   model missed: later uses of an acronym defined in the text, later uses of a
   person's surname, forms listed in the alias table, "the North"/"the South",
   "the Games" and "the Library"-like short forms, institutions named like "The
   Tate Gallery", titles of works in quotes, and unquoted titles with a subtitle
   ("Joshua Reynolds: The Creation of Celebrity", whose inner name is then no
   mention of its own).
4. **Normalisation**: a leading "the" (or "this"/"that") and a possessive ("’s",
   "'s", "s’") are removed.
5. **Merging** into canonical names, in this order: the alias table
   (``analysis/data/entity_aliases.csv``: world knowledge such as DPRK → North
   Korea and N. Korea → North Korea, demonyms such as "Russian" → Russia), acronyms
   defined in the text ("Equal Opportunities Commission (EOC)"), lone person names
   resolved to a full name (see :func:`_resolve_people` for the rule and where it
   fails), short and long forms of a company's or institution's name ("the Tate"
   and the Tate Gallery), one multi-sport event however named ("the Athens
   Olympics", "the Athens Games", then "the Games"), names in all-capital
   crossheads, and relative places resolved by the article's main places
   (``entity_relative_places.csv``; "the North" in a Korea story is North Korea,
   and is not counted where its meaning is not plain).

Demonyms and adjectives ("Russian", "North Korean") are linked to their country
but counted in a separate ``adjectival`` column, never folded into ``mentions``; so
is a group word used as a modifier ("Muslim voters", but "Muslims" is a mention).
Accuracy against hand counts: ``python -m benchmarks.entities``.
"""

from __future__ import annotations

from analysis.entities.names import normalize_name
from analysis.entities.rules import (
    COMMON_ZIPF,
    CONTEXT_CHARS,
    CROSSHEAD_WORDS,
    EVENT_HEADS,
    EVENT_SHORT_FORM,
    HONORIFICS,
    INSTITUTION_HEADS,
    MISLABELLED_NAME_TYPES,
    ORG_HEAD_WORDS,
    PERSON_NAME_SHAPE,
    PERSONAL_HONORIFIC,
    PERSONAL_HONORIFICS,
    PLACE_TYPES,
    SHORT_FORM_HEADS,
    Alias,
    CorrectionRule,
    RelativePlace,
    alias_table,
    correction_rules,
)
from analysis.entities.tables import (
    COUNT_COLUMNS,
    MENTION_COLUMNS,
    cooccurrence,
    dispersion,
    dispersion_spans,
    entity_counts,
    headline_metrics,
    mentions,
    report_section,
    surface_forms,
)
from analysis.entities.takeaways import (
    DOMINANT_SHARE,
    NO_ENTITIES,
    TOP_DISPERSION,
    TOP_NETWORK,
    counts_takeaway,
    dispersion_takeaway,
    network_takeaway,
    summary_takeaway,
    takeaways,
)
from analysis.vocabulary import ENTITY_TYPES

__all__ = [
    "COMMON_ZIPF",
    "CONTEXT_CHARS",
    "COUNT_COLUMNS",
    "CROSSHEAD_WORDS",
    "DOMINANT_SHARE",
    "ENTITY_TYPES",
    "EVENT_HEADS",
    "EVENT_SHORT_FORM",
    "HONORIFICS",
    "INSTITUTION_HEADS",
    "MENTION_COLUMNS",
    "MISLABELLED_NAME_TYPES",
    "NO_ENTITIES",
    "ORG_HEAD_WORDS",
    "PERSONAL_HONORIFIC",
    "PERSONAL_HONORIFICS",
    "PERSON_NAME_SHAPE",
    "PLACE_TYPES",
    "SHORT_FORM_HEADS",
    "TOP_DISPERSION",
    "TOP_NETWORK",
    "Alias",
    "CorrectionRule",
    "RelativePlace",
    "alias_table",
    "cooccurrence",
    "correction_rules",
    "counts_takeaway",
    "dispersion",
    "dispersion_spans",
    "dispersion_takeaway",
    "entity_counts",
    "headline_metrics",
    "mentions",
    "network_takeaway",
    "normalize_name",
    "report_section",
    "summary_takeaway",
    "surface_forms",
    "takeaways",
]
