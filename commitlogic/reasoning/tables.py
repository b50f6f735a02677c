"""Results as tables for notebooks: HTML for Jupyter, and pandas data frames.

The result classes (:class:`~commitlogic.reasoning.results.StatusReport`,
:class:`~commitlogic.reasoning.results.Explanation`,
:class:`~commitlogic.reasoning.forecast.Forecast` and
:class:`~commitlogic.analysis.timelines.Timeline`) call these from their
``_repr_html_`` (Jupyter shows that) and ``to_pandas`` methods.  Each
builds its rows once (:func:`status_rows` and the like) so that HTML and the
data frame always show the same thing.  pandas is an optional dependency
(``pip install 'commitlogic[pandas]'``), imported only by :func:`frame`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - types only; the classes import this module
    from commitlogic.reasoning.forecast import Forecast
    from commitlogic.reasoning.results import Explanation, StatusReport

__all__ = [
    "explanation_rows",
    "forecast_rows",
    "frame",
    "html_table",
    "status_rows",
]

Row = tuple[Any, ...]


def status_rows(report: StatusReport) -> tuple[tuple[str, ...], list[Row]]:
    """Return the columns and rows of a status report: kind, name, status."""
    rows: list[Row] = [("outcome", name, str(s)) for name, s in report.outcomes.items()]
    rows += [("atom", name, str(s)) for name, s in report.atoms.items()]
    rows += [("commitment", name, ", ".join(states)) for name, states in report.commitments.items()]
    return ("kind", "name", "status"), rows


def forecast_rows(forecast: Forecast) -> tuple[tuple[str, ...], list[Row]]:
    """Return the columns and rows of a forecast: kind, name, probability (and standard error).

    Outcomes first, each kind sorted by probability, highest first.
    """
    sampled = forecast.errors is not None
    rows: list[Row] = []
    for kind, key in (("outcome", "outcomes"), ("atom", "atoms"), ("commitment", "commitments")):
        values = getattr(forecast, key)
        for name, value in sorted(values.items(), key=lambda item: (-item[1], item[0])):
            row: Row = (kind, name, value)
            if sampled:
                row += ((forecast.errors or {}).get(key, {}).get(name),)
            rows.append(row)
    columns = ("kind", "name", "probability") + (("standard_error",) if sampled else ())
    return columns, rows


def explanation_rows(explanation: Explanation) -> tuple[tuple[str, ...], list[Row]]:
    """Return the columns and rows of an explanation: role (because, holds, fails), item."""
    rows: list[Row] = [("because", member) for member in explanation.because or ()]
    if explanation.witnesses is not None:
        rows += [("holds", atom) for atom in explanation.witnesses.holds]
        rows += [("fails", atom) for atom in explanation.witnesses.fails]
    return ("role", "item"), rows


def html_table(columns: Sequence[str], rows: Sequence[Row], *, caption: str | None = None) -> str:
    """Return an HTML table (every cell escaped); floats show as percentages."""

    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{100 * value:.1f}%"
        return html.escape("" if value is None else str(value))

    head = "".join(f"<th>{html.escape(column)}</th>" for column in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell(value)}</td>" for value in row) + "</tr>" for row in rows
    )
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def frame(columns: Sequence[str], rows: Sequence[Row]) -> Any:
    """Return a pandas ``DataFrame`` of the rows.

    Raises
    ------
    ImportError
        When pandas is not installed (``pip install 'commitlogic[pandas]'``).
    """
    try:
        import pandas
    except ImportError:
        raise ImportError("to_pandas() needs pandas: pip install 'commitlogic[pandas]'") from None
    return pandas.DataFrame(list(rows), columns=list(columns))
