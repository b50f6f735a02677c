"""Forecast mode (SPEC section 3): exact probabilities, against an enumeration of SPEC's formula.

The oracle is ``reference_forecast`` (tests/reference.py): it enumerates
every assignment of the universe and sums weights as exact fractions.
Scenarios are drawn with the public strategies, then given random
credibilities on the scenario, its actors and its statements.
"""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest
from _strategies import assumptions, ats_for, formulas, scenario_atoms, scenarios
from hypothesis import event, given
from hypothesis import strategies as st
from reference import conflict_problems, reference_forecast, reference_status
from samples import TWO_LEADERS

from commitlogic import Not, Outcome, Reasoner, Scenario, ScenarioError, loads
from commitlogic.forecasting import Forecast
from commitlogic.forecasting import forecast as any_forecast

TOLERANCE = 1e-9


def forecast(*arguments: Any, **options: Any) -> Forecast:
    """SPEC's model: ``forecast(..., model="independent")``."""
    return any_forecast(*arguments, model="independent", **options)


KEYS = ("consistent", "atoms", "outcomes", "commitments")

#: Credibilities: often none (inherit), sometimes near 0 or 1, where errors would show.
credibility_values = (
    st.none() | st.sampled_from([0.5, 0.8, 0.01, 0.99, 1e-6, 1 - 1e-6]) | (st.floats(0.001, 0.999))
)


@st.composite
def with_credibilities(
    draw: Any, scenario: Scenario, values: st.SearchStrategy[float | None] = credibility_values
) -> Scenario:
    """Give the scenario, its actors and its statements random credibilities (or none)."""
    actors = [attrs.evolve(a, credibility=draw(values)) for a in scenario.actors]
    statements = [attrs.evolve(s, credibility=draw(values)) for s in scenario.statements]
    return attrs.evolve(scenario, credibility=draw(values), actors=actors, statements=statements)


credible_scenarios = scenarios(max_statements=7).flatmap(with_credibilities)


def assert_close(found: dict[str, Any], expected: dict[str, Any]) -> None:
    assert found["consistent"] == expected["consistent"]
    for key in ("atoms", "outcomes", "commitments"):
        assert list(found[key]) == sorted(expected[key]), key
        for name, value in expected[key].items():
            assert abs(found[key][name] - value) <= TOLERANCE, (key, name, found[key][name], value)


@given(credible_scenarios, st.data())
def test_forecast_agrees_with_the_enumeration(scenario: Scenario, data: st.DataObject) -> None:
    assume_ = data.draw(assumptions(scenario), label="assume")
    at = data.draw(ats_for(scenario), label="at")
    result = Reasoner(scenario).forecast(assume_, at, model="independent")
    expected = reference_forecast(scenario, assume_, at)
    event("consistent" if expected["consistent"] else "inconsistent")
    assert_close(result.to_json(), expected)
    if expected["consistent"]:
        assert result.conflict is None
    else:
        # The conflict of the hard facts: observed statements and assumptions only.
        assert result.conflict is not None
        observed = {s.id for s in scenario.statements if s.kind.value == "observed"}
        assert all(m.startswith("assume:") or m in observed for m in result.conflict)
        assert conflict_problems(scenario, result.conflict, assume_, at) == []


@given(credible_scenarios, st.data())
def test_probabilities_are_in_the_unit_interval(scenario: Scenario, data: st.DataObject) -> None:
    result = forecast(scenario, data.draw(assumptions(scenario), label="assume"))
    for key in ("atoms", "outcomes", "commitments"):
        for value in getattr(result, key).values():
            assert 0.0 <= value <= 1.0


@given(credible_scenarios, st.data())
def test_a_formula_and_its_negation_sum_to_one(scenario: Scenario, data: st.DataObject) -> None:
    formula = data.draw(formulas(scenario_atoms(scenario), max_depth=3), label="formula")
    extended = attrs.evolve(
        scenario,
        outcomes=[*scenario.outcomes, Outcome("zz_f", formula), Outcome("zz_not_f", Not(formula))],
    )
    result = forecast(extended)
    if result.consistent:
        total = result.outcomes["zz_f"] + result.outcomes["zz_not_f"]
        assert math.isclose(total, 1.0, abs_tol=TOLERANCE)


@given(scenarios(max_statements=7), st.data())
def test_near_certain_credibility_approaches_the_strict_reading(
    scenario: Scenario, data: st.DataObject
) -> None:
    """With every credibility 1 - 1e-9, certain is near 1 and impossible near 0."""
    assume_ = data.draw(assumptions(scenario), label="assume")
    strict = reference_status(scenario, assume_)
    if not strict["consistent"]:
        return
    sure = attrs.evolve(
        scenario,
        credibility=1 - 1e-9,
        actors=[attrs.evolve(a, credibility=None) for a in scenario.actors],
        statements=[attrs.evolve(s, credibility=None) for s in scenario.statements],
    )
    result = forecast(sure, assume_)
    assert result.consistent
    for key in ("atoms", "outcomes"):
        for name, status in strict[key].items():
            value = getattr(result, key)[name]
            if status == "certain":
                assert value > 1 - 1e-5, (name, value)
            elif status == "impossible":
                assert value < 1e-5, (name, value)
    for name in result.commitments:
        assert result.commitments[name] > 1 - 1e-5


def test_two_leaders_by_hand() -> None:
    """Zelensky only if Putin (p = 0.8); Putin seen absent: Zelensky comes with 0.2."""
    scenario = loads(TWO_LEADERS)
    result = forecast(scenario)
    assert result.atoms == pytest.approx(
        {"attends(putin,talks)": 0.0, "attends(zelensky,talks)": 0.2}, abs=TOLERANCE
    )
    assert result.commitments == pytest.approx({"z_only_if_putin": 0.8}, abs=TOLERANCE)
    # Before the observation: weights .8 (neither), .2 (Z alone), .8 (P alone), .8 (both).
    early = forecast(scenario, at="2025-05-12")
    assert early.atoms["attends(zelensky,talks)"] == pytest.approx(1.0 / 2.6, abs=TOLERANCE)
    assert early.outcomes["leaders_meet"] == pytest.approx(0.8 / 2.6, abs=TOLERANCE)
    assert early.commitments["z_only_if_putin"] == pytest.approx(2.4 / 2.6, abs=TOLERANCE)


def test_untouched_atoms_are_one_half() -> None:
    scenario = loads(
        TWO_LEADERS.replace(
            '[[events]]\nid = "talks"', '[[events]]\nid = "talks"\n[[events]]\nid = "dinner"'
        )
    )
    result = forecast(scenario)
    assert result.atoms["attends(putin,dinner)"] == 0.5
    assert result.atoms["attends(zelensky,dinner)"] == 0.5


def test_inconsistent_hard_facts_name_their_conflict() -> None:
    scenario = loads(TWO_LEADERS)
    result = forecast(scenario, assume=["attends(putin, talks)"])
    assert result == Forecast(False, conflict=("kremlin_list", "assume:attends(putin, talks)"))
    assert result.to_json() == {
        "model": "independent",
        "consistent": False,
        "atoms": {},
        "outcomes": {},
        "commitments": {},
        "conflict": ["kremlin_list", "assume:attends(putin, talks)"],
    }


def test_broken_commitments_never_make_a_forecast_inconsistent() -> None:
    scenario = loads(
        TWO_LEADERS + '\n[[statements]]\nid = "z_comes"\nkind = "commits"\n'
        'by = "zelensky"\nsubject = "attends(zelensky, talks)"\n'
    )
    assert not Reasoner(scenario).is_consistent()
    result = forecast(scenario)
    assert result.consistent
    # Z comes: .2 (only-if broken) * .8 (kept); stays: .8 * .2.  Equal weights.
    assert result.atoms["attends(zelensky,talks)"] == pytest.approx(0.5, abs=TOLERANCE)


@pytest.mark.parametrize("samples", [0, -3, 1.5, True, "10"])
def test_a_bad_number_of_samples_is_an_input_error(samples: object) -> None:
    with pytest.raises(ScenarioError) as caught:
        forecast(loads(TWO_LEADERS), samples=samples)  # type: ignore[arg-type]
    assert caught.value.field == "samples"


def test_a_bad_assumption_is_a_located_input_error() -> None:
    with pytest.raises(ScenarioError) as caught:
        forecast(loads(TWO_LEADERS), assume=["attends(nobody, talks)"])
    assert caught.value.field == "assume"
    with pytest.raises(ScenarioError) as caught:
        forecast(loads(TWO_LEADERS), at="someday")
    assert caught.value.field == "at"


def test_the_json_has_exactly_the_keys_of_spec_section_4() -> None:
    result = forecast(loads(TWO_LEADERS)).to_json()
    keys = ["model", "consistent", "atoms", "outcomes", "commitments", "conflict"]
    assert list(result) == keys
    assert result["model"] == "independent"
    assert result["conflict"] is None


def test_a_component_of_thousands_of_atoms_neither_overflows_nor_underflows() -> None:
    """One observed disjunction of 1,500 atoms: Z = 2**1500 - 1 would overflow a float.

    P(p1) = 2**1499 / (2**1500 - 1), which is 1/2 to far better than 1e-9;
    a commitment that p1 fails (credibility 0.9) on top gives 0.1 * 2**1499
    / (0.1 * 2**1499 + 0.9 * (2**1499 - 1)), again 0.1 to within 1e-9.
    """
    names = [f"p{i}" for i in range(1, 1501)]
    text = (
        '[scenario]\nname = "wide"\n[[actors]]\nid = "a"\n'
        f'[[statements]]\nid = "seen"\nkind = "observed"\nsubject = "{" or ".join(names)}"\n'
    )
    result = forecast(loads(text))
    assert result.atoms["p1"] == pytest.approx(0.5, abs=TOLERANCE)
    assert result.atoms["p1500"] == pytest.approx(0.5, abs=TOLERANCE)
    doubted = text + '[[statements]]\nid = "no_p1"\nkind = "refuses"\nby = "a"\n'
    doubted += 'subject = "p1"\ncredibility = 0.9\n'
    result = forecast(loads(doubted))
    assert result.atoms["p1"] == pytest.approx(0.1, abs=TOLERANCE)
    assert result.atoms["p2"] == pytest.approx(0.5, abs=TOLERANCE)
