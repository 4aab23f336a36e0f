"""Rules as data: one reader for the data files, one set of quote marks, one honorific
list, one list of reporting words (issue 21, item 2)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis import cleaning, entities, nlp, vocabulary
from analysis.attributions.cues import cue_lexicon
from analysis.attributions.quotes import quote_spans
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


# -- one set of quote marks -------------------------------------------------------------

DOUBLE_MARKS = set("\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a")


def _rule_strings(tree: ast.AST) -> list[ast.Constant]:
    """String constants of a module that are code, not a docstring or message text."""
    prose = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # f-string text: what a note or takeaway says
            prose.update(id(value) for value in node.values)
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            prose.add(id(body[0].value))  # a docstring
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose
    ]


def test_no_module_but_vocabulary_writes_a_double_quote_mark():
    # Every double quote mark in code ("“", "”", "„", guillemets, the straight '"') comes
    # from vocabulary's one set; a module with its own set would treat some mark
    # differently (repetition once took ” for an opening mark).
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "vocabulary.py" or "plotting" in path.parts:
            continue
        for node in _rule_strings(ast.parse(path.read_text(encoding="utf-8"))):
            if DOUBLE_MARKS & set(node.value) or node.value == '"':
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}")
    assert found == []


def test_closing_curly_quote_opens_no_quote_anywhere():
    closing = "\u201d"
    assert closing not in vocabulary.OPENING_QUOTES
    assert closing not in vocabulary.QUOTE_PAIRS  # the keys are the opening marks
    assert closing in vocabulary.CLOSING_QUOTES
    # attributions: a stray closing mark starts no quotation; a curly pair is one.
    assert quote_spans("The end.\u201d Then they left for home.") == []
    text = "He said \u201cwe will win this\u201d and left."
    assert quote_spans(text) == [(8, 26)]
    assert text[8:26] == "\u201cwe will win this\u201d"


# -- one honorific list ------------------------------------------------------------------


def test_honorifics_are_read_once_by_their_one_accessor(monkeypatch):
    reads = []
    real = vocabulary.read_data_csv
    monkeypatch.setattr(vocabulary, "read_data_csv", lambda name: reads.append(name) or real(name))
    vocabulary.honorifics.cache_clear()
    vocabulary._default_stop_words.cache_clear()
    try:
        first = vocabulary.honorifics()
        stops = vocabulary.stop_words()
        assert vocabulary.honorifics() is first
        entities.correction_rules()
    finally:
        vocabulary.honorifics.cache_clear()
        vocabulary._default_stop_words.cache_clear()
    assert reads.count("honorifics.csv") == 1
    # The three uses read the same rows: stripping, people, stop words.
    assert tuple(h.text for h in first) == entities.HONORIFICS
    assert entities.PERSONAL_HONORIFICS == ("Mr", "Mrs", "Ms", "Mx", "Sir", "Dame")
    assert {h.text for h in first if h.stop_word} == {"Mr", "Mrs", "Ms"}
    assert {"mr", "mrs", "ms"} <= stops
    assert not {"dr", "president", "general", "minister"} & stops  # topic words stay


def test_no_other_data_file_or_module_lists_an_honorific():
    known = {h.text.casefold() for h in vocabulary.honorifics()}
    found = []
    for path in sorted(data_file("x").parent.iterdir()):
        if path.name == "honorifics.csv" or path.name.startswith(("bbc_", "restatement_")):
            continue  # numeric tables
        if path.suffix == ".txt":
            entries = vocabulary.read_word_list(path.name)
        else:  # a CSV's first column holds its words
            entries = tuple(next(iter(row.values())) for row in vocabulary.read_data_csv(path.name))
        found += [f"{path.name}: {entry}" for entry in entries if entry.casefold() in known]
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                words = [e.value for e in node.elts if isinstance(e, ast.Constant)]
                found += [
                    f"{path.relative_to(PACKAGE)}:{node.lineno}: {word}"
                    for word in words
                    if isinstance(word, str) and word.casefold() in known
                ]
    assert found == []


# -- one data-file reader ----------------------------------------------------------------

# Each data file as a maintainer may write it: comments above and among the rows, one
# indented, blank lines, white space around entries.
COMMENTED = "# {name}: what it holds\n#\n\n{header}\n  # a comment among the rows\n{rows}\n\n"
DATA_FILES = {
    "stopwords_extra.txt": ("zebra", " Quagga "),
    "honorifics.csv": ("honorific,personal,stop_word", "Mr,yes,yes", "  Dr , no , no"),
    "boilerplate.txt": ("Share this article", "Read more.*"),
    "negations.txt": ("Never", "not"),
    "restatement_scorer.csv": ("feature,coefficient", "intercept,-1.5", "cosine,0.25"),
    "attribution_cues.csv": (
        "word,role,object,frame",
        "say,speech,no,any",
        "spokesman,frame,no,any",
    ),
}
CACHED = (
    vocabulary.honorifics,
    vocabulary._default_stop_words,
    cleaning.boilerplate_patterns,
    scorer._word_file,
    scorer._reporting_words,
    scorer._coefficients,
    cue_lexicon,
)


@pytest.fixture
def commented_data(tmp_path, monkeypatch):
    """``analysis/data`` replaced by commented versions of six files, caches emptied."""
    from analysis import paths

    for name, (header, *rows) in DATA_FILES.items():
        text = COMMENTED.format(name=name, header=header, rows="\n\n".join(rows))
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(paths, "DATA_DIR", tmp_path)
    for function in CACHED:
        function.cache_clear()
    yield tmp_path
    for function in CACHED:  # the next test reads the shipped files again
        function.cache_clear()


def test_every_reader_follows_the_one_comment_rule(commented_data):
    from spacy.lang.en.stop_words import STOP_WORDS

    assert vocabulary.stop_words() == frozenset(STOP_WORDS) | {"zebra", "quagga", "mr"}
    assert vocabulary.honorifics() == (
        vocabulary.Honorific("Mr", personal=True, stop_word=True),
        vocabulary.Honorific("Dr", personal=False, stop_word=False),
    )
    patterns = [p.pattern for p in cleaning.boilerplate_patterns()]
    assert patterns == ["Share this article", "Read more.*"]
    assert scorer._word_file("negations.txt") == ("never", "not")
    intercept, weights = scorer._coefficients("restatement_scorer.csv", ("cosine",))
    assert (intercept, weights.tolist()) == (-1.5, [0.25])
    assert scorer._reporting_words() == (frozenset({"say", "spokesman"}), frozenset())
    lexicon = cue_lexicon()
    assert lexicon.speech == {"say"} and not lexicon.generic


def _reading_functions() -> list[str]:
    """Functions outside vocabulary.py that take a data file's path and read it themselves."""
    reads = {"read_text", "open", "read_csv", "read_table", "DictReader", "loadtxt", "load"}
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "vocabulary.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            calls = [c.func for c in ast.walk(node) if isinstance(c, ast.Call)]
            names = {getattr(f, "attr", getattr(f, "id", "")) for f in calls}
            if "data_file" in names and names & reads:
                found.append(f"{path.relative_to(PACKAGE)}:{node.name}")
    return found


def test_no_function_but_the_one_reader_reads_a_data_file():
    # compare.py's BBC reference is a numeric table that benchmarks/bbc_reference.py
    # writes (never by hand, no comments): pandas reads its dtypes and percentile index.
    assert _reading_functions() == ["compare.py:_reference_table"]
