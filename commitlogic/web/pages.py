"""HTML pages from a :class:`~commitlogic.web.view.View`, with Jinja2 templates (autoescape on).

One set of templates (``commitlogic/web/templates``) draws both pages: the
report (:func:`report_page`, no script at all) and the live page of
``commitlogic serve`` (:func:`live_page`, the same content with what-if
buttons and a small script).  The part that changes with a query is its own
template, ``live.html.j2``, which the server also renders alone
(:func:`live_part`) to answer a click.

Every user text goes through autoescape; the only markup passed in as is
comes from :mod:`commitlogic.web.chart` and :mod:`commitlogic.web.diagram`,
which escape or re-write everything they emit.  Jinja2 is the ``web`` extra:
without it, :func:`environment` raises a :class:`ScenarioError` naming it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from commitlogic import __version__
from commitlogic.model.errors import ScenarioError
from commitlogic.web.chart import COLOURS, timeline_chart
from commitlogic.web.diagram import Diagram
from commitlogic.web.view import DateView, View

if TYPE_CHECKING:  # pragma: no cover - types only
    import jinja2

__all__ = [
    "environment",
    "live_page",
    "live_part",
    "missing_extra",
    "report_page",
    "timeline_part",
]

#: The Content-Security-Policy of the report: no script, nothing from the network.
REPORT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def missing_extra(command: str, package: str) -> ScenarioError:
    """The error for a command whose optional dependency is missing: names the extra."""
    return ScenarioError(
        f"'commitlogic {command}' needs {package}, which is not installed: "
        "pip install 'commitlogic[web]'"
    )


def environment(command: str = "report") -> jinja2.Environment:
    """Return the template environment (autoescape on for every template).

    Raises
    ------
    ScenarioError
        When Jinja2 (the ``web`` extra) is not installed; the message names ``command``.
    """
    try:
        return _environment()
    except ImportError:
        raise missing_extra(command, "Jinja2") from None


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("commitlogic.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = _percent
    env.filters["short_day"] = _short_day
    env.globals["colours"] = COLOURS
    return env


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _short_day(value: str) -> str:
    from datetime import date

    parsed = date.fromisoformat(value[:10])
    return f"{parsed.day} {parsed.strftime('%B %Y')}"


@functools.cache
def _asset(name: str) -> str:
    """The text of a file of ``templates/`` taken as is (CSS, script), not as a template."""
    return resources.files("commitlogic.web").joinpath("templates", name).read_text("utf-8")


def _context(view: View, *, live: bool, file: str) -> dict[str, Any]:
    import markupsafe  # a dependency of Jinja2

    chart = timeline_chart([o.id for o in view.outcomes], view.dates, forecast=view.forecast)
    return {
        "view": view,
        "live": live,
        "file": file,
        "chart": markupsafe.Markup(chart),
        "version": __version__,
    }


def report_page(view: View, diagram: Diagram, *, file: str) -> str:
    """Return the self-contained report: one HTML document, no script, nothing to fetch."""
    import markupsafe

    template = environment().get_template("page.html.j2")
    return template.render(
        **_context(view, live=False, file=file),
        graph=markupsafe.Markup(diagram.svg) if diagram.svg else None,
        graph_note=diagram.note,
        style=markupsafe.Markup(_asset("style.css")),
        script=None,
        nonce=None,
        policy=REPORT_POLICY,
        broken=None,
    )


def live_part(
    view: View | None, diagram: Diagram | None = None, *, file: str, broken: str | None = None
) -> str:
    """Return the part of the live page that a query changes (or the located error)."""
    return (
        environment()
        .get_template("live.html.j2")
        .render(**_live_context(view, diagram, file=file, broken=broken))
    )


def timeline_part(
    dates: Sequence[DateView], outcomes: Sequence[str], *, forecast: bool, assumed: bool
) -> str:
    """Return the timeline section of the live page (sent after the rest of a query's answer)."""
    import markupsafe

    chart = timeline_chart(outcomes, dates, forecast=forecast)
    return (
        environment()
        .get_template("timeline.html.j2")
        .render(
            dates=dates,
            forecast=forecast,
            assumed=assumed,
            pending=False,
            live=True,
            chart=markupsafe.Markup(chart),
        )
    )


def _live_context(
    view: View | None, diagram: Diagram | None, *, file: str, broken: str | None
) -> dict[str, Any]:
    import markupsafe

    context = {"view": None, "live": True, "file": file, "chart": "", "version": __version__}
    if view is not None:
        context = _context(view, live=True, file=file)
    svg = None if diagram is None else diagram.svg
    return {
        **context,
        "graph": markupsafe.Markup(svg) if svg else None,
        "graph_note": None if diagram is None else diagram.note,
        "broken": broken,
    }


def live_page(
    view: View | None,
    diagram: Diagram,
    *,
    file: str,
    nonce: str,
    state: dict[str, Any],
    broken: str | None = None,
) -> str:
    """Return the page of ``commitlogic serve``: the report's content, what-if buttons, a script.

    ``state`` is the page's starting query and file version, given to the
    script as JSON; ``nonce`` is the script's Content-Security-Policy nonce.
    """
    import markupsafe

    return (
        environment()
        .get_template("page.html.j2")
        .render(
            **_live_context(view, diagram, file=file, broken=broken),
            style=markupsafe.Markup(_asset("style.css")),
            script=markupsafe.Markup(_asset("live.js")),
            nonce=nonce,
            policy=None,
            state=state,
        )
    )
