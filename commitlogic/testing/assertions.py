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
from collections.abc import Callable, Collection, Iterable, Sequence

import attrs
import hypothesis
from hypothesis.errors import NoSuchExample
from hypothesis.strategies import SearchStrategy

from commitlogic.io.saving import dumps
from commitlogic.model.dates import When
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Formula, FormulaLike, Not, Or, as_formula
from commitlogic.model.query import assumption_list, normalise
from commitlogic.model.scenario import Actor, Event, Kind, Scenario, Statement, numbered_id
from commitlogic.reasoning.reasoner import Reasoner
from commitlogic.reasoning.results import Status

__all__ = [
    "Addition",
    "CounterExample",
    "assert_certain",
    "assert_consistent",
    "assert_equivalent",
    "assert_impossible",
    "assert_possible",
]

#: What a strategy given as ``under`` may draw: a statement to add, a formula
#: to assume (text or object), or an iterable of those.
Addition = Statement | FormulaLike


class CounterExample(AssertionError):
    """A property of a scenario failed; the message shows the minimal counter-example.

    Attributes
    ----------
    scenario
        The counter-example as a minimal scenario: the statements active at
        ``at`` and the added ones, with what the reasoning reads and nothing
        else (no ``supersedes``, which no longer matter, no quotes, sources,
        names or places, only the outcome the property is about), so that
        ``Reasoner(error.scenario).status(assume=error.assume)`` shows the
        failure without ``at``.  For :func:`assert_equivalent`, the first of
        the two scenarios (with all outcomes).
    other
        For :func:`assert_equivalent`, the second scenario, likewise; else ``None``.
    added
        The statements added to the scenario: those drawn, and drawn
        formulas as ``observed`` statements.  Empty when the scenario fails as it is.
    drawn
        The minimal value drawn from ``under`` (``None`` without a draw).
    assume
        The fixed assumptions of the check, as given.
    at
        The date of the check, or ``None``.
    toml
        The counter-example scenario as TOML text (both, for :func:`assert_equivalent`).
    """

    def __init__(
        self,
        message: str,
        *,
        scenario: Scenario,
        added: tuple[Statement, ...],
        drawn: object,
        assume: tuple[FormulaLike, ...],
        at: When | None,
        other: Scenario | None = None,
    ) -> None:
        super().__init__(message)
        self.scenario = scenario
        self.other = other
        self.added = added
        self.drawn = drawn
        self.assume = assume
        self.at = at
        self.toml = dumps(scenario) if other is None else dumps(scenario) + "\n" + dumps(other)

    def __reduce__(self) -> tuple[object, ...]:
        # Exceptions pickle as cls(*args); the keyword-only attributes go in the state.
        state = {key: value for key, value in vars(self).items() if key != "toml"}
        return (_unpickle, (str(self), state))


def _unpickle(message: str, state: dict[str, object]) -> CounterExample:
    return CounterExample(message, **state)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- one case


def _additions(drawn: object) -> list[Addition]:
    """Return what a strategy drew as a list of statements and formulas."""
    if drawn is None:
        return []
    if isinstance(drawn, Statement | str | Formula):
        return [drawn]
    if isinstance(drawn, Iterable):
        items = list(drawn)
        for item in items:
            if not isinstance(item, Statement | str | Formula):
                raise TypeError(
                    "under= must draw statements, formulas or formula text, "
                    f"or iterables of them; got {type(item).__name__}"
                )
        return items
    raise TypeError(
        "under= must draw statements, formulas or formula text, or iterables of them; "
        f"got {type(drawn).__name__}"
    )


@attrs.frozen
class _Setting:
    """A scenario with the fixed part of a check: assumptions and date."""

    scenario: Scenario
    assume: tuple[FormulaLike, ...]
    at: When | None
    reasoner: Reasoner = attrs.field(eq=False, repr=False)

    @classmethod
    def make(
        cls, scenario: Scenario, assume: Sequence[FormulaLike] | FormulaLike, at: When | str | None
    ) -> _Setting:
        if not isinstance(scenario, Scenario):
            raise TypeError(f"expected a Scenario, got {type(scenario).__name__}")
        query = normalise(scenario, assume, at)  # errors name assume or at, once
        return cls(scenario, tuple(assumption_list(assume)), query.at, Reasoner(scenario))

    def case(self, drawn: object) -> _Case:
        """Return this setting with a drawn addition."""
        additions = _additions(drawn)
        drawn_statements = [item for item in additions if isinstance(item, Statement)]
        formulas = [item for item in additions if not isinstance(item, Statement)]
        taken = {s.id for s in self.scenario.statements} | {s.id for s in drawn_statements}
        as_statements = [
            Statement(numbered_id("observed", taken), Kind.OBSERVED, as_formula(item))
            for item in formulas
        ]
        added = (*drawn_statements, *as_statements)
        full = attrs.evolve(self.scenario, statements=(*self.scenario.statements, *added))
        plain_facts = all(s.kind is Kind.OBSERVED and not s.supersedes for s in drawn_statements)
        if plain_facts:
            # Observed facts mean the same as assumptions: ask the live reasoner.
            present = [s.subject for s in drawn_statements if s.is_present(self.at)]
            return _Case(self, full, added, drawn, self.reasoner, (*present, *formulas))
        with_statements = attrs.evolve(
            self.scenario, statements=(*self.scenario.statements, *drawn_statements)
        )
        return _Case(self, full, added, drawn, Reasoner(with_statements), tuple(formulas))


@attrs.frozen
class _Case:
    """One question: a setting plus one drawn addition, and how to ask about it."""

    setting: _Setting
    full: Scenario  # the scenario with every addition as a statement
    added: tuple[Statement, ...]
    drawn: object
    reasoner: Reasoner = attrs.field(eq=False, repr=False)
    extra: tuple[FormulaLike, ...]  # assumptions standing for the additions

    @property
    def assume(self) -> list[FormulaLike]:
        return [*self.setting.assume, *self.extra]

    def is_consistent(self) -> bool:
        return self.reasoner.is_consistent(self.assume, self.setting.at)

    def query(self, formula: Formula) -> Status | None:
        return self.reasoner.query(formula, self.assume, self.setting.at)

    def replay(self) -> Reasoner:
        """Return a reasoner on the full scenario, whose answers name every statement."""
        return Reasoner(self.full)

    def reduced(self, outcomes: Collection[str] | None = None) -> Scenario:
        """Return the full scenario as it stands at ``at``, with only what reasoning reads.

        That is: the active statements, without ``supersedes`` (no present
        statement supersedes an active one), ``quote`` and ``source``; the
        actors and events without their names, parties, roles, places and
        start dates; the description; and the outcomes not in ``outcomes``
        (``None`` keeps them all).
        """
        full = self.full
        active = set(full.active(self.setting.at))
        return Scenario(
            full.name,
            actors=[Actor(actor.id) for actor in full.actors],
            events=[Event(event.id, invited=event.invited) for event in full.events],
            statements=[
                attrs.evolve(s, supersedes=(), quote=None, source=None)
                for s in full.statements
                if s.id in active
            ],
            outcomes=[o for o in full.outcomes if outcomes is None or o.id in outcomes],
        )


# --------------------------------------------------------------------------- messages


def _line(statement: Statement) -> str:
    who = f" by {statement.by}" if statement.by else ""
    when = f" on {statement.said.isoformat()}" if statement.said else ""
    text = f"{statement.id} ({statement.kind.value}{who}{when}): {statement.subject}"
    if statement.condition is not None:
        text += f" / condition {statement.condition}"
    return text


def _conditions(setting: _Setting) -> str:
    parts = [""]
    if setting.at is not None:
        parts.append(f"at {setting.at.isoformat()}")
    if setting.assume:
        parts.append("assuming " + " and ".join(str(item) for item in setting.assume))
    return ", ".join(parts)


def _where(setting: _Setting) -> str:
    return repr(setting.scenario.name) + _conditions(setting)


def _added_lines(case: _Case) -> list[str]:
    if not case.added:
        return ["as the scenario stands, with nothing added."]
    count = len(case.added)
    lines = [f"with {'this statement' if count == 1 else f'these {count} statements'} added:"]
    for statement in case.added:
        late = "" if statement.is_present(case.setting.at) else "   (not yet said then)"
        lines.append(f"  + {_line(statement)}{late}")
    return lines


def _scenario_lines(case: _Case, scenario: Scenario, label: str = "") -> list[str]:
    added = {s.id for s in case.added}
    when = f"at {case.setting.at.isoformat()}" if case.setting.at is not None else "as it stands"
    marks = " ('+' marks an addition)" if case.added else ""
    lines = [f"The {label}scenario {when}{marks}:"]
    for statement in scenario.statements:
        mark = "+" if statement.id in added else " "
        lines.append(f"  {mark} {_line(statement)}")
    if not scenario.statements:
        lines.append("    (no active statement)")
    return lines


def _command(setting: _Setting, name: str = "counterexample.toml") -> str:
    words = ["commitlogic", "status", name]
    for item in setting.assume:
        words += ["--assume", f'"{item}"']
    return " ".join(words)


def _toml_lines(case: _Case, scenario: Scenario, name: str = "counterexample.toml") -> list[str]:
    return [
        f"As a scenario file (commitlogic.dumps); save it as {name} and run",
        f"  {_command(case.setting, name)}",
        "",
        dumps(scenario).rstrip("\n"),
    ]


def _conflict_lines(case: _Case) -> list[str]:
    conflict = case.replay().conflict(case.setting.assume, case.setting.at) or ()
    lines = ["Minimal conflict (no outcome together; without any one of them there is one):"]
    for name in conflict:
        if name.startswith("assume:"):
            lines.append(f"  - {name}")
        else:
            lines.append(f"  - {_line(case.full.statement(name))}")
    return lines


def _outcome(reasoner: Reasoner, assume: list[FormulaLike], at: When | None) -> list[str] | None:
    """Return the true atoms of one outcome under ``assume``, or ``None`` if there is none."""
    report = reasoner.status(assume, at)
    if not report.consistent:
        return None
    chosen = list(assume)
    true = []
    for name, status in report.atoms.items():
        if status is Status.CERTAIN:
            true.append(name)
        elif status is Status.POSSIBLE:
            if reasoner.is_consistent([*chosen, name], at):
                chosen.append(name)
                true.append(name)
            else:
                chosen.append(f"not {name}")
    return sorted(true)


def _outcome_lines(
    reasoner: Reasoner,
    setting: _Setting,
    formula: Formula,
    holds: bool,
    label: str,
    of: str = "",
) -> list[str]:
    condition = formula if holds else Not(formula)
    true = _outcome(reasoner, [*setting.assume, condition], setting.at)
    if true is None:  # pragma: no cover - the status said there is one
        return []
    verb = "holds" if holds else "fails"
    return [
        f"An outcome{of} where {label} {verb}:",
        "  true: " + (", ".join(true) if true else "(nothing)"),
        "  every other atom is false",
    ]


def _fail(
    headline: str,
    case: _Case,
    details: list[str],
    *,
    other: _Case | None = None,
    outcomes: Collection[str] | None = (),
) -> CounterExample:
    scenario = case.reduced(outcomes)
    lines = [headline, *(_added_lines(case) if other is None else []), ""]
    if details:
        lines += [*details, ""]
    if other is None:
        lines += [*_scenario_lines(case, scenario), ""]
        lines += _toml_lines(case, scenario)
        second = None
    else:
        second = other.reduced(outcomes)
        lines += [*_scenario_lines(case, scenario, "first "), ""]
        lines += [*_scenario_lines(other, second, "second "), ""]
        lines += [*_toml_lines(case, scenario, "first.toml"), ""]
        lines += _toml_lines(other, second, "second.toml")
    return CounterExample(
        "\n".join(lines),
        scenario=scenario,
        other=second,
        added=case.added,
        drawn=case.drawn,
        assume=case.setting.assume,
        at=case.setting.at,
    )


# --------------------------------------------------------------------------- the search


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


# --------------------------------------------------------------------------- equivalence


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
