"""The report: one self-contained HTML file of a scenario, to read, print and send.

CSS and pictures are inline, there is no script, and a Content-Security-Policy
in the page forbids loading anything, so it opens from disk the same
everywhere.  ``commitlogic report`` writes it (:mod:`commitlogic.cli.commands.report`).
"""

from __future__ import annotations

from collections.abc import Sequence

from commitlogic.model.dates import When
from commitlogic.reasoning.reasoner import Reasoner
from commitlogic.web.diagram import diagram
from commitlogic.web.pages import report_page
from commitlogic.web.view import build_view

__all__ = ["report_html"]


def report_html(
    reasoner: Reasoner,
    assume: Sequence[str] = (),
    at: When | None = None,
    *,
    forecast: bool = False,
    file: str = "",
) -> str:
    """Return the report of the reasoner's scenario for ``assume`` at ``at``, as HTML.

    Parameters
    ----------
    reasoner
        The live reasoner of the scenario (strict mode).
    assume
        What-if assumptions, as formula text.
    at
        The date to read the scenario at; ``None``: everything said.
    forecast
        Also give each outcome's probability (the default forecast model).
    file
        The scenario file's name, shown at the foot of the page.

    Raises
    ------
    ScenarioError
        When an assumption is not a valid formula, or Jinja2 (the ``web``
        extra) is not installed.
    """
    view = build_view(reasoner, assume, at, forecast=forecast)
    return report_page(view, diagram(reasoner.scenario), file=file)
