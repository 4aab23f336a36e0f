"""Many articles -> one tidy table: one row per article, every headline metric a column.

Articles are parsed in batches with ``nlp.pipe``; ``workers=2`` splits the list
over two processes (each loads the model once); ``scheduler="dask"`` runs the same
work on a ``dask.distributed`` cluster for corpora larger than one machine. A file
that cannot be read fills the ``error`` column of its row and never stops the run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from analysis.analyses import ANALYSES
from analysis.errors import ArticleError

# Columns every row has, before the analyses' own headline metrics.
BASE_COLUMNS = [
    "source",
    "slug",
    "title",
    "format",
    "encoding",
    "language",
    "n_paragraphs",
    "n_sentences",
    "n_words",
    "n_removed_lines",
    "error",
]
# Articles handed to one worker task at a time: big enough for nlp.pipe batching,
# small enough that the progress bar moves and the work spreads evenly.
SHARD_SIZE = 25
# Articles that keep one worker process busy long enough to repay its start-up: on the
# idle 2-core machine two processes tie with one at 20 BBC articles and win from 40 on
# (benchmarks/corpus_startup.py, benchmarks/RESULTS.md).
ARTICLES_PER_WORKER = 20


def article_row(article) -> dict:
    """The headline numbers of one loaded article, from every analysis module."""
    from analysis.cache import cached

    # The metrics are kept with the article's other results (and so in the on-disk cache);
    # the article's own fields are filled in fresh, since its path may differ.
    metrics = cached(article, ("corpus", "headline_metrics"), _headline_metrics)
    return {**_article_columns(article), **metrics}


def _headline_metrics(article) -> dict:
    metrics: dict = {}
    for module in ANALYSES.values():
        metrics.update(module.headline_metrics(article))
    return metrics


def _article_columns(article) -> dict:
    return {
        "source": str(article.source) if article.source else "<text>",
        "slug": article.slug,
        "title": article.title,
        "format": article.format,
        "encoding": article.encoding,
        "language": article.language,
        "n_paragraphs": article.n_paragraphs,
        "n_sentences": article.n_sentences,
        "n_words": article.n_words,
        "n_removed_lines": len(article.removed_lines),
        "error": None,
    }


def error_row(source, error: Exception) -> dict:
    """The row of a source that could not be analysed: only ``source`` and ``error`` set."""
    row = dict.fromkeys(BASE_COLUMNS)
    row["source"] = str(source)
    row["error"] = str(error) if isinstance(error, ArticleError) else f"{source}: {error!r}"
    return row


def analyze_shard(sources: Sequence, batch_size: int = 16) -> list[dict]:
    """Rows for a list of sources, in order; runs in a worker process or a Dask task."""
    import warnings

    from analysis import disk_cache
    from analysis.article import load_articles

    rows = []
    with warnings.catch_warnings():
        # Non-English articles are kept; their language is in the `language` column.
        warnings.simplefilter("ignore")
        loaded_articles = load_articles(sources, batch_size=batch_size, save=False)
        for source, loaded in zip(sources, loaded_articles, strict=True):
            if isinstance(loaded, Exception):
                rows.append(error_row(source, loaded))
                continue
            try:
                rows.append(article_row(loaded))
            except Exception as error:  # one bad article must not abort a corpus run
                rows.append(error_row(source, error))
                continue
            disk_cache.save_article(loaded)
    return rows


def analyze_many(
    sources: Iterable[str | Path],
    *,
    workers: int | None = None,
    scheduler: str = "local",
    client=None,
    batch_size: int = 16,
    progress: bool = True,
) -> pd.DataFrame:
    """Analyse many articles into one DataFrame, one row per source, in input order.

    Args:
        sources: Paths (or texts) of articles.
        workers: Processes to use with the local scheduler (``0`` = all cores; default
            :func:`default_workers`, one process unless the corpus is large).
        scheduler: ``"local"`` (processes on this machine) or ``"dask"``.
        client: A ``dask.distributed.Client`` for ``scheduler="dask"``; without one a
            ``LocalCluster`` with ``workers`` processes is started and closed.
        batch_size: Texts per ``nlp.pipe`` batch.
        progress: Show a tqdm progress bar.

    Returns:
        Columns :data:`BASE_COLUMNS` then each analysis' headline metrics; a row
        whose ``error`` is set holds the problem and no metrics.
    """
    sources = [str(s) if isinstance(s, Path) else s for s in sources]
    if workers is None:
        workers = default_workers(len(sources))
    workers = workers or os.cpu_count() or 1
    shards = [sources[i : i + SHARD_SIZE] for i in range(0, len(sources), SHARD_SIZE)]
    if scheduler == "dask":
        shard_rows = _run_dask(shards, client, workers, batch_size, progress)
    elif scheduler == "local":
        shard_rows = _run_local(shards, workers, batch_size, progress, len(sources))
    else:
        raise ValueError(f"scheduler must be 'local' or 'dask', not {scheduler!r}")
    rows = [row for chunk in shard_rows for row in chunk]
    return _as_table(rows)


def default_workers(n_articles: int) -> int:
    """Processes worth starting for a corpus: one per :data:`ARTICLES_PER_WORKER` articles.

    Each extra process pays its own start-up (Python, imports, the model: about 2.5 s
    on an idle 2-core machine) before it parses anything, so small jobs run as fast or
    faster in one process; benchmarks/RESULTS.md has where two processes start to pay.
    """
    return max(1, min(os.cpu_count() or 1, n_articles // ARTICLES_PER_WORKER))


def _as_table(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(rows)
    ordered = [c for c in BASE_COLUMNS if c in table] + [c for c in table if c not in BASE_COLUMNS]
    return table.reindex(columns=ordered)


def _progress_bar(total: int, enabled: bool, unit: str = "article"):
    from tqdm.auto import tqdm

    return tqdm(total=total, disable=not enabled, unit=unit, desc="analysing")


def _run_local(shards, workers, batch_size, progress, total) -> list[list[dict]]:
    results: list[list[dict]] = []
    with _progress_bar(total, progress) as bar:
        if workers == 1 or len(shards) <= 1:
            for shard in shards:
                results.append(analyze_shard(shard, batch_size))
                bar.update(len(shard))
            return results
        with process_pool(workers) as pool:
            futures = [pool.submit(analyze_shard, shard, batch_size) for shard in shards]
            for shard, future in zip(shards, futures, strict=True):
                results.append(future.result())
                bar.update(len(shard))
    return results


# How often a worker checks that the process that started it is still alive (seconds).
PARENT_CHECK_SECONDS = 1.0


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` fresh processes that exit when the process that made them dies.

    "spawn" keeps workers clean of the parent's threads (tqdm, Jupyter). A worker whose
    parent is killed (a kernel restarted mid-run, ``kill`` on the command) would
    otherwise wait for work forever, holding its model in memory (about 400 MB).
    """
    import multiprocessing

    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_exit_with_parent,
        initargs=(os.getpid(),),
    )


def _exit_with_parent(parent_pid: int) -> None:
    """Start a daemon thread that ends this worker once ``parent_pid`` is no longer its parent."""
    import threading

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _run_dask(shards, client, workers, batch_size, progress) -> list[list[dict]]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as error:  # the optional extra is missing
        raise RuntimeError(
            "scheduler='dask' needs dask.distributed: pip install 'dask[distributed]'"
        ) from error
    own_cluster = None
    if client is None:
        own_cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(own_cluster)
    try:
        futures = client.map(analyze_shard, shards, batch_size=batch_size, pure=False)
        results = []
        with _progress_bar(sum(map(len, shards)), progress) as bar:
            for shard, future in zip(shards, futures, strict=True):
                results.append(future.result())
                bar.update(len(shard))
        return results
    finally:
        if own_cluster is not None:
            client.close()
            own_cluster.close()
