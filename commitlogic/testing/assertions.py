"""Assertions for your own tests: properties that must survive whatever comes next.

Each helper checks a property of a scenario, first as it stands and then,
when ``under`` is given, under every addition Hypothesis draws from that
strategy: observed facts, new statements, or what-if assumptions.  When the
property fails, Hypothesis shrinks the addition to a minimal one and the
helper raises :class:`CounterExample`, an :class:`AssertionError` whose
message shows the counter-example as a readable scenario and as a TOML
file that reproduces it::

    from commitlogic import load
    from commitlogic.testing.strategies import observations
    from commitlogic.testing.assertions import assert_impossible

    scenario = load("examples/istanbul_2025.toml")

    def test_no_leaders_meeting_without_putin():
        assert_impossible(
            scenario,
            "leaders_meet",
            under=observations(scenario),
            assume=["absent(putin, istanbul_talks)"],
            at="2025-05-12",
        )

Call the helpers from a plain test function, not from inside ``@given``
(they run Hypothesis themselves, through :func:`hypothesis.find`).  They use
the current Hypothesis settings profile (or ``settings=``), without a
deadline, since solver times vary, and save failing examples in the
Hypothesis example database, so a failure is found again at once.

An addition that leaves no outcome at all is not a counter-example to
:func:`assert_certain`, :func:`assert_impossible` or :func:`assert_possible`
(with no outcome there is no status); :func:`assert_consistent` is the
check for that.  The scenario itself, without additions, must have an outcome.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import hypothesis
from hypothesis.errors import NoSuchExample
from hypothesis.strategies import SearchStrategy

from commitlogic.model.dates import When
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Formula, FormulaLike, as_formula
from commitlogic.model.scenario import Scenario
from commitlogic.reasoning.results import Status
from commitlogic.testing._messages import _conflict_lines, _fail, _outcome_lines, _where
from commitlogic.testing.cases import Addition, CounterExample, _Setting
from commitlogic.testing.equivalence import assert_equivalent

__all__ = [
    "Addition",
    "CounterExample",
    "assert_certain",
    "assert_consistent",
    "assert_equivalent",
    "assert_impossible",
    "assert_possible",
]


def _settings(chosen: hypothesis.settings | None) -> hypothesis.settings:
    base = chosen if chosen is not None else hypothesis.settings()
    if not isinstance(base, hypothesis.settings):
        raise TypeError(f"settings= must be hypothesis.settings, got {type(base).__name__}")
    # No deadline: solver times vary.  No explain phase: find() reports the
    # minimal example only, and explaining it would cost many more solver calls.
    phases = [phase for phase in base.phases if phase is not hypothesis.Phase.explain]
    return hypothesis.settings(base, deadline=None, phases=phases)


def _search(
    check: Callable[[object], CounterExample | None],
    under: SearchStrategy[object] | None,
    settings: hypothesis.settings | None,
    key: tuple[object, ...],
) -> None:
    """Raise the counter-example of ``check``: first without additions, then under ``under``."""
    __tracebackhide__ = True
    failure = check(None)
    if failure is not None:
        raise failure
    if under is None:
        return
    if not isinstance(under, SearchStrategy):
        raise TypeError(f"under= must be a Hypothesis strategy, got {type(under).__name__}")
    digest = hashlib.sha256(repr((*key, under)).encode("utf-8")).digest()
    try:
        found = hypothesis.find(
            under,
            lambda drawn: check(drawn) is not None,
            settings=_settings(settings),
            database_key=b"commitlogic.testing.assertions:" + digest,
        )
    except NoSuchExample:
        return
    failure = check(found)
    if failure is None:  # pragma: no cover - the reasoner is deterministic
        raise AssertionError(f"the counter-example {found!r} did not fail again")
    raise failure


def _formula(scenario: Scenario, formula: FormulaLike) -> tuple[str, Formula]:
    """Return a label and the formula of an outcome id or a formula."""
    try:
        parsed = as_formula(formula)
        scenario.check_formula(parsed)
        expanded = scenario.expand(parsed)  # an outcome id stands for its formula
    except ScenarioError as error:
        raise ScenarioError(
            f"{str(formula)!r} is neither an outcome id of the scenario nor a valid formula: "
            f"{error.reason}",
            field="formula",
        ) from None
    return str(parsed), expanded


_EXPECTED = {
    Status.CERTAIN: "certain",
    Status.IMPOSSIBLE: "impossible",
    Status.POSSIBLE: "possible",
}


def _assert_status(
    expected: Status,
    scenario: Scenario,
    formula: FormulaLike,
    under: SearchStrategy[object] | None,
    assume: Sequence[FormulaLike] | FormulaLike,
    at: When | str | None,
    settings: hypothesis.settings | None,
) -> None:
    __tracebackhide__ = True
    setting = _Setting.make(scenario, assume, at)
    label, parsed = _formula(scenario, formula)
    named = {outcome.id for outcome in scenario.outcomes if outcome.id == label}

    def check(drawn: object) -> CounterExample | None:
        case = setting.case(drawn)
        status = case.query(parsed)
        if status is None:
            if drawn is not None:
                return None  # no outcome, no status: not a counter-example
            headline = f"{label} has no status: {_where(setting)} has no outcome,"
            return _fail(headline, case, _conflict_lines(case), outcomes=named)
        if status is expected:
            return None
        headline = f"{label} is {status.value}, not {_EXPECTED[expected]}, in {_where(setting)},"
        holds = expected is not Status.CERTAIN
        if expected is Status.POSSIBLE:
            holds = status is Status.CERTAIN  # show that it never fails, by one where it holds
        replay = case.replay()
        details = _outcome_lines(replay, setting, parsed, holds, label)
        return _fail(headline, case, details, outcomes=named)

    _search(check, under, settings, (expected.value, scenario, parsed, setting.assume, setting.at))


def assert_consistent(
    scenario: Scenario,
    *,
    under: SearchStrategy[object] | None = None,
    assume: Sequence[FormulaLike] | FormulaLike = (),
    at: When | str | None = None,
    settings: hypothesis.settings | None = None,
) -> None:
    """Assert that ``scenario`` has an outcome, and keeps one under every addition from ``under``.

    Parameters
    ----------
    scenario
        The scenario to check.
    under
        A strategy of additions: statements to add, formulas (or text) to
        assume, or iterables of them, such as
        :func:`~commitlogic.strategies.observations` or
        :func:`~commitlogic.strategies.statement_sequences`.  Without it,
        only the scenario as it stands is checked.
    assume
        What-if assumptions that hold in every check.
    at
        Check the scenario as it stood at this date or datetime.
    settings
        Hypothesis settings for the search (default: the current profile).

    Raises
    ------
    CounterExample
        With a minimal addition that leaves no outcome, and the conflict.
    """
    __tracebackhide__ = True
    setting = _Setting.make(scenario, assume, at)

    def check(drawn: object) -> CounterExample | None:
        case = setting.case(drawn)
        if case.is_consistent():
            return None
        return _fail(f"{_where(setting)} has no outcome,", case, _conflict_lines(case))

    _search(check, under, settings, ("consistent", scenario, setting.assume, setting.at))


def assert_certain(
    scenario: Scenario,
    formula: FormulaLike,
    *,
    under: SearchStrategy[object] | None = None,
    assume: Sequence[FormulaLike] | FormulaLike = (),
    at: When | str | None = None,
    settings: hypothesis.settings | None = None,
) -> None:
    """Assert that ``formula`` holds in every outcome, whatever ``under`` adds.

    Parameters
    ----------
    scenario
        The scenario to check.
    formula
        An outcome id of the scenario (such as ``"leaders_meet"``), or a
        formula as text or object.
    under, assume, at, settings
        As for :func:`assert_consistent`.  Additions that leave no outcome
        are not counter-examples.

    Raises
    ------
    CounterExample
        With a minimal addition under which ``formula`` is not certain, and
        an outcome where it fails.
    ScenarioError
        When ``formula`` is neither an outcome id nor a valid formula.
    """
    __tracebackhide__ = True
    _assert_status(Status.CERTAIN, scenario, formula, under, assume, at, settings)


def assert_impossible(
    scenario: Scenario,
    formula: FormulaLike,
    *,
    under: SearchStrategy[object] | None = None,
    assume: Sequence[FormulaLike] | FormulaLike = (),
    at: When | str | None = None,
    settings: hypothesis.settings | None = None,
) -> None:
    """Assert that ``formula`` holds in no outcome, whatever ``under`` adds.

    Parameters are as for :func:`assert_certain`.

    Raises
    ------
    CounterExample
        With a minimal addition under which ``formula`` is not impossible,
        and an outcome where it holds.
    """
    __tracebackhide__ = True
    _assert_status(Status.IMPOSSIBLE, scenario, formula, under, assume, at, settings)


def assert_possible(
    scenario: Scenario,
    formula: FormulaLike,
    *,
    under: SearchStrategy[object] | None = None,
    assume: Sequence[FormulaLike] | FormulaLike = (),
    at: When | str | None = None,
    settings: hypothesis.settings | None = None,
) -> None:
    """Assert that ``formula`` stays open (true in some outcomes, false in others).

    Parameters are as for :func:`assert_certain`.

    Raises
    ------
    CounterExample
        With a minimal addition that settles ``formula``, and an outcome
        showing how it is settled.
    """
    __tracebackhide__ = True
    _assert_status(Status.POSSIBLE, scenario, formula, under, assume, at, settings)
