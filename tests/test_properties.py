"""Property-based tests: the reasoner agrees with the brute-force reference.

The reference (``tests/reference.py``) enumerates every truth assignment of
the universe; the reasoner must give the same statuses without doing so
(SPEC section 3).  Scenarios, assumptions and dates are random and small
(``tests/_strategies.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from _strategies import (
    OUTCOME_IDS,
    assumptions,
    ats_for,
    formulas,
    given_formulas,
    scenario_atoms,
    scenarios,
    statement_for,
)
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule
from reference import (
    MAX_ATOMS,
    active_ids,
    atom_text,
    conflict_problems,
    reference_query,
    reference_status,
    universe,
)

from commitlogic import (
    Actor,
    Atom,
    Event,
    Formula,
    Not,
    Outcome,
    Reasoner,
    Scenario,
    Statement,
    StatusReport,
)

KEYS = ("consistent", "atoms", "outcomes", "commitments")


def answer(report: StatusReport) -> dict[str, Any]:
    """The parts of a report the reference computes: everything but the conflict."""
    result = report.to_json()
    return {key: result[key] for key in KEYS}


def check_report(
    scenario: Scenario, report: StatusReport, assumed: list[Any], at: Any
) -> dict[str, Any]:
    """Assert that a status report is right (statuses, states and conflict); return it as JSON."""
    expected = reference_status(scenario, assumed, at)
    result = report.to_json()
    assert answer(report) == expected
    if expected["consistent"]:
        assert result["conflict"] is None
    else:
        assert result["conflict"] is not None
        assert conflict_problems(scenario, result["conflict"], assumed, at) == []
    return result


@given(scenarios(), st.data())
def test_universe_is_small_and_canonical(scenario: Scenario, data: st.DataObject) -> None:
    assume_ = data.draw(assumptions(scenario), label="assume")
    atoms = universe(scenario, assume_)
    assert len(atoms) <= MAX_ATOMS
    assert [atom_text(atom) for atom in atoms] == [str(atom) for atom in atoms]


@given(scenarios(), st.data())
def test_status_agrees_with_reference(scenario: Scenario, data: st.DataObject) -> None:
    """(a) statuses of atoms and outcomes, and commitment states, equal the reference's."""
    assume_ = data.draw(assumptions(scenario), label="assume")
    at = data.draw(ats_for(scenario), label="at")
    report = Reasoner(scenario).status(assume_, at)
    event("consistent" if report.consistent else "inconsistent")
    assert answer(report) == reference_status(scenario, assume_, at)


@given(scenarios(max_statements=8), st.data())
def test_conflict_is_minimal_and_unsatisfiable(scenario: Scenario, data: st.DataObject) -> None:
    """(b) an inconsistent report names a minimal conflict of active statements and assumptions.

    Also checks that ``is_consistent`` and ``conflict`` agree with ``status``.
    """
    assume_ = data.draw(assumptions(scenario), label="assume")
    at = data.draw(ats_for(scenario), label="at")
    reasoner = Reasoner(scenario)
    expected = reference_status(scenario, assume_, at)
    event("consistent" if expected["consistent"] else "inconsistent")
    report = reasoner.status(assume_, at)
    assert report.consistent == expected["consistent"]
    assert reasoner.is_consistent(assume_, at) == expected["consistent"]
    conflict = reasoner.conflict(assume_, at)
    if expected["consistent"]:
        assert report.conflict is None
        assert conflict is None
        return
    assert report.to_json()["atoms"] == {}
    assert report.to_json()["commitments"] == {}
    assert report.conflict is not None
    active = set(active_ids(scenario, at))
    for member in report.conflict:
        assert member.startswith("assume:") or member in active
    assert conflict_problems(scenario, report.conflict, assume_, at) == []
    assert conflict is not None
    assert conflict_problems(scenario, conflict, assume_, at) == []


@given(scenarios(), st.data())
def test_reused_reasoner_answers_like_a_fresh_one(scenario: Scenario, data: st.DataObject) -> None:
    """(c) queries on one live reasoner do not leak assumptions or dates into later ones."""
    reasoner = Reasoner(scenario)
    for _ in range(data.draw(st.integers(2, 5), label="queries")):
        assume_ = data.draw(assumptions(scenario), label="assume")
        at = data.draw(ats_for(scenario), label="at")
        kind = data.draw(st.sampled_from(["status", "query", "is_consistent"]), label="call")
        if kind == "status":
            reused = reasoner.status(assume_, at)
            fresh = Reasoner(scenario).status(assume_, at)
            assert answer(reused) == answer(fresh)
            check_report(scenario, reused, assume_, at)
        elif kind == "query":
            atoms = universe(scenario, assume_)
            assume(atoms)
            formula = data.draw(formulas(atoms, max_depth=2), label="formula")
            assert reasoner.query(formula, assume_, at) == Reasoner(scenario).query(
                formula, assume_, at
            )
        else:
            expected = reference_status(scenario, assume_, at)["consistent"]
            assert reasoner.is_consistent(assume_, at) == expected


@given(scenarios(), st.data())
def test_query_agrees_with_reference(scenario: Scenario, data: st.DataObject) -> None:
    """(d) the status of arbitrary formulas over the universe equals the reference's."""
    assume_ = data.draw(assumptions(scenario), label="assume")
    at = data.draw(ats_for(scenario), label="at")
    atoms = universe(scenario, assume_)
    assume(atoms)
    reasoner = Reasoner(scenario)
    for _ in range(data.draw(st.integers(1, 3), label="formulas")):
        formula = data.draw(given_formulas(atoms), label="formula")
        status = reasoner.query(formula, assume_, at)
        expected = reference_query(scenario, formula, assume_, at)
        assert (None if status is None else str(status)) == expected


@given(scenarios(), st.data())
def test_adding_statements_one_by_one(scenario: Scenario, data: st.DataObject) -> None:
    """(e) a reasoner grown with ``add`` answers like a fresh one on the whole scenario.

    Between additions, it is queried at random, which must not disturb it either.
    A statement can only supersede one that is known, so statements are
    added superseded first (the file order may have it the other way round).
    """
    scenario = attrs.evolve(scenario, statements=_superseded_first(scenario.statements))
    outcomes_later = data.draw(st.booleans(), label="outcomes added later")
    base = Scenario(
        scenario.name,
        actors=scenario.actors,
        events=scenario.events,
        outcomes=() if outcomes_later else scenario.outcomes,
    )
    reasoner = Reasoner(base)
    prefix = base
    for statement in scenario.statements:
        reasoner.add(statement)
        prefix = prefix.with_statement(statement)
        if data.draw(st.booleans(), label="query now"):
            assume_ = data.draw(assumptions(prefix), label="assume")
            at = data.draw(ats_for(scenario), label="at")
            check_report(prefix, reasoner.status(assume_, at), assume_, at)
    if outcomes_later:
        for outcome in scenario.outcomes:
            reasoner.add(outcome)
    assert reasoner.scenario == scenario
    assume_ = data.draw(assumptions(scenario), label="assume")
    at = data.draw(ats_for(scenario), label="at")
    grown = reasoner.status(assume_, at)
    assert answer(grown) == answer(Reasoner(scenario).status(assume_, at))
    check_report(scenario, grown, assume_, at)


def _superseded_first(statements: Sequence[Statement]) -> list[Statement]:
    """Order statements so that each comes after those it supersedes (stable otherwise)."""
    placed: dict[str, Statement] = {}
    pending = list(statements)
    while pending:
        ready = next(s for s in pending if all(old in placed for old in s.supersedes))
        placed[ready.id] = ready
        pending.remove(ready)
    return list(placed.values())


def _edge_scenario() -> Scenario:
    msk = timezone(timedelta(hours=3))
    return Scenario(
        "edge cases",
        actors=[Actor("putin"), Actor("Zelensky")],
        events=[Event("talks", invited=["putin"]), Event("Summit", invited=[])],
        statements=[
            Statement(
                "a", "commits", "p", by="putin", said=datetime(2025, 5, 12, 10, 0, tzinfo=msk)
            ),
            Statement("b", "refuses", "p", by="putin", said=date(2025, 5, 13), supersedes=["a"]),
            Statement(
                "C",
                "if",
                "attends(Zelensky, talks)",  # not invited, but in the universe
                condition="q",
                by="Zelensky",
                said=datetime(2025, 5, 12, 23, 30, tzinfo=timezone(timedelta(hours=-5))),
                supersedes=["b"],
                quote='"; :- true. #show.',
            ),
            Statement("d", "only_if", "q", condition="absent(putin, talks)", by="putin"),
            Statement("e", "observed", "attends(putin, talks) or attends(putin, Summit)"),
            Statement("f", "might", "r", condition="p", by="Zelensky", supersedes=["d"]),
        ],
        outcomes=[Outcome("o", "p and not q")],
    )


EDGE_QUERIES = [
    ((), None),
    ((), date(2025, 5, 12)),
    ((), "2025-05-12T07:00:00"),  # the instant "a" was said, as naive UTC
    ((), "2025-05-12T06:59:00+00:00"),
    ((), datetime(2025, 5, 13, 4, 29)),  # just before "C", which is dated the 12th
    (("p",), date(2025, 5, 13)),
    (("p", " p"), date(2025, 5, 13)),  # the same formula under two names
    ((Atom("p"), "p"), date(2025, 5, 13)),  # the same name twice
    (("p or not p",), None),
    (("q and not q",), None),
    ("q", None),  # a single assumption, not in a list
    (Not(Atom("attends", ("putin", "talks"))), date(2025, 5, 11)),
    (("not attends(putin,Summit)", "absent(putin, talks)"), None),
    (("q", "attends(putin, talks)"), date(2025, 5, 1)),
]


@pytest.mark.parametrize(("assume_", "at"), EDGE_QUERIES)
def test_edge_cases(assume_: Any, at: Any) -> None:
    """Hand-picked what-ifs and dates at the boundaries of SPEC section 3."""
    scenario = _edge_scenario()
    reasoner = Reasoner(scenario)
    assumed = [assume_] if isinstance(assume_, str | Formula) else list(assume_)
    check_report(scenario, reasoner.status(assume_, at), assumed, at)
    conflict = reasoner.conflict(assume_, at)
    if conflict is not None:
        assert conflict_problems(scenario, conflict, assumed, at) == []
    for formula in ("p", "q", "p and q", "r", "attends(Zelensky,talks)"):
        expected = reference_query(scenario, formula, assumed, at)
        status = reasoner.query(formula, assume_, at)
        assert (None if status is None else str(status)) == expected


class GrowingReasoner(RuleBasedStateMachine):
    """One live reasoner, grown statement by statement and outcome by outcome, queried at will.

    After every step its answers must match a reasoner built afresh on the
    scenario as it stands, and the reference.  Statements come from the
    public strategy ``commitlogic.strategies.statements``.
    """

    def __init__(self) -> None:
        super().__init__()
        self.reasoner: Reasoner | None = None

    @initialize(scenario=scenarios(with_statements=False, max_outcomes=0))
    def start(self, scenario: Scenario) -> None:
        self.reasoner = Reasoner(scenario)

    @property
    def scenario(self) -> Scenario:
        assert self.reasoner is not None
        return self.reasoner.scenario

    @rule(data=st.data())
    def add_statement(self, data: st.DataObject) -> None:
        assert self.reasoner is not None
        statement = data.draw(statement_for(self.scenario), label="statement")
        self.reasoner.add(statement)
        assert self.scenario.statements[-1] == statement

    @rule(data=st.data())
    def add_outcome(self, data: st.DataObject) -> None:
        assert self.reasoner is not None
        scenario = self.scenario
        if len(scenario.outcomes) == len(OUTCOME_IDS):
            return  # every outcome id is taken (a precondition would filter draws instead)
        outcome_id = OUTCOME_IDS[len(scenario.outcomes)]
        when = data.draw(given_formulas(scenario_atoms(scenario)), label="when")
        self.reasoner.add(Outcome(outcome_id, when))

    @rule(data=st.data())
    def status(self, data: st.DataObject) -> None:
        assert self.reasoner is not None
        assume_ = data.draw(assumptions(self.scenario), label="assume")
        at = data.draw(ats_for(self.scenario), label="at")
        live = self.reasoner.status(assume_, at)
        fresh = Reasoner(self.scenario).status(assume_, at)
        assert live.to_json() == fresh.to_json()
        check_report(self.scenario, live, assume_, at)

    @rule(data=st.data())
    def query(self, data: st.DataObject) -> None:
        assert self.reasoner is not None
        assume_ = data.draw(assumptions(self.scenario), label="assume")
        at = data.draw(ats_for(self.scenario), label="at")
        atoms = universe(self.scenario, assume_)
        if not atoms:
            return
        formula = data.draw(given_formulas(atoms, depth=2), label="formula")
        status = self.reasoner.query(formula, assume_, at)
        assert status == Reasoner(self.scenario).query(formula, assume_, at)
        expected = reference_query(self.scenario, formula, assume_, at)
        assert (None if status is None else str(status)) == expected

    @rule(data=st.data())
    def conflict(self, data: st.DataObject) -> None:
        assert self.reasoner is not None
        assume_ = data.draw(assumptions(self.scenario), label="assume")
        at = data.draw(ats_for(self.scenario), label="at")
        conflict = self.reasoner.conflict(assume_, at)
        assert self.reasoner.is_consistent(assume_, at) == (conflict is None)
        assert (conflict is None) == reference_status(self.scenario, assume_, at)["consistent"]
        if conflict is not None:
            assert conflict_problems(self.scenario, conflict, assume_, at) == []


# Few steps per run: each step solves, and the default profile must stay quick.
GrowingReasoner.TestCase.settings = settings(stateful_step_count=12)
TestGrowingReasoner = GrowingReasoner.TestCase
