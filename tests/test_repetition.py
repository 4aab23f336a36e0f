"""Repetition: repeated phrases, restatements, redundancy measures and novelty.

Expected values were checked by reading the articles (the seed's 19 sentences
are printed by ``python -m analysis info``) and, for the measures, by hand on
toy word lists.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from analysis import diversity, load_article, repetition
from analysis.paths import data_file
from analysis.report import build_report
from tests.conftest import BBC, SHARED_CORPUS, skip_without

# The seed's restatements plain to a reader (read from the text): later sentence -> the
# earlier sentences it restates (the detector must name one of them). 13 repeats 3 ("vowed
# to cut off support from countries like ..."), 14 repeats 4 (Kim's ties with Russia and
# China for legitimacy despite the human-rights record), 18 repeats 5 (munitions and
# military resources during the war in Ukraine), 17 repeats 9/10 (hereditary dictatorship,
# state ideology of Juche), 16 repeats 8 (DPRK founded in 1948) and 1/11 (the pact signed
# by Putin and Kim), 15 repeats 11 (the pact, mutual aid, trade), 11 repeats 1/2 (the pact:
# security, trade, humanitarian relief), 19 repeats 12/6 (Putin's visit to North Korea).
SEED_PLAIN = {
    11: {1, 2},
    13: {3},
    14: {4},
    15: {1, 2, 11},
    16: {1, 8, 11},
    17: {9, 10},
    18: {5},
    19: {6, 12},
}
# At the precision-oriented threshold of the "restates" tier (0.215, issue 24) the detector
# misses 16 (its pair with 1 scores 0.187) and 17 (its best earlier match is 16, 0.176, and
# 9 scores 0.168): both are listed as "possibly" instead. Known misses, in
# benchmarks/RESULTS.md. Every other plain pair must be found.
SEED_MISSED = {16, 17}


@pytest.fixture(scope="session")
def seed_phrases(seed):
    return repetition.repeated_phrases(seed)


@pytest.fixture(scope="session")
def bbc_politics():
    """BBC politics/001: Labour's maternity-pay pledge (quotes restating the report)."""
    return load_article(BBC / "politics" / "001.txt")


# -- repeated phrases ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "count", "sentences"),
    [
        ("vowed to cut off support from countries like", 2, [3, 13]),
        ("munitions and military resources", 2, [5, 18]),
        ("state ideology of Juche", 2, [10, 17]),
        ("Democratic People’s Republic of Korea", 2, [8, 16]),
        ("Putin’s visit to North Korea", 3, [6, 12, 19]),
        ("pact signed by Putin and Kim", 2, [11, 16]),
        ("human rights record", 2, [4, 14]),
        # "Putin's visit" also stands alone in sentence 3, so it is listed with all 4.
        ("Putin’s visit", 4, [3, 6, 12, 19]),
    ],
)
def test_seed_repeated_phrases(seed_phrases, phrase, count, sentences):
    row = seed_phrases.set_index("phrase").loc[phrase]
    assert row["count"] == count
    assert row["sentences"] == sentences


@pytest.mark.parametrize(
    "contained",
    [
        "cut off support",  # only ever inside "vowed to cut off support from countries like"
        "military resources",  # only inside "munitions and military resources"
        "ideology of Juche",
        "and vowed to cut off support from countries like",  # trimmed to content-word edges
        "of the",  # stop words only
    ],
)
def test_seed_phrases_inside_longer_ones_are_not_listed(seed_phrases, contained):
    assert contained not in set(seed_phrases["phrase"])


def test_seed_has_21_repeated_phrases_longest_first(seed_phrases):
    # Counted by reading the table against the text: 21 maximal phrases.
    assert len(seed_phrases) == 21
    assert seed_phrases["phrase"].iloc[0] == "vowed to cut off support from countries like"
    assert list(seed_phrases["n_words"]) == sorted(seed_phrases["n_words"], reverse=True)
    assert (seed_phrases["count"] >= 2).all() and (seed_phrases["n_alone"] >= 1).all()


@pytest.mark.parametrize(
    ("fixture", "phrase", "sentences"),
    [
        ("bbc_business", "stake in AOL Europe", [18, 19]),
        ("bbc_business", "fourth quarter profits", [7, 11]),
        ("bbc_sport", "60m hurdles", [2, 6]),
        ("bbc_politics", "parents of older children", [3, 10]),
        ("bbc_politics", "Maternity pay", [1, 3, 4, 5, 9, 10, 13, 14]),
    ],
)
def test_bbc_repeated_phrases(request, fixture, phrase, sentences):
    phrases = repetition.repeated_phrases(request.getfixturevalue(fixture))
    assert phrases.set_index("phrase").loc[phrase, "sentences"] == sentences


def test_hyphenated_word_is_not_a_phrase(bbc_sport):
    # "25-year-old" occurs twice, but it is one written word.
    assert "25-year-old" not in set(repetition.repeated_phrases(bbc_sport)["phrase"])


def test_phrases_do_not_cross_sentences():
    article = load_article("Rain fell. Heavy winds blew. Rain fell. Heavy snow came.")
    phrases = repetition.repeated_phrases(article)
    assert "fell. Heavy" not in set(phrases["phrase"])
    assert list(phrases["phrase"]) == ["Rain fell"]


# -- restatements ----------------------------------------------------------------------


def test_seed_plain_restatements_are_found(seed):
    table = repetition.sentence_restatements(seed)
    found = {
        int(r.sentence_id): int(r.restates) for r in table.dropna(subset=["restates"]).itertuples()
    }
    for later, earlier in SEED_PLAIN.items():
        if later not in SEED_MISSED:
            assert found.get(later) in earlier, (later, found.get(later))
    # Sentences 1-10 are new information: none is flagged (7, "This visit marks Putin's
    # second to North Korea", a continuation of 6 at 0.215, was at the old threshold).
    assert [i for i in found if i <= 10] == []
    # The two misses are in the "possibly" tier, pointed at an earlier sentence to check.
    possibly = dict(zip(table["sentence_id"], table["possibly_restates"], strict=True))
    assert possibly[16] == 1 and possibly[17] == 16


def test_seed_paraphrase_is_caught(seed):
    """Issue 5's example: 13 says sentence 3 again in other words."""
    pairs = repetition.restatement_pairs(seed).set_index(["earlier", "later"])
    row = pairs.loc[(3, 13)]
    assert row["similarity"] == pytest.approx(0.3071, abs=1e-3)
    assert set(row["shared_words"].split(", ")) >= {"vow", "cut", "support", "u.s."}
    assert row["later_text"].startswith("The U.S. has condemned Russia’s actions")


def test_seed_restated_share_is_7_of_19(seed):
    # 6 of the 8 plain restatements (not 16, 17) plus the borderline 12.
    assert repetition.restated_share(seed) == pytest.approx(7 / 19)


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        # business/001: the in-article step pairs 14, the chief executive's quote ("Our
        # financial performance was strong, meeting ... our full-year objectives"), with 13
        # (the full-year profit): borderline, a verdict on the figures more than the
        # figures again. It no longer finds 11 ("fourth quarter profits were slightly
        # better") restating 7 (score 0.124). The first detector also paired 11 with 5
        # and 7 with 3, which only share names.
        ("bbc_business", {(13, 14)}),
        # sport/001: nothing (the old detector paired 1 and 3, '"I am quite confident,"
        # said Claxton', which shares only her name and the race).
        ("bbc_sport", set()),
        # politics/001: the quotes that repeat the reported pledge and reactions (4-13,
        # 3-10, 9-13), plus four false flags that the quote feature brings: quotes 5, 6
        # and 13 paired with a reported line they do not restate (4-5, 1-5, 3-6, 1-13).
        # 9 restating the quote 6 (both quotes) is no longer found (score 0.136). At the
        # restates tier's 0.215, 1-5 (0.19) is listed as possibly only.
        ("bbc_politics", {(4, 13), (3, 10), (9, 13), (4, 5), (1, 13), (3, 6)}),
    ],
)
def test_bbc_restatement_pairs(request, fixture, expected):
    pairs = repetition.restatement_pairs(request.getfixturevalue(fixture))
    assert set(zip(pairs["earlier"], pairs["later"], strict=True)) == expected


def test_identical_sentences_score_high():
    article = load_article(
        "The river flooded the old town. Officials closed the bridge on Monday. "
        "The river flooded the old town."
    )
    table = repetition.sentence_restatements(article)
    assert table["restates"].tolist()[2] == 1
    # The highest score of the article, though the in-article step (fitted on BBC pairs,
    # where verbatim repeats are rare) keeps a four-lemma repeat well below 1.
    matrix = repetition.similarity_matrix(article).to_numpy()
    np.fill_diagonal(matrix, 0.0)
    assert table["similarity"].iloc[2] == pytest.approx(matrix.max(), rel=1e-12)
    assert matrix.max() > 0.5


# -- the pair scorer ---------------------------------------------------------------------


def test_score_pairs_orders_pairs_as_a_reader_would():
    same = "The deal was signed on Monday after two years of talks."
    scores = repetition.score_pairs(
        [
            (same, same),
            (same, "After two years of talks, the deal was signed on Monday."),
            (same, "The deal was not signed on Monday after two years of talks."),
            (same, "Heavy rain flooded the valley and closed three schools."),
        ]
    )
    assert all(0.0 <= score <= 1.0 for score in scores)
    identical, reordered, negated, unrelated = scores
    assert identical > 0.9 and reordered > 0.5
    assert negated < identical  # a negation that the other lacks lowers the score
    assert unrelated < 0.05
    assert repetition.score_pairs([]) == []


def test_numbers_that_disagree_lower_the_score():
    pairs = [
        ("Sales rose 5% in May.", "Sales rose 5% in May."),
        ("Sales rose 5% in May.", "Sales rose 9% in May."),
        ("Sales rose 5% in May, or 1,200 cars.", "Sales rose 5% in May, 1200 cars."),
    ]
    # {5} against {9}: no number in common; {5, 1200} against {5, 1200}: all in common.
    assert repetition.pair_features(pairs)["numbers_conflict"].tolist() == [0.0, 1.0, 0.0]
    same, other, _ = repetition.score_pairs(pairs)
    assert other < same - 0.05


def test_char_trigrams_is_the_dice_overlap_of_character_trigrams():
    # "cats purr" has 7 trigrams (cat, ats, "ts ", "s p", " pu", pur, urr), all inside
    # "cats purr loudly" (14): Dice = 2 * 7 / (7 + 14). Punctuation is no word.
    features = repetition.pair_features([("Cats purr.", "Cats purr loudly.")])
    assert features.loc[0, "char_trigrams"] == pytest.approx(2 * 7 / 21)


def test_char_trigrams_equal_python_sets_on_any_characters():
    """Trigrams of astral characters, accents and very short sentences, against sets."""
    pairs = [
        ("Café 𝔘𝔫𝔦 naïve 😀 tea.", "Naïve café 😀 tea here."),
        ("Ok.", "Ok then."),
        ("A b.", "Zürich, 東京 and 北京 met."),
    ]
    texts = sorted({text for pair in pairs for text in pair})
    infos = repetition.parse_sentences(texts)
    words = {text: " ".join(info.words) for text, info in zip(texts, infos, strict=True)}

    def trigrams(text):
        return {text[i : i + 3] for i in range(len(text) - 2)}

    expected = []
    for first, second in pairs:
        a, b = trigrams(words[first]), trigrams(words[second])
        expected.append(2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0)
    got = repetition.pair_features(pairs)["char_trigrams"].tolist()
    assert got == pytest.approx(expected, rel=1e-12)
    assert 0 < got[0] < 1


def test_attribution_is_not_content():
    """Issue 13: "according to Hansen" shared the lemma "accord" with "Paris Climate Accord"."""
    features = repetition.pair_features(
        [
            (
                "According to Hansen, the targets are too weak.",
                "The Paris Climate Accord set the targets.",
            ),
            (
                "Mr Smith told reporters the plan was dead.",
                "Ms Jones told reporters she was pleased.",
            ),
        ]
    )
    assert features.loc[0, "n_shared_log"] == pytest.approx(np.log1p(1))  # "target" only
    assert features.loc[1, "n_shared_log"] == 0.0  # "told reporters" is attribution


def test_in_article_score_builds_on_score_pairs(seed):
    """The detector reads score_pairs' score, then adds what the article knows."""
    pairs = repetition.restatement_pairs(seed).head(5)
    scores = np.array(
        repetition.score_pairs(list(zip(pairs["earlier_text"], pairs["later_text"], strict=True)))
    )
    features = repetition.article_pair_features(seed).set_index(["earlier", "later"])
    features = features.loc[list(zip(pairs["earlier"], pairs["later"], strict=True))]
    np.testing.assert_allclose(features["pair_logit"], np.log(scores / (1 - scores)), rtol=1e-6)
    np.testing.assert_allclose(features["n_shared_log"], np.log1p(pairs["n_shared"]))
    # The logistic regression of analysis/data/restatement_article.csv, applied by hand.
    coefficients = pd.read_csv(data_file(repetition.ARTICLE_SCORER_FILE))
    weights = coefficients.set_index("feature")["coefficient"]
    logit = weights["intercept"] + sum(
        weights[name] * features[name] for name in repetition.ARTICLE_FEATURES
    )
    np.testing.assert_allclose(1 / (1 + np.exp(-logit)), pairs["similarity"], rtol=1e-6)
    np.testing.assert_allclose(features["score"], pairs["similarity"], rtol=1e-12)


def test_a_quote_after_the_line_reporting_it_scores_higher():
    reported = "The minister said the plan had failed because nobody funded it."
    quote = '"The plan has failed because nobody funded it," she said.'
    plain = "The plan has failed because nobody funded it, she said."
    for later, expected in ((quote, 1.0), (plain, 0.0)):
        article = load_article(f"Rain fell in the north. {reported} {later}")
        row = repetition.article_pair_features(article).set_index(["earlier", "later"])
        assert row.loc[(2, 3), "quote_after_report"] == expected
        assert row.loc[(2, 3), "quote_next"] == expected
    quoted = repetition.restatement_pairs(load_article(f"{reported} {quote}"))
    unquoted = repetition.restatement_pairs(load_article(f"{reported} {plain}"))
    assert quoted["similarity"].iloc[0] > unquoted["similarity"].iloc[0]


def test_candidate_search_equals_exhaustive_on_short_text(seed):
    # With no threshold, restatement_pairs lists every candidate pair: on a text shorter
    # than CANDIDATE_MAX_DF sentences, every pair sharing a content lemma, scored as in
    # the exact matrix.
    matrix = repetition.similarity_matrix(seed).to_numpy()
    pairs = repetition.restatement_pairs(seed, threshold=0.0, min_shared=0)
    scored = matrix[pairs["earlier"] - 1, pairs["later"] - 1]
    np.testing.assert_allclose(pairs["similarity"], scored, rtol=1e-12)
    lemmas = [{f for f in fs if " " not in f} for fs in repetition.sentence_features(seed)]
    sharing = {(i + 1, j + 1) for j in range(19) for i in range(j) if lemmas[i] & lemmas[j]}
    assert set(zip(pairs["earlier"], pairs["later"], strict=True)) == sharing


def test_similarity_matrix_exact_and_binned(seed):
    matrix = repetition.similarity_matrix(seed)
    assert matrix.shape == (19, 19)
    np.testing.assert_allclose(matrix.to_numpy(), matrix.to_numpy().T)
    assert matrix.loc[13, 3] == pytest.approx(0.3071, abs=1e-3)
    binned = repetition.similarity_matrix(seed, max_size=5)
    # 19 sentences in blocks of 4: 1-4, 5-8, 9-12, 13-16, 17-19.
    assert list(binned.index) == [1, 5, 9, 13, 17]
    # Block (13-16) x (1-4) holds the best pair between them: 14 restating 4.
    assert binned.loc[13, 1] == pytest.approx(matrix.loc[13:16, 1:4].to_numpy().max())


# -- redundancy measures ---------------------------------------------------------------


def test_mtld_by_hand():
    # Forward: a b a -> TTR 2/3 <= 0.72, one factor; "c" leaves TTR 1, a 0 partial: 4 / 1.
    # Backward: c a b a ends at TTR 3/4, partial (1 - 0.75) / 0.28: 4 / 0.892857 = 4.48.
    assert diversity.mtld(["a", "b", "a", "c"]) == pytest.approx((4 + 4 / (0.25 / 0.28)) / 2)


def test_ngram_measures_by_hand():
    words = ["the", "cat", "the", "cat", "the", "dog"]
    assert diversity.type_token_ratio(words) == pytest.approx(3 / 6)
    # Bigrams: the-cat, cat-the, the-cat, cat-the, the-dog: 3 distinct of 5.
    assert diversity.distinct_n(words, 2) == pytest.approx(3 / 6)
    assert diversity.seq_rep_n(words, 2) == pytest.approx(1 - 3 / 5)


def test_compression_ratio_grows_with_redundancy():
    varied = "Quick brown foxes jump over lazy dogs near the riverbank at dawn."
    assert diversity.compression_ratio(varied * 20) > 5 * diversity.compression_ratio(varied)
    assert math.isnan(diversity.compression_ratio(""))


def test_seed_measures(seed, bbc_business):
    seed_values = repetition.redundancy_measures(seed)
    bbc_values = repetition.redundancy_measures(bbc_business)
    # The seed repeats itself more than a BBC report of the same length on every measure.
    assert seed_values["mtld"] < bbc_values["mtld"]
    assert seed_values["seq_rep_2"] > 3 * bbc_values["seq_rep_2"]
    assert seed_values["compression_ratio"] > bbc_values["compression_ratio"]
    assert seed_values["restated_share"] > 4 * bbc_values["restated_share"]
    assert seed_values["n_words"] == 474  # word tokens, "’s" counted apart from "Korea"
    assert seed_values["seq_rep_2"] == pytest.approx(0.2558, abs=1e-4)


def test_novelty_curve_seed(seed):
    curve = repetition.novelty_curve(seed)
    # Sentence 1 has 21 distinct content lemmas (counted by hand), all new.
    assert curve.loc[0, ["n_content_words", "n_new_words"]].tolist() == [21, 21]
    assert curve["cumulative_words"].is_monotonic_increasing
    assert curve["cumulative_words"].iloc[-1] == curve["n_new_words"].sum()
    # The restating last paragraph brings far fewer new words than the first.
    assert (
        curve.query("paragraph == 5")["novelty"].mean()
        < 0.5 * curve.query("paragraph == 1")["novelty"].mean()
    )


# -- degenerate input ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hello.",
        "Storms battered the coast overnight. Farmers counted their losses at dawn.",
        "one two three four five six seven eight nine ten",
    ],
)
def test_no_repetition_gives_empty_tables(text):
    article = load_article(text)
    assert repetition.repeated_phrases(article).empty
    assert repetition.restatement_pairs(article).empty
    table = repetition.sentence_restatements(article)
    assert len(table) == article.n_sentences and not table["is_restatement"].any()
    assert repetition.restated_share(article) == 0.0
    section = repetition.report_section(article)
    assert section["repeated_phrases"] == [] and section["restatements"] == []
    json.dumps(build_report(article, ["repetition"]))
    assert len(repetition.novelty_curve(article)) == article.n_sentences
    assert repetition.similarity_matrix(article).shape == (article.n_sentences,) * 2


def test_short_text_mtld_is_nan():
    assert math.isnan(diversity.mtld(["alpha", "beta"]))
    assert math.isnan(diversity.type_token_ratio([]))


# -- report and headline ---------------------------------------------------------------


def test_report_section_seed(seed):
    section = build_report(seed, ["repetition"])["repetition"]
    assert set(section) == {"repeated_phrases", "restatements", "measures"}
    assert set(section["measures"]) == {
        "ttr",
        "mtld",
        "distinct_2",
        "seq_rep_2",
        "compression_ratio",
        "restated_share",
    }
    assert section["repeated_phrases"][0] == {
        "phrase": "vowed to cut off support from countries like",
        "count": 2,
        "sentences": [3, 13],
    }
    entries = section["restatements"]
    counted = {r["sentence"]: r["restates"] for r in entries if r["kind"] != "possibly"}
    possibly = {r["sentence"]: r["restates"] for r in entries if r["kind"] == "possibly"}
    table = repetition.sentence_restatements(seed)
    restating = table.dropna(subset=["restates"])
    assert counted == dict(zip(restating["sentence_id"], restating["restates"], strict=True))
    possible = table.dropna(subset=["possibly_restates"])
    assert possibly == dict(
        zip(possible["sentence_id"], possible["possibly_restates"], strict=True)
    )
    assert len(counted) == 7
    keys = {"sentence", "restates", "similarity", "kind", "reason"}
    assert all(set(r) == keys for r in entries)
    json.dumps(section)


def test_headline_metrics(seed):
    metrics = repetition.headline_metrics(seed)
    assert metrics["restated_share"] == pytest.approx(7 / 19)
    assert metrics["n_restated_sentences"] == 7
    assert metrics["longest_repeated_phrase"] == "vowed to cut off support from countries like"
    assert all(isinstance(v, (int, float, str)) for v in metrics.values())


def test_measures_table_explains_every_measure(seed):
    table = repetition.measures_table(seed)
    assert list(table["measure"]) == list(repetition.MEASURE_DESCRIPTIONS)
    assert table["meaning"].str.len().gt(10).all()
    assert isinstance(table, pd.DataFrame)


@pytest.mark.parametrize("name", ["seed", "business/001.txt", "politics/001.txt", "sport/199.txt"])
def test_tfidf_equals_sklearn(name, seed):
    """TF-IDF rows (binary tf, smoothed idf, L2) against scikit-learn's vectorizer."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    article = seed if name == "seed" else load_article(BBC / name)
    features = repetition.sentence_features(article)
    vectorizer = TfidfVectorizer(analyzer=lambda f: f, binary=True, smooth_idf=True, norm="l2")
    expected = vectorizer.fit_transform(features).toarray()
    tfidf, names = repetition.tfidf_vectors(features)
    assert names == list(vectorizer.get_feature_names_out())
    assert tfidf.shape == expected.shape and tfidf.shape[1] > 20
    assert np.allclose(tfidf.toarray(), expected, rtol=1e-12, atol=0)


def test_tfidf_of_an_empty_document_is_an_empty_row():
    tfidf, names = repetition.tfidf_vectors([["a", "b"], [], ["b"]])
    assert names == ["a", "b"]
    # idf(a) = ln(4/2) + 1, idf(b) = ln(4/3) + 1; rows scaled to unit length.
    a, b = math.log(2) + 1, math.log(4 / 3) + 1
    expected = [[a / math.hypot(a, b), b / math.hypot(a, b)], [0, 0], [0, 1]]
    np.testing.assert_allclose(tfidf.toarray(), expected, rtol=1e-12)


def test_numbers_written_with_digits_are_words():
    """Times such as 6:25 are not like_num for spaCy; they still count and keep phrases apart."""
    article = load_article(
        "The blackout began at 6:25 p.m. in the city. Crews worked all night. "
        "A second blackout began at 6:30 p.m. in the city."
    )
    assert diversity.article_words(article)[:5] == ["the", "blackout", "began", "at", "6:25"]
    phrases = set(repetition.repeated_phrases(article)["phrase"])
    assert not any(phrase.startswith("began at") for phrase in phrases)


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ('"We will not give up," she said.', True),
        ("\u201cWe will not give up,\u201d she said.", True),
        ("He said: \u00abWe will not give up.\u00bb", True),
        # A closing curly quote at the start closes the quote before; it opens nothing.
        ("\u201d She said the plan had failed.", False),
        ("He said: \u201d the plan had failed.", False),
        ("She said the plan had failed.", False),
    ],
)
def test_opens_quote_takes_only_opening_marks(text, opens):
    from analysis.repetition.restatements import _opens_quote

    assert _opens_quote(text) is opens


def test_settings_are_cached_under_their_own_key(seed):
    """A non-default setting is computed for itself and leaves the default results alone."""
    default = repetition.sentence_restatements(seed)
    loose = repetition.sentence_restatements(seed, threshold=0.0, min_shared=0)
    assert loose["is_restatement"].sum() > default["is_restatement"].sum()
    pd.testing.assert_frame_equal(repetition.sentence_restatements(seed), default)
    assert repetition.restated_share(seed, threshold=0.0) >= repetition.restated_share(seed)
    longer = repetition.repeated_phrases(seed, min_words=4)
    assert (longer["n_words"] >= 4).all() and len(longer) < len(repetition.repeated_phrases(seed))
    assert repetition.report_section(seed)["repeated_phrases"][0]["count"] >= 2


def test_takeaways_of_the_seed(seed):
    lines = repetition.takeaways(seed)
    assert set(lines) == {"restatements", "closest", "phrases", "novelty"}
    assert lines["restatements"].startswith("7 of 19 sentences (37%) restate an earlier one")
    assert "7 more possibly restate one (a score of 0.08 or above)" in lines["restatements"]
    assert f"score of {repetition.RESTATEMENT_THRESHOLD:g} or above" in lines["restatements"]
    assert lines["closest"].startswith("Closest restatement: sentence 14 repeats sentence 4")
    assert "\u201cvowed to cut off support from countries like\u201d" in lines["phrases"]
    assert lines["novelty"].endswith("71% of the content vocabulary, the second half 29%.")


def test_takeaways_against_bbc(seed, bbc_business):
    from analysis import compare

    line = repetition.takeaways(seed, compare.compare_to_reference(seed))["bbc"]
    median = compare.reference_median("restated_share")
    assert line.startswith("Its restated share is 0.37, higher than in 99% of BBC News articles")
    assert f"BBC median {median:.2f}" in line and "seq_rep_2 0.256 (above" in line
    quiet = repetition.takeaways(bbc_business, compare.compare_to_reference(bbc_business))["bbc"]
    # One restating sentence (14 -> 13) of 19: above the median at the restates tier's
    # threshold, where half of BBC articles restate less than 3% of their sentences.
    assert quiet.startswith("Its restated share is 0.05, higher than in 60% of BBC News articles")
    assert quiet.endswith("Every other measure is within the range of 8 in 10 BBC articles.")


def test_takeaways_of_an_article_without_repetition():
    lines = repetition.takeaways(load_article("Just one sentence here."))
    assert lines["closest"] == "No sentence restates an earlier one."
    assert lines["phrases"].startswith("No phrase of")


# -- repeated sentences and tiers (issue 24) ----------------------------------------------

# A courtroom exchange in which counsel repeats one line (as in a CNN transcript where
# "I'm not making that point." comes four times); the two repeats share no two content
# words, so only the repeat rule finds them.
INTERVIEW = (
    'JUSTICE ALITO: "So your point is that the statute was never meant to apply?" '
    'MS PRELOGAR: "I\'m not making that point." '
    'JUSTICE ALITO: "Then what is it?" '
    'MS PRELOGAR: "I\'m not making that point, your honor." '
    '"I\'m not making that point." '
    "She said the government would rely on the text. "
    "Prelogar said the government would rely on the text alone."
)


def test_repeats_in_an_interview_are_always_reported():
    article = load_article(INTERVIEW)
    texts = {s.id: s.text for s in article.sentences}
    pairs = repetition.restatement_pairs(article)
    repeated = pairs[pairs["kind"] == "repeated"].set_index(["earlier", "later"])
    point = [i for i, t in texts.items() if "not making that point" in t]
    assert len(point) == 3
    for later in point[1:]:
        assert (point[0], later) in repeated.index
    # "She said ..." / "Prelogar said ... alone": a name for a pronoun and one word added.
    rely = [i for i, t in texts.items() if "rely on the text" in t]
    assert tuple(rely) in repeated.index
    assert (repeated["similarity"] == 1.0).all()
    assert set(repeated["reason"]) == {
        "repeats it word for word",
        "repeats it nearly word for word",
    }


def test_repeats_agree_across_table_heatmap_arcs_and_share():
    article = load_article(INTERVIEW)
    pairs = repetition.restatement_pairs(article)
    matrix = repetition.similarity_matrix(article)
    table = repetition.sentence_restatements(article).set_index("sentence_id")
    for row in pairs[pairs["kind"] == "repeated"].itertuples():
        assert matrix.loc[row.earlier, row.later] == 1.0
        assert table.loc[row.later, "is_restatement"]
        assert table.loc[row.later, "kind"] == "repeated"
    counted = table["is_restatement"].sum()
    assert repetition.restated_share(article) == pytest.approx(counted / article.n_sentences)
    assert set(pairs["later"]) == set(table.index[table["is_restatement"]])


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("The plan failed, the minister said.", "The plan worked, the minister said."),
        ("The plan failed, the minister said.", "The plan never failed, the minister said."),
        ("Profits rose to 5% in March.", "Profits rose to 7% in March."),
        ("He was born in London in 1950.", "He was born in London in 1950 and 1951."),
        ("I said he would go home.", "He said he would go home."),
    ],
)
def test_a_changed_word_number_or_negation_is_not_a_repeat(earlier, later):
    assert repetition.find_repeats([earlier, later]) == []


def test_a_lone_number_or_label_is_not_a_repeat():
    # BBC team sheets (sport/476) number their lines; sport/095 repeats "Subs:".
    assert repetition.find_repeats(["2", "Subs:", "2", "Subs:"]) == []


@pytest.mark.parametrize(
    ("name", "earlier", "later", "exact"),
    [
        # Readers' comments, two of them word for word the same.
        ("politics/290.txt", 97, 142, True),
        # "Yes, I agree with Mr. Forsyth's views." / "I agree with Mr Forsyth's views."
        ("politics/290.txt", 183, 198, False),
        ("tech/301.txt", 12, 30, True),
    ],
)
def test_repeats_in_bbc_articles(name, earlier, later, exact):
    path = SHARED_CORPUS / "bbc" / name
    skip_without(path)
    article = load_article(path)
    found = repetition.find_repeats([s.text for s in article.sentences])
    assert repetition.Repeat(earlier, later, exact) in found


def test_in_other_words_restates_the_sentence_before():
    path = SHARED_CORPUS / "bbc" / "business/244.txt"
    skip_without(path)
    article = load_article(path)
    pairs = repetition.restatement_pairs(article).set_index(["earlier", "later"])
    # 23: "In other words, if you do want a cruise, your options are limited." (its score
    # against 22 is far below the threshold: the two share no content word).
    assert pairs.loc[(22, 23), "kind"] == "restates"
    assert pairs.loc[(22, 23), "reason"] == 'opens with "in other words"'
    assert repetition.connective("Once again, expect cut scenes.") is None


def test_possibly_tier_is_listed_not_counted(seed):
    table = repetition.sentence_restatements(seed)
    possibly = table[table["kind"] == "possibly"]
    assert not possibly.empty
    assert not possibly["is_restatement"].any() and possibly["restates"].isna().all()
    assert (possibly["similarity"] >= repetition.POSSIBLY_THRESHOLD).all()
    assert (possibly["similarity"] < repetition.RESTATEMENT_THRESHOLD).all()
    listed = repetition.restatement_pairs(seed, possible=True)
    assert set(listed["kind"]) >= {"restates", "possibly"}
    assert len(repetition.restatement_pairs(seed)) == (listed["kind"] != "possibly").sum()
