"""Finding attributions in the parse: every cue word turned into a draft.

A draft holds token indices only (cue, content, source); quotes are attached to it
later (:mod:`analysis.attributions.quotes`) and it becomes an
:class:`~analysis.attributions.records.Attribution` in
:mod:`analysis.attributions.pipeline`.
"""

from __future__ import annotations

from analysis.article import Article
from analysis.attributions.cues import CueLexicon
from analysis.attributions.records import Draft
from analysis.attributions.sources import (
    SUBJECT_DEPS,
    coordinated_verb,
    has_subject,
    source_phrase,
    verb_subject,
)
from analysis.tokens import token_table

# Dependency labels of a cue verb's children that hold what was said.
CLAUSE_DEPS = ("ccomp", "xcomp")
OBJECT_DEPS = ("dobj", "attr", "oprd")
# Prepositions after a speech verb that introduce its content ("warned of", "called for").
CONTENT_PREPS = ("of", "about", "against", "for", "that")


def find_drafts(article: Article, lexicon: CueLexicon) -> list[Draft]:
    """Every cue in the parse turned into a draft attribution (content still in tokens)."""
    table, doc = token_table(article), article.doc
    speech_or_belief = lexicon.speech | lexicon.belief
    drafts = []
    for i, lemma in enumerate(table.lemma):
        pos = table.pos[i]
        lower = table.lower[i]
        draft = None
        if pos in ("VERB", "AUX") and lemma.lower() in speech_or_belief:
            draft = _verb_draft(doc[i], lexicon)
        if (
            draft is None
            and pos == "VERB"
            and table.tag[i] == "VBN"
            and (lemma.lower() in lexicon.passive)
        ):
            draft = _passive_draft(doc[i])
        elif lower == "according" and i + 1 < len(doc) and table.lower[i + 1] == "to":
            draft = _according_draft(doc[i])
        elif pos == "ADV" and lower in lexicon.adverb:
            draft = _adverb_draft(doc[i])
        if draft is not None:
            drafts.append(draft)
    by_cue = {d.cue[-1]: d for d in drafts if d.cue}
    for draft in drafts:
        # A conjunct the parse put inside another cue's clause is its own statement.
        if draft.coordinated in by_cue:
            conjunct = _subtree(doc[draft.cue[-1]])
            left = min(conjunct) - 1
            if left >= 0 and doc[left].dep_ == "cc":
                conjunct.add(left)
            by_cue[draft.coordinated].content -= conjunct
    return drafts


def _verb_draft(verb, lexicon: CueLexicon) -> Draft | None:
    """A speech or belief verb with a subject: the subject is the source, what the verb
    says the content; None for a passive or a verb without a subject."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None  # a passive: see _passive_draft
    subject = verb_subject(verb)
    content = _verb_content(verb, lexicon)
    if subject is None:
        return None  # an imperative, or "a program called EB-5": nobody speaks
    cue = [t.i for t in verb.children if t.dep_ in ("aux", "neg") and t.i < verb.i] + [verb.i]
    coordinated = coordinated_verb(verb) if not has_subject(verb) else None
    return Draft(
        cue=sorted(cue),
        content=content,
        source=source_phrase(subject) if subject is not None else None,
        coordinated=coordinated.i if coordinated is not None else None,
    )


def _verb_content(verb, lexicon: CueLexicon) -> set[int]:
    """Tokens holding what a speech or belief verb says: clause, object or preposition."""
    content: set[int] = set()
    speech = verb.lemma_.lower() in lexicon.speech
    for child in verb.children:
        is_object = child.dep_ in OBJECT_DEPS and verb.lemma_.lower() in lexicon.takes_object
        is_topic = child.dep_ == "prep" and child.lower_ in CONTENT_PREPS
        if child.dep_ in CLAUSE_DEPS or (speech and (is_object or is_topic)):
            content |= _subtree(child)
    if not content and speech and verb.dep_ == "parataxis":
        # "The plan, he says, will fail": the content is the clause the cue interrupts.
        content = _subtree(verb.head, _subtree(verb))
    return content


def _according_draft(according) -> Draft | None:
    """An "according to X" phrase: X is the source, the clause it modifies the content."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None:
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    head = according.head
    while head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    content = _subtree(head, _subtree(according))
    return Draft(cue=[according.i, to.i], content=content, source=source_phrase(source))


def _passive_draft(verb) -> Draft | None:
    """An agentless passive that carries a claim ("was seen as", "is believed to")."""
    children = list(verb.children)
    if not any(c.dep_ == "auxpass" for c in children) or any(c.dep_ == "agent" for c in children):
        return None
    claim = [c for c in children if c.dep_ in (*CLAUSE_DEPS, "oprd") or c.lower_ == "as"]
    if not claim:
        return None
    cue = [c.i for c in children if c.dep_ in ("auxpass", "neg") and c.i < verb.i] + [verb.i]
    cue += [c.i for c in claim if c.lower_ == "as"]
    subject = next((c for c in children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.lower_ == "it":
        content = set().union(*(_subtree(c) for c in claim))
    else:
        content = _subtree(verb)
    return Draft(cue=sorted(cue), content=content, unattributed=True)


def _adverb_draft(adverb) -> Draft:
    """A hearsay adverb ("reportedly"): the clause it modifies is nobody's claim."""
    return Draft(cue=[adverb.i], content=_subtree(adverb.head, {adverb.i}), unattributed=True)


def _subtree(token, skip: set[int] = frozenset()) -> set[int]:
    """Token indices of ``token``'s subtree, less those in ``skip``."""
    return {t.i for t in token.subtree} - skip
