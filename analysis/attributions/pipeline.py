"""An article's attributions, built in reading order and cached once per article.

:func:`compute` runs the steps top to bottom: quote spans, drafts from the cue words,
quotes attached to drafts, orphan quotes, sources resolved to entities, and the
drafts finished into :class:`~analysis.attributions.records.Attribution` records in
text order.
"""

from __future__ import annotations

from analysis.article import Article, count_words
from analysis.attributions.cues import cue_lexicon
from analysis.attributions.drafts import find_drafts
from analysis.attributions.quotes import attach_quotes, orphan_quotes, quote_spans, quoted_words
from analysis.attributions.records import Attribution, AttributionResult, Draft
from analysis.attributions.sources import entity_mentions, is_generic, resolve_speaker
from analysis.attributions.spans import char_runs, merge_spans, sentence_ids
from analysis.cache import cached
from analysis.tokens import token_table


def attribution_result(article: Article) -> AttributionResult:
    """The article's :class:`AttributionResult`, computed once and cached."""
    return cached(article, ("attributions", "result"), compute)


def compute(article: Article) -> AttributionResult:
    """Every attribution of an article, uncached (:func:`attribution_result` caches it)."""
    lexicon, text = cue_lexicon(), article.text
    quotes = quote_spans(text)
    drafts = find_drafts(article, lexicon)
    used = attach_quotes(article, drafts, quotes)
    orphan_quotes(article, drafts, quotes, used)
    mentions = entity_mentions(article)
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


def _finish(article: Article, draft: Draft, quotes, mentions, lexicon) -> dict | None:
    """A draft as the fields of an :class:`Attribution` (no id yet), or None if empty."""
    doc, text = article.doc, article.text
    content = draft.content if draft.unattributed else draft.content - set(draft.cue)
    spans = merge_spans(char_runs(token_table(article), content) + draft.quotes, text)
    n_words = sum(count_words(text[s:e]) for s, e in spans)
    if n_words < 2:
        return None
    cue_spans = char_runs(token_table(article), set(draft.cue))
    position = cue_spans[0][0] if cue_spans else spans[0][0]
    source = speaker = None
    if draft.source:
        source = text[
            doc[draft.source[0]].idx : doc[draft.source[-1]].idx + len(doc[draft.source[-1]].text)
        ]
        speaker = resolve_speaker(article, mentions, draft.source)
    if draft.unattributed or (draft.source and is_generic(article, draft.source, lexicon, speaker)):
        kind = "unattributed"
    elif 2 * quoted_words(text, spans, quotes) >= n_words:
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
        "sentences": sentence_ids(article, spans + cue_spans),
        "spans": tuple(spans),
        "n_words": n_words,
    }
