"""Which words and phrases carry the article: counts, n-grams, distinctive words, KWIC.

A *term* is either a proper name kept whole ("North Korea", "Kim Jong Un") or a
single content word. Stop words, punctuation and numbers are left out, and so are
pieces of a written word that the tokenizer split off ("cm" of "12cm", "Got" of
"Gotta"); "content word" means what :mod:`analysis.vocabulary` says,
so the stop-word list is spaCy's plus ``analysis/data/stopwords_extra.txt`` and the honorifics
marked ``stop_word`` in ``analysis/data/honorifics.csv``
(extend it there, or pass ``extra_stop_words=``).

Proper names come from the article's named entities (people, places,
organisations, nationalities, events, works, laws, languages, products) and,
for names the entity recogniser missed, runs of proper nouns ("Mount Paektu").
A leading article and a trailing possessive are trimmed, so "the Soviet Union"
counts as "Soviet Union" and "North Korea’s" as "North Korea". Names are not
merged with each other: "Vladimir Putin" and "Putin" are two terms (alias
merging is the job of :mod:`analysis.entities`).

Every term shown is written in the article. By default words are grouped by
lemma ("relationship" and "relationships" are one term, "data" counts with
"datum"), and the group is shown as its most frequent form as written (a tie goes
to the form read first), with the lemma and the forms in columns of their own: a
lemma is fine for counting but wrong as what the reader sees ("datum",
"taxis" for "taxes", "geoengineere"). The grouping is transitive, so a lemma and
its forms never fall into two rows: "geoengineering" tagged once as a noun (lemma
"geoengineering") and once as a verb (lemma "geoengineere") is one term, and a
one-word name is one term with the same word written otherwise ("Davies").

Every table derives from one record per article and counting setting (``by`` and
the stop words), :class:`~analysis.frequencies.record._Result`, computed in one pass
over the article's shared token table (:mod:`analysis.tokens`) and cached
(:mod:`analysis.cache`); n-grams and distinctive words are computed from it and
cached under keys holding their own settings.

The modules, read top-down: ``layout`` (token flags, names, word runs), ``terms``
(occurrences grouped into terms), ``record``, then the tables ``counts``,
``ngrams``, ``distinctive``, ``kwic`` (keyword in context, read from the text) and
``rank`` (rank-frequency, every word type), and ``summaries`` and ``takeaways``.
Every public name is re-exported here, so ``analysis.frequencies.X`` keeps working.
"""

from analysis.frequencies.counts import (
    OCCURRENCE_COLUMNS,
    TERM_COLUMNS,
    dispersion,
    term_occurrences,
    word_counts,
)
from analysis.frequencies.distinctive import (
    DISTINCTIVE_COLUMNS,
    MIN_DISTINCTIVE_COUNT,
    ZIPF_FLOOR,
    distinctive_words,
)
from analysis.frequencies.kwic import KWIC_COLUMNS, default_query, keyword_in_context
from analysis.frequencies.layout import NAME_LABELS
from analysis.frequencies.ngrams import MIN_NGRAM_COUNT, NGRAM_COLUMNS, NGRAM_LENGTHS, ngram_counts
from analysis.frequencies.rank import RANK_COLUMNS, rank_frequency
from analysis.frequencies.summaries import headline_metrics, report_section, word_cloud_frequencies
from analysis.frequencies.takeaways import (
    dispersion_takeaway,
    distinctive_words_takeaway,
    kwic_takeaway,
    rank_frequency_takeaway,
    takeaways,
    top_ngrams_takeaway,
    top_words_takeaway,
)
from analysis.frequencies.terms import By

__all__ = [
    "By",
    "DISTINCTIVE_COLUMNS",
    "KWIC_COLUMNS",
    "MIN_DISTINCTIVE_COUNT",
    "MIN_NGRAM_COUNT",
    "NAME_LABELS",
    "NGRAM_COLUMNS",
    "NGRAM_LENGTHS",
    "OCCURRENCE_COLUMNS",
    "RANK_COLUMNS",
    "TERM_COLUMNS",
    "ZIPF_FLOOR",
    "default_query",
    "dispersion",
    "dispersion_takeaway",
    "distinctive_words",
    "distinctive_words_takeaway",
    "headline_metrics",
    "keyword_in_context",
    "kwic_takeaway",
    "ngram_counts",
    "rank_frequency",
    "rank_frequency_takeaway",
    "report_section",
    "takeaways",
    "term_occurrences",
    "top_ngrams_takeaway",
    "top_words_takeaway",
    "word_cloud_frequencies",
    "word_counts",
]
