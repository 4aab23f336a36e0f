"""Charts of the entity analysis: counts by type, dispersion, co-occurrence network.

Each function takes a table from :mod:`analysis.entities` and returns a
matplotlib ``Figure``; nothing here computes beyond layout.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from analysis.plotting import COLORS, PALETTE, new_figure

# One colour per entity type, the same in every chart.
TYPE_COLORS = {
    "PERSON": PALETTE[0],
    "GPE": PALETTE[1],
    "ORG": PALETTE[2],
    "NORP": PALETTE[3],
    "LOC": PALETTE[4],
    "FAC": PALETTE[5],
}
OTHER_COLOR = COLORS["muted"]
TYPE_NAMES = {
    "PERSON": "person",
    "GPE": "country, city, state",
    "ORG": "organisation",
    "NORP": "group, nationality, ideology",
    "LOC": "other place",
    "FAC": "building, facility",
}
# Fixed seed for the network layout, so the same article always draws the same picture.
LAYOUT_SEED = 7


def type_color(entity_type: str) -> str:
    """The colour of an entity type (grey for the rarer types)."""
    return TYPE_COLORS.get(entity_type, OTHER_COLOR)


def _type_label(entity_type: str) -> str:
    name = TYPE_NAMES.get(entity_type)
    return f"{entity_type} ({name})" if name else entity_type


def plot_entity_counts(counts: pd.DataFrame, *, top_n: int = 15, title: str | None = None):
    """Horizontal bars of the most mentioned entities, coloured by type.

    Noun mentions are solid; adjectival mentions ("Russian") are a hatched
    extension of the same bar, so the two counts stay apart.

    Args:
        counts: :func:`analysis.entities.entity_counts`.
        top_n: How many entities to show.
        title: Chart title.
    """
    top = counts.head(top_n).iloc[::-1]
    fig, ax = new_figure(8.0, max(2.5, 0.34 * len(top) + 1.4))
    if top.empty:
        ax.text(0.5, 0.5, "No named entities found", ha="center", va="center")
        ax.set_axis_off()
        return fig
    colors = [type_color(t) for t in top["type"]]
    ax.barh(top["name"], top["mentions"], color=colors)
    ax.barh(
        top["name"],
        top["adjectival"],
        left=top["mentions"],
        color="white",
        edgecolor=colors,
        hatch="///",
        linewidth=0.8,
    )
    for y, (n, adj) in enumerate(zip(top["mentions"], top["adjectival"], strict=True)):
        label = f"{n}" + (f" + {adj} adj." if adj else "")
        ax.text(n + adj + 0.2, y, label, va="center", fontsize=9)
    ax.set_xlabel("mentions (solid: by name; hatched: adjectival, e.g. “Russian”)")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlim(0, (top["mentions"] + top["adjectival"]).max() * 1.18 + 1)
    handles = [
        Patch(color=type_color(t), label=_type_label(t))
        for t in dict.fromkeys(counts.head(top_n)["type"])
    ]
    ax.legend(handles=handles, loc="lower right", fontsize=8, title="type", title_fontsize=8)
    ax.set_title(title or "Who and what the article names most")
    return fig


def plot_dispersion(dispersion: pd.DataFrame, n_sentences: int, *, title: str | None = None):
    """A dispersion ("barcode") chart: one row per entity, a tick per mention.

    Args:
        dispersion: :func:`analysis.entities.dispersion`.
        n_sentences: Number of sentences in the article (the x axis runs 1..n).
        title: Chart title.
    """
    entities = list(dict.fromkeys(dispersion.sort_values("rank")["entity"]))
    fig, ax = new_figure(8.0, max(2.5, 0.38 * len(entities) + 1.4))
    if not entities:
        ax.text(0.5, 0.5, "No named entities found", ha="center", va="center")
        ax.set_axis_off()
        return fig
    row = {name: i for i, name in enumerate(reversed(entities))}
    for adjectival, marker_color, label in (
        (False, COLORS["main"], "by name"),
        (True, COLORS["accent"], "adjectival"),
    ):
        part = dispersion[dispersion["adjectival"] == adjectival]
        if part.empty:
            continue
        ax.scatter(
            part["sentence_id"],
            part["entity"].map(row),
            marker="|",
            s=260,
            linewidths=2.2,
            color=marker_color,
            label=label,
        )
    ax.set_yticks(range(len(entities)), list(reversed(entities)))
    ax.set_ylim(-0.6, len(entities) - 0.4)
    ax.set_xlim(0.5, max(n_sentences, 1) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("sentence number (reading order)")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8)
    ax.set_title(title or "Where the most mentioned entities appear")
    return fig


def _entity_graph(top: pd.DataFrame, pairs: pd.DataFrame):
    """The top entities as nodes (size: mentions, type) and their shared sentences as edges."""
    import networkx as nx

    graph = nx.Graph()
    for row in top.itertuples(index=False):
        graph.add_node(row.name, size=row.mentions + row.adjectival, type=row.type)
    kept = pairs[pairs["source"].isin(graph) & pairs["target"].isin(graph)]
    for row in kept.itertuples(index=False):
        graph.add_edge(row.source, row.target, weight=row.n_sentences)
    return graph


def _label_nodes(ax, graph, position: dict) -> None:
    """Each node's name above it, on a white box so edges do not cross the letters."""
    for name, (x, y) in position.items():
        ax.annotate(
            name,
            (x, y),
            xytext=(0, 9 + 0.5 * graph.nodes[name]["size"] ** 0.5 * 4),
            textcoords="offset points",
            ha="center",
            fontsize=8.5,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
        )


def plot_cooccurrence_network(
    counts: pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    top_n: int = 12,
    title: str | None = None,
):
    """A network of the top entities: an edge where two share a sentence.

    Node area follows mentions (by name plus adjectival), node colour the type,
    edge width the number of shared sentences (pairs sharing one sentence are
    drawn lighter). The spring layout uses a fixed
    seed, so re-running gives the same picture.

    Args:
        counts: :func:`analysis.entities.entity_counts`.
        pairs: :func:`analysis.entities.cooccurrence`.
        top_n: How many entities (in ``counts`` order) to draw.
        title: Chart title.
    """
    import networkx as nx

    top = counts.head(top_n)
    fig, ax = new_figure(8.0, 6.0)
    ax.set_axis_off()
    ax.set_title(title or "Which entities are mentioned in the same sentence")
    if top.empty:
        ax.text(0.5, 0.5, "No named entities found", ha="center", va="center")
        return fig
    graph = _entity_graph(top, pairs)
    position = nx.spring_layout(graph, seed=LAYOUT_SEED, weight="weight", k=1.6 / len(graph) ** 0.5)
    weights = [graph.edges[e]["weight"] for e in graph.edges]
    nx.draw_networkx_edges(
        graph,
        position,
        ax=ax,
        width=[0.6 + 1.4 * w for w in weights],
        edge_color=["#999999" if w > 1 else "#D0D0D0" for w in weights],
    )
    sizes = [120 + 60 * graph.nodes[n]["size"] for n in graph.nodes]
    colors = [type_color(graph.nodes[n]["type"]) for n in graph.nodes]
    nx.draw_networkx_nodes(graph, position, ax=ax, node_size=sizes, node_color=colors, alpha=0.85)
    _label_nodes(ax, graph, position)
    handles = [
        ax.scatter([], [], color=type_color(t), label=_type_label(t), s=60)
        for t in dict.fromkeys(top["type"])
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8, title="type", title_fontsize=8)
    ax.margins(0.12)
    return fig
