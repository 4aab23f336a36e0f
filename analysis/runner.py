"""Execute the notebook series on articles with papermill (the README's main job).

Each notebook gets the article injected into its ``parameters`` cell, is
executed in the project's kernel, and is saved executed under
``output/<article-slug>/``; its figures land in ``figures/<article-slug>/``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from analysis.paths import NOTEBOOKS_DIR, OUTPUT_DIR

KERNEL_NAME = "python3"
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


def run_notebook(notebook: Path, article_path: Path, slug: str, output_dir: Path) -> NotebookRun:
    """Execute one notebook on one article; failures are returned, not raised."""
    import papermill

    target = output_dir / slug / notebook.name
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(notebook),
            str(target),
            parameters={"ARTICLE": str(article_path)},
            kernel_name=KERNEL_NAME,
            cwd=str(NOTEBOOKS_DIR),
            progress_bar=False,
            extra_arguments=KERNEL_ARGUMENTS,
        )
    except Exception as error:  # papermill raises PapermillExecutionError and others
        return NotebookRun(
            str(article_path),
            notebook.name,
            target,
            time.perf_counter() - started,
            describe_failure(notebook, error),
        )
    return NotebookRun(str(article_path), notebook.name, target, time.perf_counter() - started)


def run_series(
    articles: list[Path],
    notebooks: list[Path],
    output_dir: Path = OUTPUT_DIR,
    progress: bool = True,
) -> list[NotebookRun]:
    """Run every notebook on every article; one failure never stops the rest.

    An article that cannot be loaded is reported once (as notebook ``"-"``) and
    its notebooks are skipped.
    """
    from tqdm.auto import tqdm

    from analysis.article import load_article
    from analysis.errors import ArticleError

    runs: list[NotebookRun] = []
    with tqdm(total=len(articles) * len(notebooks), disable=not progress, unit="notebook") as bar:
        for article_path in articles:
            try:
                slug = load_article(article_path).slug
            except ArticleError as error:
                runs.append(NotebookRun(str(article_path), "-", None, 0.0, str(error)))
                bar.update(len(notebooks))
                continue
            for notebook in notebooks:
                bar.set_description(f"{slug[:24]} · {notebook.stem}")
                runs.append(run_notebook(notebook, article_path, slug, output_dir))
                bar.update(1)
    return runs
