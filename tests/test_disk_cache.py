"""The on-disk cache of parsed articles: same results, no parse, damage never trusted."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis.article
import analysis.nlp
from analysis import cache, disk_cache, entities, frequencies, load_article, readability, repetition
from analysis.corpus import analyze_many, article_row
from analysis.paths import SEEDS_DIR
from analysis.report import build_report
from tests import golden
from tests.conftest import BBC, SEED_ARTICLE

ARTICLES = [
    SEED_ARTICLE,
    BBC / "sport" / "001.txt",
    SEEDS_DIR / "bbc-com-2020-new-york-mass-burials.html",
]


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """An empty cache folder for this test only."""
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "articles"


def _no_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the model was asked to parse")

    monkeypatch.setattr(analysis.article, "parse", refuse)
    monkeypatch.setattr(analysis.article, "_parse_batch", refuse)
    monkeypatch.setattr(analysis.nlp, "get_nlp", refuse)


def _public_tables(article) -> list[pd.DataFrame]:
    return [
        readability.sentence_table(article),
        readability.paragraph_table(article),
        frequencies.word_counts(article),
        frequencies.ngram_counts(article),
        frequencies.distinctive_words(article),
        frequencies.dispersion(article),
        repetition.sentence_restatements(article),
        repetition.repeated_phrases(article),
        pd.DataFrame(repetition.similarity_matrix(article)),
        repetition.measures_table(article),
        entities.mentions(article),
        entities.entity_counts(article),
        entities.cooccurrence(article),
    ]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_a_cached_doc_gives_every_result_unchanged(path, own_cache, monkeypatch):
    fresh = load_article(path, cache=False)
    expected_report, expected_row = build_report(fresh), article_row(fresh)
    expected_tables = _public_tables(fresh)
    assert not list(own_cache.glob("*/*.bin"))  # cache=False wrote nothing

    load_article(path)  # parses and stores the Doc alone
    cache.clear()
    with monkeypatch.context() as patch:
        _no_parsing(patch)
        from_doc = load_article(path)
        # The Doc was rebuilt on the blank vocabulary, not the model's.
        assert from_doc.doc.vocab is disk_cache.blank_vocab()
        assert cache.stored(from_doc) == {}
        assert from_doc.sentences == fresh.sentences
        assert build_report(from_doc) == expected_report
        assert article_row(from_doc) == expected_row
        for got, want in zip(_public_tables(from_doc), expected_tables, strict=True):
            pd.testing.assert_frame_equal(got, want)
        disk_cache.save_article(from_doc)

        with_results = load_article(path)
        assert ("corpus", "headline_metrics") in cache.stored(with_results)
        assert build_report(with_results) == expected_report
        assert article_row(with_results) == expected_row


def test_a_second_corpus_run_parses_nothing_and_gives_the_same_table(own_cache, monkeypatch):
    sources = [SEED_ARTICLE, BBC / "sport" / "001.txt", BBC / "business" / "001.txt"]
    first = analyze_many(sources, progress=False)
    assert len(list(own_cache.glob("*/*.bin"))) == 3
    cache.clear()
    _no_parsing(monkeypatch)
    pd.testing.assert_frame_equal(analyze_many(sources, progress=False), first)


def _only_entry(own_cache):
    (entry,) = own_cache.glob("*/*.bin")
    return entry


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-10],  # cut short
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit flipped
        lambda data: b"not a cache entry",
        lambda data: b"",
    ],
    ids=["truncated", "bit-flip", "garbage", "empty"],
)
def test_a_damaged_entry_is_rebuilt_not_trusted(damage, own_cache):
    text = "The council met on Tuesday. It voted to close the old library in March."
    expected = build_report(load_article(text, cache=False))
    load_article(text)
    entry = _only_entry(own_cache)
    entry.write_bytes(damage(entry.read_bytes()))
    cache.clear()
    assert disk_cache.load(analysis.article.prepare(text).text) is None
    assert not entry.exists()  # the damaged entry is gone...
    rebuilt = load_article(text)
    assert build_report(rebuilt) == expected
    assert disk_cache.load(rebuilt.text) is not None  # ...and written again


def test_an_entry_of_another_text_is_refused(own_cache):
    first, second = "The river rose all night.", "The mayor closed the bridge at dawn."
    load_article(first)
    entry = _only_entry(own_cache)
    # Put the first text's entry where the second's belongs: key and text must both match.
    target = disk_cache.entry_path(disk_cache.entry_key(second))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(entry.read_bytes())
    assert disk_cache.load(second) is None
    assert load_article(second).text == second


def test_a_changed_package_or_model_misses_the_old_entries(own_cache, monkeypatch):
    text = "Shops reopened in the high street after the floods."
    load_article(text)
    assert disk_cache.load(text) is not None
    monkeypatch.setattr(disk_cache, "fingerprint", lambda: "another model version")
    assert disk_cache.load(text) is None


def test_the_fingerprint_covers_code_spacy_and_model():
    import spacy

    assert len(disk_cache.fingerprint()) == 64
    meta = analysis.nlp.model_meta_bytes()
    assert b'"version":"3.8.0"' in meta.replace(b" ", b"")
    assert spacy.__version__  # part of the hash input (see disk_cache.fingerprint)


def test_clear_and_size_cap(own_cache, monkeypatch):
    texts = [f"Report number {n} says the harbour wall needs repair." for n in range(4)]
    for text in texts:
        load_article(text)
    count, size = disk_cache.usage()
    assert count == 4 and size > 0
    # Touch the first entry: it is the most recently used and survives pruning.
    assert disk_cache.load(analysis.article.prepare(texts[0]).text) is not None
    freed = disk_cache.prune(limit=size // 2)
    assert freed > 0
    assert disk_cache.usage()[1] <= size // 2 * disk_cache.PRUNE_TO
    assert disk_cache.load(analysis.article.prepare(texts[0]).text) is not None
    remaining = disk_cache.usage()[0]
    assert 0 < remaining < 4
    assert disk_cache.clear()[0] == remaining
    assert disk_cache.usage() == (0, 0)


def test_cache_off_writes_nothing(own_cache, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE", "off")
    load_article("A ferry ran aground off the coast on Sunday.")
    assert not own_cache.exists()


def test_tests_never_write_the_users_cache():
    from analysis.paths import cache_dir

    assert cache_dir().name.startswith("analysis-test-cache-")


@pytest.mark.parametrize("name", list(golden.ARTICLES))
def test_golden_outputs_from_a_cached_doc_and_from_cached_results(name, own_cache, monkeypatch):
    path = golden.ARTICLES[name]
    load_article(path)  # parse once: the entry holds the Doc alone
    cache.clear()
    with monkeypatch.context() as patch:
        _no_parsing(patch)
        found = golden.check(name)  # every public table recomputed from the cached Doc
        assert not found, "\n".join(found[:40])
        article = load_article(path)
        build_report(article)
        article_row(article)
        disk_cache.save_article(article)  # now the entry holds the results too
        cache.clear()
        found = golden.check(name)
        assert not found, "\n".join(found[:40])


def test_cache_command_reports_and_clears(own_cache, capsys):
    from analysis.__main__ import main

    for n in range(2):
        load_article(f"Bulletin {n}: the council closed the bridge for repairs.")
    assert main(["cache"]) == 0
    shown = capsys.readouterr().out
    assert f"cache: {own_cache} (on)" in shown
    assert "entries: 2," in shown
    assert main(["cache", "--clear"]) == 0
    assert "2 entries" in capsys.readouterr().out
    assert disk_cache.usage() == (0, 0)


# -- one cache path (issue 21 item 3), entries are data (issue 26 items 7 and 12) --------

HTML_PAGE = SEEDS_DIR / "bbc-com-2020-new-york-mass-burials.html"


def test_a_kernel_loading_an_analysed_page_neither_extracts_nor_parses(own_cache, monkeypatch):
    from analysis import textio
    from analysis.runner import analyse_once

    analysed = analyse_once(HTML_PAGE)  # what `run` does before the notebooks start
    expected = build_report(analysed)
    cache.clear()  # a kernel is a new process: nothing in memory
    with monkeypatch.context() as patch:
        _no_parsing(patch)

        def refuse(*args, **kwargs):
            raise AssertionError("trafilatura was asked to extract the page again")

        patch.setattr(textio, "extract_html", refuse)
        article = load_article(HTML_PAGE)
        assert build_report(article) == expected
    assert article.source == HTML_PAGE and article.title == analysed.title
    assert article.removed_lines == analysed.removed_lines


def test_the_runner_writes_an_article_once(own_cache, monkeypatch):
    from analysis import paths
    from analysis.runner import analyse_once

    written = []
    write = paths.write_atomically
    monkeypatch.setattr(
        disk_cache, "write_atomically", lambda path, data: written.append(path) or write(path, data)
    )
    analyse_once(HTML_PAGE)
    assert sorted(p.name.split(".", 1)[1] for p in written) == ["bin", "prepared.json"]


def test_shared_values_cannot_be_changed_by_a_caller(seed):
    from analysis import diversity
    from analysis.tokens import content_flags, token_table

    table = token_table(seed)
    with pytest.raises((TypeError, AttributeError)):
        table.norm[0] = "changed"
    with pytest.raises(TypeError):
        content_flags(seed)[0] = True
    with pytest.raises(AttributeError):
        diversity.word_positions(seed)[0].append(1)


def test_a_planted_entry_never_runs_code(own_cache, tmp_path):
    import hashlib
    import os
    import pickle

    text = "The harbour wall was repaired in May. Boats returned a week later."
    expected = build_report(load_article(text, cache=False))
    marker = tmp_path / "planted-code-ran"

    class Planted:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    payload = pickle.dumps({"key": disk_cache.entry_key(text), "doc": Planted()})
    entry = disk_cache.entry_path(disk_cache.entry_key(text))
    entry.parent.mkdir(parents=True, exist_ok=True)
    # Either seal a planter could write without the user's secret: a plain checksum (the
    # old format), or the current magic with a made-up seal.
    for forged in (
        b"ANALYSIS-CACHE\n" + hashlib.sha256(payload).digest() + payload,
        disk_cache.MAGIC + hashlib.sha256(payload).digest() + payload,
    ):
        entry.write_bytes(forged)
        cache.clear()
        article = load_article(text)
        assert not marker.exists()
        assert build_report(article) == expected
        assert disk_cache.load(text) is not None  # replaced by a sealed entry of its own
    secret = own_cache.parent / disk_cache.SECRET_NAME
    assert secret.stat().st_mode & 0o777 == 0o600 and len(secret.read_bytes()) == 32


def test_the_size_cap_holds_within_one_process(own_cache, monkeypatch):
    # Twelve short texts make about 13 kB of entries (1.1 kB each); the cap is 5 kB.
    monkeypatch.setenv("ANALYSIS_CACHE_MAX_MB", "0.005")
    for n in range(12):
        load_article(f"Report {n}: the harbour wall at pier {n} needs repair before winter.")
        assert disk_cache.usage()[1] <= 5_000
    assert 0 < disk_cache.usage()[0] < 12  # older entries went as newer ones came
