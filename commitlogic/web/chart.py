"""The timeline chart of a page: every outcome over the dates, as a small hand-written SVG.

One row per outcome, one column per date.  Each cell is coloured by the
outcome's status on that date (a band that shows when it was decided); with
forecasts, a line across the row gives its probability on each date, with the
percentage.  Every text is escaped here, since the SVG goes into the page as
markup; the picture has no script and loads nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from commitlogic.web.view import DateView

__all__ = ["COLOURS", "timeline_chart"]

#: Cell colours by status (``None``: no outcome on that date).
COLOURS: dict[str | None, str] = {
    "certain": "#2da44e",
    "possible": "#d4a72c",
    "impossible": "#afb8c1",
    None: "#cf222e",
}
_LABEL = {
    "certain": "certain",
    "possible": "possible",
    "impossible": "impossible",
    None: "no outcome",
}
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def _short(day: str) -> str:
    """``2025-05-14`` as ``14 May``."""
    parsed = date.fromisoformat(day)
    return f"{parsed.day} {parsed.strftime('%b')}"


def timeline_chart(outcomes: Sequence[str], dates: Sequence[DateView], *, forecast: bool) -> str:
    """Return the SVG of the outcomes' statuses (and probabilities) over ``dates``.

    ``outcomes`` are the outcome ids, in the order of the rows.  An empty
    string when there are no dates or no outcomes.
    """
    if not dates or not outcomes:
        return ""
    label_width = min(max(len(name) for name in outcomes) * 7 + 16, 230)
    column = 84
    row = 42 if forecast else 30
    top, bottom = 26, 40
    width = label_width + column * len(dates) + 8
    height = top + row * len(outcomes) + bottom
    title = "Outcome probabilities by date" if forecast else "Outcome statuses by date"
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{escape(_FONT)}" font-size="11">',
        f"<title>{escape(title)}</title>",
    ]
    for index, entry in enumerate(dates):
        x = label_width + index * column + column / 2
        weight = ' font-weight="700"' if entry.read else ""
        parts.append(
            f'<text x="{x:.1f}" y="16" text-anchor="middle" fill="#24292f"{weight}>'
            f"{escape(_short(entry.at))}</text>"
        )
    for position, name in enumerate(outcomes):
        y = top + position * row
        parts.append(
            f'<text x="{label_width - 8}" y="{y + row / 2 + 4:.1f}" text-anchor="end" '
            f'fill="#24292f">{escape(name)}</text>'
        )
        points = []
        for index, entry in enumerate(dates):
            x = label_width + index * column
            status = entry.statuses.get(name)
            opacity = "0.35" if forecast else "1"
            tip = f"{name} on {entry.at}: {_LABEL[status]}"
            probability = None
            if entry.probabilities is not None:
                probability = entry.probabilities.get(name)
                if probability is not None:
                    tip += f", {100 * probability:.1f}%"
            parts.append(
                f'<rect x="{x + 1}" y="{y + 2}" width="{column - 2}" height="{row - 4}" rx="3" '
                f'fill="{COLOURS[status]}" fill-opacity="{opacity}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            if not forecast:
                ink = "#ffffff" if status in ("certain", None) else "#24292f"
                parts.append(
                    f'<text x="{x + column / 2:.1f}" y="{y + row / 2 + 4:.1f}" '
                    f'text-anchor="middle" font-size="10" fill="{ink}">{_LABEL[status]}</text>'
                )
            elif probability is not None:
                py = y + row - 6 - probability * (row - 20)
                points.append((x + column / 2, py, probability))
        if points:
            line = " ".join(f"{px:.1f},{py:.1f}" for px, py, _p in points)
            parts.append(
                f'<polyline points="{line}" fill="none" stroke="#0969da" stroke-width="2"/>'
            )
            for px, py, p in points:
                parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="#0969da"/>')
                parts.append(
                    f'<text x="{px:.1f}" y="{py - 5:.1f}" text-anchor="middle" font-size="10" '
                    f'fill="#0a3069">{100 * p:.0f}%</text>'
                )
    legend_y = top + row * len(outcomes) + 20
    x = 8.0
    for status in ("certain", "possible", "impossible", None):
        parts.append(
            f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" rx="2" '
            f'fill="{COLOURS[status]}"/>'
        )
        parts.append(f'<text x="{x + 16}" y="{legend_y}" fill="#24292f">{_LABEL[status]}</text>')
        x += 16 + 7 * len(_LABEL[status]) + 14
    if forecast:
        parts.append(
            f'<line x1="{x}" y1="{legend_y - 4}" x2="{x + 18}" y2="{legend_y - 4}" '
            'stroke="#0969da" stroke-width="2"/>'
        )
        parts.append(f'<text x="{x + 22}" y="{legend_y}" fill="#24292f">probability</text>')
    parts.append("</svg>")
    return "".join(parts)
