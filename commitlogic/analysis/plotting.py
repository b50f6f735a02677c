"""Pictures of timelines: the status of each outcome over time, drawn with matplotlib.

matplotlib is an optional dependency (``pip install 'commitlogic[plot]'``);
this module imports it only when a picture is drawn.
"""

from __future__ import annotations

import io
import os
from datetime import date, timedelta
from pathlib import Path

from commitlogic.analysis.timelines import Timeline
from commitlogic.io.files import write_atomically
from commitlogic.model.errors import ScenarioError
from commitlogic.reasoning.results import Status

__all__ = ["FORMATS", "check_destination", "plot_forecast", "plot_timeline"]

#: File suffixes a timeline picture can be written as.
FORMATS = (".png", ".svg", ".pdf")

#: The colour of each status, and of "no outcome at all" (colour-blind safe).
COLOURS = {
    Status.CERTAIN: "#1b9e77",
    Status.POSSIBLE: "#e6ab02",
    Status.IMPOSSIBLE: "#d95f02",
    None: "#999999",
}
LABELS = {
    Status.CERTAIN: "certain",
    Status.POSSIBLE: "possible",
    Status.IMPOSSIBLE: "impossible",
    None: "inconsistent",
}


def check_destination(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` if a picture can be written there, else raise :class:`ScenarioError`.

    Checked before any work: the suffix names a known format, the folder
    exists, and matplotlib is installed.
    """
    destination = Path(path)
    if destination.suffix.lower() not in FORMATS:
        raise ScenarioError(
            f"cannot tell the picture format of {str(path)!r}: "
            f"end the name with {', '.join(FORMATS)}",
            field="--plot",
        )
    if not destination.parent.is_dir():
        raise ScenarioError(f"folder {str(destination.parent)!r} does not exist", field="--plot")
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ScenarioError(
            "drawing needs matplotlib: pip install 'commitlogic[plot]'", field="--plot"
        ) from None
    return destination


def plot_timeline(
    timeline: Timeline, path: str | os.PathLike[str], *, title: str | None = None
) -> Path:
    """Draw the status of each declared outcome (or, without outcomes, each atom) over time.

    One row per outcome, one band per date from the day it was reached to
    the next date; the last band lasts one day.  The picture is written
    atomically: a failed drawing leaves any earlier file at ``path`` as it was.

    Returns
    -------
    Path
        Where the picture was written.
    """
    destination = check_destination(path)
    import matplotlib

    matplotlib.use("Agg", force=True)  # no display needed
    from matplotlib import pyplot
    from matplotlib.patches import Patch

    entries = list(timeline)
    names = _rows(timeline)
    figure, axes = pyplot.subplots(
        figsize=(max(6.0, 1.2 * len(entries) + 3), max(2.0, 0.45 * len(names) + 1.4))
    )
    try:
        for row, name in enumerate(reversed(names)):
            for index, entry in enumerate(entries):
                end = entries[index + 1].at if index + 1 < len(entries) else entry.at
                start, width = _band(entry.at, end)
                statuses = entry.report.outcomes or entry.report.atoms
                status = statuses.get(name) if entry.report.consistent else None
                axes.broken_barh(
                    [(start, width)],
                    (row - 0.4, 0.8),
                    facecolors=COLOURS[status],
                    edgecolor="white",
                )
        axes.set_yticks(range(len(names)), list(reversed(names)))
        axes.set_xticks(
            [_day_number(entry.at) for entry in entries],
            [entry.at.isoformat() for entry in entries],
            rotation=30,
            ha="right",
        )
        axes.set_title(title or "status over time")
        handles = [Patch(facecolor=COLOURS[key], label=LABELS[key]) for key in COLOURS]
        axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        figure.tight_layout()
        _save(figure, destination)
    finally:
        pyplot.close(figure)
    return destination


def plot_forecast(
    timeline: Timeline, path: str | os.PathLike[str], *, title: str | None = None
) -> Path:
    """Draw each declared outcome's forecast probability over time, one line per outcome.

    Needs a timeline made with ``timeline(..., forecast=True)``.  A date
    whose hard facts conflict has no probability: the line breaks there.
    Written atomically, as :func:`plot_timeline`.

    Returns
    -------
    Path
        Where the picture was written.
    """
    destination = check_destination(path)
    series = timeline.probabilities()
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import pyplot

    days = [_day_number(entry.at) for entry in timeline]
    figure, axes = pyplot.subplots(figsize=(max(6.0, 1.2 * len(days) + 4), 4.2))
    try:
        markers = "osD^v<>ph*"
        for number, (name, values) in enumerate(series.items()):
            points = [float("nan") if value is None else value for value in values]
            axes.plot(days, points, marker=markers[number % len(markers)], label=name)
        axes.set_ylim(-0.03, 1.03)
        axes.set_ylabel("probability")
        axes.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        axes.set_xticks(
            days,
            [entry.at.isoformat() for entry in timeline],
            rotation=30,
            ha="right",
        )
        axes.grid(alpha=0.3)
        axes.set_title(title or "forecast over time")
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        figure.tight_layout()
        _save(figure, destination)
    finally:
        pyplot.close(figure)
    return destination


def _rows(timeline: Timeline) -> list[str]:
    """The names drawn: the outcomes if the scenario declares any, else the atoms."""
    names: dict[str, None] = {}
    for entry in timeline:
        names.update(dict.fromkeys(sorted(entry.report.outcomes)))
    if names:
        return list(names)
    for entry in timeline:
        names.update(dict.fromkeys(sorted(entry.report.atoms)))
    return list(names)


def _band(start: date, end: date) -> tuple[float, float]:
    """Return the start and width, in matplotlib's date numbers, of the band from start to end."""
    if end <= start:
        end = start + timedelta(days=1)
    return _day_number(start), _day_number(end) - _day_number(start)


def _day_number(day: date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(day))  # type: ignore[no-untyped-call]


def _save(figure, destination: Path) -> None:  # type: ignore[no-untyped-def]
    """Render the figure in memory, then write it atomically (see ``commitlogic.io.files``)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format=destination.suffix[1:].lower())
    write_atomically(destination, buffer.getvalue())
