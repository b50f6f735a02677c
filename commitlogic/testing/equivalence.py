"""Whether two scenarios are equivalent: the same outcomes and the same statuses.

Part of :mod:`commitlogic.testing.assertions` (import :func:`assert_equivalent`
from there, or from ``commitlogic.testing``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from commitlogic.model.dates import When
from commitlogic.model.formulas import Formula, FormulaLike, Not, Or, as_formula
from commitlogic.model.scenario import Kind, Scenario, Statement
from commitlogic.reasoning.results import Status
from commitlogic.testing._messages import _conditions, _conflict_lines, _fail, _outcome_lines
from commitlogic.testing.cases import _Case, _Setting

__all__ = ["assert_equivalent"]


def _constraint(statement: Statement) -> Formula | None:
    """Return what an active statement asks of every outcome, as one formula."""
    kind, subject, condition = statement.kind, statement.subject, statement.condition
    if kind in (Kind.COMMITS, Kind.OBSERVED):
        return subject
    if kind is Kind.REFUSES:
        return Not(subject)
    if kind is Kind.IF:
        assert condition is not None
        return Or((Not(condition), subject))
    if kind is Kind.ONLY_IF:
        assert condition is not None
        return Or((Not(subject), condition))
    return None  # might


def _values(status: Status) -> set[bool]:
    return {Status.CERTAIN: {True}, Status.IMPOSSIBLE: {False}, Status.POSSIBLE: {True, False}}[
        status
    ]


def assert_equivalent(
    first: Scenario,
    second: Scenario,
    *,
    assume: Sequence[FormulaLike] | FormulaLike = (),
    at: When | str | None = None,
) -> None:
    """Assert that two scenarios have the same outcomes and the same statuses.

    They are equivalent when both have an outcome or neither has, and then
    they have the same outcomes over both atom universes (every active
    statement of one holds in every outcome of the other), so every atom has
    the same status in both, and each outcome id has the same status.  Use
    it to check that rewriting a rule set (splitting a statement, an ``if``
    written as an ``only_if`` the other way round) changes nothing.  There
    is no ``under``: the same observations added to two equivalent
    scenarios leave them equivalent.

    Parameters
    ----------
    first, second
        The two scenarios; they must declare the same actors and events.
    assume
        What-if assumptions for both.
    at
        Compare the scenarios as they stood at this date or datetime.

    Raises
    ------
    CounterExample
        Naming what differs, with an outcome that one scenario has and the other has not.
    """
    __tracebackhide__ = True
    declared = [
        ({actor.id for actor in s.actors}, {event.id for event in s.events})
        for s in (first, second)
    ]
    if declared[0] != declared[1]:
        raise AssertionError(
            f"{first.name!r} and {second.name!r} declare different actors or events, "
            "so their atoms cannot be compared"
        )
    a = _Setting.make(first, assume, at).case(None)
    b = _Setting.make(second, assume, at).case(None)
    where = f"{first.name!r} and {second.name!r} differ{_conditions(a.setting)}"
    if a.is_consistent() != b.is_consistent():
        none = a if b.is_consistent() else b
        which = "first" if none is a else "second"
        headline = f"{where}: the {which} has no outcome, the other has."
        raise _fail(headline, a, _conflict_lines(none), other=b, outcomes=None)
    if not a.is_consistent():
        return
    for label, formula_a, formula_b in _compared(a, b):
        status_a, status_b = a.query(formula_a), b.query(formula_b)
        if status_a == status_b:
            continue
        assert status_a is not None and status_b is not None
        headline = (
            f"{where}: {label} is {status_a.value} in the first, {status_b.value} in the second."
        )
        only_a = _values(status_a) - _values(status_b)
        if only_a:
            value = only_a.pop()
            case, formula, of = a, formula_a, " of the first (not of the second)"
        else:
            value = (_values(status_b) - _values(status_a)).pop()
            case, formula, of = b, formula_b, " of the second (not of the first)"
        details = _outcome_lines(case.replay(), case.setting, formula, value, label, of)
        raise _fail(headline, a, details, other=b, outcomes=None)


def _compared(a: _Case, b: _Case) -> Iterable[tuple[str, Formula, Formula]]:
    """Yield what two consistent cases must agree on: label, formula in a, formula in b."""
    seen: dict[str, None] = {}
    for case in (a, b):
        report = case.reasoner.status(case.assume, case.setting.at)
        seen.update(dict.fromkeys(report.atoms))
    for name in seen:
        atom = as_formula(name)
        yield name, atom, atom
    outcomes_a = {o.id: o.when for o in a.full.outcomes}
    outcomes_b = {o.id: o.when for o in b.full.outcomes}
    for outcome_id in dict.fromkeys([*outcomes_a, *outcomes_b]):
        when_a = outcomes_a.get(outcome_id, outcomes_b.get(outcome_id))
        when_b = outcomes_b.get(outcome_id, when_a)
        assert when_a is not None and when_b is not None
        yield f"outcome {outcome_id}", when_a, when_b
    for case, name in ((a, "first"), (b, "second")):
        active = set(case.full.active(case.setting.at))
        for statement in case.full.statements:
            formula = _constraint(statement)
            if statement.id in active and formula is not None:
                yield f"the {name}'s statement {statement.id} ({formula})", formula, formula
