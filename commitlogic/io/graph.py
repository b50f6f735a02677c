"""The dependency graph of a scenario: who conditioned what on whom, in Graphviz DOT.

Nodes are the actors (ellipses), the events (boxes, joined by dotted lines
to the actors invited to them) and the free propositions that conditional
statements mention (notes).  Each conditional statement (``if``,
``only_if``, and ``might`` with a condition) draws an edge from each node
its condition is about to each node its subject is about, labelled with the
statement's id and kind: an ``attends``/``absent`` atom is about its actor,
any other atom about itself.  ``might`` edges are dashed, since a "might"
never restricts outcomes.

The DOT text is written here, every label escaped; pictures (SVG, PNG) come
from Graphviz's ``dot`` program, where it is installed.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Literal

from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Atom, Formula
from commitlogic.model.scenario import Kind, Scenario, Statement

__all__ = ["FORMATS", "GraphFormat", "dot_source", "render"]

#: The output formats of :func:`render`.
GraphFormat = Literal["dot", "svg", "png"]
FORMATS: tuple[GraphFormat, ...] = ("dot", "svg", "png")


def _quote(text: str) -> str:
    """Return ``text`` as a DOT quoted string that displays as written."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{escaped}"'


def _attributes(**values: str) -> str:
    return ", ".join(f"{key}={_quote(value)}" for key, value in values.items())


def _node_of(atom: Atom) -> str:
    """Return the node an atom is about: its actor for attendance, else the atom itself."""
    if atom.name == "attends":
        return f"actor:{atom.args[0]}"
    return f"atom:{atom}"


def _nodes_of(formula: Formula) -> list[str]:
    return list(dict.fromkeys(_node_of(atom) for atom in formula.atoms()))


def _conditional(statement: Statement) -> bool:
    return statement.condition is not None and statement.kind in (Kind.IF, Kind.ONLY_IF, Kind.MIGHT)


def dot_source(scenario: Scenario) -> str:
    """Return the dependency graph of ``scenario`` as Graphviz DOT text.

    Every id, name and label is a quoted, escaped DOT string, so any text in
    the scenario is displayed as written and never read as DOT.
    """
    title = _attributes(label=scenario.name, labelloc="t", rankdir="LR", fontname="Helvetica")
    lines = [
        "digraph commitlogic {",
        f"  graph [{title}];",
        f"  node [{_attributes(fontname='Helvetica', fontsize='11')}];",
        f"  edge [{_attributes(fontname='Helvetica', fontsize='9')}];",
    ]
    for actor in scenario.actors:
        label = actor.id if actor.name is None else f"{actor.name}\n({actor.id})"
        lines.append(f"  {_quote('actor:' + actor.id)} [{_attributes(label=label)}];")
    for event in scenario.events:
        label = event.id if event.place is None else f"{event.id}\n{event.place}"
        lines.append(f"  {_quote('event:' + event.id)} [{_attributes(label=label, shape='box')}];")
    conditional = [s for s in scenario.statements if _conditional(s)]
    atoms: dict[str, str] = {}
    for statement in conditional:
        for _field, formula in statement.formulas():
            for atom in formula.atoms():
                node = _node_of(atom)
                if node.startswith("atom:"):
                    atoms.setdefault(node, str(atom))
    for node, label in atoms.items():
        lines.append(f"  {_quote(node)} [{_attributes(label=label, shape='note')}];")
    for guest, meeting in scenario.invitations():
        ends = f"{_quote('actor:' + guest)} -> {_quote('event:' + meeting)}"
        style = _attributes(style="dotted", dir="none", color="gray50")
        lines.append(f"  {ends} [{style}];")
    for statement in conditional:
        assert statement.condition is not None
        label = f"{statement.id}\n({statement.kind.value})"
        dashed = {"style": "dashed"} if statement.kind is Kind.MIGHT else {}
        for source in _nodes_of(statement.condition):
            for target in _nodes_of(statement.subject):
                attributes = _attributes(label=label, **dashed)
                lines.append(f"  {_quote(source)} -> {_quote(target)} [{attributes}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(source: str, format: GraphFormat, *, timeout: float | None = None) -> bytes:
    """Return DOT ``source`` in ``format``: the text itself, or a picture drawn by ``dot``.

    ``timeout``: the seconds ``dot`` may take (default: as long as it needs).

    Raises
    ------
    ScenarioError
        When ``format`` is unknown, or is a picture and Graphviz's ``dot``
        program is not installed (or fails, or takes longer than ``timeout``).
    """
    if format not in FORMATS:
        raise ScenarioError(
            f"unknown graph format {format!r} (expected one of: {', '.join(FORMATS)})",
            field="format",
        )
    if format == "dot":
        return source.encode("utf-8")
    program = shutil.which("dot")
    if program is None:
        raise ScenarioError(
            f"{format} output needs Graphviz's 'dot' program, which is not installed "
            "(install Graphviz, or write DOT with --format dot)",
            field="format",
        )
    try:
        done = subprocess.run(
            [program, f"-T{format}"],
            input=source.encode("utf-8"),
            capture_output=True,
            check=False,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise ScenarioError(
            f"Graphviz's dot took longer than {timeout:g} s", field="format"
        ) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise ScenarioError(
            f"Graphviz's dot failed: {message[0] if message else done.returncode}",
            field="format",
        )
    return done.stdout
