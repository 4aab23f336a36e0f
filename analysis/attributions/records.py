"""What the attribution analysis holds: one attribution, a draft of one, an article's result.

The column lists of the public tables (:mod:`analysis.attributions.tables`) live here
too, next to the fields they are built from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("direct", "indirect", "unattributed")
RECORD_KEYS = ("id", "sentence", "kind", "source", "speaker", "cue", "content")
ATTRIBUTION_COLUMNS = [*RECORD_KEYS, "voice", "sentences", "n_words", "start", "end"]
# The voice of an unattributed claim, and of a quote whose speaker could not be found.
NOBODY = "(nobody: unattributed)"
UNKNOWN = "(no source found)"
SPEAKER_COLUMNS = [
    "speaker",
    "resolved",
    "attributions",
    "words",
    "word_share",
    "direct",
    "indirect",
    "direct_words",
    "indirect_words",
    "first_sentence",
]


@dataclass(frozen=True)
class Attribution:
    """One attribution: who (source, speaker) says what (content), marked by which cue.

    Attributes:
        id: 1-based, in the order of the cue in the text.
        sentence: Id of the sentence holding the cue (for a quotation with no cue and no
            source found, of its first sentence).
        kind: ``direct``, ``indirect`` or ``unattributed``.
        source: The source as written ("The U.S. Secretary of State Antony Blinken",
            "he", "critics"), or None.
        speaker: The merged entity the source names (:mod:`analysis.entities`), or None.
        cue: The cue words ("claimed", "according to", "was seen as"); "" for a
            quotation with no cue.
        content: What is attributed, as written; parts of a split quote joined by " … ".
        sentences: Ids of every sentence the cue and content touch.
        spans: Character spans of the content in ``article.text``.
        n_words: Words in the content.
    """

    id: int
    sentence: int
    kind: str
    source: str | None
    speaker: str | None
    cue: str
    content: str
    sentences: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]
    n_words: int

    def record(self) -> dict:
        """The public record: :data:`RECORD_KEYS` only."""
        return {key: getattr(self, key) for key in RECORD_KEYS}


@dataclass
class Draft:
    """An attribution being built: token indices of its cue, content and source.

    ``unattributed`` marks a cue that names nobody (a passive, a hearsay adverb);
    ``quotes`` are the character spans of the quotes it takes.
    """

    cue: list[int]  # token indices
    content: set[int]  # token indices
    source: list[int] | None = None
    unattributed: bool = False
    quotes: list[tuple[int, int]] = field(default_factory=list)
    coordinated: int | None = None  # the cue verb this one is a conjunct of


@dataclass(frozen=True)
class AttributionResult:
    """Everything this module computes for one article (cached once per article).

    Attributes:
        attributions: Every attribution, in text order.
        n_sentences: Sentences in the article.
        attributed_sentences: Ids of sentences touched by a direct or indirect attribution.
        unattributed_sentences: Ids of sentences touched by an unattributed claim.
    """

    attributions: tuple[Attribution, ...]
    n_sentences: int
    attributed_sentences: frozenset[int]
    unattributed_sentences: frozenset[int]
