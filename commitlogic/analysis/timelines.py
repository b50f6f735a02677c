"""Questions answered by many status queries on one live reasoner: timelines and what-ifs.

Both replay the same ground program under different solver assumptions
(see :class:`~commitlogic.reasoner.Reasoner`): a timeline asks for the
status at each distinct ``said`` date, a what-if sweep asks for the status
under each candidate fact.  Nothing is grounded again, except the formula
nodes of candidates never seen before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

import attrs

from commitlogic.analysis.changes import Change, changes
from commitlogic.analysis.whatif import WhatIf, absence_candidates, what_if
from commitlogic.forecasting.result import Forecast
from commitlogic.model.query import assumption_list, normalise
from commitlogic.model.scenario import Scenario
from commitlogic.reasoning import tables
from commitlogic.reasoning.reasoner import Assumption, Reasoner
from commitlogic.reasoning.results import StatusReport

__all__ = [
    "Change",
    "Timeline",
    "TimelineEntry",
    "WhatIf",
    "absence_candidates",
    "timeline",
    "what_if",
]


@attrs.frozen
class TimelineEntry:
    """The scenario as it stood on one date: the report, and what changed since the last date.

    Attributes
    ----------
    at
        The calendar date; the report is that of a query with ``at`` this
        date, so it covers everything said during that day.
    active
        The ids of the active statements, sorted.
    report
        The status report on that date.
    became_active
        Statements active now that were not on the previous date, in file order.
    superseded
        Statements said by now that a statement said by now supersedes,
        and that were not superseded on the previous date, in file order.
    changes
        Every outcome, atom and commitment whose answer changed since the
        previous date (for the first date: since before anything dated was said).
    forecast
        With ``timeline(..., forecast=True)``, the forecast on that date
        (SPEC section 3, forecast mode); else ``None``.
    """

    at: date
    active: tuple[str, ...]
    report: StatusReport
    became_active: tuple[str, ...] = ()
    superseded: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()
    forecast: Forecast | None = None

    def to_json(self) -> dict[str, object]:
        """Return the object of ``commitlogic timeline --json`` for this date (SPEC section 4).

        With a forecast, the object also has ``"forecast"``: the object of
        ``commitlogic forecast --json`` for that date.
        """
        result = {"at": self.at.isoformat(), "active": list(self.active), **self.report.to_json()}
        if self.forecast is not None:
            result["forecast"] = self.forecast.to_json()
        return result


@attrs.frozen
class Timeline:
    """The replay of a scenario at each distinct ``said`` date, in date order.

    ``baseline`` is the report before the first date: only statements
    without a ``said`` date count.
    """

    baseline: StatusReport
    entries: tuple[TimelineEntry, ...]

    def __iter__(self) -> Iterator[TimelineEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def to_json(self) -> list[dict[str, object]]:
        """Return the list of ``commitlogic timeline --json`` (SPEC section 4)."""
        return [entry.to_json() for entry in self.entries]

    def rows(self) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
        """Return columns and rows, one per date and outcome or atom (commitments too).

        Columns ``at``, ``kind``, ``name``, ``status``, and ``probability``
        when the timeline has forecasts (``None`` where inconsistent).
        """
        with_forecast = any(entry.forecast is not None for entry in self.entries)
        found: list[tuple[object, ...]] = []
        for entry in self.entries:
            _columns, rows = entry.report.rows()
            for kind, name, status in rows:
                row: tuple[object, ...] = (entry.at, kind, name, status)
                if with_forecast:
                    assert entry.forecast is not None
                    values = getattr(entry.forecast, f"{kind}s")
                    row += (values.get(name),)
                found.append(row)
        columns = ("at", "kind", "name", "status") + (("probability",) if with_forecast else ())
        return columns, found

    def _repr_html_(self) -> str:
        """Show the timeline's outcomes per date as a table in Jupyter."""
        columns, rows = self.rows()
        shown = [row for row in rows if row[1] == "outcome"] or rows
        return tables.html_table(columns, shown, caption=f"{len(self.entries)} dates")

    def to_pandas(self) -> Any:
        """Return a ``pandas.DataFrame`` of :meth:`rows` (long format; pivot as needed).

        Needs the ``pandas`` extra.
        """
        return tables.frame(*self.rows())

    def probabilities(self) -> dict[str, list[float | None]]:
        """Return each outcome's forecast probability per date (``None`` where inconsistent).

        Needs ``timeline(..., forecast=True)``; outcomes in the order of the scenario.
        """
        names: dict[str, None] = {}
        for entry in self.entries:
            if entry.forecast is None:
                raise ValueError("this timeline has no forecasts: use timeline(..., forecast=True)")
            names.update(dict.fromkeys(entry.forecast.outcomes))
        return {
            name: [
                entry.forecast.outcomes.get(name) if entry.forecast is not None else None
                for entry in self.entries
            ]
            for name in names
        }


def said_days(scenario: Scenario) -> tuple[date, ...]:
    """Return the distinct calendar dates of the scenario's ``said`` values, in order.

    A datetime counts on its own written calendar date.
    """
    days = {_day(s.said) for s in scenario.statements if s.said is not None}
    return tuple(sorted(days))


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def timeline(
    reasoner: Reasoner,
    assume: Assumption | Iterable[Assumption] = (),
    *,
    forecast: bool = False,
    model: str | None = None,
) -> Timeline:
    """Replay the reasoner's scenario at each distinct ``said`` date (SPEC section 4).

    Each date's report is the answer of ``reasoner.status(assume, at=day)``;
    all of them come from the same ground program.  With ``forecast``, each
    entry also has ``reasoner.forecast(assume, at=day, model=model)``: the
    probability of every outcome on that date (``model`` ``None``: the default model).

    Examples
    --------
    >>> for entry in timeline(Reasoner(scenario)):              # doctest: +SKIP
    ...     print(entry.at, [c.name for c in entry.changes])
    """
    scenario = reasoner.scenario
    normalise(scenario, assume)  # checks the assumptions once: errors name the field
    assume = assumption_list(assume)
    days = said_days(scenario)
    if not days:
        return Timeline(reasoner.status(assume=assume), ())
    if days[0] > date.min:
        before_all = days[0] - timedelta(days=1)
        before, baseline = scenario, reasoner.status(assume=assume, at=before_all)
    else:
        before_all, before = days[0], _dated_later(scenario)
        baseline = Reasoner(
            before,
            tolerant=reasoner.tolerant,
            time_limit=reasoner.time_limit,
            model_limit=reasoner.model_limit,
        ).status(assume=assume, at=before_all)
    previous_report = baseline
    previous_active = set(before.active(before_all))
    previous_superseded = _superseded(before, before_all, previous_active)
    entries = []
    for day in days:
        active_ids = scenario.active(day)
        active = set(active_ids)
        superseded = _superseded(scenario, day, active)
        report = reasoner.status(assume=assume, at=day)
        entries.append(
            TimelineEntry(
                day,
                tuple(sorted(active)),
                report,
                became_active=tuple(sid for sid in active_ids if sid not in previous_active),
                superseded=_in_file_order(scenario, superseded - previous_superseded),
                changes=changes(previous_report, report),
                forecast=reasoner.forecast(assume, at=day, model=model) if forecast else None,
            )
        )
        previous_report, previous_active, previous_superseded = report, active, superseded
    return Timeline(baseline, tuple(entries))


def _dated_later(scenario: Scenario) -> Scenario:
    """The scenario with every dated statement said on 0001-01-02 instead.

    Nothing can be said before 0001-01-01, the first date there is: at that
    date this scenario has only its statements without a date, over the same
    atoms, which is the picture before anything dated was said.
    """
    later = date.min + timedelta(days=1)
    statements = tuple(
        s if s.said is None else attrs.evolve(s, said=later) for s in scenario.statements
    )
    return attrs.evolve(scenario, statements=statements)  # type: ignore[arg-type]  # mypy misreads the converter (tuple)


def _superseded(scenario: Scenario, day: date, active: set[str]) -> set[str]:
    """The statements said by ``day`` that are not active: a present statement supersedes them."""
    return {s.id for s in scenario.statements if s.is_present(day) and s.id not in active}


def _in_file_order(scenario: Scenario, ids: Iterable[str]) -> tuple[str, ...]:
    chosen = set(ids)
    return tuple(s.id for s in scenario.statements if s.id in chosen)
