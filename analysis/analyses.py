"""The one list of analyses: what the report, the corpus table and the overview read.

Each module in :data:`ANALYSES` has ``report_section(article)`` (its section of the
JSON report, under the same name) and ``headline_metrics(article) -> dict`` (its
columns of a corpus table and its lines of the overview). Adding an analysis means
adding it here.
"""

from __future__ import annotations

from analysis import attributions, entities, frequencies, readability, repetition

ANALYSES = {
    "readability": readability,
    "frequencies": frequencies,
    "repetition": repetition,
    "entities": entities,
    "attributions": attributions,
}
