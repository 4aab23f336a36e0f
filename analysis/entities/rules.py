"""The entity rules: the data files of ``analysis/data/`` read once, and the rule constants.

Word lists live in data files (one entry a line, ``#`` comments, read by
:func:`analysis.vocabulary.read_word_list`; CSV where an entry has fields); numeric
thresholds and spaCy label sets stay here as code constants. Files:

- ``entity_aliases.csv``: world-knowledge aliases (:func:`alias_table`);
- ``entity_corrections.csv``: the model's known misfires (:func:`correction_rules`);
- ``honorifics.csv``: the one honorific list, read by
  :func:`analysis.vocabulary.honorifics` (stripped from names; the ``personal`` ones
  make a person of the name after them);
- ``entity_org_heads.csv``: organisations' head words (left out in short forms;
  institutions found untagged);
- ``entity_event_names.csv``: multi-sport events' names and their short form;
- ``entity_title_small_words.csv``: small words inside titles of works;
- ``entity_company_suffixes.txt``, ``entity_answer_openers.txt``,
  ``entity_work_words.txt``, ``entity_name_heads.csv``, ``entity_relative_places.csv``.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from analysis.entities.names import _key
from analysis.paths import data_file
from analysis.vocabulary import honorifics, is_yes, read_data_csv, read_word_list

# Types that count as places in :func:`headline_metrics`.
PLACE_TYPES = ("GPE", "LOC", "FAC")
# Model labels that a lone surname may carry when the small model mislabels it.
MISLABELLED_NAME_TYPES = ("ORG", "GPE", "PERSON")
# Tags a capitalised known surname may carry: the small model tags "Meadows" NNS.
_SURNAME_TAGS = ("NNP", "NNPS", "NN", "NNS")
# A capitalised word at least this frequent in English (wordfreq's Zipf scale, where
# "notice" is 4.9 and "Vladimir" 3.9) that opens a sentence is taken for a common word.
COMMON_ZIPF = 4.5
# A line of at most this many words, all in capitals, is a crosshead (a subheading).
CROSSHEAD_WORDS = 12
# How much text around a mention the "before"/"after" correction rules see.
CONTEXT_CHARS = 60
# Where each correction action does something (see entity_corrections.csv's header).
_ACTIONS_BY_WHERE = {
    "text": ("drop", "relabel", "strip"),
    "before": ("drop", "relabel"),
    "after": ("drop", "relabel", "extend"),
    "line": ("drop", "relabel"),
}
# The placeholder a correction pattern uses for the honorific list.
HONORIFICS_PLACEHOLDER = "{honorifics}"


# -- word lists -------------------------------------------------------------------------

# Every honorific and title stripped from a name, in file order ("Prime Minister", "Mr"…).
HONORIFICS = tuple(h.text for h in honorifics())
# Honorifics only people carry ("Dr" and "Lord" also name drinks and grounds: "Dr
# Pepper", "Lord's"); a name after one is a person (see _people_after_honorifics).
PERSONAL_HONORIFICS = tuple(h.text for h in honorifics() if h.personal)
_HONORIFIC = rf"(?:{'|'.join(map(re.escape, PERSONAL_HONORIFICS))})\.?\s+"
PERSONAL_HONORIFIC = re.compile(_HONORIFIC)
_HONORIFIC_BEFORE = re.compile(rf"\b{_HONORIFIC}$")
# A person's name after an honorific: up to four capitalised words ("O'Neill" too), a
# possessive only at the end (not "Mr Brown's International Finance Facility", a plan).
_NAME_WORD = r"[A-Z][\w-]*(?:['’][A-Z][\w-]*)?"
PERSON_NAME_SHAPE = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}(?:['’]s?)?")

_ORG_HEAD_ROWS = read_data_csv("entity_org_heads.csv")
# Head words an article may leave out when it names an organisation again ("Hofstra").
ORG_HEAD_WORDS = tuple(row["head"] for row in _ORG_HEAD_ROWS if is_yes(row["left_out"]))
# Head words of institutions the small model often leaves untagged ("The Tate Gallery"):
# a run of capitalised words ending in one is an organisation (:func:`_institution_spans`).
INSTITUTION_HEADS = frozenset(row["head"] for row in _ORG_HEAD_ROWS if is_yes(row["institution"]))

_EVENT_ROWS = read_data_csv("entity_event_names.csv")
# Ends of the names of multi-sport events, by the event they name: "the Athens
# Olympics", "the Athens Olympic Games" and "the Athens Games" are one event
# (:func:`_merge_event_names`), and "the Games" alone is the one the article names.
EVENT_HEADS = {row["head"]: row["event"] for row in _EVENT_ROWS if row["event"]}
(EVENT_SHORT_FORM,) = [row["head"] for row in _EVENT_ROWS if not row["event"]]
# Head words that, alone after "the", name the event or institution the article names
# in full ("the Games", "the Library" for the British Library): see
# :func:`_resolve_short_forms`.
SHORT_FORM_HEADS = INSTITUTION_HEADS | {EVENT_SHORT_FORM}

_SMALL_WORD_ROWS = read_data_csv("entity_title_small_words.csv")
_TITLE_SMALL_WORDS = frozenset(row["word"] for row in _SMALL_WORD_ROWS)
# Small words a subtitle may hold ("Raphael: From Urbino to Rome", "Star Wars: Revenge
# of the Sith"); others ("for", "on", "at"…) more often start the sentence's own words.
_SUBTITLE_SMALL_WORDS = frozenset(
    row["word"] for row in _SMALL_WORD_ROWS if is_yes(row["in_subtitle"])
)
_COMPANY_SUFFIX = re.compile(
    r"(?:\.com)?(?:,?\s+(?:"
    + "|".join(map(re.escape, read_word_list("entity_company_suffixes.txt")))
    + r")\.?)*$"
)
# Words that open an interview answer or question after a speaker's label
# ("The Economist: You say that ..."); a mention never ends on one after a colon.
_ANSWER_OPENERS = frozenset(read_word_list("entity_answer_openers.txt"))


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


def alias_table(extra: pd.DataFrame | list[dict] | None = None) -> pd.DataFrame:
    """The alias table: shipped rows, then ``extra`` rows (which win on the same alias).

    Args:
        extra: More rows with columns ``alias, name, type`` and optionally
            ``form`` ("name" or "adjective", default "name") and ``find``
            ("yes"/"no", default "no").

    Returns:
        One row per alias: ``alias, name, type, form, find``.
    """
    table = pd.DataFrame(read_data_csv("entity_aliases.csv"))
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

    A pattern's ``{honorifics}`` stands for the honorifics of ``honorifics.csv``.

    Args:
        extra: More rules as dicts with the file's columns
            (``where, label, pattern, action, new_type, note``).

    Raises:
        ValueError: A rule with an unknown ``where`` or ``action``, a ``where``/``action``
            pair that would do nothing (see the file's header), or a ``relabel`` with no
            ``new_type``; the message names the file (or ``extra``) and the row.
    """
    # Rows are numbered from 1 after the header, comment lines not counted.
    name = "entity_corrections.csv"
    shipped = [(f"{data_file(name)}, row {n}", r) for n, r in enumerate(read_data_csv(name), 1)]
    added = [(f"correction_rules(extra=...), row {n}", r) for n, r in enumerate(extra or [], 1)]
    honorifics = "|".join(map(re.escape, HONORIFICS))
    rules = []
    for place, row in shipped + added:
        _check_rule(row, place)
        label = row.get("label", "*") or "*"
        rules.append(
            CorrectionRule(
                where=row["where"],
                labels=None if label == "*" else frozenset(label.split("|")),
                pattern=re.compile(row["pattern"].replace(HONORIFICS_PLACEHOLDER, honorifics)),
                action=row["action"],
                new_type=row.get("new_type", "") or "",
                note=row.get("note", "") or row["action"],
            )
        )
    return rules


def _check_rule(row: dict, place: str) -> None:
    """Refuse a rule that cannot apply: it would otherwise do nothing, silently."""
    where, action = row.get("where", ""), row.get("action", "")
    if where not in _ACTIONS_BY_WHERE:
        problem = f"unknown where {where!r} (one of {', '.join(_ACTIONS_BY_WHERE)})"
    elif action not in ("drop", "relabel", "strip", "extend"):
        problem = f"unknown action {action!r} (drop, relabel, strip or extend)"
    elif action not in _ACTIONS_BY_WHERE[where]:
        problem = (
            f"action {action!r} does nothing with where {where!r} "
            f"(there: {', '.join(_ACTIONS_BY_WHERE[where])})"
        )
    elif action == "relabel" and not row.get("new_type"):
        problem = "relabel needs a new_type"
    else:
        return
    raise ValueError(f"bad entity correction rule in {place}: {problem}: {row!r}")


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
    for row in read_data_csv("entity_relative_places.csv"):
        place = RelativePlace(row["form"], row["name"], row["type"], tuple(row["when"].split("|")))
        table[place.form].append(place)
    return {form: tuple(rows) for form, rows in table.items()}


@functools.cache
def _name_heads() -> dict[str, str]:
    """Head word -> type of the names the model cuts short (``entity_name_heads.csv``)."""
    return {row["head"]: row["type"] for row in read_data_csv("entity_name_heads.csv")}


@functools.cache
def _work_words() -> frozenset[str]:
    """Words that introduce a work's title (``entity_work_words.txt``)."""
    return frozenset(word.lower() for word in read_word_list("entity_work_words.txt"))
