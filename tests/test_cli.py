"""The command line: info, report, --help, and errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis.__main__ import main
from analysis.paths import PROJECT_DIR, SEED_ARTICLE


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        timeout=300,
    )


def test_info_on_seed(capsys):
    assert main(["info", str(SEED_ARTICLE)]) == 0
    out = capsys.readouterr().out
    assert "slug           000-russia-north-korea-mutual-aid-pact" in out
    assert "paragraphs     5" in out
    assert "sentences      19" in out
    assert "encoding       utf-8" in out
    assert "- 'Share.'" in out and "- 'Exit mobile version'" in out


def test_report_article_section(capsys):
    assert main(["report", str(SEED_ARTICLE), "--format", "json", "--sections", "article"]) == 0
    report = json.loads(capsys.readouterr().out)
    section = report["article"]
    assert {
        "slug",
        "title",
        "encoding",
        "n_paragraphs",
        "n_sentences",
        "n_words",
        "removed_lines",
        "sentences",
    } <= set(section)
    assert section["n_sentences"] == 19 and section["n_paragraphs"] == 5
    assert section["removed_lines"] == ["Share.", "Exit mobile version"]
    assert section["sentences"][0]["id"] == 1
    assert section["sentences"][-1] == {
        "id": 19,
        "paragraph": 5,
        "text": "Putin’s visit to North Korea symbolizes the deepening ties and collaboration "
        "between Russia and North Korea amidst global political tensions.",
    }


def test_report_unknown_section(capsys):
    assert main(["report", str(SEED_ARTICLE), "--sections", "article,nonsense"]) == 2
    assert "unknown report section" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args, message",
    [
        (["info", "does-not-exist.txt"], "does-not-exist.txt: no such file"),
        (["report", "tests"], "tests: this is a folder"),
    ],
)
def test_bad_input_exits_2_without_traceback(args, message):
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", [[], ["info"], ["report"]])
def test_help(command):
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    assert "usage: python -m analysis" in result.stdout


def test_non_english_warning_goes_to_stderr(tmp_path):
    path = tmp_path / "nota.txt"
    path.write_text(
        "El gobierno anunció hoy nuevas medidas para combatir la inflación, que alcanzó su "
        "nivel más alto en dos décadas según los datos oficiales publicados esta mañana.",
        encoding="utf-8",
    )
    result = run_cli("info", str(path))
    assert result.returncode == 0
    assert "warning:" in result.stderr and "'es'" in result.stderr
