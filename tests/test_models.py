"""Every forecasting model against a brute-force enumeration of its own formula.

The oracle is ``reference_model_forecast`` (tests/reference.py), written
from the formula in docs/forecast-quality.md: it enumerates every
assignment of the atoms and of one latent per group, with exact fractions.
Scenarios are drawn with the public strategies, given random credibility
keys, and each model gets random parameters (and, for the pooled models,
random learned credibilities of actors and parties).
"""

from __future__ import annotations

from typing import Any

import pytest
from _strategies import assumptions, ats_for, scenarios
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import reference_forecast, reference_model_forecast
from samples import TWO_LEADERS
from test_forecast import assert_close, with_credibilities

from commitlogic import Reasoner, loads
from commitlogic.forecasting import MODELS, Parameters, forecast
from commitlogic.forecasting.enumeration import Enumeration
from commitlogic.forecasting.models import build

PARAMETERS = ("credibility", "commits", "refuses", "if", "only_if")
PARAMETERS += ("invited", "attends", "free", "might", "stands", "wavering", "held", "present")
PARAMETERS += ("away",)
probabilities = st.floats(0.02, 0.98) | st.sampled_from([0.5, 0.99, 1e-6, 1 - 1e-6])
# Fewer statements than the SPEC tests: latents double the assignments per group.
drawn = scenarios(max_statements=5).flatmap(
    lambda s: with_credibilities(s, st.none() | st.none() | probabilities)
)


@st.composite
def parameters(draw: Any, scenario: Any) -> Parameters:
    values = {name: draw(probabilities) for name in PARAMETERS if draw(st.booleans())}
    actors = {a.id: draw(probabilities) for a in scenario.actors if draw(st.booleans())}
    parties = {
        a.party: draw(probabilities) for a in scenario.actors if a.party and draw(st.booleans())
    }
    names = sorted({item.name for item in scenario.atoms() if item.name != "attends"})
    predicates = {name: draw(probabilities) for name in names if draw(st.booleans())}
    return Parameters(values=values, actors=actors, parties=parties, predicates=predicates)


@pytest.mark.parametrize("name", list(MODELS))
@settings(max_examples=40, deadline=None)
@given(scenario=drawn, data=st.data())
def test_each_model_is_its_formula(name: str, scenario: Any, data: st.DataObject) -> None:
    chosen = data.draw(parameters(scenario), label="parameters")
    assume_ = data.draw(assumptions(scenario), label="assume")
    at = data.draw(ats_for(scenario), label="at")
    found = forecast(scenario, assume_, at, model=name, parameters=chosen)
    expected = reference_model_forecast(
        scenario,
        name,
        dict(chosen.values),
        assume_,
        at,
        dict(chosen.actors),
        dict(chosen.parties),
        dict(chosen.predicates),
    )
    assert found.model == name
    assert_close(found.to_json(), expected)


@settings(max_examples=40, deadline=None)
@given(scenario=drawn, data=st.data())
def test_independent_is_specs_model_whatever_the_parameters(
    scenario: Any, data: st.DataObject
) -> None:
    """``independent`` never reads fitted numbers: exactly SPEC section 3."""
    assume_ = data.draw(assumptions(scenario), label="assume")
    found = Reasoner(scenario).forecast(assume_, model="independent")
    assert_close(found.to_json(), reference_forecast(scenario, assume_))


@pytest.mark.parametrize("name", list(MODELS))
@settings(max_examples=25, deadline=None)
@given(scenario=drawn, data=st.data())
def test_the_enumeration_for_fitting_agrees_with_counting(
    name: str, scenario: Any, data: st.DataObject
) -> None:
    chosen = data.draw(parameters(scenario), label="parameters")
    model = MODELS[name]
    problem = build(scenario, model, chosen)
    table = Enumeration(problem, model.free)
    counted = forecast(scenario, model=name, parameters=chosen)
    values = {key: chosen.get(key) for key in model.free}
    found = table.at(values)
    if not counted.consistent:
        assert found is None
        return
    assert found is not None
    for outcome, p in counted.outcomes.items():
        assert abs(found[outcome] - p) <= 1e-9


@pytest.mark.parametrize("name", ["actors", "full"])
def test_sampling_estimates_a_latent_model(name: str) -> None:
    scenario = loads(TWO_LEADERS)
    chosen = Parameters(values={"stands": 0.7, "wavering": 0.3, "credibility": 0.9})
    exact = forecast(scenario, at="2025-05-12", model=name, parameters=chosen)
    sampled = forecast(scenario, at="2025-05-12", model=name, parameters=chosen, samples=4000)
    for outcome, p in exact.outcomes.items():
        assert abs(sampled.outcomes[outcome] - p) < 5 * max(sampled.error(outcome), 0.005)
    assert sampled.model == name


def test_an_unknown_model_is_an_input_error() -> None:
    from commitlogic import ScenarioError

    with pytest.raises(ScenarioError, match=r"unknown model 'best'.*independent"):
        forecast(loads(TWO_LEADERS), model="best")


def test_priors_move_an_untouched_atom_off_one_half() -> None:
    scenario = loads(TWO_LEADERS)
    chosen = Parameters(values={"invited": 0.9})
    found = forecast(scenario, at="2025-05-10", model="priors", parameters=chosen)
    plain = forecast(scenario, at="2025-05-10", model="independent")
    assert plain.atoms["attends(putin,talks)"] == pytest.approx(0.5)
    assert found.atoms["attends(putin,talks)"] == pytest.approx(0.9)
    assert found.outcomes["leaders_meet"] == pytest.approx(0.9 * 0.9)  # nothing said yet
