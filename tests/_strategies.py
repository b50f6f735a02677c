"""Hypothesis strategies for the library's own tests, on top of ``commitlogic.strategies``.

Scenarios come from the public :func:`commitlogic.strategies.scenarios`, kept
small so that the brute-force reference can enumerate their outcomes: at
most 3 actors and 2 events (6 attendance atoms) and 4 free propositions, so
the universe never exceeds 10 atoms.  What is specific to these tests lives
here: quotes that look like ASP (they must never change the meaning),
formulas given as text in several spellings, and query dates drawn around
the scenario's own dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import attrs
from hypothesis import strategies as st

from commitlogic import And, Atom, Formula, Not, Or, Scenario, parse_formula
from commitlogic import strategies as public
from commitlogic.strategies import OUTCOME_IDS, PROPOSITIONS, formulas, whens

__all__ = [
    "OUTCOME_IDS",
    "assumptions",
    "ats_for",
    "formulas",
    "given_formulas",
    "render",
    "scenario_atoms",
    "scenarios",
    "statement_for",
    "text_styles",
]

#: The free propositions of random scenarios.
FREE_ATOMS = tuple(parse_formula(text) for text in PROPOSITIONS)
QUOTES = (None, "", 'He said: "yes". :- fail.', "#show x/0. Ünïcode ✓", "attends(putin,talks)")

OFFSETS = (
    None,  # naive: counts as UTC
    UTC,
    timezone(timedelta(hours=3)),
    timezone(timedelta(hours=-5)),
)

#: A query's ``at``: nothing, a date or datetime, or the same as ISO text.
ats = st.one_of(st.none(), whens(), whens().map(lambda value: value.isoformat()))

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
    formula = draw(formulas(atoms, max_depth=depth))
    if draw(st.booleans()):
        return formula
    text = render(formula, draw(text_styles))
    return f" {text} " if draw(st.booleans()) else text


@st.composite
def _with_quotes(draw: Any, scenario: Scenario) -> Scenario:
    """Give the statements quotes that look like ASP: they must change nothing."""
    statements = [
        attrs.evolve(statement, quote=draw(st.sampled_from(QUOTES)))
        for statement in scenario.statements
    ]
    return attrs.evolve(scenario, statements=statements)


def scenarios(
    max_statements: int = 6,
    max_outcomes: int = 2,
    with_statements: bool = True,
    outcome_names: bool = False,
) -> st.SearchStrategy[Scenario]:
    """Small valid scenarios (public strategy), with quotes that look like ASP.

    With ``outcome_names``, formulas may name declared outcomes (SPEC section 2).
    """
    drawn = public.scenarios(
        max_statements=max_statements if with_statements else 0,
        max_outcomes=max_outcomes,
        outcome_names=outcome_names,
    )
    return drawn.flatmap(_with_quotes)


def scenario_atoms(scenario: Scenario) -> tuple[Atom, ...]:
    """The atoms random formulas about ``scenario`` are drawn from."""
    actor_ids = [actor.id for actor in scenario.actors]
    event_ids = [event.id for event in scenario.events]
    return attendance_atoms(actor_ids, event_ids) + FREE_ATOMS


def statement_for(scenario: Scenario) -> st.SearchStrategy[public.Statement]:
    """A statement of any kind that fits into ``scenario``, over its possible atoms."""
    return public.statements(scenario, atoms=scenario_atoms(scenario))


def assumptions(
    scenario: Scenario, outcome_names: bool = False
) -> st.SearchStrategy[list[Formula | str]]:
    """0 to 2 what-if assumptions about ``scenario``, as text or formula objects.

    With ``outcome_names``, they may name the scenario's declared outcomes.
    """
    atoms = scenario_atoms(scenario)
    if outcome_names:
        atoms += tuple(Atom(outcome.id) for outcome in scenario.outcomes)
    return st.lists(given_formulas(atoms, depth=2), max_size=2)
