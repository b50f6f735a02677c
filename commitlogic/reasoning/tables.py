"""Results as tables for notebooks: HTML for Jupyter, and pandas data frames.

The result classes (:class:`~commitlogic.reasoning.results.StatusReport`,
:class:`~commitlogic.reasoning.results.Explanation`,
:class:`~commitlogic.forecasting.result.Forecast` and
:class:`~commitlogic.analysis.timelines.Timeline`) call these from their
``_repr_html_`` (Jupyter shows that) and ``to_pandas`` methods.  Each
builds its rows once (its ``rows()`` method) so that HTML and the data
frame always show the same thing.  This module imports no result class: it
sits below all of them.  pandas is an optional dependency
(``pip install 'commitlogic[pandas]'``), imported only by :func:`frame`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

__all__ = ["Row", "frame", "html_table"]

Row = tuple[Any, ...]


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
