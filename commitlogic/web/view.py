"""What a page shows, as plain values: statuses, reasons, the timeline and the statements.

:func:`build_view` asks one live :class:`~commitlogic.reasoning.reasoner.Reasoner`
everything a page needs for one query (a date and what-if assumptions), through
the public API only: ``status``, ``explain`` for each declared outcome,
``timeline``, and the forecast through :func:`forecast_of`, the one place the
pages ask for probabilities.  The templates (``report.py``, ``server.py``)
turn a :class:`View` into HTML; they never call the reasoner themselves.

Every text here is the user's text as written (names, quotes, sources):
escaping is the template engine's job (autoescape on).  Source links are
checked here: :func:`safe_link` keeps only ``http`` and ``https`` addresses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import attrs

from commitlogic.analysis.timelines import Timeline, said_days, timeline
from commitlogic.forecasting import Forecast, TooWide
from commitlogic.model.dates import When
from commitlogic.model.query import parse_at
from commitlogic.model.scenario import Kind, Scenario, Statement
from commitlogic.model.wording import meaning
from commitlogic.reasoning.reasoner import Reasoner
from commitlogic.reasoning.results import Explanation, StatusReport

__all__ = [
    "AtomView",
    "DateView",
    "Member",
    "OutcomeView",
    "Reason",
    "StatementView",
    "View",
    "build_dates",
    "build_view",
    "forecast_of",
    "safe_link",
]

_SCHEMES = ("http", "https")


def forecast_of(reasoner: Reasoner, assume: Sequence[str], at: When | None) -> Forecast:
    """Return the forecast of the pages: the default forecast model, exact.

    The only place the web pages ask for probabilities, so that a change of
    the forecast entry point (another default model, a ``model=`` argument)
    is one change here.

    Raises
    ------
    TooWide
        When exact counting meets a component too densely tied.
    """
    return reasoner.forecast(list(assume), at)


def safe_link(source: str | None) -> str | None:
    """Return ``source`` if it is an ``http`` or ``https`` address to link to, else ``None``.

    Anything else (``javascript:``, ``data:``, relative paths, text with
    spaces or control characters, which browsers would strip or reinterpret)
    is shown as text, never as a link.
    """
    if not source or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in source):
        return None
    try:
        parts = urlsplit(source)
    except ValueError:  # a malformed address, such as an unclosed IPv6 bracket
        return None
    if parts.scheme.lower() not in _SCHEMES or not parts.netloc:
        return None
    return source


@attrs.frozen
class StatementView:
    """One statement as the page shows it, with where it stands at the page's date."""

    id: str
    kind: str
    by: str | None
    by_name: str | None
    to: str | None
    to_name: str | None
    said: str | None
    quote: str | None
    source: str | None
    link: str | None
    meaning: str
    supersedes: tuple[str, ...]
    superseded_by: tuple[str, ...]
    standing: str  # "active", "not yet said", "superseded"
    states: tuple[str, ...] | None  # an active commitment's states; else None
    role: str  # "commitment", "fact" (observed), "recorded" (might)


@attrs.frozen
class Member:
    """A member of a reason or a conflict: a statement, or a what-if assumption."""

    name: str
    statement: StatementView | None  # None for an assumption
    assumption: str | None = None  # the formula as given, for an assumption


@attrs.frozen
class Reason:
    """Why a formula has its status: the statements that force it, or two witness outcomes."""

    members: tuple[Member, ...] = ()
    holds: tuple[str, ...] | None = None  # true atoms of an outcome where it holds
    fails: tuple[str, ...] | None = None  # ...and of one where it fails

    @property
    def forced_by_nothing(self) -> bool:
        """Certain or impossible whatever is said (a tautology or contradiction)."""
        return not self.members and self.holds is None


@attrs.frozen
class OutcomeView:
    """A declared outcome: its formula as written, status, probability and reason."""

    id: str
    formula: str
    status: str | None  # None when there is no outcome at all
    probability: float | None
    reason: Reason | None
    assumed: bool | None  # assumed true, assumed false, or not assumed


@attrs.frozen
class AtomView:
    """An atom of the universe: its status and probability."""

    text: str
    status: str | None
    probability: float | None
    assumed: bool | None


@attrs.frozen
class Change:
    """One answer that changed on a date: before and after, as text."""

    kind: str
    name: str
    before: str
    after: str


@attrs.frozen
class DateView:
    """One date of the timeline: what was said, what was superseded, what changed."""

    at: str
    consistent: bool
    became_active: tuple[StatementView, ...]
    superseded: tuple[str, ...]
    changes: tuple[Change, ...]
    statuses: dict[str, str | None]  # outcome id -> status on that date
    probabilities: dict[str, float | None] | None  # with forecasts
    read: bool  # the page's own date


@attrs.frozen
class View:
    """Everything a page shows for one query."""

    name: str
    description: str | None
    at: str | None  # the date read at, ISO; None: everything said
    assume: tuple[str, ...]
    consistent: bool
    conflict: tuple[Member, ...]
    outcomes: tuple[OutcomeView, ...]
    atoms: tuple[AtomView, ...]
    dates: tuple[DateView, ...]
    statements: tuple[StatementView, ...]
    forecast: bool
    forecast_consistent: bool | None
    forecast_conflict: tuple[Member, ...]
    forecast_note: str | None  # why there are no probabilities, when asked for
    days: tuple[str, ...]  # the said dates, ISO, for the date picker
    pending: bool = False  # the timeline comes separately (build_dates)

    def status_json(self) -> dict[str, Any]:
        """Return the statuses shown, by outcome id and atom text (for the tests and scripts)."""
        return {
            "outcomes": {item.id: item.status for item in self.outcomes},
            "atoms": {item.text: item.status for item in self.atoms},
        }


# --------------------------------------------------------------------------- building


def _assumed(assume: Sequence[str], name: str) -> bool | None:
    """Whether ``name`` is assumed true (``name``), false (``not name``), or neither."""
    found = None
    for given in assume:
        text = " ".join(given.split())
        if text == name:
            found = True
        elif text == f"not {name}":
            found = False
    return found


def _statement_views(
    scenario: Scenario, report: StatusReport, at: When | None
) -> dict[str, StatementView]:
    names = {actor.id: actor.name for actor in scenario.actors}
    active = set(scenario.active(at))
    superseded_by: dict[str, list[str]] = {}
    for statement in scenario.statements:
        for old in statement.supersedes:
            superseded_by.setdefault(old, []).append(statement.id)
    views = {}
    for statement in scenario.statements:
        if statement.id in active:
            standing = "active"
        elif statement.is_present(at):
            standing = "superseded"
        else:
            standing = "not yet said"
        views[statement.id] = StatementView(
            id=statement.id,
            kind=statement.kind.value,
            by=statement.by,
            by_name=names.get(statement.by) if statement.by else None,
            to=statement.to,
            to_name=names.get(statement.to) if statement.to else None,
            said=None if statement.said is None else statement.said.isoformat(),
            quote=None if statement.quote is None else " ".join(statement.quote.split()),
            source=statement.source,
            link=safe_link(statement.source),
            meaning=meaning(statement, scenario),
            supersedes=statement.supersedes,
            superseded_by=tuple(superseded_by.get(statement.id, ())),
            standing=standing,
            states=_states(statement, report),
            role=_role(statement),
        )
    return views


def _role(statement: Statement) -> str:
    if statement.kind is Kind.OBSERVED:
        return "fact"
    if statement.kind is Kind.MIGHT:
        return "recorded"
    return "commitment"


def _states(statement: Statement, report: StatusReport) -> tuple[str, ...] | None:
    states = report.commitments.get(statement.id)
    return None if states is None else tuple(str(state) for state in states)


def _members(names: Sequence[str], statements: dict[str, StatementView]) -> tuple[Member, ...]:
    found = []
    for name in names:
        if name.startswith("assume:"):
            found.append(Member(name, None, name.removeprefix("assume:")))
        else:
            found.append(Member(name, statements.get(name)))
    return tuple(found)


def _reason(explanation: Explanation, statements: dict[str, StatementView]) -> Reason:
    if explanation.witnesses is not None:
        return Reason(holds=explanation.witnesses.holds, fails=explanation.witnesses.fails)
    return Reason(members=_members(explanation.because or (), statements))


def _answer(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "-"
    return str(value)


def _dates(
    replay: Timeline,
    scenario: Scenario,
    statements: dict[str, StatementView],
    forecasts: list[Forecast] | None,
    at: When | None,
) -> tuple[DateView, ...]:
    days = [entry.at for entry in replay.entries]
    read_day = None if at is None else (at.date() if isinstance(at, datetime) else at)
    shown = [day for day in days if read_day is None or day <= read_day]
    read = shown[-1] if shown else None
    found = []
    for index, entry in enumerate(replay.entries):
        report = entry.report
        probabilities = None
        if forecasts is not None:
            outcome_p = forecasts[index].outcomes
            probabilities = {o.id: outcome_p.get(o.id) for o in scenario.outcomes}
        found.append(
            DateView(
                at=entry.at.isoformat(),
                consistent=report.consistent,
                became_active=tuple(statements[sid] for sid in entry.became_active),
                superseded=entry.superseded,
                changes=tuple(
                    Change(c.kind, c.name, _answer(c.before), _answer(c.after))
                    for c in entry.changes
                ),
                statuses={
                    o.id: (str(report.outcomes[o.id]) if o.id in report.outcomes else None)
                    for o in scenario.outcomes
                },
                probabilities=probabilities,
                read=entry.at == read,
            )
        )
    return tuple(found)


def _query(assume: Sequence[str], at: When | str | None) -> tuple[tuple[str, ...], When | None]:
    return tuple(assume), (parse_at(at) if isinstance(at, str) else at)


def build_dates(
    reasoner: Reasoner,
    assume: Sequence[str] = (),
    at: When | str | None = None,
    *,
    forecast: bool = False,
) -> tuple[DateView, ...]:
    """Return the timeline of a page: each said date under ``assume``, ``at`` marked as read.

    The part of a page that replays every date; :func:`build_view` includes
    it unless asked not to, so that the server can send it after the rest.

    Raises
    ------
    ScenarioError
        When an assumption is not a valid formula, or ``at`` not a date.
    """
    scenario = reasoner.scenario
    assume, at = _query(assume, at)
    replay = timeline(reasoner, assume)
    per_date: list[Forecast] | None = None
    if forecast:
        answers: list[Forecast] = []
        for entry in replay:
            answer = _forecast_or_why(reasoner, assume, entry.at)
            if not isinstance(answer, Forecast):  # too tangled: the outcomes' section says why
                break
            answers.append(answer)
        else:
            per_date = answers
    statements = _statement_views(scenario, StatusReport(True), at)
    return _dates(replay, scenario, statements, per_date, at)


def _forecast_or_why(reasoner: Reasoner, assume: Sequence[str], at: When | None) -> Forecast | str:
    """Return the forecast of :func:`forecast_of`, or why there is none (too tangled to count)."""
    try:
        return forecast_of(reasoner, assume, at)
    except TooWide as error:
        return f"no probabilities: {error}"


def build_view(
    reasoner: Reasoner,
    assume: Sequence[str] = (),
    at: When | str | None = None,
    *,
    forecast: bool = False,
    replay: bool = True,
) -> View:
    """Return everything a page shows for the query ``assume`` at ``at``.

    Parameters
    ----------
    reasoner
        The live reasoner of the scenario (strict mode).
    assume
        What-if assumptions, as formula text (checked by the reasoner).
    at
        The date or datetime to read the scenario at (ISO text allowed);
        ``None``: everything said.
    forecast
        Also give probabilities, from :func:`forecast_of`, now and per date.
    replay
        Include the timeline (:func:`build_dates`); without it the view is
        ``pending`` and its ``dates`` are empty.

    Raises
    ------
    ScenarioError
        When an assumption is not a valid formula, or ``at`` not a date.
    """
    scenario = reasoner.scenario
    assume, at = _query(assume, at)
    report = reasoner.status(assume=assume, at=at)
    statements = _statement_views(scenario, report, at)
    now: Forecast | None = None
    note = None
    if forecast:
        answer = _forecast_or_why(reasoner, assume, at)
        now, note = (answer, None) if isinstance(answer, Forecast) else (None, answer)
    outcomes = []
    for outcome in scenario.outcomes:
        status = report.outcomes.get(outcome.id)
        reason = None
        if status is not None:
            reason = _reason(reasoner.explain(outcome.id, assume=assume, at=at), statements)
        outcomes.append(
            OutcomeView(
                id=outcome.id,
                formula=str(scenario.written(outcome, "when")),
                status=None if status is None else str(status),
                probability=None if now is None else now.outcomes.get(outcome.id),
                reason=reason,
                assumed=_assumed(assume, outcome.id),
            )
        )
    universe = list(report.atoms) or [str(atom) for atom in scenario.atoms()]
    atoms = tuple(
        AtomView(
            text=text,
            status=(str(report.atoms[text]) if text in report.atoms else None),
            probability=None if now is None else now.atoms.get(text),
            assumed=_assumed(assume, text),
        )
        for text in universe
    )
    return View(
        name=scenario.name,
        description=scenario.description,
        at=None if at is None else at.isoformat(),
        assume=assume,
        consistent=report.consistent,
        conflict=_members(report.conflict or (), statements),
        outcomes=tuple(outcomes),
        atoms=atoms,
        dates=build_dates(reasoner, assume, at, forecast=forecast) if replay else (),
        statements=tuple(statements.values()),
        forecast=forecast,
        forecast_consistent=None if now is None else now.consistent,
        forecast_conflict=_members((now.conflict or ()) if now else (), statements),
        forecast_note=note,
        days=tuple(day.isoformat() for day in said_days(scenario)),
        pending=not replay,
    )
