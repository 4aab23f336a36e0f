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

import bisect
import csv
import functools
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pandas as pd

from analysis.article import Article
from analysis.cache import cached
from analysis.paths import data_file
from analysis.tokens import token_table
from analysis.vocabulary import ENTITY_TYPES, straighten_apostrophes

# Types that count as places in :func:`headline_metrics`.
PLACE_TYPES = ("GPE", "LOC", "FAC")
# Model labels that a lone surname may carry when the small model mislabels it.
MISLABELLED_NAME_TYPES = ("ORG", "GPE", "PERSON")
# Head words an article may leave out when it names an organisation again ("Hofstra").
ORG_HEAD_WORDS = (
    "University",
    "College",
    "Party",
    "Institute",
    "Foundation",
    "Hospital",
    "Company",
    "Group",
    "Council",
    "Club",
    "Gallery",
    "Museum",
    "Theatre",
    "Theater",
    "Library",
    "Orchestra",
    "Zoo",
)
# Head words of institutions the small model often leaves untagged ("The Tate Gallery"):
# a run of capitalised words ending in one is an organisation (:func:`_institution_spans`).
INSTITUTION_HEADS = frozenset(
    ["Gallery", "Museum", "Theatre", "Theater", "Library", "Orchestra", "Zoo", "Academy"]
    + ["University", "College", "Institute", "Hospital"]
)
# Ends of the names of multi-sport events, by the event they name: "the Athens
# Olympics", "the Athens Olympic Games" and "the Athens Games" are one event
# (:func:`_merge_event_names`), and "the Games" alone is the one the article names.
EVENT_HEADS = {
    "Olympic Games": "Olympics",
    "Olympics": "Olympics",
    "Paralympic Games": "Paralympics",
    "Paralympics": "Paralympics",
}
EVENT_SHORT_FORM = "Games"
# Head words that, alone after "the", name the event or institution the article names
# in full ("the Games", "the Library" for the British Library): see
# :func:`_resolve_short_forms`.
SHORT_FORM_HEADS = INSTITUTION_HEADS | {EVENT_SHORT_FORM}
# A capitalised word at least this frequent in English (wordfreq's Zipf scale, where
# "notice" is 4.9 and "Vladimir" 3.9) that opens a sentence is taken for a common word.
COMMON_ZIPF = 4.5
# A line of at most this many words, all in capitals, is a crosshead (a subheading).
CROSSHEAD_WORDS = 12
# Tags a capitalised known surname may carry: the small model tags "Meadows" NNS.
_SURNAME_TAGS = ("NNP", "NNPS", "NN", "NNS")
# How much text around a mention the "before"/"after" correction rules see.
CONTEXT_CHARS = 60

MENTION_COLUMNS = [
    "mention_id",
    "sentence_id",
    "paragraph",
    "start",
    "end",
    "text",
    "name",
    "entity",
    "type",
    "adjectival",
    "label",
    "source",
    "correction",
    "kept",
]
COUNT_COLUMNS = [
    "name",
    "type",
    "mentions",
    "adjectival",
    "surface_forms",
    "n_sentences",
    "first_sentence",
]

_ACRONYM = re.compile(r"[A-Z][A-Z&.\d]*[A-Z\d]\.?$")
# A middle initial, case-folded: "w.", "w", "h.w.".
_INITIAL = re.compile(r"(?:[a-z]\.)+|[a-z]")
_POSSESSIVE = re.compile(r"(?:['’‘]s|(?<=s)['’])$")
_LEADING_THE = re.compile(r"(?i)(?:the|this|that|these|those)\s+")
_QUOTE_PAIRS = {"“": "”", "‘": "’", '"': '"'}
# Honorifics only people carry ("Dr" and "Lord" also name drinks and grounds: "Dr
# Pepper", "Lord's"); a name after one is a person (see _people_after_honorifics).
_HONORIFIC = r"(?:Mr|Mrs|Ms|Mx|Sir|Dame)\.?\s+"
PERSONAL_HONORIFIC = re.compile(_HONORIFIC)
_HONORIFIC_BEFORE = re.compile(rf"\b{_HONORIFIC}$")
# A person's name after an honorific: up to four capitalised words ("O'Neill" too), a
# possessive only at the end (not "Mr Brown's International Finance Facility", a plan).
_NAME_WORD = r"[A-Z][\w-]*(?:['’][A-Z][\w-]*)?"
PERSON_NAME_SHAPE = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}(?:['’]s?)?")
_TITLE_SMALL_WORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "by", "with", "from"]
)
# Small words a subtitle may hold ("Raphael: From Urbino to Rome", "Star Wars: Revenge
# of the Sith"); others ("for", "on", "at"…) more often start the sentence's own words.
_SUBTITLE_SMALL_WORDS = frozenset(["a", "an", "the", "of", "in", "and", "to", "from"])
_COMPANY_SUFFIX = re.compile(
    r"(?:\.com)?(?:,?\s+(?:Corp|Corporation|Inc|Incorporated|Ltd|Limited|plc|PLC|LLC|Co|AG|SA)\.?)*$"
)


# -- configuration: alias table and correction rules ------------------------------------


@dataclass(frozen=True)
class Alias:
    """One row of the alias table: a surface form and the entity it names."""

    alias: str
    name: str
    type: str
    adjectival: bool
    find: bool


@dataclass(frozen=True)
class CorrectionRule:
    """One row of the correction file (see its header for the meaning of each field)."""

    where: str
    labels: frozenset[str] | None  # None: every label
    pattern: re.Pattern[str]
    action: str
    new_type: str
    note: str

    def applies_to(self, label: str) -> bool:
        """Whether the rule covers mentions with this model label."""
        return self.labels is None or label in self.labels


def _read_data_csv(name: str) -> list[dict[str, str]]:
    lines = data_file(name).read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(rows)]


def alias_table(extra: pd.DataFrame | list[dict] | None = None) -> pd.DataFrame:
    """The alias table: shipped rows, then ``extra`` rows (which win on the same alias).

    Args:
        extra: More rows with columns ``alias, name, type`` and optionally
            ``form`` ("name" or "adjective", default "name") and ``find``
            ("yes"/"no", default "no").

    Returns:
        One row per alias: ``alias, name, type, form, find``.
    """
    table = pd.DataFrame(_read_data_csv("entity_aliases.csv"))
    if extra is not None:
        more = pd.DataFrame(extra).reindex(columns=["alias", "name", "type", "form", "find"])
        more = more.fillna({"form": "name", "find": "no"})
        table = pd.concat([table, more], ignore_index=True)
    return table.reset_index(drop=True)


def _alias_lookup(table: pd.DataFrame) -> dict[str, Alias]:
    lookup = {}
    for row in table.itertuples(index=False):
        lookup[_key(row.alias)] = Alias(
            alias=row.alias,
            name=row.name,
            type=row.type,
            adjectival=str(row.form).lower().startswith("adj"),
            find=str(row.find).lower() in ("yes", "true", "1"),
        )
    return lookup


def correction_rules(extra: list[dict] | None = None) -> list[CorrectionRule]:
    """The correction rules: the shipped file's rows, then ``extra`` rows, in order.

    Args:
        extra: More rules as dicts with the file's columns
            (``where, label, pattern, action, new_type, note``).

    Raises:
        ValueError: A rule with an unknown ``where`` or ``action``.
    """
    rules = []
    for row in _read_data_csv("entity_corrections.csv") + list(extra or []):
        where, action = row["where"], row["action"]
        if where not in ("text", "before", "after", "line") or action not in (
            "drop",
            "relabel",
            "strip",
            "extend",
        ):
            raise ValueError(f"bad entity correction rule {row!r}")
        label = row.get("label", "*") or "*"
        rules.append(
            CorrectionRule(
                where=where,
                labels=None if label == "*" else frozenset(label.split("|")),
                pattern=re.compile(row["pattern"]),
                action=action,
                new_type=row.get("new_type", "") or "",
                note=row.get("note", "") or action,
            )
        )
    return rules


@functools.cache
def _default_config() -> tuple[dict[str, Alias], tuple[CorrectionRule, ...]]:
    return _alias_lookup(alias_table()), tuple(correction_rules())


@dataclass(frozen=True)
class RelativePlace:
    """One row of the relative-place table: what "the North" means in which articles."""

    form: str
    name: str
    type: str
    when: tuple[str, ...]


@functools.cache
def _relative_places() -> dict[str, tuple[RelativePlace, ...]]:
    """The relative-place table (``entity_relative_places.csv``) by form, rows in file order."""
    table: dict[str, list[RelativePlace]] = defaultdict(list)
    for row in _read_data_csv("entity_relative_places.csv"):
        place = RelativePlace(row["form"], row["name"], row["type"], tuple(row["when"].split("|")))
        table[place.form].append(place)
    return {form: tuple(rows) for form, rows in table.items()}


@functools.cache
def _name_heads() -> dict[str, str]:
    """Head word -> type of the names the model cuts short (``entity_name_heads.csv``)."""
    return {row["head"]: row["type"] for row in _read_data_csv("entity_name_heads.csv")}


# -- text helpers -----------------------------------------------------------------------


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
    name = re.sub(r"\s+", " ", surface).strip().strip('“”"').lstrip("‘").strip()
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


# -- the pipeline -----------------------------------------------------------------------


@dataclass
class _Mention:
    start: int
    end: int
    label: str
    source: str
    tok_start: int
    tok_end: int
    type: str = ""
    name: str = ""
    entity: str = ""
    adjectival: bool = False
    kept: bool = True
    notes: list[str] = field(default_factory=list)
    is_family: bool = False
    after_honorific: bool = False  # "Mr French": a person, never the alias "French"
    modifies_noun: bool = False  # its last word modifies a noun after it ("Muslim voters")


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


def _alias_spans(doc, matcher, lookup: dict[str, Alias]) -> list[tuple]:
    """``(span, "alias", type)`` for each alias-table form found in the doc."""
    spans = []
    for _, start, end in matcher(doc):
        span = doc[start:end]
        if span[0].pos_ in ("PROPN", "ADJ", "NOUN") or span.text.isupper():
            spans.append((span, "alias", lookup[_key(span.text)].type))
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


def _is_title_word(token) -> bool:
    """A capitalised word or a number, as a title's words are."""
    return (token.is_alpha and token.text[:1].isupper()) or token.like_num


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


@functools.cache
def _work_words() -> frozenset[str]:
    """Words that introduce a work's title (``entity_work_words.txt``)."""
    lines = data_file("entity_work_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


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


def _stands_alone(span, rules) -> bool:
    """A run of words that is not part of a longer run of proper nouns."""
    if len(span) == 1:
        return _lone_proper_noun(span[0], rules)
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    return not any(t is not None and t.pos_ == "PROPN" for t in (before, after))


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


# A web address names a site even in lower case ("amazon.co.uk", "blinkx.tv").
_WEB_ADDRESS = re.compile(r"[a-z]\.[a-z]{2,}\b")


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


# Words that open an interview answer or question after a speaker's label
# ("The Economist: You say that ..."); a mention never ends on one after a colon.
_ANSWER_OPENERS = frozenset(
    ["i", "you", "we", "he", "she", "it", "they", "this", "that", "there", "yes", "no", "well"]
)


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


def _is_name_word(token) -> bool:
    """A word that can continue a proper name: capitalised, and not just a sentence opener."""
    if not token.text[:1].isupper() or token.pos_ not in ("PROPN", "NOUN", "ADJ"):
        return False
    return token.pos_ == "PROPN" or not token.is_sent_start


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


def _spelling_rank(item: tuple[str, int]) -> tuple[int, bool, bool]:
    """Most used first; on a tie, not all capitals, then the spelling with its accents."""
    spelling, n = item
    return n, not spelling.isupper(), not spelling.isascii()


def _build(article: Article, lookup: dict[str, Alias], rules, default: bool) -> list[dict]:
    doc, text = article.doc, article.text
    found = [
        _Mention(e.start_char, e.end_char, e.label_, "model", e.start, e.end)
        for e in doc.ents
        if e.label_ in ENTITY_TYPES
    ]
    for m in found:
        _apply_corrections(m, text, rules)
    _strip_openers(found, doc)
    _drop_uncapitalised(found, text)
    _drop_capitalised_common_words(found, doc, lookup)
    _repair_cut_names(found, doc)
    acronyms, definition_tokens = _acronym_definitions(found, doc)
    # The "(ACR)" right after its definition is part of the definition, not a new mention.
    for m in found:
        if m.kept and m.tok_start in definition_tokens and m.tok_end == m.tok_start + 1:
            m.kept = False
            m.notes.append("acronym defined here; counted with its full name")
    found, added = _pattern_pass(
        article, found, lookup, (acronyms, definition_tokens), rules, default
    )
    for m in added:
        _apply_corrections(m, text, rules)
    found = sorted(found + added, key=lambda m: m.start)
    _cut_speaker_labels(found, doc)
    _people_after_honorifics(found, text)
    for m in found:
        if not m.kept:
            m.name = normalize_name(text[m.start : m.end])
    for m in found:
        last = doc[m.tok_end - 1]
        m.modifies_noun = last.dep_ in ("amod", "compound", "nmod") and last.head.i >= m.tok_end
    _canonicalise(found, text, lookup, acronyms)
    found = sorted(found + _crosshead_mentions(article, found), key=lambda m: m.start)
    _resolve_relative_places(found)
    return _mention_rows(article, found)


def _mention_rows(article: Article, found: list[_Mention]) -> list[dict]:
    starts = [s.start for s in article.sentences]
    rows = []
    for number, m in enumerate(found, start=1):
        index = bisect.bisect_right(starts, m.start) - 1
        sentence = article.sentences[index] if index >= 0 else None
        rows.append(
            {
                "mention_id": number,
                "sentence_id": sentence.id if sentence else None,
                "paragraph": sentence.paragraph if sentence else None,
                "start": m.start,
                "end": m.end,
                "text": article.text[m.start : m.end],
                "name": m.name,
                "entity": m.entity if m.kept else "",
                "type": m.type if m.kept else "",
                "adjectival": bool(m.adjectival),
                "label": m.label,
                "source": m.source,
                "correction": "; ".join(m.notes),
                "kept": m.kept,
            }
        )
    return rows


def _count_rows(rows: list[dict]) -> list[dict]:
    """Per-entity counts from kept mention rows (plain Python: this runs on every table)."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["entity"], []).append(row)
    counts = []
    for entity, group in groups.items():
        nouns = [r for r in group if not r["adjectival"]]
        types = Counter(r["type"] for r in (nouns or group))
        sentences = {r["sentence_id"] for r in group if r["sentence_id"] is not None}
        counts.append(
            {
                "name": entity,
                "type": types.most_common(1)[0][0],
                "mentions": len(nouns),
                "adjectival": len(group) - len(nouns),
                "surface_forms": list(dict.fromkeys(_surface(r) for r in group)),
                "n_sentences": len(sentences),
                "first_sentence": min(sentences) if sentences else None,
            }
        )
    counts.sort(key=lambda c: (-c["mentions"], -c["adjectival"], c["first_sentence"] or 0))
    return counts


def _surface(row: dict) -> str:
    return re.sub(r"\s+", " ", row["text"])


@dataclass(frozen=True)
class _Result:
    """The one result record of an article: every public table, the report section,
    the headline metrics, the takeaways and (through the tables) the charts read it.

    Attributes:
        rows: Every mention row (:data:`MENTION_COLUMNS`), dropped ones included.
        kept: The kept mention rows, in reading order.
        counts: One row per canonical entity (:data:`COUNT_COLUMNS`), most mentioned first.
    """

    rows: list[dict]
    kept: list[dict]
    counts: list[dict]


def _result(
    article: Article,
    aliases: pd.DataFrame | None = None,
    corrections: list[CorrectionRule] | None = None,
) -> _Result:
    if aliases is None and corrections is None:
        # Every table below derives from this one pass over the default configuration,
        # so a notebook or report asking for five tables computes it once.
        return cached(article, ("entities", "result"), lambda a: _compute(a, None, None))
    return _compute(article, aliases, corrections)


def _compute(
    article: Article,
    aliases: pd.DataFrame | None,
    corrections: list[CorrectionRule] | None,
) -> _Result:
    default = aliases is None and corrections is None
    lookup, rules = _default_config()
    if aliases is not None:
        lookup = _alias_lookup(aliases)
    if corrections is not None:
        rules = tuple(corrections)
    rows = _build(article, lookup, rules, default)
    kept = [r for r in rows if r["kept"]]
    return _Result(rows=rows, kept=kept, counts=_count_rows(kept))


# -- public tables ----------------------------------------------------------------------


def mentions(
    article: Article,
    *,
    include_dropped: bool = False,
    aliases: pd.DataFrame | None = None,
    corrections: list[CorrectionRule] | None = None,
) -> pd.DataFrame:
    """Every entity mention, in reading order, with its canonical entity.

    Args:
        article: The loaded article.
        include_dropped: Also return mentions the corrections dropped (titles,
            acronym definitions), with ``kept`` False and an empty ``entity``.
        aliases: An alias table (see :func:`alias_table`) instead of the shipped one.
        corrections: Rules (see :func:`correction_rules`) instead of the shipped ones.

    Returns:
        One row per mention: ``mention_id``; ``sentence_id`` and ``paragraph`` (the
        article's 1-based ids); ``start``/``end`` (character offsets in
        ``article.text``); ``text`` (the surface as written); ``name`` (normalised:
        no leading "the", no possessive); ``entity`` (canonical name); ``type``;
        ``adjectival`` (a demonym or adjective linked to ``entity``); ``label``
        (the model's label); ``source`` ("model", or the pass that found it: "alias",
        "acronym", "name", "repeat", "relative", "short", "title", "institution",
        "crosshead"); ``correction`` (rules applied); ``kept``.
    """
    result = _result(article, aliases, corrections)
    rows = result.rows if include_dropped else result.kept
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def entity_counts(article: Article, **config) -> pd.DataFrame:
    """Canonical entities with their mention counts, most mentioned first.

    A higher ``mentions`` means the article names the entity more often.

    Args:
        article: The loaded article.
        **config: ``aliases=`` / ``corrections=`` as for :func:`mentions`.

    Returns:
        One row per entity: ``name``; ``type`` (the alias table's, else the most
        common type among its noun mentions); ``mentions`` (noun mentions);
        ``adjectival`` (demonym/adjective mentions, counted apart); ``surface_forms``
        (distinct surfaces as written, in order of first use); ``n_sentences``
        (sentences mentioning it either way); ``first_sentence``. Ties in
        ``mentions`` go to more adjectival mentions, then to the earlier entity.
    """
    counts = _result(article, **config).counts
    return pd.DataFrame(
        [dict(c, surface_forms=list(c["surface_forms"])) for c in counts], columns=COUNT_COLUMNS
    )


def surface_forms(article: Article, **config) -> pd.DataFrame:
    """The surface forms merged into each entity, so a reader can check the merging.

    Returns:
        One row per (entity, surface form): ``entity``, ``type``, ``surface``,
        ``adjectival``, ``n`` (times written this way), ``first_sentence``;
        entities in the order of :func:`entity_counts`, their forms most used first.
    """
    columns = ["entity", "type", "surface", "adjectival", "n", "first_sentence"]
    result = _result(article, **config)
    order = {c["name"]: (i, c["type"]) for i, c in enumerate(result.counts)}
    forms: dict[tuple, dict] = {}
    for row in result.kept:
        key = (row["entity"], _surface(row), row["adjectival"])
        form = forms.setdefault(key, {"n": 0, "first_sentence": row["sentence_id"]})
        form["n"] += 1
    rows = [
        {
            "entity": entity,
            "type": order[entity][1],
            "surface": surface,
            "adjectival": adjectival,
            "n": form["n"],
            "first_sentence": form["first_sentence"],
        }
        for (entity, surface, adjectival), form in forms.items()
    ]
    rows.sort(key=lambda r: (order[r["entity"]][0], r["adjectival"], -r["n"]))
    return pd.DataFrame(rows, columns=columns)


def cooccurrence(article: Article, *, min_count: int = 1, **config) -> pd.DataFrame:
    """Pairs of entities mentioned in the same sentence, with how often.

    Adjectival mentions count too ("Russian President Vladimir Putin" puts Russia
    and Putin together). Each sentence counts once per pair, however many times
    it names them. Cost grows with the square of the entities in one sentence,
    which stays small; over the article it is linear in the sentences.

    Args:
        article: The loaded article.
        min_count: Keep pairs sharing at least this many sentences.
        **config: ``aliases=`` / ``corrections=`` as for :func:`mentions`.

    Returns:
        One row per pair: ``source`` and ``target`` (the pair, the more mentioned
        entity first), ``n_sentences`` (a higher value means the two are discussed
        together more often) and ``sentence_ids``; most frequent pairs first.
    """
    columns = ["source", "target", "n_sentences", "sentence_ids"]
    result = _result(article, **config)
    rank = {c["name"]: i for i, c in enumerate(result.counts)}
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for row in result.kept:
        if row["sentence_id"] is not None:
            by_sentence[row["sentence_id"]].add(row["entity"])
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for sentence_id in sorted(by_sentence):
        names = sorted(by_sentence[sentence_id], key=rank.__getitem__)
        for a, b in itertools.combinations(names, 2):
            pairs[(a, b)].append(sentence_id)
    rows = [
        {"source": a, "target": b, "n_sentences": len(ids), "sentence_ids": ids}
        for (a, b), ids in pairs.items()
        if len(ids) >= min_count
    ]
    rows.sort(key=lambda r: (-r["n_sentences"], rank[r["source"]], rank[r["target"]]))
    return pd.DataFrame(rows, columns=columns)


def dispersion(article: Article, *, top_n: int = 10, **config) -> pd.DataFrame:
    """Where each of the top entities is mentioned across the article.

    Args:
        article: The loaded article.
        top_n: How many entities (in :func:`entity_counts` order).
        **config: ``aliases=`` / ``corrections=`` as for :func:`mentions`.

    Returns:
        One row per mention of a top entity: ``entity``, ``rank`` (1 = most
        mentioned), ``sentence_id``, ``position`` (start offset / text length,
        0 = first character, 1 = end), ``adjectival``; by rank, then position.
    """
    columns = ["entity", "rank", "sentence_id", "position", "adjectival"]
    result = _result(article, **config)
    rank = {c["name"]: i + 1 for i, c in enumerate(result.counts[:top_n])}
    length = max(len(article.text), 1)
    rows = [
        {
            "entity": row["entity"],
            "rank": rank[row["entity"]],
            "sentence_id": row["sentence_id"],
            "position": row["start"] / length,
            "adjectival": row["adjectival"],
        }
        for row in result.kept
        if row["entity"] in rank
    ]
    rows.sort(key=lambda r: (r["rank"], r["position"]))
    return pd.DataFrame(rows, columns=columns)


def report_section(article: Article) -> list[dict]:
    """The ``entities`` section of ``report --format json``.

    Returns:
        One dict per entity, most mentioned first:
        ``{name, type, mentions, adjectival, surface_forms}``.
    """
    return [
        {
            "name": c["name"],
            "type": c["type"],
            "mentions": c["mentions"],
            "adjectival": c["adjectival"],
            "surface_forms": list(c["surface_forms"]),
        }
        for c in _result(article).counts
    ]


def headline_metrics(article: Article) -> dict:
    """A few flat values summarising the article's entities for a corpus table.

    Returns:
        ``n_entities`` (distinct canonical entities), ``n_mentions`` (noun
        mentions), ``n_adjectival``, ``top_entity`` and its ``top_entity_type``,
        ``top_entity_share`` (its mentions / all noun mentions, 0-1; higher means
        one entity dominates the article; NaN with no mentions), ``top_person``,
        ``top_place`` and ``top_org`` (the most mentioned of each kind, "" if none).
    """
    counts = _result(article).counts
    n_mentions = sum(c["mentions"] for c in counts)

    def top_of(types: tuple[str, ...]) -> str:
        return next((c["name"] for c in counts if c["type"] in types), "")

    top = counts[0] if counts else None
    return {
        "n_entities": len(counts),
        "n_mentions": n_mentions,
        "n_adjectival": sum(c["adjectival"] for c in counts),
        "top_entity": top["name"] if top else "",
        "top_entity_type": top["type"] if top else "",
        "top_entity_share": top["mentions"] / n_mentions if top and n_mentions else float("nan"),
        "top_person": top_of(("PERSON",)),
        "top_place": top_of(PLACE_TYPES),
        "top_org": top_of(("ORG",)),
    }


# Above this share of the mentions by name, one entity dominates the article.
DOMINANT_SHARE = 0.25
NO_ENTITIES = "The entity model found no people, places or organisations."


def counts_takeaway(article: Article) -> str:
    """One sentence on who dominates the article, with its numbers (notebook 04)."""
    counts = _result(article).counts
    if not counts:
        return NO_ENTITIES
    return _counts_takeaway(counts)


def dispersion_takeaway(article: Article, *, top_n: int = 10) -> str:
    """One sentence on which of the ``top_n`` entities run through the article (notebook 04)."""
    if not _result(article).counts:
        return NO_ENTITIES
    return _dispersion_takeaway(dispersion(article, top_n=top_n), article.n_sentences)


def network_takeaway(article: Article, *, top_n: int = 12) -> str:
    """One sentence on the pair of the ``top_n`` entities most often named together."""
    counts = _result(article).counts
    if not counts:
        return NO_ENTITIES
    return _network_takeaway(counts[:top_n], cooccurrence(article))


def _counts_takeaway(counts: list[dict]) -> str:
    top, n_mentions = counts[0], sum(c["mentions"] for c in counts)
    share = top["mentions"] / n_mentions if n_mentions else 0.0
    verdict = (
        "one subject dominates the story"
        if share > DOMINANT_SHARE
        else "no single subject dominates; many actors share the story"
    )
    return (
        f"{top['name']} is named most: {top['mentions']} of the {n_mentions} mentions by name "
        f"({share:.0%}) among {len(counts)} distinct entities, so {verdict} (above "
        f"{DOMINANT_SHARE:.0%} one entity dominates)."
    )


def _dispersion_takeaway(spread: pd.DataFrame, n_sentences: int) -> str:
    """Entities named in both the first and the last third of the sentences run through it."""
    span = spread.groupby("entity", sort=False)["sentence_id"].agg(["min", "max"])
    third = n_sentences / 3
    through = [e for e, row in span.iterrows() if row["min"] <= third and row["max"] > 2 * third]
    single = [e for e, row in span.iterrows() if row["min"] == row["max"]]
    parts = [
        f"Of the {len(span)} most mentioned entities, {len(through)} run through the article "
        "(named in its first and last thirds)" + (f": {', '.join(through)}" if through else "")
    ]
    if single:
        verb = "appears" if len(single) == 1 else "appear"
        parts.append(f"{len(single)} {verb} in one sentence only")
    return "; ".join(parts) + "."


def _network_takeaway(top: list[dict], pairs: pd.DataFrame) -> str:
    names = {c["name"] for c in top}
    linked = pairs[pairs["source"].isin(names) & pairs["target"].isin(names)]
    alone = names - set(linked["source"]) - set(linked["target"])
    if linked.empty:
        return f"None of the {len(names)} most mentioned entities shares a sentence with another."
    first = linked.iloc[0]
    sentence = (
        f"{first['source']} and {first['target']} are named together most often, in "
        f"{first['n_sentences']} sentence{'s' if first['n_sentences'] != 1 else ''}"
    )
    if alone:
        verb = "is" if len(alone) == 1 else "are"
        sentence += (
            f"; {len(alone)} of the {len(names)} most mentioned {verb} never named with another"
        )
    return sentence + "."
