"""Bad input: one documented error type naming the file and the problem; nothing lost."""

from __future__ import annotations

import gzip
import io
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import Article, ArticleError, NonEnglishWarning, load_article
from analysis.textio import MAX_INPUT_BYTES


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", "North Korea and Russia signed a pact.")
    return buffer.getvalue()


BINARY_FILES = {
    "report.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "PDF"),
    "photo.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "PNG image"),
    "photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64), "JPEG image"),
    "bundle.zip": (_zip_bytes(), "ZIP archive"),
    "article.txt.gz": (gzip.compress(b"North Korea and Russia signed a pact."), "gzip"),
    "data.bin": (bytes(range(256)) * 4, "binary data"),
}


@pytest.mark.parametrize("name", BINARY_FILES)
def test_binary_file_is_refused_by_name(tmp_path, name):
    content, problem = BINARY_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)
    assert path.read_bytes() == content  # nothing the user had is touched


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.txt"
    with pytest.raises(ArticleError, match=r"nowhere\.txt: no such file"):
        load_article(path)
    with pytest.raises(ArticleError, match="no such file"):
        load_article(str(path))


def test_folder(tmp_path):
    with pytest.raises(ArticleError, match="folder, not a file") as caught:
        load_article(tmp_path)
    assert caught.value.source == str(tmp_path)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n", "\u3000\n".encode()])
def test_empty_or_whitespace_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=r"empty\.txt: .*(empty|white space)"):
        load_article(path)


@pytest.mark.parametrize(
    "text",
    [
        "1234 5678 9012 3456 7890 " * 20,
        "!!! ??? ... --- *** ### $$$ %%% " * 10,
        "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3OA==" * 5,
        "\x01\x02\x03 text \x04\x05\x06\x07 more \x08\x0e\x0f" * 10,
    ],
    ids=["digits", "symbols", "base64", "control-characters"],
)
def test_text_that_is_not_language(tmp_path, text):
    path = tmp_path / "noise.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    assert "noise.txt" in str(caught.value)


def test_file_over_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # a sparse file: no need to write 10 MB
        handle.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(ArticleError, match=r"huge\.txt: .*over the 10,000,000-byte limit"):
        load_article(path)
    assert os.path.getsize(path) == MAX_INPUT_BYTES + 1


def test_string_over_size_limit():
    with pytest.raises(ArticleError, match=r"<text>: .*over the"):
        load_article("word " * (MAX_INPUT_BYTES // 5 + 1))


def test_non_english_text_loads_with_warning(tmp_path):
    path = tmp_path / "artikel.txt"
    path.write_text(
        "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Rechte der "
        "Mieter stärken soll. Die Opposition kritisierte den Entwurf als unzureichend und "
        "kündigte Widerstand im Bundesrat an.",
        encoding="utf-8",
    )
    with pytest.warns(NonEnglishWarning, match=r"artikel\.txt: .*'de'.*tuned for English"):
        article = load_article(path)
    assert article.language == "de"
    assert article.n_sentences == 2


def test_english_text_gives_no_language_warning(seed_path, recwarn):
    load_article(seed_path)
    assert not [w for w in recwarn if issubclass(w.category, NonEnglishWarning)]


def test_only_boilerplate_is_an_error(tmp_path):
    path = tmp_path / "furniture.txt"
    path.write_text("Share.\n\nExit mobile version\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="furniture.txt"):
        load_article(path)


def test_invalid_utf16_after_bom(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xff\xfe" + "Some text".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(ArticleError, match=r"broken\.txt: declares utf-16"):
        load_article(path)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.text(max_size=400))
def test_any_unicode_text_loads_or_raises_the_documented_error(text):
    try:
        article = load_article(text)
    except ArticleError as error:
        assert error.problem
        return
    assert isinstance(article, Article)
    assert article.n_sentences >= 1
    assert all(s.text.strip() for s in article.sentences)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=1, max_size=400))
def test_any_bytes_load_or_raise_the_documented_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "input.txt"
    path.write_bytes(data)
    try:
        load_article(path)
    except ArticleError as error:
        assert str(path) in str(error)
