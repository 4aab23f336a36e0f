"""Bad input: one documented error type naming the file and the problem; nothing lost."""

from __future__ import annotations

import errno
import gzip
import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import Article, ArticleError, InvalidBytesWarning, NonEnglishWarning, load_article
from analysis.paths import is_url
from analysis.textio import MAX_INPUT_BYTES, is_damaged_utf8

BBC_CP1252 = Path(__file__).parent / "fixtures" / "bbc" / "sport" / "199.txt"


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
    with open(path, "wb") as handle:  # a sparse file: no need to write 2 MB
        handle.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(ArticleError, match=r"huge\.txt: .*over the 2,000,000-byte limit"):
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


# derandomize: the same examples on every run (a fixed random state), so a failure here is
# reproducible and CI cannot turn red on a draw; widen max_examples locally to explore.
@settings(
    max_examples=40,
    derandomize=True,
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


@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.binary(min_size=1, max_size=400))
def test_any_bytes_load_or_raise_the_documented_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "input.txt"
    path.write_bytes(data)
    try:
        load_article(path)
    except ArticleError as error:
        assert str(path) in str(error)


# -- mostly UTF-8 with a few invalid bytes ---------------------------------------------

PROSE = (
    b"The delegations met in Pyongyang on Wednesday and signed the treaty after a long "
    b"day of talks.\n\nBoth leaders said the pact would last for decades to come."
)
# Five bad bytes: an encoded surrogate (ED A0 80, three bytes no UTF-8 decoder accepts)
# and a stray UTF-16 byte-order mark (FF FE) in otherwise plain text.
DAMAGED_ASCII = b"Hello \xed\xa0\x80 world, said the envoy \xff\xfe at noon.\n\n" + PROSE
# The same five bad bytes in UTF-8 prose that also holds valid curly quotes and a dash.
DAMAGED_UTF8 = (
    b"Hello \xed\xa0\x80 world, said the envoy \xe2\x80\x94 \xe2\x80\x9cat noon\xe2\x80\x9d "
    b"\xff\xfe.\n\n" + PROSE
)


@pytest.mark.parametrize(
    "data, first_line",
    [
        (DAMAGED_ASCII, "Hello \ufffd\ufffd\ufffd world, said the envoy \ufffd\ufffd at noon."),
        (
            DAMAGED_UTF8,
            "Hello \ufffd\ufffd\ufffd world, said the envoy \u2014 \u201cat noon\u201d "
            "\ufffd\ufffd.",
        ),
    ],
    ids=["ascii-with-bad-bytes", "utf8-with-bad-bytes"],
)
def test_mostly_utf8_decodes_as_utf8_with_replacements(tmp_path, data, first_line):
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    with pytest.warns(InvalidBytesWarning, match=r"damaged\.txt: 5 invalid UTF-8 byte\(s\)"):
        article = load_article(path)
    assert article.encoding == "utf-8"
    assert article.raw_text.split("\n")[0] == first_line
    # cp1252 would have shown the bad bytes as mojibake: 'í\xa0€' and 'ÿþ'.
    assert "ÿþ" not in article.raw_text and "í" not in article.raw_text
    assert "Both leaders said the pact" in article.text
    assert path.read_bytes() == data


def test_genuine_cp1252_file_still_decodes_as_cp1252(recwarn):
    article = load_article(BBC_CP1252)
    assert article.encoding == "cp1252"
    assert "Mutu, a £15.8m" in article.raw_text
    assert not [w for w in recwarn if issubclass(w.category, InvalidBytesWarning)]


@pytest.mark.parametrize(
    "data, expected",
    [
        (DAMAGED_ASCII, True),
        (DAMAGED_UTF8, True),
        # Single high bytes between ASCII ones: a Western code page, not damaged UTF-8.
        (BBC_CP1252.read_bytes(), False),
        ("Grüße aus München, sagte der Bürgermeister über die Straße.".encode("cp1252"), False),
        ("“Quoted” text — with a café and £5.".encode("cp1252"), False),
        # Cyrillic in cp1251 writes words as runs of high bytes, but almost none decode.
        ("Москва и Пхеньян подписали договор о взаимной помощи.".encode("cp1251"), False),
    ],
    ids=["damaged-ascii", "damaged-utf8", "bbc-cp1252", "german-cp1252", "quotes-cp1252", "cp1251"],
)
def test_damaged_utf8_rule(data, expected):
    assert is_damaged_utf8(data) is expected


# -- paths that cannot be opened -------------------------------------------------------


def _loop(tmp_path: Path) -> Path:
    first, second = tmp_path / "loop1", tmp_path / "loop2"
    first.symlink_to(second)
    second.symlink_to(first)
    return first


@pytest.mark.parametrize("as_str", [False, True], ids=["Path", "str"])
def test_link_loop_is_an_error_not_text(tmp_path, as_str):
    loop = _loop(tmp_path)
    with pytest.raises(ArticleError, match=r"loop1: a symbolic link loop") as caught:
        load_article(str(loop) if as_str else loop)
    assert caught.value.source == str(loop)


@pytest.mark.parametrize("as_str", [False, True], ids=["Path", "str"])
def test_broken_symlink_names_its_target(tmp_path, as_str):
    link = tmp_path / "article"  # no suffix: before, a str like this was taken as text
    link.symlink_to(tmp_path / "deleted.txt")
    with pytest.raises(ArticleError) as caught:
        load_article(str(link) if as_str else link)
    assert str(caught.value) == (
        f"{link}: a broken symbolic link: its target {tmp_path / 'deleted.txt'} does not exist"
    )


def test_unreadable_file_is_refused_with_the_reason(tmp_path, monkeypatch):
    # Root reads any file whatever its mode, so the refusal the kernel would give
    # another user is simulated where the loader opens the file.
    path = tmp_path / "secret.txt"
    path.write_text("North Korea and Russia signed a mutual aid pact on Wednesday.")

    def refusing_open(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return open(file, *args, **kwargs)

    monkeypatch.setattr("analysis.preparing.open", refusing_open, raising=False)
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    assert str(caught.value) == f"{path}: permission denied: the file cannot be read"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_without_mock(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("North Korea and Russia signed a mutual aid pact on Wednesday.")
    path.chmod(0)
    with pytest.raises(ArticleError, match=r"secret\.txt: permission denied"):
        load_article(path)


@pytest.mark.parametrize("start", ["/", "./", "../", "~/"])
def test_path_like_string_is_a_path_even_when_missing(start):
    with pytest.raises(ArticleError, match=r"no-such-article-xq7: no such file"):
        load_article(f"{start}no-such-dir-xq7/no-such-article-xq7")


def test_tilde_of_unknown_user_is_not_a_crash():
    # Path.expanduser raises RuntimeError for "~name" when no such user exists.
    with pytest.raises(ArticleError, match=r"~nobody-xq7/article\.txt: no such file"):
        load_article("~nobody-xq7/article.txt")
    with pytest.raises(ArticleError, match="<text>"):
        load_article("~0")


@pytest.mark.parametrize(
    "text",
    ["Putin arrived in Pyongyang on Wednesday.", "Talks/visits continue.", "notes on a page"],
)
def test_one_line_text_is_text(text):
    article = load_article(text)
    assert article.source is None
    assert article.encoding == "str"


# -- URLs: fetched (tests/test_fetch.py), never read as a path or as text ---------------


@pytest.mark.parametrize(
    "url", ["https://example.com/news/pact.html", "http://example.com", " HTTPS://EXAMPLE.COM/a"]
)
def test_url_is_fetched_not_read_as_a_path_or_text(url):
    from tests.conftest import NetworkBlocked

    assert is_url(url)
    # The offline guard stops the fetch: the URL went to the network, not to a file.
    with pytest.raises(NetworkBlocked, match=r"(?i)example\.com"):
        load_article(url)


@pytest.mark.parametrize(
    "value", ["example.com/news", "ftp://example.com/a.txt", "see https://example.com", Path("x")]
)
def test_not_urls(value):
    assert not is_url(value)
