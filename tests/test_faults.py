"""Bad input and faults (issue 26): a clean answer every time, nothing half-written.

Each test runs one case of the README's bad-input table. The write-error cases use a real
fault where the machine allows it: ``/dev/full`` for a full standard output, and a small
tmpfs mounted read-only or filled up (needs root and mount rights; skipped otherwise),
next to a patched ``os.replace`` or write that raises, which runs everywhere.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from analysis import textio
from analysis.__main__ import main
from analysis.article import load_article
from analysis.errors import ArticleError, NonEnglishWarning, shown
from analysis.paths import PROJECT_DIR, SEED_ARTICLE
from tests.test_fetch import server  # noqa: F401 - the loopback server fixture

NON_UTF8_NAME = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: not UTF-8


def run_cli(*args: str, cwd: Path = PROJECT_DIR, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        cwd=cwd,
        timeout=120,
        **kwargs,
    )


def assert_clean_error(result: subprocess.CompletedProcess, message: str) -> None:
    stderr = result.stderr.decode("utf-8")  # strict: the message is valid UTF-8
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    assert stderr.strip() == f"error: {message}"


# -- paths and names: the command line never analyses its argument as text ------------


@pytest.mark.parametrize(
    "command, name",
    [
        ("report", "missing file.txt"),
        ("info", "Notes from the meeting"),
        ("info", "two\nlines"),
        ("report", "~no-such-user-xq7/story.txt"),
    ],
)
def test_an_argument_that_is_no_file_is_no_such_file(command, name):
    result = run_cli(command, name)
    assert_clean_error(result, f"{shown(name)}: no such file")
    assert result.stdout == b""


def test_a_nul_in_the_name_is_no_such_file(capsys):
    assert main(["info", "story\x00.txt"]) == 2
    assert capsys.readouterr().err.strip() == r"error: story\x00.txt: no such file"


def test_text_is_analysed_through_the_text_option(capsys):
    assert main(["info", "--text", "Notes from the meeting"]) == 0
    out = capsys.readouterr().out
    assert "source         <text>" in out and "words          4" in out
    # One path-like line is still the text, not a path.
    assert main(["info", "--text", "notes.txt"]) == 0
    assert "words          1" in capsys.readouterr().out


def test_text_is_analysed_from_standard_input():
    result = run_cli("report", "-", "--sections", "article", input=b"Notes.txt\n")
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)["article"]
    assert article["source"] is None and article["n_words"] == 1
    assert_clean_error(
        run_cli("info", "-", input=b"%PDF-1.4 ..."), "<stdin>: this is a PDF document, not text"
    )


def test_info_takes_a_file_or_text_not_both(capsys):
    with pytest.raises(SystemExit):
        main(["info", str(SEED_ARTICLE), "--text", "words"])
    assert "not allowed with argument" in capsys.readouterr().err


def test_the_python_api_still_takes_text():
    article = load_article("Notes from the meeting")
    assert article.source is None and article.n_words == 4


# -- file names with bytes that are not UTF-8 -------------------------------------------


@pytest.fixture
def non_utf8_article(tmp_path) -> Path:
    path = tmp_path / NON_UTF8_NAME
    shutil.copy(SEED_ARTICLE, path)
    return path


def test_report_on_a_non_utf8_name_is_valid_utf8_json(non_utf8_article):
    result = run_cli("report", str(non_utf8_article), "--sections", "article")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.decode("utf-8"))  # strict UTF-8
    # The JSON escape \udce9 reads back as os.fsdecode's name: the file itself.
    assert report["article"]["source"] == str(non_utf8_article)
    assert Path(report["article"]["source"]).exists()


def test_compare_and_info_on_a_non_utf8_name_write_valid_utf8(non_utf8_article):
    for args in (["compare", "--format", "csv"], ["info"]):
        result = run_cli(*args, str(non_utf8_article))
        assert result.returncode == 0, result.stderr
        assert "caf\\udce9" in result.stdout.decode("utf-8")


def test_a_missing_non_utf8_name_is_one_clean_line():
    result = run_cli("info", NON_UTF8_NAME)
    assert_clean_error(result, "caf\\udce9.txt: no such file")


def test_run_refuses_a_non_utf8_name_before_any_notebook(non_utf8_article, tmp_path):
    output = tmp_path / "output"
    result = run_cli("run", "--quiet", "--no-html", "--output", str(output), str(non_utf8_article))
    assert_clean_error(
        result,
        f"{shown(non_utf8_article)}: the file name is not valid UTF-8; "
        "rename the file to run notebooks on it",
    )
    assert not output.exists()  # no empty notebooks


# -- languages written without spaces ---------------------------------------------------

JAPANESE = (
    "東京都は三日、新型の感染症対策として、飲食店の営業時間を短縮するよう要請すると発表した。"
    "知事は記者会見で、医療体制が逼迫していると述べ、都民に不要不急の外出を控えるよう呼びかけた。"
    "専門家の間では、年末年始に人の移動が増えることへの懸念が強まっている。"
    "政府も対策の強化を検討しており、来週にも新たな方針を示す見通しだ。"
)
CHINESE = (
    "国务院总理今天在北京会见了来访的外国代表团，双方就经济合作、贸易往来和气候变化等问题深入交换了意见。"
    "总理表示，中方愿同各方一道，推动构建开放型世界经济，维护多边贸易体制。"
    "代表团团长说，期待双方在新能源和数字经济领域加强合作，实现互利共赢。"
)
THAI = (
    "กรุงเทพมหานครประกาศมาตรการใหม่เพื่อแก้ปัญหาฝุ่นละอองขนาดเล็กที่เพิ่มสูงขึ้นในช่วงฤดูหนาว"
    "โดยขอความร่วมมือจากประชาชนให้ใช้ระบบขนส่งสาธารณะมากขึ้นและลดการเผาในที่โล่ง"
    "ผู้ว่าราชการกล่าวว่าจะมีการตรวจวัดคุณภาพอากาศทุกวันและแจ้งเตือนประชาชนผ่านแอปพลิเคชัน"
)
RUSSIAN = (
    "Правительство объявило в среду о новых мерах поддержки малого бизнеса. Министр "
    "экономики заявил журналистам, что программа льготных кредитов будет расширена и "
    "охватит больше регионов страны. По его словам, первые выплаты начнутся уже в "
    "следующем месяце."
)


@pytest.mark.parametrize(
    "text, language, warns",
    [(JAPANESE, "ja", True), (THAI, "th", True), (RUSSIAN, "ru", True), (CHINESE, "zh", False)],
)
def test_spaceless_scripts_load_as_language(tmp_path, text, language, warns):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        article = load_article(path)
    assert article.language == language
    # The short Chinese sample is zh at p=0.82, under the warning's 0.9.
    assert any(issubclass(w.category, NonEnglishWarning) for w in caught) == warns


@pytest.mark.parametrize(
    "blob",
    [
        "U29tZSBiYXNlNjQgZGF0YSB0aGF0IGlzIG5vdCBsYW5ndWFnZSBhdCBhbGwgYnV0IGVuY29kZWQ" * 20,
        "\n".join(["3f2a9c0b7d1e4f5a6b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f7a8b9c0d1e2"] * 30),
    ],
)
def test_base64_and_hex_are_still_not_language(tmp_path, blob):
    path = tmp_path / "blob.txt"
    path.write_text(blob, encoding="utf-8")
    with pytest.raises(ArticleError, match="does not look like language"):
        load_article(path)


# -- write errors: error: <path>: <problem>, exit 2, the old file kept ---------------------


@pytest.mark.parametrize("command", ["report", "info"])
def test_a_full_standard_output_is_a_clean_error(command):
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "analysis", command, str(SEED_ARTICLE)],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=PROJECT_DIR,
            timeout=120,
        )
    assert_clean_error(result, "<stdout>: No space left on device")


def _failing_replace(error: OSError):
    def replace(source, target, *args, **kwargs):
        raise error

    return replace


@pytest.mark.parametrize(
    "error, problem",
    [
        (PermissionError(errno.EACCES, "Permission denied"), "Permission denied"),
        (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
    ],
)
def test_compare_output_failure_keeps_the_old_file(tmp_path, monkeypatch, capsys, error, problem):
    output = tmp_path / "table.csv"
    output.write_text("the old table\n", encoding="utf-8")
    monkeypatch.setattr(os, "replace", _failing_replace(error))
    code = main(
        ["compare", "--quiet", "--format", "csv", "--output", str(output), str(SEED_ARTICLE)]
    )
    assert code == 2
    assert capsys.readouterr().err.strip() == f"error: {output}: {problem}"
    assert output.read_text(encoding="utf-8") == "the old table\n"
    assert os.listdir(tmp_path) == ["table.csv"]  # no temporary file left


def test_compare_output_replaces_the_file_and_keeps_its_mode(tmp_path, capsys):
    output = tmp_path / "table.csv"
    output.write_text("the old table\n", encoding="utf-8")
    output.chmod(0o640)
    assert (
        main(["compare", "--quiet", "--format", "csv", "--output", str(output), str(SEED_ARTICLE)])
        == 0
    )
    assert output.read_text(encoding="utf-8").startswith("source,slug,")
    assert output.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["table.csv"]


@pytest.fixture
def small_tmpfs(tmp_path):
    """A real 64 KB tmpfs (root with mount rights only), unmounted afterwards."""
    folder = tmp_path / "mnt"
    folder.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)])
    if mounted.returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def test_compare_output_on_a_really_full_disk_keeps_the_old_file(small_tmpfs):
    output = small_tmpfs / "table.md"
    output.write_text("the old table\n", encoding="utf-8")
    filler = small_tmpfs / "filler"
    with open(filler, "wb", buffering=0) as file, pytest.raises(OSError):
        while True:  # fill the tmpfs to the last block
            file.write(b"x" * 4096)
    result = run_cli("compare", "--quiet", "--output", str(output), str(SEED_ARTICLE))
    assert_clean_error(result, f"{output}: No space left on device")
    assert output.read_text(encoding="utf-8") == "the old table\n"
    assert sorted(os.listdir(small_tmpfs)) == ["filler", "table.md"]


def test_run_into_a_read_only_folder_stops_before_any_notebook(small_tmpfs):
    _read_only(small_tmpfs)
    output = small_tmpfs / "output"
    result = run_cli("run", "--quiet", "--no-html", "--output", str(output))
    assert_clean_error(result, f"{output}: Read-only file system")


def test_run_into_an_unwritable_folder_stops_before_any_notebook(tmp_path, monkeypatch, capsys):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    output = tmp_path / "output"
    assert main(["run", "--quiet", "--output", str(output)]) == 2
    assert capsys.readouterr().err.strip() == f"error: {output}: Permission denied"
    assert list(output.iterdir()) == []


def test_a_read_only_downloads_folder_is_a_clean_error(server, small_tmpfs):  # noqa: F811
    _read_only(small_tmpfs)
    downloads = small_tmpfs / "downloads"
    environment = {**os.environ, "ANALYSIS_DOWNLOADS_DIR": str(downloads)}
    result = run_cli("info", f"{server}/news/burials.html", env=environment)
    assert_clean_error(result, f"{downloads}: Read-only file system")


# -- size: the limit is what runs in under 5 minutes here ---------------------------------


def test_the_size_limit_is_what_runs_in_five_minutes(tmp_path):
    assert textio.MAX_INPUT_BYTES == 2_000_000  # 2 MB: measured in the README's Performance
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * (textio.MAX_INPUT_BYTES // 5) + b"x")
    with pytest.raises(ArticleError, match=r"2,000,001 bytes is over the 2,000,000-byte limit"):
        load_article(path)


# -- one atomic write for every file the package writes ------------------------------------


def test_one_atomic_write_in_the_package():
    # paths.write_atomically is the only place that creates a temporary file and renames
    # it into place: figures, CSVs, pages, downloads, cache entries and CLI outputs use it.
    import ast

    package = PROJECT_DIR / "analysis"
    callers = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            renames = isinstance(node, ast.Attribute) and node.attr in ("mkstemp", "replace")
            if renames and ast.unparse(node.value) in ("tempfile", "os"):
                callers.add(path.relative_to(package).as_posix())
    assert callers == {"paths.py"}


def test_a_failed_figure_write_keeps_the_old_files(tmp_path, monkeypatch):
    import matplotlib.pyplot as plt
    import pandas as pd

    from analysis import paths
    from analysis.plotting import save_figure

    article = load_article(SEED_ARTICLE)
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path))
    figure, _ = plt.subplots()
    data = pd.DataFrame({"x": [1.5]})
    written = save_figure(figure, article, "99-test", data=data)
    folder = written.parent
    old = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert {p.stat().st_mode & 0o777 for p in folder.iterdir()} == {paths._new_file_mode()}
    monkeypatch.setattr(
        os, "replace", _failing_replace(OSError(errno.ENOSPC, "No space left on device"))
    )
    with pytest.raises(OSError) as raised:
        save_figure(figure, article, "99-test", data=pd.DataFrame({"x": [2.5]}))
    assert raised.value.filename == str(folder / "99-test.csv")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == old  # no temporary left


def test_new_files_get_the_umask_mode_not_0600(tmp_path):
    from analysis.paths import write_atomically

    previous = os.umask(0o027)
    try:
        write_atomically(tmp_path / "a.txt", "text")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "text"


# -- downloads: one deadline, no binary kept, one-line errors, the kept page checked -------


@pytest.mark.loopback
def test_a_trickling_server_meets_one_deadline(server, monkeypatch):  # noqa: F811
    import time

    from analysis import fetch
    from tests.test_fetch import Trickle, _Handler

    # Each byte comes well within the 1 s read timeout; the whole page never would.
    _Handler.routes["/trickle"] = (200, {"Content-Type": "text/html"}, Trickle(b"<p>" * 50, 0.1))
    monkeypatch.setattr(fetch, "DEADLINE_S", 1.0)
    started = time.monotonic()
    with pytest.raises(ArticleError, match=r"the download took over 1\.0 s \(too slow\)"):
        load_article(f"{server}/trickle")
    assert time.monotonic() - started < 3
    assert not list(fetch.downloads_dir().glob("*/page.html"))


@pytest.mark.loopback
def test_a_pdf_served_as_html_is_refused_and_not_kept(server):  # noqa: F811
    from analysis import fetch
    from tests.test_fetch import _Handler

    _Handler.routes["/report"] = (200, {"Content-Type": "text/html"}, b"%PDF-1.7\n%\xe2\xe3")
    with pytest.raises(ArticleError, match="the server sent a binary file as HTML"):
        load_article(f"{server}/report")
    assert not list(fetch.downloads_dir().glob("*/page.html"))


@pytest.mark.loopback
def test_a_redirect_loop_is_one_line(server, capsys):  # noqa: F811
    from tests.test_fetch import _Handler

    _Handler.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    assert main(["info", f"{server}/loop"]) == 2
    assert capsys.readouterr().err == (
        f"error: {server}/loop: the server redirects in a loop (or too many times)\n"
    )


@pytest.mark.loopback
def test_a_damaged_kept_page_is_fetched_again(server):  # noqa: F811
    from analysis import cache, fetch
    from tests.test_fetch import TITLE, _Handler

    url = f"{server}/news/burials.html"
    load_article(url)
    kept = fetch.stored_download(url).path
    meta = json.loads((kept.parent / "meta.json").read_text(encoding="utf-8"))
    assert meta["sha256"] == __import__("hashlib").sha256(kept.read_bytes()).hexdigest()
    kept.write_bytes(kept.read_bytes()[:-200] + b"x" * 200)  # same size, other bytes
    assert fetch.stored_download(url) is None
    cache.clear()
    assert load_article(url).title == TITLE
    assert len(_Handler.requests) == 2  # fetched again, not used as it was


# -- pages that nest too deeply ------------------------------------------------------------

_STORY = "<p>" + "The council voted on Tuesday to close the old library in March. " * 8 + "</p>"


def _page(head: str = "", depth: int = 0) -> str:
    return (
        f"<html><head><title>Council closes the old library</title>{head}</head><body>"
        + "<div>" * depth
        + f"<article><h1>Council closes the old library</h1>{_STORY * 3}</article>"
        + "</div>" * depth
        + "</body></html>"
    )


def test_deeply_nested_json_ld_is_skipped(tmp_path, capsys):
    deep = "[" * 100_000 + "]" * 100_000
    page = tmp_path / "deep-ld.html"
    page.write_text(_page(f'<script type="application/ld+json">{deep}</script>'))
    other = tmp_path / "plain.html"
    other.write_text(_page())
    assert load_article(page).text == load_article(other).text
    assert main(["report", str(page)]) == 0
    sentences = json.loads(capsys.readouterr().out)["article"]["n_sentences"]
    assert sentences == load_article(other).n_sentences > 0
    assert main(["compare", "--quiet", "--format", "csv", str(page), str(other)]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3  # header and both rows


def test_html_nested_deeper_than_lxml_goes_still_gives_its_text(tmp_path):
    shallow, deep = tmp_path / "shallow.html", tmp_path / "deep.html"
    shallow.write_text(_page(depth=10))
    deep.write_text(_page(depth=1000))
    assert load_article(deep).text == load_article(shallow).text


# -- run: a relative path from any folder, two runs of one article at once ----------------


def _run_environment(tmp_path: Path) -> dict:
    return {
        **os.environ,
        "ANALYSIS_FIGURES_DIR": str(tmp_path / "figures"),
        "ANALYSIS_CACHE_DIR": str(tmp_path / "cache"),
    }


def test_run_with_a_relative_path_from_another_folder(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SEED_ARTICLE, elsewhere / "story.txt")
    result = run_cli(
        "run",
        "--quiet",
        "--no-html",
        "--notebooks",
        "00",
        "--output",
        "out",
        "story.txt",
        cwd=elsewhere,
        env=_run_environment(tmp_path),
    )
    assert result.returncode == 0, result.stderr.decode()
    assert (elsewhere / "out" / "story" / "00-overview.ipynb").is_file()
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == ["story"]


def test_a_second_run_of_one_article_waits_for_the_first(tmp_path):
    from analysis.runner import lock_output

    folder = tmp_path / "out" / "000-russia-north-korea-mutual-aid-pact"
    command = [sys.executable, "-m", "analysis", "run", "--quiet", "--notebooks", "00"]
    command += ["--output", str(tmp_path / "out"), str(SEED_ARTICLE)]
    with lock_output(folder):  # a first run is writing this article's folder
        second = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=_run_environment(tmp_path), stderr=subprocess.PIPE
        )
        # Its first word on stderr says it waits; until the lock goes it writes nothing.
        first_line = second.stderr.readline().decode()
        assert first_line == f"waiting: another run is writing {folder}\n"
        assert second.poll() is None
        assert not (folder / "00-overview.ipynb").exists()
    stderr = second.communicate(timeout=300)[1].decode()
    assert second.returncode == 0, stderr
    json.loads((folder / "00-overview.ipynb").read_text(encoding="utf-8"))
    assert (folder / "index.html").is_file()


# -- Markdown: tables, code and front matter are not prose ---------------------------------


def _table(rows: int) -> str:
    lines = ["| Year | Region | Output (m) |", "| --- | :---: | ---: |"]
    lines += [f"| {1900 + n % 120} | Region {n % 7} | {n * 37 % 1000} |" for n in range(rows)]
    return "\n".join(lines)


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_a_table_is_not_prose(tmp_path, suffix):
    from analysis import frequencies, readability

    story = (PROJECT_DIR / "tests" / "fixtures" / "bbc" / "business" / "001.txt").read_text()
    plain = load_article(story)
    page = tmp_path / f"with-table{suffix}"
    page.write_text(story.rstrip() + "\n\n" + _table(3000) + "\n", encoding="utf-8")
    article = load_article(page)
    assert article.text == plain.text
    assert len(article.removed_lines) - len(plain.removed_lines) == 3002
    assert article.removed_lines[-1] == _table(3000).splitlines()[-1]
    scores = readability.scores(article).set_index("score")["value"]
    assert scores.equals(readability.scores(plain).set_index("score")["value"])
    assert frequencies.word_counts(article).iloc[0]["term"] == "profits"


def test_front_matter_and_code_blocks_are_not_prose(tmp_path):
    page = tmp_path / "post.md"
    page.write_text(
        "---\ntitle: Council closes library\ntags: [local]\n---\n"
        "The council voted on Tuesday to close the old library in March.\n\n"
        "```python\nprint('closing the library')\n```\n\n"
        "Residents said they would appeal against the decision.\n",
        encoding="utf-8",
    )
    article = load_article(page)
    assert "title:" not in article.text and "print(" not in article.text
    assert article.removed_lines[:4] == [
        "---",
        "title: Council closes library",
        "tags: [local]",
        "---",
    ]
    assert "print('closing the library')" in article.removed_lines


def test_run_on_a_full_disk_leaves_the_old_notebook_and_no_partial_file(small_tmpfs, tmp_path):
    folder = small_tmpfs / "out" / "000-russia-north-korea-mutual-aid-pact"
    folder.mkdir(parents=True)
    old = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
    (folder / "00-overview.ipynb").write_text(old, encoding="utf-8")
    result = run_cli(
        "run",
        "--quiet",
        "--notebooks",
        "00",
        "--output",
        str(small_tmpfs / "out"),
        str(SEED_ARTICLE),
        env=_run_environment(tmp_path),
    )
    stderr = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in stderr, stderr
    assert f"{folder / '00-overview.ipynb'}: the executed notebook" in stderr
    assert (folder / "00-overview.ipynb").read_text(encoding="utf-8") == old
    left = sorted(p.name for p in folder.iterdir())
    assert left == [".run.lock", "00-overview.ipynb", "index.html"]  # no partial, no .tmp
