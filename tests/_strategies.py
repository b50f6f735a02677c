"""Hypothesis strategies for small, valid scenarios and queries about them.

Scenarios are kept small so that the brute-force reference can enumerate
their outcomes: at most 3 actors and 2 events (6 attendance atoms) and 4
free propositions, so the universe never exceeds 10 atoms.  Every part is
drawn from small pools with small bounds, so failures shrink to a few
statements over a few atoms.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import attrs
from hypothesis import strategies as st

from commitlogic import (
    Actor,
    And,
    Atom,
    Event,
    Formula,
    Kind,
    Not,
    Or,
    Outcome,
    Scenario,
    Statement,
)

# Some ids start with a capital letter, which ASP would read as a variable.
ACTOR_IDS = ("putin", "Zelensky", "trump")
EVENT_IDS = ("talks", "Summit")
OUTCOME_IDS = ("leaders_meet", "Deal")
FREE_ATOMS = (Atom("p"), Atom("q"), Atom("r"), Atom("signs", ("ukraine", "deal")))
QUOTES = (None, "", 'He said: "yes". :- fail.', "#show x/0. Ünïcode ✓", "attends(putin,talks)")

DAYS = tuple(date(2025, 5, day) for day in (10, 11, 12, 13))
HOURS = (0, 1, 12, 23)
OFFSETS = (
    None,  # naive: counts as UTC
    UTC,
    timezone(timedelta(hours=3)),
    timezone(timedelta(hours=-5)),
)

dates = st.sampled_from(DAYS)
datetimes = st.builds(
    lambda day, hour, minute, tz: datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz),
    dates,
    st.sampled_from(HOURS),
    st.sampled_from((0, 30)),
    st.sampled_from(OFFSETS),
)
#: A ``said`` value: nothing, a date, or a datetime with or without offset.
whens = st.one_of(dates, datetimes)
saids = st.none() | whens
#: A query's ``at``: nothing, a date or datetime, or the same as ISO text.
ats = st.one_of(st.none(), whens, whens.map(lambda value: value.isoformat()))

#: Small shifts of an instant, to land just before, on or just after it.
SHIFTS = (timedelta(0), timedelta(minutes=-1), timedelta(minutes=1), timedelta(hours=-4))


def _express(instant: datetime, tz: timezone | None, as_date: bool) -> date:
    """Write an instant in another offset (``None``: naive UTC), or as that local date."""
    local = instant.astimezone(tz or UTC)
    if tz is None:
        local = local.replace(tzinfo=None)
    return local.date() if as_date else local


def near(when: date) -> st.SearchStrategy[date]:
    """Dates and datetimes at or around ``when``, written with other offsets or as dates.

    Date boundaries are where the comparisons of SPEC section 3 differ
    (calendar dates, instants, naive datetimes as UTC), so ``at`` is often
    drawn here rather than at random.
    """
    if isinstance(when, datetime):
        instant = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
        return st.builds(
            _express,
            st.sampled_from(SHIFTS).map(lambda shift: instant + shift),
            st.sampled_from(OFFSETS),
            st.booleans(),
        )
    return st.one_of(
        st.sampled_from((when, when - timedelta(days=1))),
        st.builds(
            lambda clock, tz: datetime.combine(when, clock, tzinfo=tz),
            st.sampled_from((time(0, 0), time(23, 59))),
            st.sampled_from(OFFSETS),
        ),
    )


def ats_for(scenario: Scenario) -> st.SearchStrategy[date | str | None]:
    """A query's ``at`` for ``scenario``: random, or near one of its ``said`` dates."""
    saids = [s.said for s in scenario.statements if s.said is not None]
    if not saids:
        return ats
    around = st.sampled_from(saids).flatmap(near)
    return st.one_of(ats, around, around.map(lambda value: value.isoformat()))


def attendance_atoms(actor_ids: Sequence[str], event_ids: Sequence[str]) -> tuple[Atom, ...]:
    """Return ``attends(a, e)`` for every declared actor and event (invited or not)."""
    return tuple(Atom("attends", (a, e)) for e in event_ids for a in actor_ids)


def formulas(atoms: Sequence[Atom], depth: int = 3) -> st.SearchStrategy[Formula]:
    """Formulas over ``atoms`` of depth at most ``depth``, with not, and, or."""
    return _formulas(tuple(atoms), depth)


@functools.cache
def _formulas(atoms: tuple[Atom, ...], depth: int) -> st.SearchStrategy[Formula]:
    leaf = st.sampled_from(atoms)
    if depth == 0:
        return leaf
    sub = _formulas(atoms, depth - 1)
    return st.one_of(
        leaf,
        sub.map(Not),
        st.lists(sub, min_size=2, max_size=3).map(And),
        st.lists(sub, min_size=2, max_size=3).map(Or),
    )


@attrs.frozen
class TextStyle:
    """How to write a formula as text (all spellings mean the same formula)."""

    absent: bool = False  # write not attends(a, e) as absent(a, e)
    spaces: bool = False  # a space after each comma, extra spaces around
    parens: bool = False  # parenthesise every conjunction and disjunction


text_styles = st.builds(TextStyle, st.booleans(), st.booleans(), st.booleans())


def render(formula: Formula, style: TextStyle = TextStyle(), precedence: int = 0) -> str:
    """Write ``formula`` in the grammar of SPEC section 2, independently of ``str``."""
    comma = ", " if style.spaces else ","
    if isinstance(formula, Atom):
        return f"{formula.name}({comma.join(formula.args)})" if formula.args else formula.name
    if isinstance(formula, Not):
        operand = formula.operand
        if style.absent and isinstance(operand, Atom) and operand.name == "attends":
            return f"absent({comma.join(operand.args)})"
        gap = "  " if style.spaces else " "
        return f"not{gap}{render(operand, style, 3)}"
    if isinstance(formula, And):
        text = " and ".join(render(operand, style, 3) for operand in formula.operands)
        wrap = precedence > 2 or style.parens
    elif isinstance(formula, Or):
        text = " or ".join(render(operand, style, 2) for operand in formula.operands)
        wrap = precedence > 1 or style.parens
    else:  # pragma: no cover - the formula classes are closed
        raise TypeError(formula)
    if wrap:
        text = f"( {text} )" if style.spaces else f"({text})"
    return text


@st.composite
def given_formulas(draw: Any, atoms: Sequence[Atom], depth: int = 3) -> Formula | str:
    """A formula over ``atoms``, given either as a formula object or as text."""
    formula = draw(formulas(atoms, depth))
    if draw(st.booleans()):
        return formula
    text = render(formula, draw(text_styles))
    return f" {text} " if draw(st.booleans()) else text


def statement_id(index: int) -> str:
    """The id of the ``index``-th random statement (some start with a capital letter)."""
    return f"S{index}" if index % 3 == 2 else f"s{index}"


@st.composite
def statement_for(
    draw: Any,
    actor_ids: Sequence[str],
    atoms: Sequence[Atom],
    index: int,
    earlier: Sequence[Statement] = (),
) -> Statement:
    """A statement of any kind that may supersede some ``earlier`` statements."""
    kind = draw(st.sampled_from(tuple(Kind)))
    condition = None
    if kind in (Kind.IF, Kind.ONLY_IF) or (kind is Kind.MIGHT and draw(st.booleans())):
        condition = draw(given_formulas(atoms))
    earlier_ids = [statement.id for statement in earlier]
    supersedes = (
        draw(st.lists(st.sampled_from(earlier_ids), max_size=2, unique=True)) if earlier_ids else []
    )
    by = draw(st.sampled_from(tuple(actor_ids)))
    if kind is Kind.OBSERVED and draw(st.booleans()):
        by = None
    return Statement(
        statement_id(index),
        kind,
        draw(given_formulas(atoms)),
        condition=condition,
        by=by,
        to=draw(st.none() | st.sampled_from(tuple(actor_ids))),
        said=draw(saids),
        quote=draw(st.sampled_from(QUOTES)),
        weight=draw(st.integers(1, 3)),
        supersedes=supersedes,
    )


@st.composite
def scenarios(
    draw: Any, max_statements: int = 6, max_outcomes: int = 2, with_statements: bool = True
) -> Scenario:
    """Small valid scenarios with statements of every kind, dates and supersession."""
    actor_ids = draw(st.lists(st.sampled_from(ACTOR_IDS), min_size=1, max_size=3, unique=True))
    event_ids = draw(st.lists(st.sampled_from(EVENT_IDS), min_size=1, max_size=2, unique=True))
    actors = [Actor(actor_id) for actor_id in actor_ids]
    invited = st.none() | st.lists(st.sampled_from(actor_ids), unique=True).map(tuple)
    events = [
        Event(event_id, invited=draw(invited), start=draw(st.none() | whens))
        for event_id in event_ids
    ]
    atoms = attendance_atoms(actor_ids, event_ids) + FREE_ATOMS
    statements: list[Statement] = []
    count = draw(st.integers(0, max_statements)) if with_statements else 0
    for index in range(count):
        statements.append(draw(statement_for(actor_ids, atoms, index, statements)))
    outcome_ids = draw(st.lists(st.sampled_from(OUTCOME_IDS), max_size=max_outcomes, unique=True))
    outcomes = [Outcome(outcome_id, draw(given_formulas(atoms))) for outcome_id in outcome_ids]
    return Scenario(
        "random scenario",
        actors=actors,
        events=events,
        statements=statements,
        outcomes=outcomes,
    )


def scenario_atoms(scenario: Scenario) -> tuple[Atom, ...]:
    """The atoms random formulas about ``scenario`` are drawn from."""
    actor_ids = [actor.id for actor in scenario.actors]
    event_ids = [event.id for event in scenario.events]
    return attendance_atoms(actor_ids, event_ids) + FREE_ATOMS


def assumptions(scenario: Scenario) -> st.SearchStrategy[list[Formula | str]]:
    """0 to 2 what-if assumptions about ``scenario``, as text or formula objects."""
    return st.lists(given_formulas(scenario_atoms(scenario), depth=2), max_size=2)
