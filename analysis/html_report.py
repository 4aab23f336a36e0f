"""A browsable record of a run: each executed notebook as standalone HTML, and an index.

``python -m analysis run`` writes, in ``output/<slug>/``, one ``NN-name.html`` per
executed notebook (nbconvert's lab template, charts embedded, so each file opens on
its own anywhere) and an ``index.html`` with the article's title, source and headline
numbers, a link to each notebook page and the overview's charts. The index holds no
run time or date, so re-running on the same article rewrites it byte for byte.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from analysis.paths import write_atomically

INDEX_NAME = "index.html"
# The overview's charts are the ones shown on the index page.
INDEX_FIGURES = "00-*.png"

# nbconvert's lab template with the blocks that load require.js, MathJax and Mermaid
# from CDNs emptied: the notebooks use none of them, and a page that reaches for the
# internet is neither offline nor standalone.
OFFLINE_TEMPLATE = "analysis-offline.html.j2"
_OFFLINE_TEMPLATE_SOURCE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
.source { color: #555; margin-top: 0; word-break: break-all; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { text-align: left; padding: 0.3rem 0.8rem 0.3rem 0; border-bottom: 1px solid #ddd;
         vertical-align: top; }
td.meaning { color: #555; font-size: 0.9rem; }
li.failed a { color: #a00; }
.error { color: #a00; font-family: monospace; font-size: 0.85rem; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; border: 1px solid #eee; }
"""


def write_notebook_html(executed: Path) -> Path:
    """Write an executed notebook as standalone HTML beside it (``NN-name.html``).

    Returns:
        The path of the HTML file.
    """
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    notebook = nbformat.read(executed, as_version=4)
    # embed_images also inlines images that Markdown cells link to, so the page stands
    # alone; the offline template drops the lab template's scripts from CDNs.
    exporter = HTMLExporter(
        template_name="lab",
        template_file=OFFLINE_TEMPLATE,
        extra_loaders=[DictLoader({OFFLINE_TEMPLATE: _OFFLINE_TEMPLATE_SOURCE})],
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(notebook)
    target = executed.with_suffix(".html")
    _write_text(target, body)
    return target


def write_index(article, runs, folder: Path) -> Path:
    """Write ``folder/index.html``: the article, its headline numbers, links to the notebooks.

    Args:
        article: The loaded :class:`~analysis.article.Article`.
        runs: Its :class:`~analysis.runner.NotebookRun` results, in notebook order.
        folder: The article's output folder (``output/<slug>/``).

    Returns:
        The path of the index page.
    """
    folder.mkdir(parents=True, exist_ok=True)
    page = index_html(article, runs, folder)
    target = folder / INDEX_NAME
    _write_text(target, page)
    return target


def index_html(article, runs, folder: Path) -> str:
    """The index page of one article's run, as an HTML string."""
    title = html.escape(article.title)
    source = html.escape(str(article.source) if article.source else "<text>")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f'<p class="source">Source: {source} · slug <code>{html.escape(article.slug)}</code> · '
        f"{article.n_words:,} words, {article.n_sentences} sentences</p>",
        "<h2>Notebooks</h2>",
        _notebook_list(runs, folder),
        "<h2>Headline numbers</h2>",
        _headline_table(article),
        _figures(article, folder),
        "</body></html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def _notebook_list(runs, folder: Path) -> str:
    items = []
    for run in runs:
        page = folder / Path(run.notebook).with_suffix(".html").name
        name = html.escape(Path(run.notebook).stem)
        link = f'<a href="{html.escape(page.name)}">{name}</a>' if page.exists() else name
        if run.ok:
            items.append(f"<li>{link}</li>")
        else:
            items.append(
                f'<li class="failed">{link} — failed: '
                f'<span class="error">{html.escape(run.error or "")}</span></li>'
            )
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


def _headline_table(article) -> str:
    from analysis.overview import profile

    table = profile(article)
    rows = ["<table>", "<tr><th>measure</th><th>value</th><th>typical BBC news</th>"]
    for _, row in table.iterrows():
        typical = row.get("typical_bbc_news")
        rows.append(
            "<tr>"
            f"<td>{html.escape(str(row['metric']))}</td>"
            f"<td>{html.escape(str(row['value']))}</td>"
            f"<td>{html.escape(str(typical)) if isinstance(typical, str) else ''}</td>"
            "</tr>"
            f'<tr><td></td><td class="meaning" colspan="2">'
            f"{html.escape(str(row['meaning']))}</td></tr>"
        )
    rows.append("</table>")
    return "\n".join(rows)


def _figures(article, folder: Path) -> str:
    from analysis.paths import figures_dir

    figures = sorted((figures_dir() / article.slug).glob(INDEX_FIGURES))
    if not figures:
        return ""
    parts = ["<h2>Overview charts</h2>"]
    for figure in figures:
        relative = Path(os.path.relpath(figure, folder)).as_posix()
        name = html.escape(figure.stem)
        parts.append(
            f'<figure><img src="{html.escape(relative)}" alt="{name}">'
            f"<figcaption>{name}</figcaption></figure>"
        )
    return "\n".join(parts)


def _write_text(target: Path, text: str) -> None:
    """Write through a temporary file, so a reader never sees half a page."""
    write_atomically(target, text)
