"""Tolerant mode (SPEC section 3): commitments are soft, answers come from optimal outcomes.

The brute-force reference (``reference.reference_tolerant``) tries every
assignment and keeps those of least cost; the reasoner must find the same
cost and statuses with clingo's optimisation, never by enumeration.
"""

from __future__ import annotations

from typing import Any

from _strategies import assumptions, ats_for, scenarios
from hypothesis import given
from hypothesis import strategies as st
from reference import conflict_problems, reference_tolerant
from samples import TWO_LEADERS

from commitlogic import Reasoner, State, Statement, Status, loads

KEYS = ("consistent", "atoms", "outcomes", "commitments", "cost")


def check_tolerant(scenario: Any, assumed: list[Any], at: Any) -> dict[str, Any]:
    """Assert that a tolerant report agrees with the reference; return it as JSON."""
    report = Reasoner(scenario, tolerant=True).status(assume=assumed, at=at).to_json()
    expected = reference_tolerant(scenario, assumed, at)
    assert {key: report[key] for key in KEYS} == expected
    if not expected["consistent"]:
        assert report["cost"] is None
        # Only hard facts (observed statements and assumptions) can be in the conflict.
        assert conflict_problems(scenario, report["conflict"], assumed, at) == []
        for member in report["conflict"]:
            if not member.startswith("assume:"):
                assert scenario.statement(member).kind.value == "observed"
    return report


@given(scenarios(), st.data())
def test_tolerant_status_agrees_with_reference(scenario: Any, data: st.DataObject) -> None:
    assumed = data.draw(assumptions(scenario), label="assume")
    at = data.draw(ats_for(scenario), label="at")
    check_tolerant(scenario, assumed, at)


@given(scenarios(max_statements=8), st.data())
def test_tolerant_reasoner_reused_across_queries(scenario: Any, data: st.DataObject) -> None:
    """One live tolerant reasoner answers a sequence of queries like fresh ones."""
    reasoner = Reasoner(scenario, tolerant=True)
    for _ in range(3):
        assumed = data.draw(assumptions(scenario), label="assume")
        at = data.draw(ats_for(scenario), label="at")
        report = reasoner.status(assume=assumed, at=at).to_json()
        expected = reference_tolerant(scenario, assumed, at)
        assert {key: report[key] for key in KEYS} == expected


@given(scenarios(), st.data())
def test_tolerant_query_and_consistency(scenario: Any, data: st.DataObject) -> None:
    """query() takes statuses across optimal outcomes; is_consistent() ignores costs."""
    assumed = data.draw(assumptions(scenario), label="assume")
    reasoner = Reasoner(scenario, tolerant=True)
    expected = reference_tolerant(scenario, assumed)
    assert reasoner.is_consistent(assume=assumed) is expected["consistent"]
    for outcome in scenario.outcomes:
        status = reasoner.query(outcome.when, assume=assumed)
        assert (None if status is None else str(status)) == expected["outcomes"].get(outcome.id)


@given(scenarios())
def test_strict_answers_are_tolerant_answers_at_cost_zero(scenario: Any) -> None:
    """When strict mode has an outcome, tolerant mode costs 0 and agrees with it."""
    strict = Reasoner(scenario).status()
    tolerant = Reasoner(scenario, tolerant=True).status()
    if strict.consistent:
        assert tolerant.cost == 0
        assert tolerant.atoms == strict.atoms
        assert tolerant.outcomes == strict.outcomes
        assert tolerant.commitments == strict.commitments
    else:
        assert strict.cost is None


# --------------------------------------------------------------------------- by hand

CONTRADICTION = """
[scenario]
name = "putin says yes and no"

[[actors]]
id = "putin"

[[events]]
id = "talks"
[[statements]]
id = "p_commits"
kind = "commits"
by = "putin"
subject = "attends(putin, talks)"
weight = 3

[[statements]]
id = "p_refuses"
kind = "refuses"
by = "putin"
subject = "attends(putin, talks)"
"""


def test_contradicting_commitments_break_the_cheaper_one() -> None:
    scenario = loads(CONTRADICTION)
    assert Reasoner(scenario).status().conflict == ("p_commits", "p_refuses")
    report = Reasoner(scenario, tolerant=True).status()
    assert report.consistent
    assert report.cost == 1  # breaking p_refuses (weight 1) beats breaking p_commits (3)
    assert report.atoms["attends(putin,talks)"] is Status.CERTAIN
    assert report.commitments["p_commits"] == (State.DISCHARGED,)
    assert report.commitments["p_refuses"] == (State.VIOLATED,)
    assert report.broken == ("p_refuses",)
    assert report.at_risk == ()
    assert report.to_json()["cost"] == 1


def test_equal_weights_leave_both_readings_open() -> None:
    scenario = loads(CONTRADICTION.replace("weight = 3", "weight = 1"))
    report = Reasoner(scenario, tolerant=True).status()
    assert report.cost == 1
    assert report.atoms["attends(putin,talks)"] is Status.POSSIBLE
    assert report.commitments["p_commits"] == (State.DISCHARGED, State.VIOLATED)
    assert report.broken == ()
    assert report.at_risk == ("p_commits", "p_refuses")
    assert report.settled == {}


def test_observed_facts_stay_hard() -> None:
    scenario = loads(CONTRADICTION).with_statement(
        Statement("seen", "observed", "absent(putin, talks)")
    )
    report = Reasoner(scenario, tolerant=True).status()
    assert report.cost == 3  # p_commits must break
    assert report.commitments["p_commits"] == (State.VIOLATED,)
    assert report.commitments["p_refuses"] == (State.DISCHARGED,)
    inconsistent = Reasoner(scenario, tolerant=True).status(assume=["attends(putin, talks)"])
    assert not inconsistent.consistent
    assert inconsistent.conflict == ("seen", "assume:attends(putin, talks)")


def test_strict_reports_have_no_cost() -> None:
    report = Reasoner(loads(TWO_LEADERS)).status()
    assert report.cost is None
    assert "cost" not in report.to_json()
    assert Reasoner(loads(TWO_LEADERS), tolerant=True).status().to_json()["cost"] == 0
