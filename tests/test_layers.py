"""The package's imports keep to the README's layers, and no modules import each other in a circle.

The layer order is read from one place, the README's Layout section: in its tree, the
direct entries of ``analysis/`` (``name.py`` or ``name/``) are grouped by the ``# …``
comment lines between them, top to bottom, and entries before the first comment are
the top layer. "A module imports only from layers above it": a module may import from
its own layer or one above, never from one below.

Every import of every module in ``analysis/`` is read with :mod:`ast`, those inside
functions too (a lazy import is an import all the same). A module inside a package
(``analysis/entities/names.py``) belongs to its package's layer, and imports within one
package are allowed; circles are looked for between the direct entries of ``analysis/``
(modules and packages), so a package that imports a module that imports the package
back is a circle. A name imported from the root package (``from analysis import
load_article``) counts as an import of the module the root re-exports it from.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from analysis.paths import PROJECT_DIR

PACKAGE = PROJECT_DIR / "analysis"
README = PROJECT_DIR / "README.md"


def readme_layers(text: str) -> list[list[str]]:
    """The layers of the README's Layout tree, top first: the names of ``analysis/``'s entries."""
    section = text.split("\n## Layout", 1)[1].split("\n## ", 1)[0]
    tree = section.split("```", 2)[1]
    layers: list[list[str]] = [[]]
    inside = False
    for line in tree.splitlines():
        if line.startswith("analysis/"):
            inside = True
            continue
        if inside and line and not line.startswith(" "):
            break  # the next top-level folder (notebooks/, ...)
        match = re.match(r"  (\S+)", line) if inside else None
        if not match:
            continue
        entry = match.group(1)
        if entry == "#":
            if layers[-1]:
                layers.append([])
        elif entry.endswith(".py") or (entry.endswith("/") and (PACKAGE / entry).is_dir()):
            name = entry.removesuffix(".py").removesuffix("/")
            if (PACKAGE / entry).is_dir() and not (PACKAGE / name / "__init__.py").exists():
                continue  # a data folder (data/), no code
            layers[-1].append(name)
    return [layer for layer in layers if layer]


def unit_of(module: str) -> str:
    """The direct entry of ``analysis/`` a dotted module belongs to (``analysis.a.b`` -> ``a``)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def module_name(path: Path) -> str:
    relative = path.relative_to(PROJECT_DIR).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(dotted: str) -> bool:
    path = PROJECT_DIR.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def root_exports() -> dict[str, str]:
    """Name -> module, for each name ``analysis/__init__.py`` imports from a module of its own."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    exports = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("analysis."):
            for alias in node.names:
                exports[alias.asname or alias.name] = node.module
    return exports


def imports_of(path: Path, exports: dict[str, str]) -> set[str]:
    """Every ``analysis`` module that the module at ``path`` imports, anywhere in it."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package, exports)


def imports_in(source: str, package: str, exports: dict[str, str]) -> set[str]:
    """Every ``analysis`` module a module's source imports; ``package`` resolves ``from .``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                target = f"{base}.{alias.name}"
                if is_module(target):
                    found.add(target)
                elif base == "analysis" and alias.name in exports:
                    found.add(exports[alias.name])
                else:
                    found.add(base)
    return {module for module in found if module.startswith("analysis.")}


def import_graph() -> dict[str, set[str]]:
    """Direct entry of ``analysis/`` -> the other entries it imports (the root left out)."""
    exports = root_exports()
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        unit = unit_of(module_name(path))
        if not unit:
            continue  # analysis/__init__.py: its names are followed through root_exports
        targets = {unit_of(module) for module in imports_of(path, exports)}
        graph.setdefault(unit, set()).update(targets - {unit, ""})
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more entries (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def layer_violations(graph: dict[str, set[str]], layers: list[list[str]]) -> list[str]:
    """Each import of an entry in a layer below the importer's, as ``a (layer) -> b (layer)``."""
    level = {name: number for number, layer in enumerate(layers) for name in layer}
    return [
        f"{unit} (layer {level[unit] + 1}) imports {target} (layer {level[target] + 1})"
        for unit, targets in sorted(graph.items())
        for target in sorted(targets)
        if unit in level and target in level and level[target] > level[unit]
    ]


@pytest.fixture(scope="module")
def layers() -> list[list[str]]:
    return readme_layers(README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph()


def test_readme_layout_places_every_module_in_one_layer(layers, graph):
    listed = [name for layer in layers for name in layer]
    assert len(layers) >= 5, layers
    assert len(listed) == len(set(listed)), "an entry listed twice in the README's Layout"
    unlisted = sorted(set(graph) - set(listed))
    assert not unlisted, f"modules missing from the README's Layout: {unlisted}"
    gone = sorted(set(listed) - set(graph))
    assert not gone, f"the README's Layout lists modules that do not exist: {gone}"


def test_no_import_circles(graph):
    found = circles(graph)
    assert not found, "import circles: " + "; ".join(" <-> ".join(group) for group in found)


def test_no_import_from_a_lower_layer(graph, layers):
    found = layer_violations(graph, layers)
    assert not found, "imports against the README's layers:\n" + "\n".join(found)


# -- the reader itself ----------------------------------------------------------------


def test_layers_read_from_a_layout_tree():
    text = """
## Layout

```
analysis/            the package
  paths.py           folders
  # load
  article.py         articles
  plotting/          charts
  data/              data files
notebooks/           notebooks
```

## Next
"""
    assert readme_layers(text) == [["paths"], ["article", "plotting"]]


def test_imports_inside_functions_and_relative_imports_are_found():
    source = (
        "import json\n"
        "from .vocabulary import stop_words\n"
        "def later():\n"
        "    from analysis import load_article, tokens\n"
        "    import analysis.cache\n"
        "    from ..plotting import save_figure\n"
    )
    found = imports_in(source, "analysis.entities", {"load_article": "analysis.article"})
    assert found == {"analysis.entities.vocabulary", "analysis.article", "analysis.tokens",
                     "analysis.cache", "analysis.plotting"}


def test_circles_and_violations_are_named():
    graph = {"a": {"b"}, "b": {"a", "c"}, "c": set()}
    assert circles(graph) == [["a", "b"]]
    assert layer_violations(graph, [["a"], ["b", "c"]]) == [
        "a (layer 1) imports b (layer 2)",
    ]


# Issue 21: files a maintainer can read top-down. Plotting modules may be longer (one per
# analysis, a chart a function), but no function anywhere is.
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def test_modules_and_functions_stay_small():
    package = Path(__file__).resolve().parent.parent / "analysis"
    too_long = []
    for path in sorted(package.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(package).as_posix()
        if not name.startswith("plotting/") and len(source.splitlines()) > MAX_MODULE_LINES:
            too_long.append(f"{name}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{name}: {node.name}() {length} lines")
    assert not too_long, "; ".join(too_long)
