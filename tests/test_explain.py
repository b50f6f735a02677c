"""Explanations (SPEC section 3): minimal reasons and witness outcomes.

A reason for a certain formula must make it certain on its own and lose
that without any one member; the brute-force reference checks both by
truth tables.  A witness must be a real outcome: it satisfies every active
statement and assumption, and the formula holds (or fails) in it.
"""

from __future__ import annotations

from typing import Any

from _strategies import assumptions, ats_for, given_formulas, scenario_atoms, scenarios
from hypothesis import given
from hypothesis import strategies as st
from reference import (
    assumption_formula,
    conflict_problems,
    explanation_problems,
    outcomes,
    reference_query,
    universe,
)
from samples import TWO_LEADERS

from commitlogic import Not, Reasoner, Status, loads, parse_formula


@given(scenarios(max_statements=8), st.data())
def test_explanations_agree_with_reference(scenario: Any, data: st.DataObject) -> None:
    assumed = data.draw(assumptions(scenario), label="assume")
    at = data.draw(ats_for(scenario), label="at")
    given_formula = data.draw(given_formulas(scenario_atoms(scenario)), label="formula")
    formula = assumption_formula(given_formula)
    explanation = Reasoner(scenario).explain(given_formula, assume=assumed, at=at)
    expected = reference_query(scenario, formula, assumed, at)
    assert explanation.formula == str(formula)
    if expected is None:
        assert explanation.status is None
        assert explanation.witnesses is None
        assert conflict_problems(scenario, explanation.because, assumed, at) == []
        return
    assert str(explanation.status) == expected
    if expected == "possible":
        assert explanation.because is None
        assert explanation.witnesses is not None
        everything = set(outcomes(scenario, [*assumed, formula], at))
        names = {str(atom) for atom in universe(scenario, [*assumed, formula])}
        holds, fails = set(explanation.witnesses.holds), set(explanation.witnesses.fails)
        assert holds <= names and fails <= names
        assert frozenset(holds) in everything  # an outcome where the formula holds
        assert frozenset(fails) in set(outcomes(scenario, [*assumed, Not(formula)], at))
        return
    assert explanation.witnesses is None
    target = formula if expected == "certain" else Not(formula)
    assert explanation_problems(scenario, target, explanation.because, assumed, at) == []


# --------------------------------------------------------------------------- by hand


def test_impossible_attendance_names_the_promise_and_the_fact() -> None:
    scenario = loads(TWO_LEADERS)
    explanation = Reasoner(scenario).explain("attends(zelensky, talks)")
    assert explanation.status is Status.IMPOSSIBLE
    assert explanation.because == ("z_only_if_putin", "kremlin_list")
    assert explanation.witnesses is None
    assert explanation.to_json() == {
        "formula": "attends(zelensky,talks)",
        "status": "impossible",
        "because": ["z_only_if_putin", "kremlin_list"],
        "witnesses": None,
    }


def test_certain_formula_needs_only_what_forces_it() -> None:
    explanation = Reasoner(loads(TWO_LEADERS)).explain("absent(putin, talks)")
    assert explanation.status is Status.CERTAIN
    assert explanation.because == ("kremlin_list",)


def test_an_assumption_can_be_the_reason() -> None:
    explanation = Reasoner(loads(TWO_LEADERS)).explain(
        "attends(zelensky, talks)", assume=["attends(zelensky, talks)"], at="2025-05-12"
    )
    assert explanation.status is Status.CERTAIN
    assert explanation.because == ("assume:attends(zelensky, talks)",)


def test_possible_formula_gets_two_witnesses() -> None:
    explanation = Reasoner(loads(TWO_LEADERS)).explain("attends(putin, talks)", at="2025-05-12")
    assert explanation.status is Status.POSSIBLE
    assert explanation.because is None
    assert explanation.witnesses is not None
    assert "attends(putin,talks)" in explanation.witnesses.holds
    assert "attends(putin,talks)" not in explanation.witnesses.fails
    # Zelensky comes only if Putin does: no witness has Zelensky without Putin.
    for witness in (explanation.witnesses.holds, explanation.witnesses.fails):
        assert "attends(zelensky,talks)" not in witness or "attends(putin,talks)" in witness


def test_tautology_is_certain_for_no_reason() -> None:
    formula = parse_formula("p or not p")
    explanation = Reasoner(loads(TWO_LEADERS)).explain(formula)
    assert explanation.status is Status.CERTAIN
    assert explanation.because == ()


def test_inconsistent_scenario_has_no_status_and_names_the_conflict() -> None:
    explanation = Reasoner(loads(TWO_LEADERS)).explain("p", assume=["attends(putin, talks)"])
    assert explanation.status is None
    assert explanation.because == ("kremlin_list", "assume:attends(putin, talks)")
    assert explanation.to_json()["status"] is None


def test_tolerant_reasoner_does_not_explain() -> None:
    import pytest

    with pytest.raises(ValueError, match="strict mode"):
        Reasoner(loads(TWO_LEADERS), tolerant=True).explain("p")
