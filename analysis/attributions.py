"""Who speaks: every attribution in an article, its source resolved to an entity.

An *attribution* is a statement, belief or intention the article ascribes to
someone (the definition of the PolNeAR corpus: Newell, Margolin and Ruths, "An
Attribution Relations Corpus for Political News", LREC 2018). Catching only the
text inside quote marks, as textacy's ``direct_quotations`` does, misses most of
them: in political news most attributions are reported speech ("officials said
the talks failed") and many name nobody ("was seen as an effort to ...").

Each attribution has a *kind*:

- ``direct``: the content is mostly words inside quote marks;
- ``indirect``: reported speech or belief with a source ("X said that ...",
  "according to X, ...", "X claimed / warned / vowed / denied ...");
- ``unattributed``: a claim nobody stands behind: an agentless passive ("was seen
  as", "is believed to"), a hearsay adverb ("reportedly"), or a source that names
  no one ("critics say", "sources said").

Everything is read from the dependency parse the article already has
(``article.doc``; no second model): a cue word from the lexicon in
``analysis/data/attribution_cues.csv``, its subject as the source, its clause,
object or quote as the content. Quote marks are paired over the whole text, so a
quote that runs over several sentences or paragraphs (each new paragraph opening
with a quote mark, as newspapers write it) stays one attribution. Sources are
resolved to the merged entities of :mod:`analysis.entities` (only its public
:func:`~analysis.entities.mentions` and :func:`~analysis.entities.entity_counts`);
a pronoun ("he said") takes the nearest compatible entity when that is
unambiguous, else the speaker stays unknown.

Accuracy on the PolNeAR development split is printed by ``python -m
benchmarks.attributions`` and recorded in ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from analysis import entities
from analysis.article import Article, count_words
from analysis.cache import cached
from analysis.paths import data_file
from analysis.tokens import token_table

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
# A quote needs this many words to be a quotation; shorter ones ("a 'desperate'
# attempt") are scare quotes or titles inside someone else's sentence.
MIN_QUOTE_WORDS = 4
# Dependency labels of a cue verb's children that hold what was said.
CLAUSE_DEPS = ("ccomp", "xcomp")
OBJECT_DEPS = ("dobj", "attr", "oprd")
# Prepositions after a speech verb that introduce its content ("warned of", "called for").
CONTENT_PREPS = ("of", "about", "against", "for", "that")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Parts of a source phrase that are not its name ("Blinken, who visited Seoul, said").
SOURCE_CLAUSE_DEPS = ("relcl", "acl", "advcl", "parataxis", "punct", "cc", "conj")
PRONOUN_TYPES = {
    "he": ("PERSON",),
    "she": ("PERSON",),
    "it": ("ORG", "GPE"),
    "they": ("ORG", "GPE", "NORP"),
}
RELATIVE_PRONOUNS = ("who", "that", "which")
# How many sentences back a pronoun looks for the entity it stands for.
PRONOUN_WINDOW = 3
SPEAKER_TYPE_ORDER = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC")
OPENING_QUOTES = "“„«"
CLOSING_QUOTES = "”»"


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
class _Draft:
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


# -- the lexicon ------------------------------------------------------------------------


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
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rows = list(csv.DictReader(ln for ln in lines if not ln.startswith("#")))
    roles: dict[str, set[str]] = defaultdict(set)
    objects = set()
    for row in rows:
        role = row["role"].strip()
        if role not in ("speech", "belief", "passive", "adverb", "generic"):
            raise ValueError(f"{path}: unknown role {role!r} in row {row}")
        roles[role].add(row["word"].strip())
        if row["object"].strip() == "yes":
            objects.add(row["word"].strip())
    return CueLexicon(
        **{role: frozenset(roles[role]) for role in ("speech", "belief", "passive", "adverb")},
        generic=frozenset(roles["generic"]),
        takes_object=frozenset(objects),
    )


# -- quote marks ------------------------------------------------------------------------


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quotations in ``text``, quote marks included.

    Curly and straight double quotes are paired; a paragraph that ends inside a
    quote continues it when the next paragraph opens with a quote mark (the
    newspaper convention for a quote over several paragraphs); otherwise the
    quote ends with its paragraph. Single quotes inside a double quote are part
    of it (a quote inside a quote).

    >>> quote_spans('He said: "We won." Then "no".')
    [(9, 18), (24, 28)]
    """
    text = text.replace("''", '" ')  # typewriter double quotes (''...''), same length
    spans, start, n = [], None, len(text)
    i = 0
    while i < n:
        char = text[i]
        if char == "\n" and start is not None:
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j < n and (text[j] in OPENING_QUOTES or text[j] == '"'):
                i = j + 1  # the reopening mark continues the same quote
                continue
            spans.append((start, i))
            start = None
        elif start is None and (char in OPENING_QUOTES or char == '"'):
            start = i
        elif start is not None and (char in CLOSING_QUOTES or char == '"'):
            spans.append((start, i + 1))
            start = None
        i += 1
    if start is not None:
        spans.append((start, n))
    return spans


# -- finding attributions in the parse --------------------------------------------------


FINITE_TAGS = ("VBD", "VBZ", "VBP")


def _coordinated_verb(verb):
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


def _subject(verb):
    """The subject of a verb, inherited along conjunctions and participles ("..., saying")."""
    verb = _coordinated_verb(verb) or verb if not _has_subject(verb) else verb
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


def _has_subject(verb) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _phrase(token) -> list[int]:
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


def _subtree(token, skip: set[int] = frozenset()) -> set[int]:
    return {t.i for t in token.subtree} - skip


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


def _verb_draft(verb, lexicon: CueLexicon) -> _Draft | None:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None  # a passive: see _passive_draft
    subject = _subject(verb)
    content = _verb_content(verb, lexicon)
    if subject is None:
        return None  # an imperative, or "a program called EB-5": nobody speaks
    cue = [t.i for t in verb.children if t.dep_ in ("aux", "neg") and t.i < verb.i] + [verb.i]
    coordinated = _coordinated_verb(verb) if not _has_subject(verb) else None
    return _Draft(
        cue=sorted(cue),
        content=content,
        source=_phrase(subject) if subject is not None else None,
        coordinated=coordinated.i if coordinated is not None else None,
    )


def _according_draft(according) -> _Draft | None:
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
    return _Draft(cue=[according.i, to.i], content=content, source=_phrase(source))


def _passive_draft(verb) -> _Draft | None:
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
    return _Draft(cue=sorted(cue), content=content, unattributed=True)


def _adverb_draft(adverb) -> _Draft:
    """A hearsay adverb ("reportedly"): the clause it modifies is nobody's claim."""
    return _Draft(cue=[adverb.i], content=_subtree(adverb.head, {adverb.i}), unattributed=True)


def _drafts(article: Article, lexicon: CueLexicon) -> list[_Draft]:
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


def _char_runs(table, indices: set[int]) -> list[tuple[int, int]]:
    """Contiguous runs of tokens as character spans, from the article's token table
    (cheaper than a spaCy ``Token`` object per index)."""
    runs: list[tuple[int, int]] = []
    for i in sorted(indices):
        start = table.idx[i]
        end = start + len(table.text[i])
        if runs and i - 1 in indices:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Overlapping or touching spans merged; edges without spaces, commas or dashes."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    trimmed = []
    for start, end in merged:
        while start < end and (text[start].isspace() or text[start] in ",;:.—–-"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-"):
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _attach_quotes(article: Article, drafts: list[_Draft], quotes: list[tuple[int, int]]) -> set:
    """Give each draft the whole quotes its content touches (or, without content, the
    quotes of its own sentence); returns the quotes so used."""
    doc, used = article.doc, set()
    for draft in drafts:
        if draft.unattributed:
            continue
        cue_start = doc[draft.cue[0]].idx
        if any(start <= cue_start < end for start, end in quotes):
            continue  # a cue inside a quote: the quote belongs to someone else
        runs = _char_runs(token_table(article), draft.content)
        sentence = article.sentence_at(cue_start)
        for quote in quotes:
            in_sentence = sentence is not None and _overlaps(
                quote, [(sentence.start, sentence.end)]
            )
            if _overlaps(quote, runs) or (not draft.content and in_sentence):
                draft.quotes.append(quote)
                used.add(quote)
    return used


def _orphan_quotes(article: Article, drafts: list[_Draft], quotes, used) -> None:
    """A quote that no cue claims and that opens its sentence continues the attribution
    of the sentence before (the "he said" of the previous sentence or paragraph), or
    else, when long enough, is a quotation with no source."""
    doc, by_sentence = article.doc, {}
    for draft in drafts:  # in text order: the last attribution of a sentence wins
        if draft.source is None or draft.unattributed:
            continue
        for position in [doc[draft.cue[0]].idx] + [q[1] - 1 for q in draft.quotes]:
            sentence = article.sentence_at(position)
            if sentence is not None:
                by_sentence[sentence.id] = draft
    table = token_table(article)
    reported_runs = [(table.idx[d.cue[0]], _char_runs(table, d.content)) for d in drafts if d.cue]
    for quote in quotes:
        first = article.sentence_at(quote[0])
        short = count_words(article.text[quote[0] : quote[1]]) < MIN_QUOTE_WORDS
        if first is None or (short and article.text[first.start : quote[0]].strip()):
            continue  # a short quote inside narrative: a title or a scare quote
        reported = any(
            _overlaps(quote, runs)
            for cue_start, runs in reported_runs
            if not quote[0] <= cue_start < quote[1]
        )
        if quote in used or reported:
            continue  # claimed, or a quote inside someone's reported content
        previous = by_sentence.get(first.id - 1)
        if previous is not None:
            previous.quotes.append(quote)
        elif short:
            continue
        else:
            previous = _Draft(cue=[], content=set(), quotes=[quote])
            drafts.append(previous)
        last = article.sentence_at(max(quote[1] - 1, quote[0]))
        if last is not None:
            by_sentence[last.id] = previous


# -- sources to speakers ----------------------------------------------------------------


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    entity: str
    type: str
    adjectival: bool
    sentence: int


def _entity_mentions(article: Article) -> list[_Mention]:
    table = entities.mentions(article)
    columns = [
        table[c].tolist() for c in ("start", "end", "entity", "type", "adjectival", "sentence_id")
    ]
    return [
        _Mention(start, end, entity, kind, bool(adjectival), int(sentence or 0))
        for start, end, entity, kind, adjectival, sentence in zip(*columns, strict=True)
    ]


def _named_speaker(mentions: list[_Mention], start: int, end: int) -> str | None:
    """The entity a source phrase names: a person first, then an organisation, …"""
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    if not inside:
        return None
    nouns = [m for m in inside if not m.adjectival] or inside
    rank = {t: i for i, t in enumerate(SPEAKER_TYPE_ORDER)}
    return min(nouns, key=lambda m: (rank.get(m.type, len(rank)), m.start)).entity


def _pronoun_speaker(mentions: list[_Mention], pronoun: str, start: int, sentence: int):
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


def _speaker(article: Article, mentions: list[_Mention], source: list[int]) -> str | None:
    doc = article.doc
    first, last = doc[source[0]], doc[source[-1]]
    if len(source) == 1 and first.pos_ == "PRON":
        sentence = article.sentence_at(first.idx)
        return _pronoun_speaker(mentions, first.lower_, first.idx, sentence.id if sentence else 0)
    return _named_speaker(mentions, first.idx, last.idx + len(last.text))


def _is_generic(article: Article, source: list[int], lexicon: CueLexicon, speaker) -> bool:
    """A source that names no one: a generic head noun ("critics", "sources") and no name."""
    if speaker is not None:
        return False
    tokens = [article.doc[i] for i in source]
    if any(t.pos_ == "PROPN" for t in tokens):
        return False
    heads = [t for t in tokens if t.head.i not in source or t.head is t]
    return bool(heads) and heads[0].lemma_.lower() in lexicon.generic


# -- records ----------------------------------------------------------------------------


def _sentence_ids(article: Article, spans: list[tuple[int, int]]) -> tuple[int, ...]:
    ids = set()
    for start, end in spans:
        first, last = article.sentence_at(start), article.sentence_at(max(end - 1, start))
        if first is not None and last is not None:
            ids.update(range(first.id, last.id + 1))
    return tuple(sorted(ids))


def _quoted_words(text: str, spans, quotes) -> int:
    total = 0
    for start, end in spans:
        for q_start, q_end in quotes:
            if q_start < end and start < q_end:
                total += count_words(text[max(start, q_start) : min(end, q_end)])
    return total


def _finish(article: Article, draft: _Draft, quotes, mentions, lexicon) -> dict | None:
    """A draft as the fields of an :class:`Attribution` (no id yet), or None if empty."""
    doc, text = article.doc, article.text
    content = draft.content if draft.unattributed else draft.content - set(draft.cue)
    spans = _merge(_char_runs(token_table(article), content) + draft.quotes, text)
    n_words = sum(count_words(text[s:e]) for s, e in spans)
    if n_words < 2:
        return None
    cue_spans = _char_runs(token_table(article), set(draft.cue))
    position = cue_spans[0][0] if cue_spans else spans[0][0]
    source = speaker = None
    if draft.source:
        source = text[
            doc[draft.source[0]].idx : doc[draft.source[-1]].idx + len(doc[draft.source[-1]].text)
        ]
        speaker = _speaker(article, mentions, draft.source)
    if draft.unattributed or (
        draft.source and _is_generic(article, draft.source, lexicon, speaker)
    ):
        kind = "unattributed"
    elif 2 * _quoted_words(text, spans, quotes) >= n_words:
        kind = "direct"
    else:
        kind = "indirect"
    cue_sentence = article.sentence_at(position)
    return {
        "position": position,
        "sentence": cue_sentence.id if cue_sentence else 0,
        "kind": kind,
        "source": source,
        "speaker": speaker,
        "cue": " ".join(text[s:e] for s, e in cue_spans),
        "content": " … ".join(text[s:e] for s, e in spans),
        "sentences": _sentence_ids(article, spans + cue_spans),
        "spans": tuple(spans),
        "n_words": n_words,
    }


def _compute(article: Article) -> AttributionResult:
    lexicon, text = cue_lexicon(), article.text
    quotes = quote_spans(text)
    drafts = _drafts(article, lexicon)
    used = _attach_quotes(article, drafts, quotes)
    _orphan_quotes(article, drafts, quotes, used)
    mentions = _entity_mentions(article)
    fields, seen = [], set()
    for draft in drafts:
        finished = _finish(article, draft, quotes, mentions, lexicon)
        if finished is None or (finished["spans"], finished["source"]) in seen:
            continue  # two cues of one statement ("said and added") count once
        seen.add((finished["spans"], finished["source"]))
        fields.append(finished)
    fields.sort(key=lambda f: f["position"])
    records = tuple(
        Attribution(id=number, **{k: v for k, v in f.items() if k != "position"})
        for number, f in enumerate(fields, start=1)
    )
    attributed, unattributed = set(), set()
    for record in records:
        (unattributed if record.kind == "unattributed" else attributed).update(record.sentences)
    return AttributionResult(
        attributions=records,
        n_sentences=article.n_sentences,
        attributed_sentences=frozenset(attributed),
        unattributed_sentences=frozenset(unattributed),
    )


def attribution_result(article: Article) -> AttributionResult:
    """The article's :class:`AttributionResult`, computed once and cached."""
    return cached(article, ("attributions", "result"), _compute)


# -- public tables ----------------------------------------------------------------------


def attributions(article: Article) -> pd.DataFrame:
    """Every attribution, in text order.

    Returns:
        One row per attribution: the record's ``id, sentence, kind, source, speaker,
        cue, content`` (see :class:`Attribution`), then ``sentences`` (every sentence
        it touches), ``voice`` (who it is counted for in :func:`speakers`; unattributed
        claims are ``"(nobody: unattributed)"``), ``n_words`` (words of content),
        ``start``/``end`` (character offsets of its content in ``article.text``).
    """
    rows = [
        {
            **a.record(),
            "voice": NOBODY if a.kind == "unattributed" else _voice(a)[0],
            "sentences": list(a.sentences),
            "n_words": a.n_words,
            "start": a.spans[0][0],
            "end": a.spans[-1][1],
        }
        for a in attribution_result(article).attributions
    ]
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)


def _voice(attribution: Attribution) -> tuple[str, bool]:
    """Whom an attribution is counted for: its speaker, else its source as written."""
    if attribution.speaker:
        return attribution.speaker, True
    return (attribution.source or UNKNOWN), False


def _speaker_rows(result: AttributionResult) -> list[dict]:
    heard = [a for a in result.attributions if a.kind != "unattributed"]
    total = sum(a.n_words for a in heard)
    groups: dict[tuple[str, bool], list[Attribution]] = {}
    for a in heard:
        groups.setdefault(_voice(a), []).append(a)
    rows = [
        {
            "speaker": name,
            "resolved": resolved,
            "attributions": len(group),
            "words": sum(a.n_words for a in group),
            "word_share": sum(a.n_words for a in group) / total if total else float("nan"),
            "direct": sum(a.kind == "direct" for a in group),
            "indirect": sum(a.kind == "indirect" for a in group),
            "direct_words": sum(a.n_words for a in group if a.kind == "direct"),
            "indirect_words": sum(a.n_words for a in group if a.kind == "indirect"),
            "first_sentence": min(a.sentence for a in group),
        }
        for (name, resolved), group in groups.items()
    ]
    rows.sort(key=lambda r: (-r["words"], r["first_sentence"]))
    return rows


def speakers(article: Article) -> pd.DataFrame:
    """Who is heard and how much: one row per voice, the most words first.

    A voice is a resolved speaker (an entity of :mod:`analysis.entities`), or, where
    the source could not be resolved ("the senator", an ambiguous "he"), the source as
    written. Unattributed claims are nobody's voice and are left out.

    Returns:
        ``speaker``; ``resolved`` (True for an entity); ``attributions``; ``words``
        (words of content); ``word_share`` (its words / all words of direct and
        indirect attributions, 0-1; higher means this voice dominates the article's
        sources); ``direct`` and ``indirect`` counts and their words (``direct_words``,
        ``indirect_words``); ``first_sentence``.
    """
    return pd.DataFrame(_speaker_rows(attribution_result(article)), columns=SPEAKER_COLUMNS)


def unheard_entities(article: Article, min_mentions: int = 2) -> pd.DataFrame:
    """Entities spoken about but never heard: mentioned often, never a speaker.

    Args:
        article: The loaded article.
        min_mentions: Least noun mentions to count as "spoken about".

    Returns:
        ``name, type, mentions, first_sentence`` of each entity with at least
        ``min_mentions`` mentions that is the speaker of no attribution, most mentioned first.
    """
    heard = {a.speaker for a in attribution_result(article).attributions if a.speaker}
    counts = entities.entity_counts(article)
    rows = counts[(counts["mentions"] >= min_mentions) & ~counts["name"].isin(heard)]
    return rows[["name", "type", "mentions", "first_sentence"]].reset_index(drop=True)


def kind_counts(article: Article) -> pd.DataFrame:
    """How many attributions, and words of content, are quoted, paraphrased or unattributed.

    Returns:
        One row per kind in the order of :data:`KINDS`: ``kind``, ``attributions``,
        ``words``, ``share`` (of all attributions, 0-1; NaN without any).
    """
    records = attribution_result(article).attributions
    rows = [
        {
            "kind": kind,
            "attributions": sum(a.kind == kind for a in records),
            "words": sum(a.n_words for a in records if a.kind == kind),
        }
        for kind in KINDS
    ]
    for row in rows:
        row["share"] = row["attributions"] / len(records) if records else float("nan")
    return pd.DataFrame(rows, columns=["kind", "attributions", "words", "share"])


def unattributed_claims(article: Article) -> pd.DataFrame:
    """The claims nobody stands behind, each with the sentence that makes it.

    Returns:
        One row per unattributed claim: ``id`` (as in :func:`attributions`),
        ``sentence``, ``cue``, ``source`` (a source that names no one, such as
        "critics", or None), ``content`` and ``sentence_text``.
    """
    rows = [
        {
            "id": a.id,
            "sentence": a.sentence,
            "cue": a.cue,
            "source": a.source,
            "content": a.content,
            "sentence_text": article.sentences[a.sentence - 1].text if a.sentence else "",
        }
        for a in attribution_result(article).attributions
        if a.kind == "unattributed"
    ]
    return pd.DataFrame(
        rows, columns=["id", "sentence", "cue", "source", "content", "sentence_text"]
    )


def sentence_attributions(article: Article) -> pd.DataFrame:
    """One row per sentence: which voices it carries and whether it holds an unattributed claim.

    Returns:
        ``sentence_id``, ``paragraph``, ``attributed`` (a direct or indirect
        attribution touches it), ``unattributed`` (an unattributed claim touches it),
        ``voices`` (names as in :func:`speakers`, in order of first attribution).
    """
    result = attribution_result(article)
    voices: dict[int, list[str]] = defaultdict(list)
    for a in result.attributions:
        if a.kind != "unattributed":
            for sentence in a.sentences:
                if _voice(a)[0] not in voices[sentence]:
                    voices[sentence].append(_voice(a)[0])
    rows = [
        {
            "sentence_id": s.id,
            "paragraph": s.paragraph,
            "attributed": s.id in result.attributed_sentences,
            "unattributed": s.id in result.unattributed_sentences,
            "voices": voices.get(s.id, []),
        }
        for s in article.sentences
    ]
    return pd.DataFrame(
        rows, columns=["sentence_id", "paragraph", "attributed", "unattributed", "voices"]
    )


def sentence_shares(article: Article) -> dict[str, float]:
    """Shares of sentences with attributions (0-1; NaN for an article without sentences).

    Returns:
        ``attributed_sentence_share`` (sentences touched by a direct or indirect
        attribution; higher means more of the article is someone's reported word) and
        ``unattributed_sentence_share`` (sentences holding a claim nobody stands behind;
        higher means more hearsay).
    """
    result = attribution_result(article)
    n = result.n_sentences
    if not n:
        return {
            "attributed_sentence_share": float("nan"),
            "unattributed_sentence_share": float("nan"),
        }
    return {
        "attributed_sentence_share": len(result.attributed_sentences) / n,
        "unattributed_sentence_share": len(result.unattributed_sentences) / n,
    }


def report_section(article: Article) -> list[dict]:
    """The ``attributions`` section of ``report --format json``.

    Returns:
        One dict per attribution, in text order, with exactly the keys
        ``id, sentence, kind, source, speaker, cue, content`` (a public interface).
    """
    return [a.record() for a in attribution_result(article).attributions]


def headline_metrics(article: Article) -> dict:
    """The sources of an article in a few flat values, for the overview and corpus table.

    Returns:
        ``n_attributions``; ``n_direct``; ``n_speakers`` (distinct resolved speakers;
        higher means more voices are heard); ``attributed_sentence_share`` and
        ``unattributed_sentence_share`` (see :func:`sentence_shares`);
        ``unattributed_claim_share`` (unattributed claims / all attributions, 0-1; higher
        means more claims nobody stands behind; NaN without attributions);
        ``top_speaker`` and ``top_speaker_share`` (the voice with the most words of
        content and its :func:`speakers` ``word_share``; "" and NaN without one).
    """
    result = attribution_result(article)
    records = result.attributions
    rows = _speaker_rows(result)
    top = next((r for r in rows if r["resolved"]), None) if rows else None
    return {
        "n_attributions": len(records),
        "n_direct": sum(a.kind == "direct" for a in records),
        "n_speakers": len({a.speaker for a in records if a.speaker}),
        **sentence_shares(article),
        "unattributed_claim_share": (
            sum(a.kind == "unattributed" for a in records) / len(records)
            if records
            else float("nan")
        ),
        "top_speaker": top["speaker"] if top else "",
        "top_speaker_share": top["word_share"] if top else float("nan"),
    }


def takeaways(article: Article) -> dict[str, str]:
    """One sentence per question of notebook 06, with this article's numbers.

    Returns:
        Keys ``speakers``, ``positions``, ``kinds``, ``unattributed``.
    """
    metrics = headline_metrics(article)
    kinds = {row["kind"]: row for row in kind_counts(article).to_dict("records")}
    claims = unattributed_claims(article)
    n_records, n = metrics["n_attributions"], article.n_sentences
    heard = n_records - kinds["unattributed"]["attributions"]
    if metrics["top_speaker"]:
        speakers_line = (
            f"{metrics['n_speakers']} named voice(s) are heard; {metrics['top_speaker']} has "
            f"{metrics['top_speaker_share']:.0%} of the attributed words."
        )
    else:
        speakers_line = "No named person or organisation is quoted or paraphrased."
    shares = sentence_shares(article)
    return {
        "speakers": speakers_line,
        "positions": (
            f"{len(attribution_result(article).attributed_sentences)} of {n} sentences "
            f"({shares['attributed_sentence_share']:.0%}) report what someone said or believes."
            if n
            else "The article has no sentences."
        ),
        "kinds": (
            f"Of {heard} attributions with a source, {kinds['direct']['attributions']} quote "
            f"in quote marks and {kinds['indirect']['attributions']} paraphrase."
            if heard
            else "Nothing is quoted or paraphrased with a source."
        ),
        "unattributed": (
            f"{len(claims)} claim(s) nobody stands behind, in sentence(s) "
            f"{', '.join(str(s) for s in claims['sentence'])}; that is "
            f"{metrics['unattributed_claim_share']:.0%} of all attributions."
            if len(claims)
            else "Every claim the article reports has a named source."
        ),
    }
