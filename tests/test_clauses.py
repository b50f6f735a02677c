"""The clause encoding (reasoning/clauses.py) against the .lp encoding it implements.

Strict mode builds its program as clauses through clingo's backend; the
files in ``rules/`` stay the readable specification, and a reasoner made to
ground them (``_clauses = False``, as tolerant mode always does) must give
the same reports on drawn scenarios: statuses, commitment states,
consistency, formula statuses and witnesses' validity.  A conflict or a
reason is *a* minimal set; when several exist, the two encodings may find
different ones (their solver cores differ), so each one found is checked
against the brute-force reference instead, and must be equal when the
reference admits only one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from _strategies import (
    assumptions,
    ats_for,
    given_formulas,
    scenario_atoms,
    scenarios,
    statement_for,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import (
    assumption_formula,
    conflict_problems,
    explanation_problems,
    outcomes,
    reference_status,
)

from commitlogic import Not, Reasoner, ScenarioError, Status


class GroundReasoner(Reasoner):
    """A strict reasoner that grounds rules/*.lp instead of adding clauses."""

    _clauses = False


def _checked_conflicts(scenario: Any, found: list[Any], assume: Any, at: Any) -> None:
    for conflict in found:
        assert conflict_problems(scenario, conflict, assume, at) == []


def grown(data: st.DataObject, live: Reasoner, *others: Reasoner) -> Iterator[list[Any]]:
    """Add 1 to 3 drawn statements to every reasoner; after each, yield drawn assumptions."""
    for _ in range(data.draw(st.integers(1, 3), label="additions")):
        statement = data.draw(statement_for(live.scenario), label="statement")
        try:
            live.add(statement)
        except ScenarioError:
            continue
        for other in others:
            other.add(statement)
        yield data.draw(assumptions(live.scenario), label="assume")


@settings(max_examples=60, deadline=None)
@given(scenarios(max_statements=8, outcome_names=True), st.data())
def test_both_encodings_give_the_same_status(scenario: Any, data: st.DataObject) -> None:
    assume = data.draw(assumptions(scenario, outcome_names=True), label="assume")
    at = data.draw(ats_for(scenario), label="at")
    clauses, grounded = Reasoner(scenario), GroundReasoner(scenario)
    assert clauses._program.names == [str(atom) for atom in scenario.atoms()]
    mine, theirs = clauses.status(assume, at), grounded.status(assume, at)
    assert reference_status(scenario, assume, at)["consistent"] == mine.consistent
    if mine.consistent:
        assert mine == theirs
        return
    assert not theirs.consistent
    _checked_conflicts(scenario, [mine.conflict, theirs.conflict], assume, at)
    assert clauses.conflict(assume, at) is not None
    assert clauses.is_consistent(assume, at) is grounded.is_consistent(assume, at) is False


@settings(max_examples=60, deadline=None)
@given(scenarios(max_statements=8), st.data())
def test_both_encodings_explain_alike(scenario: Any, data: st.DataObject) -> None:
    assume = data.draw(assumptions(scenario), label="assume")
    at = data.draw(ats_for(scenario), label="at")
    given_formula = data.draw(given_formulas(scenario_atoms(scenario)), label="formula")
    formula = assumption_formula(given_formula)
    clauses, grounded = Reasoner(scenario), GroundReasoner(scenario)
    assert clauses.query(given_formula, assume, at) == grounded.query(given_formula, assume, at)
    mine = clauses.explain(given_formula, assume, at)
    theirs = grounded.explain(given_formula, assume, at)
    assert (mine.formula, mine.status) == (theirs.formula, theirs.status)
    if mine.status is None:
        _checked_conflicts(scenario, [mine.because, theirs.because], assume, at)
    elif mine.status is Status.POSSIBLE:
        assert mine.because is theirs.because is None
        assert mine.witnesses is not None
        holding = set(outcomes(scenario, [*assume, formula], at))
        failing = set(outcomes(scenario, [*assume, Not(formula)], at))
        assert frozenset(mine.witnesses.holds) in holding
        assert frozenset(mine.witnesses.fails) in failing
    else:
        target = formula if mine.status is Status.CERTAIN else Not(formula)
        for because in (mine.because, theirs.because):
            assert explanation_problems(scenario, target, because, assume, at) == []


@settings(max_examples=40, deadline=None)
@given(scenarios(max_statements=6), st.data())
def test_both_encodings_agree_after_adding_statements(scenario: Any, data: st.DataObject) -> None:
    clauses, grounded = Reasoner(scenario), GroundReasoner(scenario)
    at = data.draw(ats_for(scenario), label="at")
    clauses.status(at=at)  # a live reasoner, queried before it grows
    for assume in grown(data, clauses, grounded):
        fresh = GroundReasoner(clauses.scenario).status(assume, at)  # built anew
        assert clauses.status(assume, at).consistent == fresh.consistent
        if fresh.consistent:
            assert clauses.status(assume, at) == fresh
        mine, theirs = clauses.status(assume), grounded.status(assume)
        assert mine.consistent == theirs.consistent
        if mine.consistent:
            assert mine == theirs
        else:
            _checked_conflicts(clauses.scenario, [mine.conflict, theirs.conflict], assume, None)
    assert set(clauses._universe) == {str(atom) for atom in clauses.scenario.atoms()}
