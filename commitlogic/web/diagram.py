"""The who-conditioned-on-whom graph of a page, as inline SVG drawn by Graphviz.

The DOT text comes from :func:`commitlogic.io.graph.dot_source` and the
picture from Graphviz's ``dot`` (:func:`commitlogic.io.graph.render`).
Before it goes into a page, the SVG is parsed and written again keeping only
drawing elements and their presentation attributes: no script, no link, no
event handler, no foreign content, whatever Graphviz wrote.  Without
Graphviz the page carries a one-line note instead.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from html import escape

import attrs

from commitlogic.io.graph import dot_source, render
from commitlogic.model.errors import ScenarioError
from commitlogic.model.scenario import Scenario

__all__ = ["MAX_EDGES", "NO_GRAPHVIZ", "TIMEOUT", "Diagram", "clean_svg", "diagram"]

_ELEMENTS = frozenset(
    {"svg", "g", "title", "text", "tspan", "path", "polygon", "polyline", "ellipse", "circle"}
    | {"rect", "line", "defs", "linearGradient", "radialGradient", "stop"}
)
_ATTRIBUTES = frozenset(
    {"viewBox", "class", "id", "transform", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r"}
    | {"rx", "ry", "d", "points", "fill", "stroke", "stroke-width", "stroke-dasharray"}
    | {"fill-opacity", "stroke-opacity", "font-family", "font-size", "font-weight"}
    | {"font-style", "text-anchor", "width", "height", "offset", "stop-color", "opacity"}
)

#: The most edges drawn in a page, and the seconds Graphviz may take: beyond, a note.
MAX_EDGES = 200
TIMEOUT = 20.0

NO_GRAPHVIZ = (
    "The graph needs Graphviz's dot program, which is not installed here "
    "(install Graphviz, or draw `commitlogic graph FILE` elsewhere)."
)


@attrs.frozen
class Diagram:
    """The graph of a page: its SVG markup (safe to inline), or the note why there is none."""

    svg: str | None
    note: str | None


def diagram(scenario: Scenario) -> Diagram:
    """Return the dependency graph of ``scenario`` as clean inline SVG, or a note.

    A note instead of a picture: without Graphviz, with more than
    :data:`MAX_EDGES` edges (Graphviz takes minutes on a few hundred, and
    nobody reads them in a page), or when ``dot`` fails or takes longer than
    :data:`TIMEOUT` seconds.
    """
    if shutil.which("dot") is None:
        return Diagram(None, NO_GRAPHVIZ)
    source = dot_source(scenario)
    edges = source.count(" -> ")
    if edges > MAX_EDGES:
        return Diagram(
            None,
            f"The graph has {edges} edges, too many to read in a page "
            "(`commitlogic graph FILE -o graph.svg` draws it).",
        )
    try:
        drawn = render(source, "svg", timeout=TIMEOUT)
    except ScenarioError as error:
        return Diagram(None, f"The graph could not be drawn: {error.reason}.")
    return Diagram(clean_svg(drawn), None)


def _local(name: str) -> str:
    """A tag or attribute name without its XML namespace."""
    return name.rsplit("}", 1)[-1]


def clean_svg(data: bytes) -> str:
    """Return SVG ``data`` as inline markup with only drawing elements and attributes.

    Elements outside a small list of drawing elements are dropped with their
    content; attributes outside a list of presentation attributes (any
    ``href``, any ``on...`` handler, ``style``) are dropped; every text and
    attribute value is escaped again.
    """
    root = ET.fromstring(data)
    out: list[str] = []

    def write(element: ET.Element) -> None:
        tag = _local(element.tag)
        if tag not in _ELEMENTS:
            return
        attributes = {
            _local(key): value
            for key, value in element.attrib.items()
            if _local(key) in _ATTRIBUTES
        }
        if tag == "svg":
            attributes["class"] = "graph"
            attributes["role"] = "img"
            attributes["aria-label"] = "Who conditioned what on whom"
        shown = "".join(
            f' {key}="{escape(value, quote=True)}"' for key, value in attributes.items()
        )
        out.append(f"<{tag}{shown}>")
        out.append(escape(element.text or "", quote=False))
        for child in element:
            write(child)
            if _local(child.tag) in _ELEMENTS:
                out.append(escape(child.tail or "", quote=False))
        out.append(f"</{tag}>")

    write(root)
    return "".join(out)
