"""Execute the notebook series on articles with papermill (the README's main job).

Each notebook gets the article injected into its ``parameters`` cell, is
executed in the project's kernel, and is saved executed under
``output/<article-slug>/``; its figures land in ``figures/<article-slug>/``.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from analysis.paths import NOTEBOOKS_DIR, OUTPUT_DIR, is_url, write_atomically

KERNEL_NAME = "python3"
# The lock file in an article's output folder, held while a run writes there.
LOCK_NAME = ".run.lock"
# Passed to each kernel: its start-up warning that local TCP is unencrypted was printed
# once per notebook, six times per article, and hid the run's own messages. Errors in
# cells still reach the executed notebook and the run's summary.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]


@dataclass(frozen=True)
class NotebookRun:
    """The outcome of one notebook on one article."""

    article: str
    notebook: str
    output: Path | None
    seconds: float
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def notebook_paths(selection: list[str] | None = None) -> list[Path]:
    """The numbered notebooks (``NN-*.ipynb``) in order, optionally only those named.

    Args:
        selection: Numbers or names to keep (``["01", "03-repetition"]``).
    """
    notebooks = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    if selection:
        notebooks = [nb for nb in notebooks if any(nb.stem.startswith(s) for s in selection)]
    return notebooks


def describe_failure(notebook: Path, error: Exception) -> str:
    """Name the notebook, the failing cell and the error, without papermill's noise."""
    cell = getattr(error, "exec_count", None)
    ename = getattr(error, "ename", type(error).__name__)
    evalue = getattr(error, "evalue", str(error))
    where = f"cell [{cell}]" if cell is not None else "before any cell ran"
    return f"{notebook.name}, {where}: {ename}: {evalue}".strip()


def run_notebook(
    notebook: Path,
    article_path: Path,
    slug: str,
    output_dir: Path,
    html: bool = False,
    kernel=None,
) -> NotebookRun:
    """Execute one notebook on one article; failures are returned, not raised.

    With ``html``, the executed notebook is also written as standalone HTML beside it
    (also when a cell failed: the page shows the error).

    Args:
        kernel: A :class:`~analysis.kernels.Kernel` started earlier in this thread
            (default: one is started now); it is stopped when the notebook is done.
    """
    skip_iri_grammar()
    import papermill

    target = output_dir / slug / notebook.name
    target.parent.mkdir(parents=True, exist_ok=True)
    # papermill rewrites its output after every cell: it writes a partial file beside the
    # target, renamed into place only once whole (a full disk leaves the old notebook).
    partial = target.with_name(f".{target.stem}.partial.ipynb")
    started = time.perf_counter()
    try:
        kernel = kernel or start_kernel()
        papermill.execute_notebook(
            str(notebook),
            str(partial),
            parameters={"ARTICLE": str(article_path)},
            kernel_name=KERNEL_NAME,
            cwd=str(NOTEBOOKS_DIR),
            progress_bar=False,
            km=kernel.manager,
        )
    except Exception as error:  # papermill raises PapermillExecutionError and others
        failure = describe_failure(notebook, error)
    else:
        failure = None
    finally:
        if kernel is not None:
            kernel.stop()
    not_written = _put_in_place(partial, target)
    failure = not_written or (_export_html(target, html) if html else None) or failure
    seconds = time.perf_counter() - started
    return NotebookRun(str(article_path), notebook.name, target, seconds, failure)


def _put_in_place(partial: Path, target: Path) -> str | None:
    """Move a finished notebook into place; the error when it cannot be (it is then removed).

    A notebook papermill wrote whole, with or without a failed cell, is valid JSON; one cut
    short by a write error is not and never replaces the old one.
    """
    import json

    if not partial.exists():
        return None  # nothing was written (the kernel did not start): the failure says why
    try:
        data = partial.read_bytes()
        json.loads(data)
        write_atomically(target, data)
    except ValueError:
        return f"{target}: the executed notebook was cut short (is the disk full?); not written"
    except OSError as error:
        return f"{target}: the executed notebook could not be written: {error.strerror}"
    finally:
        partial.unlink(missing_ok=True)
    return None


def start_kernel(zygote=None):
    """A notebook kernel, started the way papermill would start it for a notebook.

    Args:
        zygote: An :class:`analysis.kernels.Zygote` to fork it from.
    """
    from analysis.kernels import Kernel

    return Kernel(KERNEL_NAME, KERNEL_ARGUMENTS, str(NOTEBOOKS_DIR), zygote)


def start_zygote():
    """The process kernels are forked from (:mod:`analysis.kernel_zygote`), or ``None``.

    ``None`` when the kernel spec does not run this interpreter, or off Linux (kernels
    then start the usual way): Windows cannot fork, and on macOS a process that has
    loaded numpy's Accelerate or the Objective-C runtime is not safe to fork.
    """
    from analysis.kernels import Zygote, interpreter_flags

    if not sys.platform.startswith("linux"):
        return None
    try:
        flags = interpreter_flags(KERNEL_NAME)
    except Exception:  # no such kernel spec: run_notebook reports it per notebook
        return None
    return Zygote(flags) if flags is not None else None


def skip_iri_grammar() -> None:
    """Keep ``jsonschema`` from compiling its IRI grammar when papermill imports it.

    ``jsonschema`` imports ``rfc3987_syntax`` (when installed, as JupyterLab's
    dependencies install it) only to check the ``iri`` string format, and that import
    builds a Lark parser: 0.75 s, a third of the runner's start-up, paid before the
    first notebook starts. The notebook schema that nbformat validates against uses no
    string format, so the runner marks the module absent (``jsonschema`` handles the
    ``ImportError``). Nothing changes if it was imported already.
    """
    sys.modules.setdefault("rfc3987_syntax", None)


def _export_html(executed: Path, wanted: bool = True) -> str | None:
    """Write the executed notebook's HTML page; the error when it cannot be written."""
    if wanted and executed.exists():
        from analysis.html_report import write_notebook_html

        try:
            write_notebook_html(executed)
        except OSError as error:
            return f"the HTML page could not be written beside {executed}: {error}"
    return None


@dataclass(frozen=True)
class ArticleRun:
    """One article's part of a run: what was loaded (or why not) and its notebooks' runs."""

    source: Path | str
    slug: str | None
    error: str | None
    runs: list[NotebookRun]
    index: Path | None = None


def default_workers(n_jobs: int) -> int:
    """Notebooks to execute at once: one per core, never more than there are notebooks.

    Each notebook runs in its own kernel process, so they use the cores in parallel;
    more kernels than cores only queue for the CPU.
    """
    return max(1, min(os.cpu_count() or 1, n_jobs))


def run_articles(
    articles: list[Path],
    notebooks: list[Path],
    output_dir: Path = OUTPUT_DIR,
    progress: bool = True,
    workers: int | None = None,
    html: bool = True,
) -> list[ArticleRun]:
    """Run every notebook on every article, ``workers`` notebooks at a time.

    Each article is loaded and analysed once here, and stored in the on-disk cache
    (:mod:`analysis.disk_cache`), so its notebooks load it without a model or a
    parse. Its notebooks start as soon as that is done, longest first
    (:func:`start_order`), while the next article is analysed. Results come back in
    the order of ``articles`` then ``notebooks``, whatever order the notebooks finish
    in. An article that cannot be loaded is reported once (as notebook ``"-"``) and its
    notebooks are skipped.

    Args:
        articles: Article files (or URLs).
        notebooks: Notebooks to execute on each.
        output_dir: Executed notebooks go to ``output_dir/<slug>/``.
        progress: Show a progress bar.
        workers: Notebooks executed at once (default :func:`default_workers`).
        html: Also write each executed notebook as standalone HTML and an
            ``index.html`` per article (:mod:`analysis.html_report`).
    """
    from concurrent.futures import ThreadPoolExecutor

    from tqdm.auto import tqdm

    # Kernels work in notebooks/: a relative path given here must name the same file there.
    articles = [a if is_url(a) else Path(a).absolute() for a in articles]
    workers = workers or default_workers(len(articles) * len(notebooks))
    finished = []
    zygote = start_zygote()  # its imports run on another core while articles are analysed
    with (
        contextlib.closing(zygote) if zygote else contextlib.nullcontext(),
        tqdm(total=len(articles) * len(notebooks), disable=not progress, unit="notebook") as bar,
        ThreadPoolExecutor(max_workers=workers) as pool,
        ThreadPoolExecutor(max_workers=1) as finisher,
    ):
        for source in articles:
            job = (source, notebooks, output_dir, html)
            finished.append(_start_article(job, pool, finisher, zygote, bar))
        return [future.result() for future in finished]


def _start_article(job: tuple, pool, finisher, zygote, bar):
    """Analyse one article and queue its notebooks; the future of its :class:`ArticleRun`.

    Its notebook jobs are submitted first, so a free worker starts its kernel during the
    analysis; they start once the article is analysed and its output folder locked.
    """
    from concurrent.futures import Future

    source, notebooks, output_dir, html = job
    analysed: Future = Future()
    jobs = [
        pool.submit(_run_next, analysed, source, zygote, output_dir, html, bar)
        for _ in notebooks
    ]
    try:
        loaded = analyse_once(source)
    except BaseException as error:
        analysed.set_exception(error)  # the waiting workers stop their kernels
        raise
    folder = None if isinstance(loaded, str) else output_dir / loaded.slug
    lock = lock_output(folder) if folder else None
    analysed.set_result((loaded, deque(start_order(notebooks, folder) if folder else [])))
    return finisher.submit(_finish, output_dir, html, notebooks, source, loaded, jobs, lock)


def lock_output(folder: Path):
    """Hold the lock file of an article's output folder (wait while another run holds it).

    Two ``run``s of one article at once would write the same notebooks, and one would
    read the other's half-written file; the second waits for the first instead. Each
    article's lock is let go as soon as its own notebooks and index are written, so
    two runs taking articles in opposite orders never wait on each other for ever.

    Returns:
        The open lock file (closing it lets the lock go).
    """
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    handle = open(folder / LOCK_NAME, "a")  # noqa: SIM115 - held until the article is done
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"waiting: another run is writing {folder}", file=sys.stderr, flush=True)
        fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def _run_next(analysed, source, zygote, output_dir, html, bar) -> NotebookRun | None:
    """Run the next notebook of an article, once it is analysed; ``None`` if it failed to load.

    A worker free before the analysis is done starts its kernel meanwhile.
    """
    failed = analysed.done() and isinstance(analysed.result()[0], str)
    kernel = None if failed else _kernel_or_none(zygote)
    try:
        loaded, queue = analysed.result()
        if isinstance(loaded, str):
            return None
        notebook = queue.popleft()
        return run_notebook(notebook, source, loaded.slug, output_dir, html, kernel=kernel)
    finally:
        if kernel is not None:
            kernel.stop()  # already stopped when its notebook ran
        bar.update(1)


def _kernel_or_none(zygote):
    """A started kernel, or ``None`` if it fails (:func:`run_notebook` then reports why)."""
    try:
        return start_kernel(zygote)
    except Exception:
        return None


def start_order(notebooks: list[Path], folder: Path) -> list[Path]:
    """The notebooks in the order to start them: longest first, by their last run.

    With more notebooks than workers, the one that takes longest should not start last
    and then run alone while the other cores idle (the comparison notebook, which
    analyses every seed article, took twice as long as the others and came sixth).
    How long each took is read from its executed copy in ``folder`` (papermill records
    it); notebooks never run there keep their place, ahead of those that have.

    Args:
        notebooks: The notebooks, in their own order.
        folder: Where their executed copies from an earlier run are (``output/<slug>/``).
    """
    last = {notebook: last_duration(folder / notebook.name) for notebook in notebooks}
    return sorted(notebooks, key=lambda nb: -(last[nb] if last[nb] is not None else math.inf))


def last_duration(executed: Path) -> float | None:
    """Seconds the executed notebook took, from papermill's metadata (``None`` if unknown)."""
    import json

    try:
        metadata = json.loads(executed.read_text(encoding="utf-8"))["metadata"]["papermill"]
        return float(metadata["duration"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def analyse_once(source: Path):
    """Load, parse and analyse an article once, storing it in the on-disk cache.

    Returns:
        The :class:`~analysis.article.Article`, or the error message when it
        cannot be loaded.
    """
    import warnings

    from analysis import disk_cache
    from analysis.article import load_article
    from analysis.corpus import article_row
    from analysis.errors import ArticleError
    from analysis.report import build_report

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the notebooks show the article's warnings
            article = load_article(source, save=False)  # saved once, with its results
            build_report(article)
            article_row(article)
    except ArticleError as error:
        return str(error)
    disk_cache.save_article(article)
    return article


def _finish(output_dir, html, notebooks, source, loaded, jobs, lock=None) -> ArticleRun:
    """An article's result once its notebooks are done; lets its output folder's lock go."""
    with lock if lock is not None else contextlib.nullcontext():
        return _collect(output_dir, html, notebooks, source, loaded, jobs)


def _collect(output_dir, html, notebooks, source, loaded, jobs) -> ArticleRun:
    if isinstance(loaded, str):
        for job in jobs:
            job.result()  # nothing ran; wait for the workers
        return ArticleRun(source, None, loaded, [NotebookRun(str(source), "-", None, 0.0, loaded)])
    names = [notebook.name for notebook in notebooks]
    runs = sorted((job.result() for job in jobs), key=lambda run: names.index(run.notebook))
    index = None
    if html:
        from analysis.html_report import write_index

        index = write_index(loaded, runs, output_dir / loaded.slug)
    return ArticleRun(source, loaded.slug, None, runs, index)
