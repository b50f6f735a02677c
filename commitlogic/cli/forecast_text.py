"""Forecasts and learned credibilities as text for people: probabilities in aligned tables.

Numbers are right-aligned; outcomes, commitments and atoms are sorted by
probability, most likely first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from commitlogic.cli.text import table
from commitlogic.model.credibility import credibilities
from commitlogic.model.scenario import Scenario

if TYPE_CHECKING:  # the forecast modules import numpy: only the forecast commands need them
    from commitlogic.analysis.record import Record
    from commitlogic.analysis.timelines import Timeline
    from commitlogic.forecasting import Forecast

__all__ = ["forecast_text", "percent", "record_text", "timeline_forecast_text"]


def percent(value: float, error: float | None = None) -> str:
    """Format a probability for people: ``94.1%``, or ``94.1% ± 0.5`` with a standard error."""
    text = f"{100 * value:.1f}%"
    return text if error is None else f"{text} ± {100 * error:.1f}"


def forecast_text(
    result: Forecast, scenario: Scenario, assume: list[str], at: str | None, out: TextIO
) -> None:
    """Write the forecast as tables: outcomes by probability, commitments, atoms."""
    out.write(f"{scenario.name}\n")
    if at is not None:
        out.write(f"  at {at}\n")
    for text in assume:
        out.write(f"  assuming {text}\n")
    out.write("\n")
    if not result.consistent:
        out.write("inconsistent: no assignment satisfies the observed facts and assumptions\n")
        out.write("minimal conflict of the hard facts:\n")
        for name in result.conflict or ():
            out.write(f"  - {name}\n")
        return
    if result.exact:
        out.write(f"forecast: exact probabilities, model {result.model}\n\n")
    else:
        out.write(
            f"forecast: estimated from {result.samples} samples (± standard error), "
            f"model {result.model}\n\n"
        )
    sampled = not result.exact

    def cell(key: str, name: str, value: float) -> str:
        return percent(value, (result.errors or {}).get(key, {}).get(name) if sampled else None)

    if result.outcomes:
        rows = sorted(result.outcomes.items(), key=lambda item: (-item[1], item[0]))
        outcomes = [(n, cell("outcomes", n, v)) for n, v in rows]
        table(("outcome", "probability"), outcomes, out, numbers_right=True)
    if result.commitments:
        prior = {**credibilities(scenario), **result.credibilities}  # what the model used
        by = {statement.id: statement.by or "" for statement in scenario.statements}
        rows = sorted(result.commitments.items(), key=lambda item: (-item[1], item[0]))
        table(
            ("commitment", "by", "credibility", "chance kept"),
            [(n, by[n], percent(prior[n]), cell("commitments", n, v)) for n, v in rows],
            out,
            numbers_right=True,
        )
    if result.atoms:
        rows = sorted(result.atoms.items(), key=lambda item: (-item[1], item[0]))
        atoms = [(n, cell("atoms", n, v)) for n, v in rows]
        table(("atom", "probability"), atoms, out, numbers_right=True)


def timeline_forecast_text(replay: Timeline, out: TextIO) -> None:
    """Write the outcomes' probabilities per date (nothing without forecasts), for people."""
    entries = [entry for entry in replay if entry.forecast is not None]
    if not entries:
        return
    series = replay.probabilities()
    out.write("forecast: each outcome's probability on each date\n\n")
    headers = ("outcome", *(entry.at.isoformat() for entry in entries))
    rows = [
        (name, *("-" if value is None else percent(value) for value in values))
        for name, values in series.items()
    ]
    table(headers, rows, out, numbers_right=True)


def record_text(record: Record, written: str | None, out: TextIO) -> None:
    """Write each actor's record and proposed credibility; say where they were written."""
    out.write(f"closed scenarios: {len(record.closed)} (prior Beta(1, 1))\n")
    for name, why in record.skipped:
        out.write(f"  skipped {name}: {why}\n")
    out.write("\n")
    rows: list[tuple[str, ...]] = [
        (actor, str(entry.kept), str(entry.broken), f"{entry.credibility:.3f}")
        for actor, entry in record.actors.items()
    ]
    table(("actor", "kept", "broken", "credibility"), rows, out, numbers_right=True)
    if written is not None:
        out.write(f"wrote the credibilities of actors with a record into {written}\n")
