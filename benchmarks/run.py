"""The one benchmark command (issue 8): what the analysis adds on top of the spaCy parse.

    make bench                      # or: .venv/bin/python -m benchmarks.run
    make bench BENCH_ARGS=--quick   # smaller sizes, a couple of minutes

Measures, in one run, against the bare spaCy pipeline on the same texts (the model's own
components, without the ``paragraph_starts`` component this project adds):

1. **overhead**: (``load_article`` + all four modules' ``report_section`` and
   ``headline_metrics``) / (``nlp(text)`` alone on the cleaned texts, model loaded),
   for the seed and for 200 BBC articles (target <= 1.2);
2. **throughput**: ``analyze_many`` on 1,000 BBC articles with 1 and 2 workers:
   articles/s, speed-up (target >= 1.7) and 1-worker throughput / ``nlp.pipe``
   throughput on the same texts (target >= 0.75);
3. **growth**: full analysis of ~10 KB, 100 KB and 1 MB of concatenated BBC
   articles: seconds per KB (target: largest / smallest <= 1.5);
4. **start-up**: ``import analysis`` in a fresh interpreter (target <= 0.5 s, and
   no model loaded), the first ``load_article`` including the model load, and a
   full ``python -m analysis run --quiet`` of every notebook on the seed;
5. **memory**: peak resident memory of the 1 MB analysis and of the 1,000-article
   run (target <= 2 GB each).

The on-disk cache is turned off (``ANALYSIS_CACHE=off``) for the whole run and its
children, so nothing is served from an earlier run.

Everything that needs a fresh process or a peak-memory figure runs in a child
interpreter (``python -m benchmarks.run --child ...``) and reports JSON back.
The machine may be shared, so timings are repeated: each figure is the median
of the repeats, with the best (minimum) beside it.

Writes ``benchmarks/results/latest.json`` (every figure, the machine, the
versions) and ``benchmarks/results/latest.md`` (the table). Asserts nothing: the
targets are reported as met or not.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from analysis.paths import PROJECT_DIR, SEED_ARTICLE
from analysis.report import ANALYSES

# Whole BBC articles, in file order, joined by blank lines until a size (shared with the
# repetition scaling benchmark, so both measure the same texts).
from benchmarks.repetition_scaling import build_text as concatenated_text

BBC_DIR = PROJECT_DIR.parent / "shared" / "corpus" / "bbc"
RESULTS_DIR = Path(__file__).parent / "results"
SECTION_NAMES = tuple(ANALYSES)

TARGETS = {
    "overhead_ratio": 1.2,
    "speedup_2_workers": 1.7,
    "throughput_vs_pipe": 0.75,
    "growth_ratio": 1.5,
    "import_seconds": 0.5,
    "peak_rss_mb": 2048,
}

# Full and quick sizes: (articles for overhead, articles for throughput, growth sizes, repeats).
FULL = {
    "overhead_articles": 200,
    "corpus_articles": 1000,
    "sizes": {"10KB": 10_000, "100KB": 100_000, "1MB": 1_000_000},
    "repeats": 3,
}
QUICK = {
    "overhead_articles": 40,
    "corpus_articles": 150,
    "sizes": {"10KB": 10_000, "100KB": 100_000},
    "repeats": 2,
}
# The seed parses in a few tens of milliseconds: repeat it more to steady the median.
SEED_REPEATS = 15
STARTUP_REPEATS = 5


# -- inputs -------------------------------------------------------------------------------


def bbc_files(n: int, offset: int = 0) -> list[Path]:
    """``n`` BBC articles spread evenly over the five topics (every k-th file)."""
    files = sorted(BBC_DIR.glob("*/*.txt"))
    if n >= len(files):
        return files[:n]
    step = len(files) // n
    return [files[(offset + i * step) % len(files)] for i in range(n)]


# -- the measured work --------------------------------------------------------------------


def full_analysis(article, timings: dict[str, float] | None = None) -> None:
    """Every module's report section and headline metrics (what the report + corpus need)."""
    for name, module in ANALYSES.items():
        started = time.perf_counter()
        module.report_section(article)
        module.headline_metrics(article)
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - started


def bare_pipeline():
    """The model's own pipeline, without this project's ``paragraph_starts`` (a context manager).

    The baseline every ratio divides by: what a user would pay for
    ``spacy.load("en_core_web_sm")`` alone. Inside the ``with`` block the shared pipeline
    skips the component, so it must not be used for analysis there.
    """
    from analysis.nlp import get_nlp

    return get_nlp().select_pipes(disable=["paragraph_starts"])


def warm_up() -> None:
    """Load the model and every dictionary the analyses read (once-per-process costs)."""
    from analysis import load_article

    full_analysis(load_article(bbc_files(1, offset=7)[0]))


def _stats(values: list[float]) -> dict:
    return {
        "median": statistics.median(values),
        "best": min(values),
        "worst": max(values),
        "runs": [round(v, 4) for v in values],
    }


def measure_overhead(sources: list, repeats: int) -> dict:
    """Parse-only vs full-analysis time on the same texts, interleaved in each repeat.

    Wall seconds give the ratio (the target); CPU seconds of this process are kept
    beside them (``ratio_cpu``): on a shared machine they barely move with the load
    from elsewhere, which can make either wall figure a fifth slower or faster.
    """
    from analysis import load_article
    from analysis.article import prepare
    from analysis.nlp import get_nlp

    nlp = get_nlp()
    texts = [prepare(s).text for s in sources]
    parse_runs, full_runs, load_runs, parse_cpu, full_cpu = [], [], [], [], []
    module_runs: dict[str, list[float]] = {name: [] for name in SECTION_NAMES}
    for _ in range(repeats):
        with bare_pipeline():
            started, cpu_started = time.perf_counter(), time.process_time()
            for text in texts:
                nlp(text)
            parse_runs.append(time.perf_counter() - started)
            parse_cpu.append(time.process_time() - cpu_started)
        timings: dict[str, float] = {}
        load = 0.0
        started, cpu_started = time.perf_counter(), time.process_time()
        for source in sources:
            t0 = time.perf_counter()
            article = load_article(source)
            load += time.perf_counter() - t0
            full_analysis(article, timings)
        full_runs.append(time.perf_counter() - started)
        full_cpu.append(time.process_time() - cpu_started)
        load_runs.append(load)
        for name in SECTION_NAMES:
            module_runs[name].append(timings.get(name, 0.0))
    parse, full = statistics.median(parse_runs), statistics.median(full_runs)
    n = len(sources)
    return {
        "n_articles": n,
        "repeats": repeats,
        "n_characters": sum(map(len, texts)),
        "parse_seconds": _stats(parse_runs),
        "full_seconds": _stats(full_runs),
        "load_article_seconds": _stats(load_runs),
        "ratio": full / parse,
        "ratio_best": min(full_runs) / min(parse_runs),
        "parse_cpu_seconds": _stats(parse_cpu),
        "full_cpu_seconds": _stats(full_cpu),
        "ratio_cpu": statistics.median(full_cpu) / statistics.median(parse_cpu),
        "parse_ms_per_article": 1000 * parse / n,
        "full_ms_per_article": 1000 * full / n,
        "load_ms_per_article": 1000 * statistics.median(load_runs) / n,
        "module_ms_per_article": {
            name: 1000 * statistics.median(runs) / n for name, runs in module_runs.items()
        },
    }


# -- child processes ----------------------------------------------------------------------


def _peak_rss_mb() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "peak_rss_workers_mb": round(children, 1)}


# Articles per block when analyze_many and nlp.pipe take turns (1 worker, --with-pipe).
CORPUS_BLOCK = 100


def child_corpus(n: int, workers: int, with_pipe: bool) -> dict:
    """analyze_many over ``n`` BBC articles (and, optionally, nlp.pipe on the same texts).

    With ``with_pipe`` the two take turns on blocks of :data:`CORPUS_BLOCK` articles,
    so a burst of load from elsewhere on the machine slows both alike; their times are
    summed. The first block's ``analyze_many`` includes loading the model, as a
    user's first call does. CPU seconds are kept beside wall seconds: for one process
    they barely move with other work on the machine.
    """
    from analysis.corpus import analyze_many

    files = bbc_files(n)
    blocks = [files[i : i + CORPUS_BLOCK] for i in range(0, len(files), CORPUS_BLOCK)]
    if not with_pipe:
        blocks = [files]  # one call: more workers must not be started once per block
    result: dict = {"n_articles": len(files), "workers": workers, "n_errors": 0}
    wall = cpu = pipe_wall = pipe_cpu = 0.0
    for block in blocks:
        started, cpu_started = time.perf_counter(), time.process_time()
        table = analyze_many(block, workers=workers, progress=False)
        wall += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
        result["n_errors"] += int(table["error"].notna().sum())
        if with_pipe:
            seconds, cpu_seconds = _time_pipe(block)
            pipe_wall += seconds
            pipe_cpu += cpu_seconds
    result |= {"seconds": wall, "cpu_seconds": cpu, "articles_per_second": len(files) / wall}
    result |= _peak_rss_mb()
    if with_pipe:
        result |= {
            "pipe_seconds": pipe_wall,
            "pipe_cpu_seconds": pipe_cpu,
            "pipe_articles_per_second": len(files) / pipe_wall,
        }
    return result


def _time_pipe(files: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds of the bare ``nlp.pipe`` over the cleaned texts of ``files``."""
    from analysis.article import prepare
    from analysis.nlp import get_nlp

    texts = [prepare(f).text for f in files]
    with bare_pipeline():
        started, cpu_started = time.perf_counter(), time.process_time()
        for _ in get_nlp().pipe(texts, batch_size=16):
            pass
        return time.perf_counter() - started, time.process_time() - cpu_started


def child_growth(n_bytes: int, repeats: int) -> dict:
    """Parse-only and full-analysis time of one concatenated text of ``n_bytes``."""
    from analysis import load_article
    from analysis.article import parse, prepare

    warm_up()
    text = concatenated_text(n_bytes)
    cleaned = prepare(text, slug="growth").text
    parse_runs, full_runs, load_runs = [], [], []
    n_sentences = 0
    for _ in range(repeats):
        with bare_pipeline():
            started = time.perf_counter()
            parse(cleaned)
            parse_runs.append(time.perf_counter() - started)
        started = time.perf_counter()
        article = load_article(text, slug="growth")
        load_runs.append(time.perf_counter() - started)
        full_analysis(article)
        full_runs.append(time.perf_counter() - started)
        n_sentences = article.n_sentences
        del article
    kb = len(text.encode("utf-8")) / 1000
    full = statistics.median(full_runs)
    return {
        "bytes": len(text.encode("utf-8")),
        "n_sentences": n_sentences,
        "repeats": repeats,
        "parse_seconds": _stats(parse_runs),
        "load_article_seconds": _stats(load_runs),
        "full_seconds": _stats(full_runs),
        "full_ms_per_kb": 1000 * full / kb,
        "ratio_to_parse": full / statistics.median(parse_runs),
    } | _peak_rss_mb()


# Run with ``python -c`` (not ``-m benchmarks.run``, which imports analysis.paths first).
IMPORT_CODE = """
import json, sys, time
started = time.perf_counter()
import analysis
seconds = time.perf_counter() - started
from analysis.nlp import get_nlp
print(json.dumps({
    "seconds": seconds,
    "model_loaded": get_nlp.cache_info().currsize > 0,
    "spacy_imported": "spacy" in sys.modules,
}))
"""


def child_first_load() -> dict:
    """Time the first ``load_article`` of the seed in a fresh interpreter (model load included)."""
    started = time.perf_counter()
    from analysis import load_article

    load_article(SEED_ARTICLE)
    return {"seconds": time.perf_counter() - started}


CHILDREN = {
    "corpus": lambda a: child_corpus(a.n, a.workers, a.with_pipe),
    "growth": lambda a: child_growth(a.bytes, a.repeats),
    "first-load": lambda a: child_first_load(),
}


def run_child(kind: str, *args: str) -> dict:
    """Run ``python -m benchmarks.run --child KIND ...`` and return its JSON (plus wall time)."""
    return run_python(["-m", "benchmarks.run", "--child", kind, *args])


def run_python(args: list[str]) -> dict:
    """Run a fresh interpreter; its last output line is JSON. Adds wall time and peak RSS."""
    command = [sys.executable, *args]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"benchmark child {args} failed with status {status}")
    result = json.loads(output.strip().splitlines()[-1])
    result["wall_seconds"] = wall
    # wait4's maxrss covers the child and its own waited-for workers (the largest of them).
    result["peak_rss_wait4_mb"] = round(usage.ru_maxrss / 1024, 1)
    return result


def measure_startup(repeats: int) -> dict:
    imports = [run_python(["-c", IMPORT_CODE]) for _ in range(repeats)]
    first = [run_child("first-load") for _ in range(max(1, repeats // 2))]
    with tempfile.TemporaryDirectory() as figures, tempfile.TemporaryDirectory() as output:
        env = os.environ | {"ANALYSIS_FIGURES_DIR": figures}
        command = [sys.executable, "-m", "analysis", "run", "--quiet", "--output", output]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
        run_seconds = time.perf_counter() - started
        n_figures = len(list(Path(figures).rglob("*.png")))
    return {
        "import_seconds": _stats([r["seconds"] for r in imports]),
        "import_wall_seconds": _stats([r["wall_seconds"] for r in imports]),
        "import_loads_model": any(r["model_loaded"] for r in imports),
        "import_imports_spacy": any(r["spacy_imported"] for r in imports),
        "first_load_article_seconds": _stats([r["seconds"] for r in first]),
        "run_all_notebooks_seconds": run_seconds,
        "run_all_notebooks_ok": done.returncode == 0,
        "run_all_notebooks_figures": n_figures,
    }


# -- the report -------------------------------------------------------------------------


def machine() -> dict:
    """Where the figures came from: cores, CPU, memory, load, versions."""
    import spacy

    def command(*args: str) -> str:
        try:
            return subprocess.run(args, capture_output=True, text=True, check=False).stdout
        except OSError:
            return ""

    cpu = {}
    for line in command("lscpu").splitlines():
        key, _, value = line.partition(":")
        if key.strip() in {"Architecture", "CPU(s)", "Model name", "Thread(s) per core"}:
            cpu[key.strip()] = value.strip()
    memory = next(
        (line for line in command("free", "-h").splitlines() if line.startswith("Mem")), ""
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_total": memory.split()[1] if memory else None,
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": _model_version(),
        "platform": platform.platform(),
    }


def _model_version() -> str:
    from analysis.nlp import get_nlp

    meta = get_nlp().meta
    return f"{meta.get('name')} {meta.get('version')}"


def verdicts(results: dict) -> dict:
    """Each target with its measured value and whether it is met."""
    out = {}
    overhead = results.get("overhead", {})
    for key in ("seed", "bbc"):
        if key in overhead:
            out[f"overhead_{key}"] = (overhead[key]["ratio"], "<=", TARGETS["overhead_ratio"])
    corpus = results.get("throughput", {})
    if "speedup" in corpus:
        out["speedup_2_workers"] = (corpus["speedup"], ">=", TARGETS["speedup_2_workers"])
    if "vs_pipe" in corpus:
        out["throughput_vs_pipe"] = (corpus["vs_pipe"], ">=", TARGETS["throughput_vs_pipe"])
    growth = results.get("growth", {})
    if "ms_per_kb_ratio" in growth:
        out["growth_ratio"] = (growth["ms_per_kb_ratio"], "<=", TARGETS["growth_ratio"])
    startup = results.get("startup", {})
    if "import_seconds" in startup:
        out["import_seconds"] = (
            startup["import_seconds"]["median"],
            "<=",
            TARGETS["import_seconds"],
        )
    for name, value in results.get("memory", {}).items():
        out[f"peak_rss_mb_{name}"] = (value, "<=", TARGETS["peak_rss_mb"])
    return {
        name: {
            "value": value,
            "target": f"{op} {target}",
            "met": value <= target if op == "<=" else value >= target,
        }
        for name, (value, op, target) in out.items()
    }


def markdown(results: dict) -> str:
    """The short table of measured figures (medians) and the machine."""
    lines = ["| measure | value | target | met |", "|---|---|---|---|"]
    for name, v in results["verdicts"].items():
        value = v["value"]
        shown = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"
        lines.append(f"| {name} | {shown} | {v['target']} | {'yes' if v['met'] else 'NO'} |")
    lines += ["", "| detail | value |", "|---|---|"]
    for key, row in _details(results):
        lines.append(f"| {key} | {row} |")
    m = results["machine"]
    lines += [
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu'].get('Model name', '?')}), {m['memory_total']} RAM, "
        f"load average {m['load_average_at_start'][0]:.1f} at start; Python {m['python']}, "
        f"spaCy {m['spacy']}, {m['model']}. Medians of {results['repeats']} repeats "
        f"(seed: {SEED_REPEATS}); run took {results['total_seconds']:.0f} s.",
    ]
    if results["quick"]:
        lines += [
            "",
            "Quick run: the throughput verdicts are not meaningful here. Loading the model and "
            "the dictionaries (about 5 s per process) and filling the per-word caches are "
            "spread over 150 articles instead of 1,000; run the full benchmark for the targets.",
        ]
    return "\n".join(lines) + "\n"


def _details(results: dict):
    overhead = results.get("overhead", {})
    for key, r in overhead.items():
        yield (
            f"{key}: parse / full ms per article",
            f"{r['parse_ms_per_article']:.1f} / {r['full_ms_per_article']:.1f} "
            f"(load_article {r['load_ms_per_article']:.1f})",
        )
        modules = ", ".join(f"{k} {v:.1f}" for k, v in r["module_ms_per_article"].items())
        yield f"{key}: module ms per article", modules
        if "ratio_cpu" in r:
            yield f"{key}: full / parse in CPU seconds", f"{r['ratio_cpu']:.2f}"
    corpus = results.get("throughput", {})
    for workers in ("1", "2"):
        if workers in corpus.get("runs", {}):
            r = corpus["runs"][workers]
            yield (
                f"analyze_many, {workers} worker(s)",
                f"{r['articles_per_second']:.2f} articles/s ({r['seconds']:.0f} s, "
                f"peak RSS {r['peak_rss_wait4_mb']:.0f} MB)",
            )
    if "pipe_articles_per_second" in corpus:
        yield "nlp.pipe alone", f"{corpus['pipe_articles_per_second']:.2f} articles/s"
        yield "1 worker / nlp.pipe in CPU seconds", f"{corpus['vs_pipe_cpu']:.2f}"
    for label, r in results.get("growth", {}).get("sizes", {}).items():
        yield (
            f"growth {label} ({r['n_sentences']} sentences)",
            f"{r['full_seconds']['median']:.2f} s, {r['full_ms_per_kb']:.1f} ms/KB, "
            f"{r['ratio_to_parse']:.2f}x parse, peak RSS {r['peak_rss_wait4_mb']:.0f} MB",
        )
    startup = results.get("startup", {})
    if startup:
        yield "import analysis loads the model", str(startup["import_loads_model"])
        yield (
            "first load_article (model load included)",
            f"{startup['first_load_article_seconds']['median']:.2f} s",
        )
        yield (
            "python -m analysis run (all notebooks, seed)",
            f"{startup['run_all_notebooks_seconds']:.1f} s "
            f"({startup['run_all_notebooks_figures']} PNGs, ok={startup['run_all_notebooks_ok']})",
        )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a couple of minutes)")
    parser.add_argument("--repeats", type=int, help="repeats of each in-process timing")
    parser.add_argument(
        "--only",
        help="comma-separated parts to run: overhead,throughput,growth,startup (default all)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "latest.json")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--with-pipe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--bytes", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")  # non-English or odd BBC files must not flood the output
    # Every figure is of the work itself: a parse or result served from the on-disk cache
    # would make the analysis look free (overhead 0.06 on a warm cache). Children inherit it.
    os.environ["ANALYSIS_CACHE"] = "off"

    if args.child:
        args.repeats = args.repeats or 1
        print(json.dumps(CHILDREN[args.child](args)))
        return {}

    config = dict(QUICK if args.quick else FULL)
    repeats = args.repeats or config["repeats"]
    parts = (
        set(args.only.split(",")) if args.only else {"overhead", "throughput", "growth", "startup"}
    )
    started = time.perf_counter()
    results: dict = {"quick": args.quick, "repeats": repeats, "machine": machine()}

    def say(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", flush=True)

    if "startup" in parts:
        say("start-up: import, first load_article, run of all notebooks")
        results["startup"] = measure_startup(STARTUP_REPEATS)
    if "overhead" in parts:
        say("overhead: warm-up")
        warm_up()
        say("overhead: seed")
        results["overhead"] = {"seed": measure_overhead([SEED_ARTICLE], SEED_REPEATS)}
        say(f"overhead: {config['overhead_articles']} BBC articles")
        results["overhead"]["bbc"] = measure_overhead(
            bbc_files(config["overhead_articles"]), repeats
        )
    if "growth" in parts:
        growth: dict = {"sizes": {}}
        for label, n_bytes in config["sizes"].items():
            say(f"growth: {label}")
            size_repeats = 1 if n_bytes >= 1_000_000 else repeats
            growth["sizes"][label] = run_child(
                "growth", "--bytes", str(n_bytes), "--repeats", str(size_repeats)
            )
        per_kb = [r["full_ms_per_kb"] for r in growth["sizes"].values()]
        growth["ms_per_kb_ratio"] = per_kb[-1] / per_kb[0]
        results["growth"] = growth
    if "throughput" in parts:
        n = str(config["corpus_articles"])
        runs = {}
        for workers in (1, 2):
            say(f"throughput: analyze_many on {n} articles, {workers} worker(s)")
            extra = ["--with-pipe"] if workers == 1 else []
            runs[str(workers)] = run_child("corpus", "--n", n, "--workers", str(workers), *extra)
        one, two = runs["1"], runs["2"]
        results["throughput"] = {
            "runs": runs,
            "speedup": two["articles_per_second"] / one["articles_per_second"],
            "pipe_articles_per_second": one["pipe_articles_per_second"],
            "vs_pipe": one["articles_per_second"] / one["pipe_articles_per_second"],
            "vs_pipe_cpu": one["pipe_cpu_seconds"] / one["cpu_seconds"],
        }
    memory = {}
    if "growth" in results:
        largest = list(results["growth"]["sizes"])[-1]
        memory[f"growth_{largest}"] = results["growth"]["sizes"][largest]["peak_rss_wait4_mb"]
    if "throughput" in results:
        for workers, r in results["throughput"]["runs"].items():
            memory[f"corpus_{workers}_workers"] = r["peak_rss_wait4_mb"]
    results["memory"] = memory
    results["total_seconds"] = time.perf_counter() - started
    results["verdicts"] = verdicts(results)
    table = markdown(results)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    args.output.with_suffix(".md").write_text(table, encoding="utf-8")
    say(f"wrote {args.output} and {args.output.with_suffix('.md')}")
    print(table)
    return results


if __name__ == "__main__":
    main()
