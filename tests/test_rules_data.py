"""Rules as data: one reader for the data files, one set of quote marks, one list of
reporting words (issue 21, item 2)."""

from __future__ import annotations

import ast
from pathlib import Path

from analysis import nlp, vocabulary
from analysis.attributions.cues import cue_lexicon
from analysis.entities import names
from analysis.paths import data_file
from analysis.repetition import restatements, scorer

PACKAGE = Path(vocabulary.__file__).parent


def _data_file_reads() -> list[str]:
    """``data_file(...).read_text`` / ``open(data_file(...))`` calls outside the one reader."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            reads = isinstance(func, ast.Attribute) and func.attr in ("read_text", "open")
            if reads and "data_file" in ast.unparse(func.value):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_every_data_file_is_read_by_the_one_reader():
    # vocabulary.read_word_list is the one place that reads a data file's text.
    assert _data_file_reads() == ["vocabulary.py:" + str(_reader_line())]


def _reader_line() -> int:
    source = Path(vocabulary.__file__).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(source, 1) if "data_file(name).read_text" in line)


def test_read_data_csv_follows_the_comment_rule(tmp_path, monkeypatch):
    (tmp_path / "rules.csv").write_text(
        "# a comment line\n\nword,flag\n  # indented comment\n say , Yes \n#x\ntell,no\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(vocabulary, "data_file", lambda name: tmp_path / name)
    rows = vocabulary.read_data_csv("rules.csv")
    assert rows == [{"word": "say", "flag": "Yes"}, {"word": "tell", "flag": "no"}]
    assert [vocabulary.is_yes(row["flag"]) for row in rows] == [True, False]


def test_closing_curly_quote_never_opens_a_quote():
    assert nlp._OPENING_QUOTE.match("\u201dWe") is None
    assert nlp._OPENING_QUOTE.match("\u201cWe") is not None
    assert nlp._OPENING_QUOTE.match("\u00abNous") is not None
    assert not restatements._opens_quote("\u201d he said.")
    assert restatements._opens_quote("\u201cWe will win,\u201d he said.")
    assert restatements._opens_quote('He said: "We will win."')


def test_quote_marks_come_from_vocabulary():
    assert names._QUOTE_PAIRS is vocabulary.QUOTE_PAIRS
    assert set(vocabulary.OPENING_QUOTES) <= set(vocabulary.QUOTE_PAIRS)
    assert vocabulary.QUOTE_PAIRS["\u201c"] == "\u201d"
    assert names.normalize_name("\u201cThe Future of Work") == "Future of Work"


def test_reporting_words_come_from_the_cue_list():
    any_pos, verbs_only = scorer._reporting_words()
    # The reporting frames of the restatement scorer, as the old reporting_words.txt had
    # them: "say" and the spokesman nouns as any part of speech, "add" only as a verb.
    assert {"say", "spokesman", "spokeswoman", "spokesperson", "statement"} == any_pos
    assert {"add", "tell", "report", "accord", "point", "continue"} <= verbs_only
    assert len(verbs_only) == 34  # the 34 'lemma VERB' lines of reporting_words.txt
    assert not any_pos & verbs_only
    # Frame-only rows cue nothing: "statement" is no verb of saying.
    lexicon = cue_lexicon()
    assert "statement" not in lexicon.speech and "say" in lexicon.speech
    assert "attribution_cues.csv" in str(data_file("attribution_cues.csv"))
