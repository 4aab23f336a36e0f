"""Run All, again and again, in one JupyterLab: does it ever stall? (Not part of CI.)

Opens every notebook in headless Chromium, presses Run All, waits for the kernel to
answer every cell (judged from the kernel's own messages, see
``analysis/jupyterlab_driver.py``), checks the page for error output, shuts the kernel
down, and goes on; ``--rounds`` times over all notebooks. ``--burn N`` keeps N extra
processes spinning on the CPU beside it. Prints one line per run and a summary;
the recorded kernel frames of every run that did not finish cleanly are written to
``tests/artifacts/stress/<label>/`` (git-ignored), with the server log.

    python -m benchmarks.stress_run_all --rounds 10            # 60 Run Alls
    python -m benchmarks.stress_run_all --rounds 5 --burn 1    # 30, one core kept busy
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from analysis.jupyterlab_driver import (
    KernelTraffic,
    RunAllFailed,
    code_cell_count,
    launch_browser,
    open_notebook,
    run_all,
    start_lab,
    wait_for_prompts,
)
from analysis.paths import NOTEBOOKS_DIR

ARTIFACTS_ROOT = Path(__file__).resolve().parents[1] / "tests" / "artifacts" / "stress"
OPEN_TIMEOUT_S = 180
RUN_TIMEOUT_S = 600


def _burn() -> None:
    while True:
        pass


def _load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run_once(browser, lab, notebook: Path, label: str, artifacts: Path) -> dict:
    """One Run All of one notebook; returns what happened (never raises on a stall)."""
    n_code = code_cell_count(notebook)
    traffic = KernelTraffic()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    traffic.attach(page)
    started = time.monotonic()
    result = {"notebook": notebook.stem, "run": label, "load": _load_average()}
    try:
        open_notebook(page, lab, notebook.name, traffic, timeout=OPEN_TIMEOUT_S)
        result["ready_s"] = round(time.monotonic() - started, 1)
        state = run_all(page, notebook.name, n_code, traffic, timeout=RUN_TIMEOUT_S)
        prompts = wait_for_prompts(page, n_code, timeout=30)
        errors = [r for r in state.replies if r["status"] != "ok"]
        stderr = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        ).all_text_contents()
        tracebacks = [t for t in stderr if re.search(r"Traceback|Error\b", t)]
        pending = [p for p in prompts if not re.fullmatch(r"\[\d+\]:", p)]
        result["outcome"] = (
            "cell error" if errors or tracebacks else ("page stale" if pending else "ok")
        )
        result["detail"] = state.describe() + (
            f"; prompts not updated: {pending}" if pending else ""
        )
    except RunAllFailed as failure:
        result["outcome"] = "stall" if "stalled" in str(failure) else "timeout"
        result["detail"] = str(failure)
    finally:
        result["seconds"] = round(time.monotonic() - started, 1)
        result["sockets"] = traffic.n_sockets
        if result.get("outcome") != "ok":
            stem = f"{label}-{notebook.stem}"
            result["frames"] = str(traffic.dump(artifacts / f"{stem}-frames.jsonl"))
            page.screenshot(path=str(artifacts / f"{stem}.png"), full_page=True)
        page.close()
        lab.shut_down_kernels()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10, help="passes over all notebooks")
    parser.add_argument("--burn", type=int, default=0, help="CPU-burning processes beside it")
    parser.add_argument("--notebooks", nargs="*", help="stems to run (default: all)")
    parser.add_argument("--label", default="latest", help="sub-folder of the artifacts")
    args = parser.parse_args(argv)
    notebooks = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    if args.notebooks:
        notebooks = [n for n in notebooks if n.stem in args.notebooks]
    import ipykernel
    from playwright.sync_api import sync_playwright

    artifacts = ARTIFACTS_ROOT / args.label
    artifacts.mkdir(parents=True, exist_ok=True)
    print(f"ipykernel {ipykernel.__version__}, load {_load_average()}", flush=True)
    burners = [multiprocessing.Process(target=_burn, daemon=True) for _ in range(args.burn)]
    for burner in burners:
        burner.start()
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="stress-lab-") as scratch:
        root = Path(scratch) / "root"
        shutil.copytree(NOTEBOOKS_DIR, root / "notebooks")
        lab = start_lab(
            root,
            Path(scratch) / "home",
            {"ANALYSIS_FIGURES_DIR": str(Path(scratch) / "figures")},
            artifacts / "server.log",
        )
        try:
            with sync_playwright() as playwright:
                browser = launch_browser(playwright)
                for round_no in range(1, args.rounds + 1):
                    for notebook in notebooks:
                        result = run_once(browser, lab, notebook, f"r{round_no:02d}", artifacts)
                        results.append(result)
                        print(json.dumps(result), flush=True)
                browser.close()
        finally:
            lab.stop()
            for burner in burners:
                burner.terminate()
    return _summarise(results, args.burn)


def _summarise(results: list[dict], burn: int) -> int:
    outcomes: dict[str, int] = {}
    for result in results:
        outcomes[result["outcome"]] = outcomes.get(result["outcome"], 0) + 1
    seconds = sorted(r["seconds"] for r in results)
    print(
        f"{len(results)} Run Alls, {burn} CPU burner(s): "
        + ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items()))
        + (
            f"; median {seconds[len(seconds) // 2]:.0f} s, max {seconds[-1]:.0f} s"
            if seconds
            else ""
        )
    )
    return 0 if outcomes.get("ok", 0) == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
