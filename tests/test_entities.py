"""Entity mentions, merging and counts, checked against counts made by reading.

Expected values were counted by hand from the article texts (reading every
sentence and tallying each naming of the entity, possessives included), then
compared with the tool's output; where they differed the tool was fixed with a
general rule, never a special case.
"""

from __future__ import annotations

import json
import math

import pytest

from analysis import entities, load_article
from analysis import evaluation as entity_benchmark
from analysis.evaluation import hand_count_rows
from tests.conftest import FIXTURES, SHARED_CORPUS, html_page, skip_without

# Counted by hand: every row of benchmarks/entities/hand_counts.csv (the one home of
# hand counts; GUIDELINES.md beside it says how they were made).
HAND = hand_count_rows()
SEED = "seeds/000-russia-north-korea-mutual-aid-pact.txt"
# The seed: every entity it names, (name, type, mentions by name, adjectival mentions).
SEED_COUNTS = [(r.entity, r.type, r.count, r.adjectival) for r in HAND if r.article == SEED]


@pytest.fixture(scope="session")
def seed_counts(seed):
    return entities.entity_counts(seed).set_index("name")


@pytest.mark.parametrize(("name", "kind", "n", "adjectival"), SEED_COUNTS)
def test_seed_counts_match_hand_counts(seed_counts, name, kind, n, adjectival):
    row = seed_counts.loc[name]
    assert (row["type"], row["mentions"], row["adjectival"]) == (kind, n, adjectival)


def test_seed_has_no_boilerplate_title_or_split_entities(seed, seed_counts):
    names = set(seed_counts.index)
    # Boilerplate ("Share.", "Exit mobile version") and "Secretary of State" yield nothing,
    # and no un-merged variant survives as an entity of its own.
    for unwanted in ("Exit", "Share", "State", "Putin", "Kim", "North Korea’s", "U.S.", "DPRK"):
        assert unwanted not in names
    assert not any("Democratic People" in name for name in names)
    dropped = entities.mentions(seed, include_dropped=True).query("not kept")
    assert dropped["text"].tolist() == ["State"]
    assert "title" in dropped["correction"].iloc[0]


def test_seed_ideology_is_not_an_organisation(seed_counts):
    # "state ideology of Juche" (S10, S17): the model says ORG.
    assert seed_counts.loc["Juche", "type"] == "NORP"
    assert seed_counts.loc["Juche", "mentions"] == 2


def test_seed_surface_forms_show_the_merging(seed_counts):
    forms = seed_counts.loc["North Korea", "surface_forms"]
    assert set(forms) == {
        "North Korean",
        "North Korea’s",
        "North Korea",
        "the Democratic People’s Republic of Korea",
    }
    assert seed_counts.loc["Vladimir Putin", "surface_forms"] == ["Vladimir Putin", "Putin"]


def test_seed_mentions_carry_offsets_and_sentence_ids(seed):
    table = entities.mentions(seed)
    assert len(table) == 66  # 67 model mentions of the kept types, less "State"
    for row in table.itertuples():
        assert seed.text[row.start : row.end] == row.text
        sentence = seed.sentences[row.sentence_id - 1]
        assert sentence.start <= row.start < sentence.end
    putin = table[table["entity"] == "Vladimir Putin"]["sentence_id"].tolist()
    assert putin == [1, 2, 3, 6, 7, 11, 12, 16, 19]  # read off the text
    assert set(table["name"]) >= {"North Korea", "Democratic People’s Republic of Korea"}


def test_seed_cooccurrence_and_dispersion(seed):
    pairs = entities.cooccurrence(seed).set_index(["source", "target"])
    # North Korea (by name or "North Korean") and Putin share S1, 2, 3, 6, 7, 12, 16, 19.
    assert pairs.loc[("North Korea", "Vladimir Putin"), "sentence_ids"] == [
        1,
        2,
        3,
        6,
        7,
        12,
        16,
        19,
    ]
    # Antony Blinken appears only in S3, with the U.S., Putin, Iran and North Korea.
    blinken = pairs[
        (pairs.index.get_level_values(0) == "Antony Blinken")
        | (pairs.index.get_level_values(1) == "Antony Blinken")
    ]
    assert len(blinken) == 4 and set(blinken["n_sentences"]) == {1}
    spread = entities.dispersion(seed, top_n=3)
    assert spread["entity"].drop_duplicates().tolist() == [
        "North Korea",
        "Vladimir Putin",
        "Russia",
    ]
    assert spread["position"].between(0, 1).all()


def test_report_section_and_headline_metrics(seed):
    section = entities.report_section(seed)
    assert section[0] == {
        "name": "North Korea",
        "type": "GPE",
        "mentions": 16,
        "adjectival": 3,
        "surface_forms": [
            "North Korean",
            "North Korea’s",
            "North Korea",
            "the Democratic People’s Republic of Korea",
        ],
    }
    assert all(
        set(item) == {"name", "type", "mentions", "adjectival", "surface_forms"} for item in section
    )
    json.dumps(section)
    metrics = entities.headline_metrics(seed)
    total = sum(item["mentions"] for item in section)
    assert metrics["top_entity"] == "North Korea"
    assert metrics["top_entity_share"] == pytest.approx(16 / total)
    assert metrics["top_person"] == "Vladimir Putin"
    assert metrics["top_place"] == "North Korea"
    assert metrics["n_entities"] == len(section)


# Other real articles whose adjectival mentions were counted by reading them too.
CORPUS_COUNTS = [
    (r.article.removeprefix("bbc/"), r.entity, r.count, r.adjectival)
    for r in HAND if r.article.startswith("bbc/") and r.adjectival is not None
]


@pytest.fixture(scope="session")
def corpus_counts():
    loaded = {}

    def counts(relative: str):
        path = SHARED_CORPUS / "bbc" / relative
        skip_without(path)
        if relative not in loaded:
            loaded[relative] = load_article(path)
        return loaded[relative], entities.entity_counts(loaded[relative]).set_index("name")

    return counts


@pytest.mark.parametrize(("relative", "name", "n", "adjectival"), CORPUS_COUNTS)
def test_corpus_counts_match_hand_counts(corpus_counts, relative, name, n, adjectival):
    _, counts = corpus_counts(relative)
    assert (counts.loc[name, "mentions"], counts.loc[name, "adjectival"]) == (n, adjectival)


# Read in the files: tech/205 opens with "Broadband's rapid rise continues apace" and
# says "broadband" in lower case after; tech/301 has "Wireless and a dvd burner can be
# added" beside "wireless technology". Neither word is capitalised mid-sentence.
@pytest.mark.parametrize(
    ("relative", "word"), [("tech/205.txt", "Broadband"), ("tech/301.txt", "Wireless")]
)
def test_common_word_capitalised_only_at_sentence_start_is_no_entity(corpus_counts, relative, word):
    article, counts = corpus_counts(relative)
    assert word not in counts.index
    dropped = entities.mentions(article, include_dropped=True).query("text == @word")
    assert len(dropped) >= 1 and not dropped["kept"].any()


@pytest.mark.parametrize(
    "text",
    [
        # A name of the alias table, opening every sentence it is in.
        "Labour has promised to cut waiting lists. The party said the labour market was "
        "strong. Labour also pledged more nurses in the north of the country.",
        # A name capitalised mid-sentence once ("at Oxfam"), beside a lower-case "oxfam".
        "Oxfam has warned of a growing crisis. Aid workers said oxfam was a byword for "
        "relief. Officials at Oxfam said more food was needed.",
    ],
)
def test_sentence_opening_mentions_of_a_real_name_are_kept(text):
    name = text.split()[0]
    counts = entities.entity_counts(load_article(text)).set_index("name")
    assert counts.loc[name, "mentions"] == 2


def test_olympic_as_an_adjective_links_to_the_games_without_counting_a_mention(corpus_counts):
    # sport/053 (read): "Double Olympic 10,000m champion Haile Gebrselassie" and "Olympic
    # champion Stefano Baldini"; the Games are never named as a noun.
    _, counts = corpus_counts("sport/053.txt")
    assert (counts.loc["Olympics", "mentions"], counts.loc["Olympics", "adjectival"]) == (0, 2)
    assert "Olympic" not in counts.index


# Counted by reading the files: politics/083 names "William Hague" once and "Mr Hague" 7
# times in the body (the model calls him a place; the headline's "Hague" is the title);
# tech/058 "Duncan Ingram" once and "Mr Ingram" 4 times (an organisation to the model);
# entertainment/295 has "Dame Julie Andrews" once and "Dame Julie" 3 times in the body
# (a building to the model);
# politics/338 "Vincent Cable" once (an organisation to the model) and "Mr Cable" 3 times;
# entertainment/368 "Philip French" 3 times and "Mr French" once (not the nationality).
HONORIFIC_ARTICLES = ("politics/083.txt", "tech/058.txt", "entertainment/295.txt",
                      "politics/338.txt", "entertainment/368.txt")


@pytest.mark.parametrize(
    ("relative", "name", "n"),
    [(r.article.removeprefix("bbc/"), r.entity, r.count) for r in HAND
     if r.article.removeprefix("bbc/") in HONORIFIC_ARTICLES],
)
def test_a_name_after_a_personal_honorific_is_a_person(corpus_counts, relative, name, n):
    _, counts = corpus_counts(relative)
    assert (counts.loc[name, "type"], counts.loc[name, "mentions"]) == ("PERSON", n)


def test_honorific_before_a_possessive_phrase_is_not_a_person():
    # "Mr Brown's International Finance Facility" (BBC business/241) names a plan.
    text = (
        "Ministers backed Mr Brown's International Finance Facility on Monday. "
        "The plan would raise money for aid."
    )
    counts = entities.entity_counts(load_article(text))
    assert not (
        counts["name"].str.contains("International Finance Facility") & (counts["type"] == "PERSON")
    ).any()


@pytest.fixture(scope="module")
def economist_counts():
    return entities.entity_counts(load_article(html_page("economist.com.thinking.html")))


def test_a_middle_initial_does_not_make_another_person(economist_counts):
    # Read in the page: "Thomas Malone" twice, "Mr Malone" 6 times, "Thomas W. Malone"
    # twice (the book credits at the end).
    counts = economist_counts.set_index("name")
    assert counts.loc["Thomas Malone", "mentions"] == 10
    assert "Thomas W. Malone" not in counts.index


def test_interview_turn_label_is_the_name_before_the_colon(economist_counts):
    # The interview's questions open "The Economist: You say that ...".
    names = set(economist_counts["name"])
    assert "Economist" in names and not any(":" in n and "You" in n for n in names)


def test_stray_quote_marks_are_not_part_of_a_name(economist_counts):
    # "His book “The Future of Work” in 2004": the model's span takes the opening quote.
    assert "Future of Work" in set(economist_counts["name"])
    assert not economist_counts["name"].str.contains('[“”"]').any()


@pytest.mark.parametrize(
    "text",
    [
        "George W. Bush met George H. W. Bush. George W. Bush left. George H. W. Bush spoke.",
        "George H. W. Bush met George W. Bush. George H. W. Bush left. George W. Bush spoke.",
    ],
)
def test_different_middle_initials_are_different_people(text):
    counts = entities.entity_counts(load_article(text)).set_index("name")["mentions"]
    assert counts.to_dict() == {"George W. Bush": 2, "George H. W. Bush": 2}


@pytest.mark.parametrize(
    ("page", "junk"),
    [
        # "one election official will scan voter's fingers" (the model: a group, NORP)
        (("bbc", "tech", "001.txt"), "scan"),
        # "the blackouts weren’t necessary" (the model: a place, GPE)
        (("html", "nytimes.com.blackouts.html"), "n’t"),
    ],
)
def test_a_mention_without_a_capital_letter_is_no_name(page, junk):
    counts = entities.entity_counts(load_article(FIXTURES.joinpath(*page)))
    assert junk not in set(counts["name"])
    assert not counts["name"].map(lambda n: n == n.lower() and n != n.upper()).any()


def test_a_given_name_the_model_calls_an_organisation_is_the_person_it_names():
    # telegraph.co.uk.plumber (read): "Zoe Anderson, 24, ..." then "Zoe" alone 8 times;
    # the model labels 4 of those PERSON and 4 ORG.
    article = load_article(html_page("telegraph.co.uk.plumber.html"))
    zoe = entities.mentions(article).query("text == 'Zoe'")
    assert len(zoe) == 8
    assert set(zoe["entity"]) == {"Zoe Anderson"} and set(zoe["type"]) == {"PERSON"}


def test_names_that_differ_only_in_accents_are_one_entity(corpus_counts):
    # sport/344: "Bourgoin lock Pascal Pape, who has recovered" and, in the squad list,
    # "Pascal Pap&#233; (Bourgoin)": one man, named with his accent.
    _, counts = corpus_counts("sport/344.txt")
    assert counts.loc["Pascal Papé", "mentions"] == 2
    assert "Pascal Pape" not in counts.index


def test_corpus_titles_and_acronym_definitions_are_not_mentions(corpus_counts):
    article, counts = corpus_counts("politics/003.txt")
    assert "Trade and Industry" not in counts.index  # "the Trade and Industry Secretary"
    assert "EOC" not in counts.index and "Hewitt" not in counts.index
    table = entities.mentions(article, include_dropped=True)
    definitions = table[table["correction"].str.contains("acronym defined")]
    assert definitions["text"].tolist() == ["EOC", "EOC"]


def test_spellings_and_model_misses_merge(bbc_business):
    counts = entities.entity_counts(bbc_business).set_index("name")
    # "TimeWarner" x7 and "Time Warner" x2 in the body (one at a paragraph start the model
    # misses); the headline's is not body text.
    assert counts.loc["TimeWarner", "mentions"] == 9
    # "the US Securities Exchange Commission (SEC)" and a later "the SEC".
    assert counts.loc["US Securities Exchange Commission", "mentions"] == 2
    assert counts.loc["AOL", "mentions"] == 5 and counts.loc["AOL Europe", "mentions"] == 2
    assert counts.loc["Germany", "adjectival"] == 1  # "German group Bertelsmann"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A lone surname before the full name goes to the full name introduced later.
        (
            "Putin arrived on Monday. Vladimir Putin then met officials. Putin left.",
            {"Vladimir Putin": 3},
        ),
        # Most mentioned earlier full name wins over the most recent one.
        (
            "Hillary Clinton spoke first. Clinton said the plan would work. "
            "Bill Clinton agreed. Clinton smiled.",
            {"Hillary Clinton": 3, "Bill Clinton": 1},
        ),
        # An acronym defined in the text, used later alone.
        (
            "The Food Standards Agency (FSA) issued a warning on Tuesday. "
            "Officials at the FSA said more tests were needed.",
            {"Food Standards Agency": 2},
        ),
        # One event however named: "the Athens Olympics", "the Athens Games", then "the
        # Games" alone; another edition stays apart.
        (
            "Kenteris withdrew from the Athens Olympics last August. His lawyer said the "
            "Athens Games had been unfair to him. He had missed two tests before the Games. "
            "Kenteris won gold at the Sydney Olympics in 2000.",
            {"Athens Olympics": 3, "Sydney Olympics": 1, "Kenteris": 2},
        ),
        # A year before the name aside; the most used name ("Athens Olympic Games") wins.
        (
            "The 2004 Athens Olympic Games ended in August. Greece spent heavily on the "
            "Athens Olympics, and the Games left large debts.",
            {"Athens Olympic Games": 3},
        ),
        # "the Games" before an event is named is not that later event (another edition).
        (
            "Fans cheered as the Games opened. The Beijing Olympics will be held in 2008, "
            "and Kenteris hopes to compete there.",
            {"Beijing Olympics": 1},
        ),
        # An institution the model does not tag, and its short form after "the" (which the
        # model takes for a person).
        (
            "The Tate Gallery tried to buy the portrait from its owner. In March the Tate "
            "raised £12.5m, but the owner refused to sell.",
            {"Tate Gallery": 2},
        ),
        # The head word alone after "the" is the institution the article names in full,
        # before ("the Library") or after the head ("the Academy").
        (
            "Visitors to the British Library will get wireless access. Most visitors to the "
            "Library carry laptops, the survey found.",
            {"British Library": 2},
        ),
        (
            "The Academy of Motion Picture Arts and Sciences announced the nominations on "
            "Tuesday. The Academy said voting had closed.",
            {"Academy of Motion Picture Arts and Sciences": 2},
        ),
        # A name inside an unquoted title ("Name: Subtitle" running on in the sentence) is
        # part of the title, not a mention of its own.
        (
            "Joshua Reynolds painted the portrait in 1776. Joshua Reynolds: The Creation of "
            "Celebrity will feature prints and sculpture. Reynolds died in 1792.",
            {"Joshua Reynolds": 2, "Joshua Reynolds: The Creation of Celebrity": 1},
        ),
    ],
)
def test_merging_rules_on_small_texts(text, expected):
    counts = entities.entity_counts(load_article(text)).set_index("name")
    for name, n in expected.items():
        assert counts.loc[name, "mentions"] == n


def test_event_and_institution_types_and_what_is_not_a_title():
    # "Sydney Olympics", which the model tags FAC, is an event; "the Tate" (tagged PERSON)
    # is the gallery; a sentence after a colon is not a title.
    article = load_article(
        "Kenteris won gold at the Sydney Olympics. The Tate Gallery opened late, and the "
        "Tate was busy. The award went to Jamie Foxx: The Academy praised his performance."
    )
    counts = entities.entity_counts(article).set_index("name")
    assert counts.loc["Sydney Olympics", "type"] == "EVENT"
    assert counts.loc["Tate Gallery", "type"] == "ORG"
    assert counts.loc["Tate Gallery", "mentions"] == 2
    assert counts.loc["Jamie Foxx", "mentions"] == 1
    assert not any(":" in name for name in counts.index)


def test_alias_table_is_extendable(seed):
    extra = entities.alias_table(
        extra=[{"alias": "Juche", "name": "Juche ideology", "type": "NORP"}]
    )
    counts = entities.entity_counts(seed, aliases=extra).set_index("name")
    assert counts.loc["Juche ideology", "mentions"] == 2
    assert "Juche" not in counts.index
    assert counts.loc["North Korea", "mentions"] == 16  # shipped rows still apply


def test_corrections_are_configurable(seed):
    rules = [r for r in entities.correction_rules() if "Secretary of State" not in r.note]
    counts = entities.entity_counts(seed, corrections=rules).set_index("name")
    assert counts.loc["State", "type"] == "ORG"  # the model's misfire, no longer corrected
    extra = entities.correction_rules(
        extra=[{"where": "text", "label": "LOC", "pattern": "West", "action": "drop"}]
    )
    assert "West" not in entities.entity_counts(seed, corrections=extra)["name"].tolist()
    with pytest.raises(ValueError, match="bad entity correction"):
        entities.correction_rules(extra=[{"where": "inside", "pattern": "x", "action": "drop"}])


def test_shipped_alias_file_is_well_formed():
    table = entities.alias_table()
    assert set(table["form"]) == {"name", "adjective"}
    assert set(table["find"]) == {"yes", "no"}
    assert table["alias"].str.casefold().is_unique
    assert (table.loc[table["alias"] == "DPRK", "name"] == "North Korea").all()


@pytest.mark.parametrize("text", ["Hello", "the cat sat on the mat and it was fine"])
def test_text_without_entities_gives_empty_tables(text):
    article = load_article(text)
    assert entities.mentions(article).empty
    assert list(entities.entity_counts(article).columns) == entities.COUNT_COLUMNS
    assert entities.cooccurrence(article).empty
    assert entities.dispersion(article).empty
    assert entities.surface_forms(article).empty
    assert entities.report_section(article) == []
    metrics = entities.headline_metrics(article)
    assert metrics["n_entities"] == 0 and metrics["top_entity"] == ""
    assert math.isnan(metrics["top_entity_share"])


def test_charts_draw_tables(seed, bbc_sport):
    import matplotlib.pyplot as plt

    from analysis.plotting import entities as charts

    for article in (seed, bbc_sport):
        counts = entities.entity_counts(article)
        fig = charts.plot_entity_counts(counts, top_n=10)
        assert len(fig.axes[0].patches) >= 2 * min(10, len(counts))
        spread = entities.dispersion(article, top_n=5)
        fig = charts.plot_dispersion(spread, article.n_sentences)
        assert fig.axes[0].get_xlabel().startswith("sentence")
        fig = charts.plot_cooccurrence_network(counts, entities.cooccurrence(article), top_n=8)
        assert fig.axes[0].get_title(loc="left").startswith("Which entities")
        plt.close("all")
    empty = entities.entity_counts(load_article("Hello"))
    texts = [t.get_text() for t in charts.plot_entity_counts(empty).axes[0].texts]
    assert texts == ["No named entities found"]
    plt.close("all")


def test_chart_bars_are_the_counts(seed):
    import matplotlib.pyplot as plt

    from analysis.plotting import entities as charts

    counts = entities.entity_counts(seed)
    bars = charts.plot_entity_counts(counts, top_n=3).axes[0].patches
    # Solid bars first (drawn bottom-up: third, second, first entity), then hatched ones.
    assert [bar.get_width() for bar in bars[:3]] == [8, 9, 16]
    assert [bar.get_width() for bar in bars[3:6]] == [2, 0, 3]
    plt.close("all")


def test_takeaways_state_the_seeds_numbers(seed):
    total = sum(item["mentions"] for item in entities.report_section(seed))
    assert entities.counts_takeaway(seed).startswith(
        f"North Korea is named most: 16 of the {total} mentions by name ({16 / total:.0%})"
    )
    # Of the top three, North Korea, Putin and Russia are all named in S1-S7 and S13-S19.
    assert entities.dispersion_takeaway(seed, top_n=3).startswith(
        "Of the 3 most mentioned entities, 3 run through the article (named in its first and "
        "last thirds): North Korea, Vladimir Putin, Russia"
    )
    assert entities.network_takeaway(seed, top_n=2) == (
        "North Korea and Vladimir Putin are named together most often, in 8 sentences."
    )


def test_takeaways_without_entities():
    article = load_article("the cat sat on the mat and it was fine")
    assert entities.counts_takeaway(article) == entities.NO_ENTITIES
    assert entities.network_takeaway(article) == entities.NO_ENTITIES


def test_takeaways_dict_is_built_from_the_takeaway_functions(seed):
    found = entities.takeaways(seed)
    assert list(found) == ["summary", "counts", "dispersion", "network"]
    assert found["counts"] == entities.counts_takeaway(seed)
    assert found["dispersion"] == entities.dispersion_takeaway(seed, top_n=entities.TOP_DISPERSION)
    assert found["network"] == entities.network_takeaway(seed, top_n=entities.TOP_NETWORK)
    metrics = entities.headline_metrics(seed)
    assert found["summary"].startswith(f"{metrics['n_entities']} distinct entities")
    assert f"The most named is {metrics['top_entity']!r}" in found["summary"]
    empty = entities.takeaways(load_article("the cat sat on the mat and it was fine"))
    assert set(empty.values()) == {entities.NO_ENTITIES}


def test_dispersion_spans_are_the_dispersion_tables_first_and_last(seed):
    spans = entities.dispersion_spans(seed, top_n=3)
    spread = entities.dispersion(seed, top_n=3)
    assert list(spans.index) == list(dict.fromkeys(spread["entity"]))
    first = spread.groupby("entity")["sentence_id"].min()
    assert (spans["first_sentence"] == first[spans.index]).all()
    assert spans["n_mentions"].sum() == len(spread)


def test_one_honorific_list_serves_stripping_and_people():
    rules = entities.correction_rules()
    strip = next(r for r in rules if r.action == "strip")
    assert "{honorifics}" not in strip.pattern.pattern
    for honorific in entities.HONORIFICS:
        assert strip.pattern.match(f"{honorific} Smith")
    assert set(entities.PERSONAL_HONORIFICS) == {"Mr", "Mrs", "Ms", "Mx", "Sir", "Dame"}
    assert set(entities.PERSONAL_HONORIFICS) < set(entities.HONORIFICS)
    assert entities.PERSONAL_HONORIFIC.match("Dame Julie")
    assert not entities.PERSONAL_HONORIFIC.match("Dr Pepper")


CORRECTIONS_HEADER = "# a comment\nwhere,label,pattern,action,new_type,note\n"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("before,ORG,x$,strip,,", "'strip' does nothing with where 'before'"),
        ("text,*,x,extend,PERSON,", "'extend' does nothing with where 'text'"),
        ("line,*,x,extend,,", "'extend' does nothing with where 'line'"),
        ("after,*,^x,relabel,,", "relabel needs a new_type"),
        ("inside,*,x,drop,,", "unknown where 'inside'"),
        ("text,*,x,delete,,", "unknown action 'delete'"),
    ],
)
def test_correction_file_refuses_a_rule_that_does_nothing(tmp_path, monkeypatch, row, problem):
    from analysis import paths

    good = "text,*,Foo,drop,,a good rule\n"
    (tmp_path / "entity_corrections.csv").write_text(
        CORRECTIONS_HEADER + good + row + "\n", encoding="utf-8"
    )
    monkeypatch.setattr(paths, "DATA_DIR", tmp_path)
    with pytest.raises(ValueError, match="bad entity correction") as error:
        entities.correction_rules()
    message = str(error.value)
    assert str(tmp_path / "entity_corrections.csv") in message
    assert "row 2" in message  # the second rule after the header, comments not counted
    assert problem in message


def test_extra_correction_rows_are_checked_too():
    with pytest.raises(ValueError, match=r"extra=\.\.\.\), row 1: .*'strip' does nothing"):
        entities.correction_rules(extra=[{"where": "after", "pattern": "x", "action": "strip"}])


def test_read_word_list_skips_blanks_and_comment_lines(tmp_path, monkeypatch):
    from analysis import paths
    from analysis.vocabulary import read_word_list

    (tmp_path / "words.txt").write_text("# head\n\n  alpha  \n   # indented\nbeta # kept\n")
    monkeypatch.setattr(paths, "DATA_DIR", tmp_path)
    assert read_word_list("words.txt") == ("alpha", "beta # kept")


def test_report_command_includes_entities(seed):
    from analysis.report import build_report

    report = build_report(seed, ["entities"])
    assert report["entities"][1]["name"] == "Vladimir Putin"
    assert report["entities"][1]["mentions"] == 9


# A Yonhap-style wire story, written for this test (not a real article): short forms,
# "the North"/"the South", a dateline, an e-mail sign-off and "(END)".
WIRE_STORY = """N. Korea fires ballistic missile into East Sea: JCS

SEOUL, March 14 (Yonhap) -- North Korea fired a short-range ballistic missile into the East \
Sea on Thursday, South Korea's military said, in the North's latest provocation ahead of joint \
drills between Seoul and Washington.

The Joint Chiefs of Staff (JCS) said the missile was launched from the Pyongyang area at \
around 7:40 a.m. and flew about 300 kilometers. The JCS said S. Korea and the U.S. were \
analyzing the details.

"The North continues to violate U.N. Security Council resolutions," a JCS official said. The \
South has stepped up surveillance and is maintaining a full readiness posture in close \
cooperation with the U.S., the official added.

N. Korea has carried out a series of missile launches this year. The U.S. and S. Korea plan \
to hold their annual Freedom Shield exercise next week, which the North has denounced as a \
rehearsal for invasion.

Unification Minister Kim Yung-ho said the South will respond sternly to any provocation by \
the North.

kth@yna.co.kr
(END)
"""

# A magazine paragraph in the style of the Time story of issue 13 (written for this test).
MAGAZINE = (
    "The planet has warmed faster in the past fifty years than at any time in the Cenozoic, "
    "the era that began when the dinosaurs died out. Leaving the Paris Climate Accord was a "
    "Faustian bargain, argues James Hansen, the former NASA scientist. According to Hansen, "
    "the Paris Climate Accord was the last chance to keep warming below two degrees, and the "
    "United States walked away from it."
)


@pytest.fixture(scope="module")
def wire_counts():
    return entities.entity_counts(load_article(WIRE_STORY)).set_index("name")


@pytest.mark.parametrize(
    ("name", "n"),
    [
        # "North Korea", "the North's", "The North", "N. Korea", "the North has", "by the North"
        ("North Korea", 6),
        # "South Korea's", "S. Korea" x2, "The South has", "the South will"
        ("South Korea", 5),
        ("United States", 3),  # "the U.S." x3
        ("Joint Chiefs of Staff", 3),  # full name (JCS), "The JCS", "a JCS official"
    ],
)
def test_wire_story_short_forms_and_relative_places_merge(wire_counts, name, n):
    assert wire_counts.loc[name, "mentions"] == n


def test_wire_story_furniture_is_never_an_entity(wire_counts):
    # The dateline's SEOUL and (Yonhap), the e-mail address and (END) are not counted;
    # the story's own "Seoul" is, under its ordinary spelling.
    for junk in ("North", "South", "S. Korea", "N. Korea", "SEOUL", "Yonhap", "END"):
        assert junk not in wire_counts.index
    assert not any("@" in name for name in wire_counts.index)
    assert wire_counts.loc["Seoul", "mentions"] == 1


def test_relative_places_need_a_plain_meaning():
    # No Korea, US or UK story here: "the North" is not counted as a place at all.
    article = load_article(
        "Fans in the North cheered loudly. The match in Lisbon ended late, and Lisbon "
        "celebrated until dawn."
    )
    table = entities.mentions(article, include_dropped=True)
    north = table[table["name"] == "North"]
    assert north["kept"].tolist() == [False]
    assert "not make plain" in north["correction"].iloc[0]


def test_magazine_cut_names_and_non_groups():
    counts = entities.entity_counts(load_article(MAGAZINE)).set_index("name")
    assert counts.loc["Paris Climate Accord", "mentions"] == 2
    assert counts.loc["Paris Climate Accord", "type"] == "LAW"
    assert counts.loc["James Hansen", "mentions"] == 2
    for wrong in ("Accord", "Faustian", "Cenozoic"):
        assert wrong not in counts.index
    assert set(counts.index) == {"Paris Climate Accord", "James Hansen", "NASA", "United States"}


# -- the hand-counted benchmark set (benchmarks/entities/hand_counts.csv) ---------------

# The issue-13 target: every hand-counted top-5 entity within 10 % of the hand count.
HAND_TOP = [
    (article, name)
    for article, rows in entity_benchmark.hand_counts().items()
    for name in entity_benchmark.top_names([(r["entity"], r["count"]) for r in rows])
]


@pytest.fixture(scope="module")
def benchmark_checks():
    results = entity_benchmark.run()
    return {(c.article, c.entity): c for result in results for c in result.checks}


def test_hand_counted_set_covers_twelve_articles_from_four_sources():
    articles = entity_benchmark.hand_counts()
    sources = {article.split("/")[0] for article in articles}
    assert len(articles) >= 12 and sources == {"seeds", "bbc", "html", "polnear-dev"}


@pytest.mark.parametrize(("article", "entity"), HAND_TOP, ids=lambda value: str(value)[:40])
def test_hand_counted_top_entities_within_ten_percent(benchmark_checks, article, entity):
    skip_without(entity_benchmark.article_file(article))
    check = benchmark_checks[(article, entity)]
    assert check.within, f"{entity}: hand {check.hand}, package {check.package}"


def test_benchmark_top_names_rule():
    # Named at least twice; ties at the fifth place kept.
    counts = [("a", 9), ("b", 5), ("c", 4), ("d", 3), ("e", 2), ("f", 2), ("g", 1)]
    assert entity_benchmark.top_names(counts) == ["a", "b", "c", "d", "e", "f"]
    assert entity_benchmark.top_names([("a", 3), ("b", 1)]) == ["a"]
