"""Sources: who a cue's subject is, and which merged entity that source names.

Finding a source reads the dependency parse (the subject of a cue verb, inherited
along conjunctions; the phrase without the clauses about it). Resolving it uses only
the public :func:`analysis.entities.mentions`: a named source takes the entity it
names (a person first), a pronoun the one compatible entity of the nearest sentence
that names any, else nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis import entities
from analysis.article import Article
from analysis.attributions.cues import CueLexicon

# Dependency labels of a verb's subject.
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Parts of a source phrase that are not its name ("Blinken, who visited Seoul, said").
SOURCE_CLAUSE_DEPS = ("relcl", "acl", "advcl", "parataxis", "punct", "cc", "conj")
# The entity types a pronoun source can stand for.
PRONOUN_TYPES = {
    "he": ("PERSON",),
    "she": ("PERSON",),
    "it": ("ORG", "GPE"),
    "they": ("ORG", "GPE", "NORP"),
}
RELATIVE_PRONOUNS = ("who", "that", "which")
# How many sentences back a pronoun looks for the entity it stands for.
PRONOUN_WINDOW = 3
# Which entity a source phrase naming several is taken to be: the first type here.
SPEAKER_TYPE_ORDER = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC")
# Tags of finite verbs (past, present third person, present other): conjuncts share one.
FINITE_TAGS = ("VBD", "VBZ", "VBP")


# -- finding sources in the parse -------------------------------------------------------


def verb_subject(verb):
    """The subject of a verb, inherited along conjunctions and participles ("..., saying")."""
    verb = coordinated_verb(verb) or verb if not has_subject(verb) else verb
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ in ("conj", "advcl", "xcomp", "acl") and verb.head is not verb:
            verb = verb.head
        else:
            return None
    return None


def has_subject(verb) -> bool:
    """Whether the verb has a subject of its own in the parse."""
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def coordinated_verb(verb):
    """The verb a finite conjunct really coordinates with, when the parse put it lower.

    In "Blinken claimed the visit was an attempt to maintain allies and vowed to cut
    support", the small model attaches "vowed" (past tense) to "maintain" (bare
    infinitive). Conjuncts agree in tense, so the nearest ancestor verb with the same
    tag is taken instead; None when the attachment already agrees or none is found.
    """
    if verb.dep_ != "conj" or verb.tag_ not in FINITE_TAGS or verb.head.tag_ == verb.tag_:
        return None
    for ancestor in verb.head.ancestors:
        if ancestor.pos_ == "VERB" and ancestor.tag_ == verb.tag_:
            return ancestor
    return None


def source_phrase(token) -> list[int]:
    """Token indices of a source phrase: its subtree without clauses about it."""
    dropped = set()
    for child in token.children:
        if child.dep_ in SOURCE_CLAUSE_DEPS or (child.dep_ == "appos" and child.i > token.i):
            dropped.update(t.i for t in child.subtree)
    indices = [t.i for t in token.subtree if t.i not in dropped]
    run = [token.i]  # the contiguous run around the head
    while run[0] - 1 in indices:
        run.insert(0, run[0] - 1)
    while run[-1] + 1 in indices:
        run.append(run[-1] + 1)
    doc = token.doc
    while len(run) > 1 and doc[run[-1]].is_punct:
        run.pop()
    while len(run) > 1 and doc[run[0]].is_punct:
        run.pop(0)
    return run


# -- resolving sources to entities -----------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """One entity mention (:func:`analysis.entities.mentions`), as plain values."""

    start: int
    end: int
    entity: str
    type: str
    adjectival: bool
    sentence: int


def entity_mentions(article: Article) -> list[Mention]:
    """The article's entity mentions, read once from the entity table."""
    table = entities.mentions(article)
    columns = [
        table[c].tolist() for c in ("start", "end", "entity", "type", "adjectival", "sentence_id")
    ]
    return [
        Mention(start, end, entity, kind, bool(adjectival), int(sentence or 0))
        for start, end, entity, kind, adjectival, sentence in zip(*columns, strict=True)
    ]


def resolve_speaker(article: Article, mentions: list[Mention], source: list[int]) -> str | None:
    """The merged entity a source phrase (token indices) stands for, or None."""
    doc = article.doc
    first, last = doc[source[0]], doc[source[-1]]
    if len(source) == 1 and first.pos_ == "PRON":
        sentence = article.sentence_at(first.idx)
        return _pronoun_speaker(mentions, first.lower_, first.idx, sentence.id if sentence else 0)
    return _named_speaker(mentions, first.idx, last.idx + len(last.text))


def _named_speaker(mentions: list[Mention], start: int, end: int) -> str | None:
    """The entity a source phrase names: a person first, then an organisation, …"""
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    if not inside:
        return None
    nouns = [m for m in inside if not m.adjectival] or inside
    rank = {t: i for i, t in enumerate(SPEAKER_TYPE_ORDER)}
    return min(nouns, key=lambda m: (rank.get(m.type, len(rank)), m.start)).entity


def _pronoun_speaker(mentions: list[Mention], pronoun: str, start: int, sentence: int):
    """The entity a pronoun stands for: the one compatible entity of the nearest
    sentence (this one before the pronoun, or up to :data:`PRONOUN_WINDOW` back) that
    names any; None when that sentence names two or more."""
    types = PRONOUN_TYPES.get(pronoun)
    if types is None:
        return None
    for back in range(PRONOUN_WINDOW + 1):
        names = {
            m.entity
            for m in mentions
            if m.sentence == sentence - back
            and m.start < start
            and m.type in types
            and not m.adjectival
        }
        if names:
            return names.pop() if len(names) == 1 else None
    return None


def is_generic(article: Article, source: list[int], lexicon: CueLexicon, speaker) -> bool:
    """A source that names no one: a generic head noun ("critics", "sources") and no name."""
    if speaker is not None:
        return False
    tokens = [article.doc[i] for i in source]
    if any(t.pos_ == "PROPN" for t in tokens):
        return False
    heads = [t for t in tokens if t.head.i not in source or t.head is t]
    return bool(heads) and heads[0].lemma_.lower() in lexicon.generic
