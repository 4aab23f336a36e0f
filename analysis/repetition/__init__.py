"""How much an article repeats itself: repeated phrases and restated sentences.

Two views of repetition, from the most literal to the most abstract:

- :func:`repeated_phrases`: word sequences that occur more than once, verbatim
  (Voyant's *Phrases* tool with its "longest" strategy).
- :func:`restatement_pairs` / :func:`sentence_restatements`: sentences that say
  again what an earlier sentence said, in the same or in other words, each
  paired with the sentence it restates; :func:`restated_share` is the share of
  sentences that do.

Plus :func:`novelty_curve` (new content words per sentence),
:func:`similarity_matrix` (sentence x sentence similarity, for a heatmap) and
:func:`redundancy_measures`, which puts the restated share beside the lexical
diversity scores of :mod:`analysis.diversity` (the ``measures`` of the report).

How restatements are found
--------------------------
One scorer, :func:`score_pairs`, says how surely a later sentence restates an
earlier one (0-1). It is a logistic regression over :data:`FEATURES` (see
:func:`pair_features`): the overlap of the two sentences' content lemmas (each
weighted by its rarity in general English, wordfreq), with reporting verbs and
attribution phrases left out (the ``frame`` column of ``analysis/data/attribution_cues.csv``,
``attribution_phrases.txt``: "said", "told", "added", "according to", ...); shared
bigrams; whether their numbers, proper names and negation agree; their length
ratio; and the overlap of all their words and character trigrams. Its
coefficients (``analysis/data/restatement_scorer.csv``) were fitted on the 4,076
labelled pairs of the MRPC training file by ``benchmarks/restatements/calibrate.py``
(scikit-learn, dev-only); here they are applied with numpy.

In an article, :func:`restatement_pairs` scores the candidate pairs (below) in
two steps and flags a pair when its score is at least :data:`RESTATEMENT_THRESHOLD`
and the two sentences share at least :data:`MIN_SHARED_WORDS` content lemmas.
First the pair scorer; then a small logistic regression that adds what the
article knows (:func:`article_pair_features`): the scorer's log-odds, the number of
shared content lemmas (which counts for more on news pairs than on MRPC), and
whether the later sentence opens a direct quote after a sentence that is not one
(``"The plan has failed," she said`` after ``She said the plan had failed``),
more so right after it. Its coefficients (``analysis/data/restatement_article.csv``)
were fitted by ``benchmarks/restatements/fit_article.py`` on the ``dev`` half of
the labelled BBC pairs (``benchmarks/restatements/pairs.csv``). Two operating points
of that one score make the tiers of :mod:`~analysis.repetition.tiers`: ``restates``
(:data:`RESTATEMENT_THRESHOLD`, the best dev precision at a recall of 0.45 or more;
drawn as arcs and counted) and ``possibly`` (:data:`POSSIBLY_THRESHOLD`, the highest at
which both tiers keep a dev recall of 0.85; listed for checking, never counted); a
sentence repeating an earlier one word for word is always reported (``repeated``).
Other article-level information was tried the same way and left out:
sentence distance, same paragraph, the lead sentence, whether the pair is the
later sentence's best or a mutual best match, the later sentence's new words
(:func:`novelty_curve`), the share of shared words used in no other sentence
(on dev about as good as ``quote_next``; adding both gained 0.01-0.02 of ROC AUC,
within the noise of 46 positives, so the set stays small), and article TF-IDF
cosine (:func:`tfidf_vectors`).
``python -m benchmarks.restatements`` prints precision and recall on dev, test
and all pairs (``benchmarks/RESULTS.md``); on the test half about 0.4 of the
flags restate, so a flag is a pointer to read, not a verdict.

The scorer reads, per sentence, one binary sentences x items matrix (content lemmas,
their bigrams, names, numbers, words, word bigrams, character trigrams; see
:class:`_Items`): what two sentences share is the product of their two rows, so the
counts of every pair come from a few sparse products, whatever the number of pairs.

Scaling: pairs are only scored when the two sentences share a feature that
occurs in at most :data:`CANDIDATE_MAX_DF` sentences (an inverted index over
rare features, as in all-pairs similarity search), so the work grows linearly
with the text. An article of up to ``CANDIDATE_MAX_DF`` sentences is compared
exhaustively; in a longer one, a pair sharing only features used in more than
100 sentences is skipped (such pairs share only the article's commonest words).
Measurements: ``benchmarks/RESULTS.md``.

Layout (each module imports only those above it)
------------------------------------------------
- :mod:`~analysis.repetition.scorer`: the article-free pair scorer (:func:`score_pairs`,
  :func:`pair_features`, :func:`parse_sentences`) and :func:`tfidf_vectors`.
- :mod:`~analysis.repetition.restatements`: the in-article step: candidate pairs, the
  in-article score, quotes, each sentence's best earlier match.
- :mod:`~analysis.repetition.phrases`: the repeated-phrase search.
- :mod:`~analysis.repetition.record`: the per-article record and the results cached per
  setting (through :func:`analysis.cache.cached`).
- :mod:`~analysis.repetition.tables`: the public tables.
- :mod:`~analysis.repetition.measures`: the redundancy measures, the report section and
  the headline metrics.
- :mod:`~analysis.repetition.takeaways`: :func:`takeaways`, the sentences of notebook 03.
"""

from analysis.repetition.measures import (
    MEASURE_DESCRIPTIONS,
    headline_metrics,
    measures_table,
    redundancy_measures,
    report_section,
    restated_share,
)
from analysis.repetition.phrases import MIN_PHRASE_WORDS, PHRASE_COLUMNS, Phrase
from analysis.repetition.repeats import Repeat, find_repeats
from analysis.repetition.restatements import (
    ARTICLE_FEATURES,
    ARTICLE_SCORER_FILE,
    CANDIDATE_MAX_DF,
    MIN_SHARED_WORDS,
    PAIR_CHUNK,
    RESTATEMENT_THRESHOLD,
)
from analysis.repetition.scorer import (
    FEATURES,
    SCORER_FILE,
    UNSEEN_ZIPF,
    SentenceInfo,
    pair_features,
    parse_sentences,
    score_pairs,
    tfidf_vectors,
)
from analysis.repetition.tables import (
    MAX_MATRIX_SIZE,
    PAIR_COLUMNS,
    article_pair_features,
    novelty_curve,
    repeated_phrases,
    restatement_pairs,
    sentence_features,
    sentence_restatements,
    similarity_matrix,
)
from analysis.repetition.takeaways import LONG_PHRASE_WORDS, takeaways
from analysis.repetition.tiers import (
    COUNTED_KINDS,
    KINDS,
    POSSIBLY_MIN_SHARED,
    POSSIBLY_THRESHOLD,
    connective,
)

__all__ = [
    "ARTICLE_FEATURES",
    "COUNTED_KINDS",
    "KINDS",
    "PAIR_COLUMNS",
    "POSSIBLY_MIN_SHARED",
    "POSSIBLY_THRESHOLD",
    "Repeat",
    "connective",
    "find_repeats",
    "ARTICLE_SCORER_FILE",
    "CANDIDATE_MAX_DF",
    "FEATURES",
    "LONG_PHRASE_WORDS",
    "MAX_MATRIX_SIZE",
    "MEASURE_DESCRIPTIONS",
    "MIN_PHRASE_WORDS",
    "MIN_SHARED_WORDS",
    "PAIR_CHUNK",
    "PHRASE_COLUMNS",
    "RESTATEMENT_THRESHOLD",
    "SCORER_FILE",
    "UNSEEN_ZIPF",
    "Phrase",
    "SentenceInfo",
    "article_pair_features",
    "headline_metrics",
    "measures_table",
    "novelty_curve",
    "pair_features",
    "parse_sentences",
    "redundancy_measures",
    "repeated_phrases",
    "report_section",
    "restated_share",
    "restatement_pairs",
    "score_pairs",
    "sentence_features",
    "sentence_restatements",
    "similarity_matrix",
    "takeaways",
    "tfidf_vectors",
]
