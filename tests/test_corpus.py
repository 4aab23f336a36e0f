"""analyze_many: one row per article, bad files in the error column, same table every way."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus import BASE_COLUMNS, analyze_many
from analysis.paths import PROJECT_DIR
from tests.conftest import BBC, SHARED_CORPUS

SHARED_BBC = SHARED_CORPUS / "bbc"


def _bbc_sample(n: int) -> list:
    """n articles spread over the five BBC topics, in a fixed order."""
    topics = sorted(p for p in SHARED_BBC.iterdir() if p.is_dir())
    files = [sorted(t.glob("*.txt")) for t in topics]
    return [f for group in zip(*files, strict=False) for f in group][:n]


@pytest.fixture(scope="module")
def small_sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    corrupt = folder / "corrupt.txt"
    corrupt.write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    return [
        BBC / "sport" / "001.txt",
        corrupt,
        BBC / "business" / "001.txt",
        BBC / "tech" / "001.txt",
    ]


def test_rows_in_order_with_error_column(small_sources):
    table = analyze_many(small_sources, progress=False)
    assert list(table.columns[: len(BASE_COLUMNS)]) == BASE_COLUMNS
    assert list(table["source"]) == [str(s) for s in small_sources]
    assert table["error"].isna().tolist() == [True, False, True, True]
    assert "corrupt.txt: this is a PDF document" in table.loc[1, "error"]
    assert table.loc[0, "slug"] == "sport-001"
    assert table.loc[0, "n_sentences"] == 11  # checked by reading sport/001.txt


@pytest.mark.slow
def test_two_workers_give_the_same_table(small_sources):
    one = analyze_many(small_sources, workers=1, progress=False)
    two = analyze_many(small_sources, workers=2, progress=False)
    pd.testing.assert_frame_equal(one, two)


@pytest.mark.slow
@pytest.mark.loopback
def test_dask_gives_the_same_table_as_local(small_sources):
    pytest.importorskip("dask.distributed")
    local = analyze_many(small_sources, progress=False)
    distributed = analyze_many(small_sources, scheduler="dask", workers=2, progress=False)
    pd.testing.assert_frame_equal(local, distributed)


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_BBC.exists(), reason="the shared corpus is not beside the project")
def test_hundred_bbc_articles_with_a_corrupt_one(tmp_path):
    sources = _bbc_sample(100)
    broken = tmp_path / "broken.txt"
    shutil.copy(sources[0], broken)
    broken.write_bytes(b"\x00\x01\x02" * 500)
    table = analyze_many([*sources[:50], broken, *sources[50:]], workers=2, progress=False)
    assert len(table) == 101
    assert table["error"].notna().sum() == 1
    good = table[table["error"].isna()]
    assert good["language"].eq("en").all()
    # BBC articles run from about 90 to 5,000 words; none is empty.
    assert good["n_words"].between(50, 6_000).all()
    assert good["n_sentences"].between(3, 400).all()
    assert good["slug"].is_unique


def test_unknown_scheduler():
    with pytest.raises(ValueError, match="scheduler"):
        analyze_many([BBC / "sport" / "001.txt"], scheduler="spark", progress=False)


def test_default_workers_start_a_second_process_from_forty_articles(monkeypatch):
    # Measured on the idle 2-core machine (benchmarks/RESULTS.md): two processes tie with
    # one at 20 BBC articles and are faster from 40 on.
    from analysis import corpus

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert [corpus.default_workers(n) for n in (1, 20, 39, 40, 100, 2225)] == [1, 1, 1, 2, 2, 2]
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert corpus.default_workers(100) == 5
    assert corpus.default_workers(1000) == 8


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its new parent) is gone for our purpose.
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].startswith("Z"):
            return False
    return True


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_workers_exit_when_their_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(
        "import os, time\n"
        "from analysis.corpus import process_pool\n"
        "if __name__ == '__main__':  # spawn re-imports this file in each worker\n"
        "    pool = process_pool(2)\n"
        "    futures = [pool.submit(time.sleep, 0.5) for _ in range(2)]\n"
        "    for future in futures:\n"
        "        future.result()\n"
        # Every worker the pool started (a task's os.getpid could name one worker twice).
        "    pids = sorted(process.pid for process in pool._processes.values())\n"
        "    print(' '.join(map(str, pids)), flush=True)\n"
        "    time.sleep(600)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=PROJECT_DIR
    )
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert workers and all(_alive(pid) for pid in workers)
    parent.kill()  # SIGKILL: no clean-up runs in the parent
    parent.wait()
    deadline = time.monotonic() + 60
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:  # a failing run must not leave its workers behind
        os.kill(pid, signal.SIGKILL)
    assert not left
