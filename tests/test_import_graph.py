"""The import graph of commitlogic has no cycle: every import points one way.

Read statically: every ``import`` and ``from ... import`` anywhere in a
module (at the top, inside functions, under ``if TYPE_CHECKING:``) that
names a module of commitlogic is an edge.  Importing ``a.b.c`` also runs
the ``__init__`` of the package ``a.b``, so that is an edge too (except to
the root package and to the importer's own packages, which are already
being imported when it runs).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "commitlogic"


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)
    edges = set()
    own = {".".join(name.split(".")[:k]) for k in range(1, name.count(".") + 2)}
    for target in targets:
        if target not in modules:
            continue
        parts = target.split(".")
        for k in range(2, len(parts) + 1):
            step = ".".join(parts[:k])
            if step in modules and step not in own:
                edges.add(step)
    edges.discard(name)
    return edges


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_has_no_cycle() -> None:
    modules = _modules()
    graph = {name: _imports(path, name, modules) for name, path in modules.items()}
    assert sum(len(edges) for edges in graph.values()) > 100  # the reader sees the imports
    assert _cycles(graph) == []


def test_the_reader_finds_a_cycle_through_a_function_level_import() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_the_layers_point_down() -> None:
    """No module below the reasoner imports it, or anything above it."""
    modules = _modules()
    above = ("commitlogic.analysis", "commitlogic.cli", "commitlogic.casebook")
    for name, path in modules.items():
        edges = _imports(path, name, modules)
        if name.startswith(("commitlogic.model", "commitlogic.io", "commitlogic.forecasting")):
            assert "commitlogic.reasoning.reasoner" not in edges, name
            assert not any(edge.startswith(above) for edge in edges), name
        if name in ("commitlogic.reasoning.results", "commitlogic.reasoning.tables"):
            assert not any(edge.startswith("commitlogic.forecasting") for edge in edges), name
