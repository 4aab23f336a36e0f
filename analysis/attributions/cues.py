"""The cue lexicon: the words that mark an attribution, read from ``analysis/data``.

``analysis/data/attribution_cues.csv`` gives each cue word a role (speech, belief,
passive, adverb, generic source) and says whether a plain object is its content.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from analysis.paths import data_file
from analysis.vocabulary import is_yes, read_data_csv


@dataclass(frozen=True)
class CueLexicon:
    """The cue words of ``analysis/data/attribution_cues.csv``, by role."""

    speech: frozenset[str]
    belief: frozenset[str]
    passive: frozenset[str]
    adverb: frozenset[str]
    generic: frozenset[str]
    takes_object: frozenset[str]


@functools.cache
def cue_lexicon() -> CueLexicon:
    """The shipped cue lexicon (read once).

    Raises:
        ValueError: A row with an unknown role, naming the file.
    """
    path = data_file("attribution_cues.csv")
    rows = read_data_csv("attribution_cues.csv")
    roles: dict[str, set[str]] = defaultdict(set)
    objects = set()
    for row in rows:
        role = row["role"]
        if role not in ("speech", "belief", "passive", "adverb", "generic", "frame"):
            raise ValueError(f"{path}: unknown role {role!r} in row {row}")
        if row["frame"] not in ("", "any", "verb"):
            raise ValueError(f"{path}: unknown frame {row['frame']!r} in row {row}")
        roles[role].add(row["word"])
        if is_yes(row["object"]):
            objects.add(row["word"])
    return CueLexicon(
        **{role: frozenset(roles[role]) for role in ("speech", "belief", "passive", "adverb")},
        generic=frozenset(roles["generic"]),
        takes_object=frozenset(objects),
    )
