"""The working record of one mention while the pipeline corrects, finds and merges it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class _Mention:
    """A mention in the making: offsets, the model's label, and what the steps decided."""

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
