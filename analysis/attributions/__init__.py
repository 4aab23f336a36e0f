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

from analysis.attributions.cues import CueLexicon, cue_lexicon
from analysis.attributions.drafts import CLAUSE_DEPS, CONTENT_PREPS, OBJECT_DEPS
from analysis.attributions.pipeline import attribution_result
from analysis.attributions.quotes import MIN_QUOTE_WORDS, quote_spans
from analysis.attributions.records import (
    ATTRIBUTION_COLUMNS,
    KINDS,
    NOBODY,
    RECORD_KEYS,
    SPEAKER_COLUMNS,
    UNKNOWN,
    Attribution,
    AttributionResult,
)
from analysis.attributions.sources import (
    FINITE_TAGS,
    PRONOUN_TYPES,
    PRONOUN_WINDOW,
    RELATIVE_PRONOUNS,
    SOURCE_CLAUSE_DEPS,
    SPEAKER_TYPE_ORDER,
    SUBJECT_DEPS,
)
from analysis.attributions.tables import (
    attributions,
    headline_metrics,
    kind_counts,
    report_section,
    sentence_attributions,
    sentence_shares,
    speakers,
    unattributed_claims,
    unheard_entities,
)
from analysis.attributions.takeaways import takeaways
from analysis.vocabulary import CLOSING_QUOTES, OPENING_QUOTES

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "CLAUSE_DEPS",
    "CLOSING_QUOTES",
    "CONTENT_PREPS",
    "FINITE_TAGS",
    "KINDS",
    "MIN_QUOTE_WORDS",
    "NOBODY",
    "OBJECT_DEPS",
    "OPENING_QUOTES",
    "PRONOUN_TYPES",
    "PRONOUN_WINDOW",
    "RECORD_KEYS",
    "RELATIVE_PRONOUNS",
    "SOURCE_CLAUSE_DEPS",
    "SPEAKER_COLUMNS",
    "SPEAKER_TYPE_ORDER",
    "SUBJECT_DEPS",
    "UNKNOWN",
    "Attribution",
    "AttributionResult",
    "CueLexicon",
    "attribution_result",
    "attributions",
    "cue_lexicon",
    "headline_metrics",
    "kind_counts",
    "quote_spans",
    "report_section",
    "sentence_attributions",
    "sentence_shares",
    "speakers",
    "takeaways",
    "unattributed_claims",
    "unheard_entities",
]
