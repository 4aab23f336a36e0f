"""Word frequencies: counts, n-grams, distinctive words, KWIC, dispersion, word cloud."""

from __future__ import annotations

import json
import math

import pytest

from analysis import frequencies as freq
from analysis import load_article
from analysis.evaluation import missing_terms, shown_terms
from analysis.paths import SEED_ARTICLE
from analysis.plotting import frequencies as charts
from analysis.plotting import save_figure
from analysis.report import to_json_safe
from analysis.vocabulary import stop_words
from tests.conftest import BBC, SHARED_CORPUS

REAL_ARTICLES = [
    BBC / "sport" / "001.txt",
    BBC / "sport" / "199.txt",
    BBC / "business" / "001.txt",
    BBC / "politics" / "001.txt",
    BBC / "tech" / "001.txt",
]


@pytest.fixture(scope="session", params=REAL_ARTICLES, ids=lambda p: f"{p.parent.name}-{p.stem}")
def real_article(request):
    return load_article(request.param)


@pytest.fixture(scope="session")
def seed_counts(seed):
    return freq.word_counts(seed).set_index("term")["count"]


# -- word counts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        # Hand counts with grep on the seed file: "North Korea" not followed by "n"
        # (14, "North Korea’s" included), "Putin" 9 minus the one "Vladimir Putin",
        # "Kim" 11 minus "Kim Jong Un", "Kim Jong Il", "Kim Il Sung", "Russia" 8
        # ("Russia’s" included), "North Korean" 3, "pact" 4, "relationship(s)" 4.
        ("North Korea", 14),
        ("Putin", 8),
        ("Vladimir Putin", 1),
        ("Kim", 8),
        ("Kim Jong Un", 1),
        ("Russia", 8),
        ("North Korean", 3),
        ("Democratic People's Republic of Korea", 2),
        ("Soviet Union", 1),
        ("pact", 4),
        ("relationship", 4),
        ("country", 7),
    ],
)
def test_seed_counts_match_hand_counts(seed_counts, term, expected):
    assert seed_counts[term] == expected


def test_names_are_whole_and_stop_words_gone(seed, seed_counts):
    terms = set(seed_counts.index)
    assert not {"north", "korea", "korean", "jong"} & {t.lower() for t in terms}
    assert not any(t.endswith(("'s", "\u2019s")) for t in terms)  # possessives merged
    assert not {t for t in terms if t.lower() in stop_words()} - {"U.S."}
    assert not any(t.isdigit() for t in terms)  # 1948, 2000 are numbers
    counts = freq.word_counts(seed)
    assert counts["rank"].tolist() == list(range(1, len(counts) + 1))
    assert counts["count"].is_monotonic_decreasing
    assert counts.loc[0, "per_1000_words"] == pytest.approx(14 * 1000 / seed.n_words)


def test_counting_by_lower_keeps_forms_apart(seed):
    lower = freq.word_counts(seed, by="lower").set_index("term")["count"]
    # grep -oi "relationships\?": 3 × "relationship", 1 × "relationships".
    assert lower["relationship"] == 3
    assert lower["relationships"] == 1
    assert lower["North Korea"] == 14


def test_extra_stop_words_are_left_out(seed):
    counts = freq.word_counts(seed, extra_stop_words=["country", "Putin"])
    assert "country" not in set(counts["term"])
    assert "Putin" not in set(counts["term"])
    assert "North Korea" in set(counts["term"])


def test_occurrences_point_at_the_text(seed):
    occurrences = freq.term_occurrences(seed)
    assert len(occurrences) == freq.word_counts(seed)["count"].sum()
    for row in occurrences.itertuples():
        assert seed.text[row.char_start : row.char_end] == row.text
        assert seed.sentences[row.sentence_id - 1].start <= row.char_start
    assert occurrences["char_start"].is_monotonic_increasing


# -- n-grams -----------------------------------------------------------------------


def test_seed_ngrams(seed):
    ngrams = freq.ngram_counts(seed).set_index("term")
    # grep: "Putin’s visit" 4×, "mutual aid" 3×, "human rights record" 2×.
    assert ngrams.loc["Putin's visit", "count"] == 4
    assert ngrams.loc["mutual aid", "count"] == 3
    assert ngrams.loc["human rights record", ["n", "count"]].tolist() == [3, 2]
    # "human rights" only occurs inside "human rights record": not repeated.
    assert "human rights" not in ngrams.index
    assert "human rights" in set(freq.ngram_counts(seed, drop_subsumed=False)["term"])
    # Whole names are terms, not phrases; names are never cut.
    assert "North Korea" not in ngrams.index
    assert not {"Jong Un", "Kim Jong", "Korea's support"} & set(ngrams.index)
    assert "North Korea" in set(freq.ngram_counts(seed, include_names=True)["term"])
    assert (ngrams["count"] >= freq.MIN_NGRAM_COUNT).all()


@pytest.mark.parametrize("which", ["seed", "real"])
def test_no_stop_word_at_an_ngram_edge(which, seed, real_article):
    article = seed if which == "seed" else real_article
    ngrams = freq.ngram_counts(article, min_count=1)
    assert not ngrams.empty
    stops = stop_words()
    for term in ngrams["term"]:
        words = term.lower().split()
        assert words[0] not in stops and words[-1] not in stops, term
        assert len(words) in (2, 3)


@pytest.mark.parametrize("which", ["seed", "real"])
def test_ngrams_occur_as_written_within_one_sentence(which, seed, real_article):
    article = seed if which == "seed" else real_article
    for term, count in freq.ngram_counts(article, min_count=1)[["term", "count"]].itertuples(
        index=False
    ):
        # KWIC needs the words adjacent (white space only), so a hit spanning
        # punctuation or a sentence end cannot be found.
        assert len(freq.keyword_in_context(article, term)) >= count, term


def test_no_false_ngram_across_a_removed_word_or_sentence():
    article = load_article(
        "The pact of the century was signed in Seoul. Leaders cheered the pact of the century.\n\n"
        "Kim wins. Votes count. Kim wins. Votes count."
    )
    terms = set(freq.ngram_counts(article, min_count=1)["term"])
    assert "pact century" not in terms  # the wordcloud #528 trap
    assert not {"wins votes", "Kim wins votes", "count Kim"} & terms
    assert "Kim wins" in terms


# -- distinctive words -------------------------------------------------------------


def test_seed_distinctive_words(seed):
    from wordfreq import zipf_frequency

    distinct = freq.distinctive_words(seed)
    assert (distinct["count"] >= freq.MIN_DISTINCTIVE_COUNT).all()
    assert distinct["score"].is_monotonic_decreasing
    top = set(distinct["term"].head(10))
    assert {"Juche", "pact", "Putin", "North Korea"} <= top
    pact = distinct.set_index("term").loc["pact"]
    # Zipf of the article: log10(4 / 457 words * 1e9); general English from wordfreq.
    expected = math.log10(4 / seed.n_words * 1e9) - zipf_frequency("pact", "en")
    assert pact["score"] == pytest.approx(expected, abs=0.02)
    assert pact["ratio"] == pytest.approx(10 ** pact["score"])


def test_wordfreq_works_offline():
    from wordfreq import zipf_frequency

    assert zipf_frequency("the", "en") == pytest.approx(7.73, abs=0.05)


@pytest.mark.parametrize(
    ("path", "sport_words"),
    [
        (BBC / "sport" / "001.txt", {"hurdles", "medal"}),  # shown as written
        (BBC / "sport" / "199.txt", {"Chelsea", "Fifa", "Mutu", "drug", "disciplinary"}),
    ],
    ids=["001-athletics", "199-football"],
)
def test_distinctive_words_of_sport_articles_are_sport_words(path, sport_words):
    distinct = freq.distinctive_words(load_article(path), top_n=8)
    assert len(set(distinct["term"]) & sport_words) >= 2, distinct["term"].tolist()


# -- keyword in context, dispersion, Zipf ------------------------------------------


def test_kwic_finds_every_occurrence(seed):
    kwic = freq.keyword_in_context(seed, "North Korea")
    assert len(kwic) == 14  # not the 3 "North Korean"
    for row in kwic.itertuples():
        assert seed.text[row.char_start : row.char_end] == row.keyword
        assert seed.sentences[row.sentence_id - 1].start <= row.char_start
    assert (
        len(freq.keyword_in_context(seed, "putin")) == 9
    )  # case-insensitive, "Vladimir Putin" too
    assert len(freq.keyword_in_context(seed, "Putin's visit")) == 4  # apostrophe-insensitive
    assert freq.keyword_in_context(seed, "zebra").empty
    assert freq.keyword_in_context(seed, "  ").empty


def test_dispersion_of_top_terms(seed):
    positions = freq.dispersion(seed, top_n=5)
    assert positions["term_rank"].max() == 5
    korea = positions[positions["term"] == "North Korea"]
    assert len(korea) == 14
    assert korea["position"].between(0, 1).all() and korea["position"].is_monotonic_increasing
    assert korea["paragraph"].nunique() == 5  # the name is in every paragraph


def test_rank_frequency_counts_every_word(seed):
    ranks = freq.rank_frequency(seed)
    # grep -oiw the: 34; "and" 23.
    assert ranks.loc[0, ["rank", "term", "count"]].tolist() == [1, "the", 34]
    assert ranks.set_index("term").loc["and", "count"] == 23
    assert bool(ranks.loc[0, "is_stop_word"])
    assert ranks["frequency"].sum() == pytest.approx(1.0)
    assert ranks["zipf_expected"].iloc[1] == pytest.approx(17.0)


# -- word cloud ----------------------------------------------------------------------


def test_word_cloud_shows_exactly_the_table_top_words(seed):
    counts = freq.word_counts(seed)
    cloud = charts.word_cloud(counts, top_n=40)
    assert sorted(charts.word_cloud_words(cloud)) == sorted(counts["term"].head(40))


def test_word_cloud_is_byte_stable(seed, scratch_figures):
    counts = freq.word_counts(seed)
    first = charts.word_cloud(counts).to_image().tobytes()
    second = charts.word_cloud(counts).to_image().tobytes()
    assert first == second
    written = []
    for _ in range(2):
        fig = charts.plot_word_cloud(counts)
        path = save_figure(fig, seed, "02-word-cloud-test")
        written.append(path.read_bytes())
        path.unlink()
    assert written[0] == written[1]


# -- degenerate input, report ------------------------------------------------------


def _figure_texts(figure) -> list[str]:
    return [text.get_text() for ax in figure.axes for text in ax.texts]


@pytest.mark.parametrize("text", ["the and of it was.", "It is what it is, and so it was."])
def test_empty_after_filtering_gives_empty_tables_and_saying_charts(text):
    article = load_article(text)
    counts = freq.word_counts(article)
    assert counts.empty and list(counts.columns) == freq.TERM_COLUMNS
    assert freq.ngram_counts(article).empty
    assert freq.distinctive_words(article).empty
    assert freq.dispersion(article).empty
    assert freq.report_section(article) == {
        "top_words": [],
        "top_ngrams": [],
        "distinctive_words": [],
    }
    metrics = freq.headline_metrics(article)
    assert math.isnan(metrics["top_word_share"])
    assert (metrics["top_words"], metrics["n_terms"], metrics["top_phrase"]) == ("", 0, "")
    nothing = "No content words left after removing stop words"
    assert _figure_texts(charts.plot_top_words(counts)) == [nothing]
    assert _figure_texts(charts.plot_word_cloud(counts)) == [nothing]
    assert _figure_texts(charts.plot_distinctive_words(freq.distinctive_words(article))) == [
        "No term occurs often enough to be called distinctive"
    ]
    assert _figure_texts(charts.plot_top_ngrams(freq.ngram_counts(article))) == [
        "none repeated",
        "none repeated",
    ]
    assert _figure_texts(charts.plot_dispersion(freq.dispersion(article))) == ["No terms to place"]
    assert _figure_texts(charts.plot_kwic(freq.keyword_in_context(article, "zebra"))) == [
        "No match"
    ]


def test_a_one_word_text():
    article = load_article("Hello")
    counts = freq.word_counts(article)
    assert counts[["term", "kind", "count", "rank"]].to_dict("records") == [
        {"term": "hello", "kind": "word", "count": 1, "rank": 1}
    ]
    assert freq.distinctive_words(article).empty  # used once: below MIN_DISTINCTIVE_COUNT
    assert freq.dispersion(article)[["term", "position"]].to_dict("records") == [
        {"term": "hello", "position": 0.0}
    ]
    metrics = freq.headline_metrics(article)
    assert (metrics["top_words"], metrics["n_terms"], metrics["top_word_share"]) == (
        "hello",
        1,
        1.0,
    )
    assert _figure_texts(charts.plot_top_words(counts)) == [" 1"]  # the bar's count label


def test_report_section_shape(seed):
    section = freq.report_section(seed)
    assert set(section) == {"top_words", "top_ngrams", "distinctive_words"}
    assert section["top_words"][0] == {"term": "North Korea", "count": 14}
    assert set(section["top_ngrams"][0]) == {"term", "n", "count"}
    assert section["top_ngrams"][0] == {"term": "Putin's visit", "n": 2, "count": 4}
    assert set(section["distinctive_words"][0]) == {"term", "count", "score"}
    json.dumps(to_json_safe(section))


def test_headline_metrics(seed):
    metrics = freq.headline_metrics(seed)
    assert metrics["top_words"].startswith("North Korea, ")
    assert metrics["n_terms"] == len(freq.word_counts(seed))
    assert metrics["top_word_share"] == pytest.approx(14 / freq.word_counts(seed)["count"].sum())
    assert all(isinstance(v, (int, float, str)) for v in metrics.values())


def test_unknown_counting_mode_is_a_clear_error(seed):
    with pytest.raises(ValueError, match="lemma"):
        freq.word_counts(seed, by="stem")


@pytest.mark.parametrize("bad", [0, -1, (), (0, 2)])
def test_ngram_lengths_below_one_are_refused(seed, bad):
    with pytest.raises(ValueError, match="1 or more"):
        freq.ngram_counts(seed, n=bad)


# -- shown words are words of the text (issue 13) ------------------------------------

SHARED_HTML = sorted((SHARED_CORPUS / "html").glob("*.html"))
SHOWN_CHECK_ARTICLES = [
    SEED_ARTICLE,
    *sorted(BBC.glob("*/*.txt")),
    *(SHARED_HTML or [pytest.param(None, marks=pytest.mark.skip("no ../shared/corpus/html"))]),
]


@pytest.mark.parametrize(
    "path", SHOWN_CHECK_ARTICLES, ids=lambda p: "-".join(p.parts[-2:]) if p else "absent"
)
def test_every_shown_term_is_written_in_its_article(path):
    # Top words, distinctive words and n-grams of the report and of the full default
    # tables, looked for as whole words, case-insensitive, apostrophes straightened.
    article = load_article(path)
    assert missing_terms(article) == {}
    assert shown_terms(article)["top_words"]  # the check had something to check


def test_lemma_groups_are_shown_as_written():
    article = load_article(
        "Some scientists are geoengineering the climate already. Critics say "
        "geoengineering could harm crops.\n\n"
        "The data show taxes rose. New data suggest the taxes will rise again."
    )
    counts = freq.word_counts(article).set_index("term")
    # spaCy's lemmas are "geoengineere", "datum" and "taxis": counted, never shown.
    assert counts.loc["geoengineering", ["count", "lemma"]].tolist() == [2, "geoengineere"]
    assert counts.loc["data", ["count", "lemma", "forms"]].tolist() == [2, "datum", ["data"]]
    assert counts.loc["taxes", ["count", "lemma"]].tolist() == [2, "taxis"]
    # "rose" and "rise" share the lemma "rise": one term, the first form read wins the tie.
    assert counts.loc["rose", ["count", "lemma", "forms"]].tolist() == [2, "rise", ["rose", "rise"]]
    assert not {"geoengineere", "datum", "taxis", "rise"} & set(counts.index)
    lower = freq.word_counts(article, by="lower").set_index("term")["count"]
    assert (lower["rose"], lower["rise"]) == (1, 1)


def test_seed_terms_list_their_forms_and_lemma(seed):
    counts = freq.word_counts(seed).set_index("term")
    # grep -oi "relationships\?": 3 × "relationship", 1 × "relationships".
    assert counts.loc["relationship", ["count", "lemma", "forms"]].tolist() == [
        4,
        "relationship",
        ["relationship", "relationships"],
    ]
    # grep -oiw "sign\w*": "signed" 4 times, no other form of "sign".
    assert counts.loc["signed", ["count", "lemma", "forms"]].tolist() == [4, "sign", ["signed"]]
    assert counts.loc["North Korea", ["kind", "lemma", "forms"]].tolist() == [
        "name",
        "north korea",
        ["North Korea"],
    ]


@pytest.mark.parametrize("by", ["lemma", "lower"])
@pytest.mark.parametrize("which", ["seed", "real"])
def test_a_form_is_counted_in_one_row_only(which, by, seed, real_article):
    article = seed if which == "seed" else real_article
    counts = freq.word_counts(article, by=by)
    row_of_form = {}
    for term, forms in zip(counts["term"], counts["forms"], strict=True):
        assert term == forms[0]  # shown as its most frequent form
        for form in forms:
            assert row_of_form.setdefault(form.lower(), term) == term, form
    # Every occurrence is counted in a row that lists the form it is written in.
    occurrences = freq.term_occurrences(article, by=by)
    forms_of = {
        term: {f.lower() for f in forms} for term, forms in counts[["term", "forms"]].values
    }
    for term, text in occurrences[["term", "text"]].itertuples(index=False):
        assert " ".join(text.replace("\u2019", "'").lower().split()) in forms_of[term], text
    assert len(occurrences) == counts["count"].sum()


def test_distinctive_zipf_sums_the_forms_counted(seed):
    from wordfreq import word_frequency

    row = freq.distinctive_words(seed).set_index("term").loc["relationship"]
    english = word_frequency("relationship", "en") + word_frequency("relationships", "en")
    assert row["zipf_english"] == pytest.approx(math.log10(english * 1e9))
    assert row["zipf_article"] == pytest.approx(math.log10(4 / seed.n_words * 1e9))


def test_pieces_of_written_words_are_not_words():
    article = load_article(
        "The console is 12cm by 7cm and weighs 200g. The 12cm screen is bright.\n\n"
        "She's Gotta Have It was his first film. The screen costs $500m.\n\n"
        "She won 200m gold. She won 200m gold again."
    )
    counts = freq.word_counts(article)
    # spaCy splits "12cm" into "12" + "cm" and "Gotta" into "Got" + "ta": no word is
    # counted from them, and an n-gram shows them as written.
    assert counts.set_index("term")["count"].to_dict() == {
        "gold": 2,
        "screen": 2,
        "won": 2,
        "bright": 1,
        "console": 1,
        "costs": 1,
        "film": 1,
        "weighs": 1,
    }
    ngrams = freq.ngram_counts(article, min_count=1)
    assert ngrams[["term", "count"]].values.tolist() == [
        ["won 200m gold", 2],
        ["screen is bright", 1],
        ["screen costs", 1],
    ]


def test_takeaways_state_the_seeds_numbers(seed):
    # North Korea: 14 of the seed's 457 words (30.6 per 1,000); "Putin's visit" 4 times
    # (test_seed_ngrams); the top ten terms as word_counts lists them.
    assert freq.takeaways(seed) == {
        "top_words": "The most frequent term is 'North Korea': 14 times, 31 per 1,000 words; "
        "138 distinct terms in all.",
        "distinctive_words": "Most distinctive: 'Juche', used 2 times, about 36,470 times its "
        "rate in everyday English (score 4.56). Top five: Juche, munitions, vowed, pact, "
        "hereditary.",
        "top_ngrams": '22 phrases recur; the most frequent is "Putin\'s visit" (4 times).',
        "rank_frequency": "186 distinct word forms; 55% of them occur only once.",
        "dispersion": "Of the 10 most frequent terms, 'North Korea' runs through the most "
        "paragraphs (5 of 5) and 'military' through the fewest (2).",
        "kwic": "'North Korea': 14 occurrences in the text.",
    }
    assert freq.takeaways(seed, min_count=99)["distinctive_words"] == (
        "No term occurs 99 times or more, so none is called distinctive."
    )
    assert freq.takeaways(seed, query="pact")["kwic"] == (
        f"'pact': {len(freq.keyword_in_context(seed, 'pact'))} occurrences in the text."
    )


def test_takeaways_of_a_text_without_content_words():
    article = load_article("the and of it was.")
    assert freq.default_query(article) == ""
    lines = freq.takeaways(article)
    assert lines["top_words"] == "No content word is left after removing stop words."
    assert lines["top_ngrams"].startswith("No phrase of 2 or 3 words occurs 2 times or more")
    assert lines["dispersion"] == "No content word is left to place."
    assert lines["kwic"] == "No term to look up: the article has no content word."


def test_every_setting_is_computed_once_through_the_cache(seed):
    # No setting is a special case: the default tables and the report read the same
    # cached rows, and another setting is cached under its own key.
    from analysis import cache

    assert freq.report_section(seed)["top_ngrams"][0]["term"] == freq.ngram_counts(seed)["term"][0]
    four = freq.ngram_counts(seed, n=[4], min_count=1)
    keys = [k for k in cache.stored(seed) if k[:2] == ("frequencies", "ngrams")]
    assert any(k[-4:] == ((4,), 1, False, True) for k in keys)
    assert freq.ngram_counts(seed, n=4, min_count=1).equals(four)
    assert set(four["n"]) == {4}
    one = freq.distinctive_words(seed, min_count=1)
    assert len(one) > len(freq.distinctive_words(seed))
    assert freq.distinctive_words(seed, min_count=1).equals(one)
