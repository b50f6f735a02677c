"""Sampled forecasts (MC-SAT): exact answers fall within a few reported standard errors.

Seeded sampler and derandomized Hypothesis, so every run checks the same
cases with the same samples: deterministic, never flaky.  The allowance is
5 standard errors.  Credibilities are drawn in [0.05, 0.95]: with p = 0.001
an outcome may have probability 0.002, which 3,000 samples usually never
see, and no finite sample can then estimate its error; such scenarios are
for the exact counter.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _strategies import assumptions, scenarios
from hypothesis import given, settings
from hypothesis import strategies as st
from test_forecast import with_credibilities

from commitlogic import Scenario, load
from commitlogic.forecasting import forecast

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = 3000

moderate = st.none() | st.floats(0.05, 0.95)
credible_scenarios = scenarios(max_statements=7).flatmap(
    lambda scenario: with_credibilities(scenario, moderate)
)


def deviations(
    scenario: Scenario, assume: list, at: object = None
) -> list[tuple[str, float, float, float]]:
    """Return (name, exact, estimate, standard error) where the estimate is too far off."""
    exact = forecast(scenario, assume, at)
    sampled = forecast(scenario, assume, at, samples=SAMPLES, seed=7)
    assert sampled.consistent == exact.consistent
    if not exact.consistent:
        assert sampled.conflict == exact.conflict
        return []
    assert sampled.samples == SAMPLES
    far = []
    for key in ("atoms", "outcomes", "commitments"):
        assert set(getattr(sampled, key)) == set(getattr(exact, key))
        for name, value in getattr(exact, key).items():
            estimate = getattr(sampled, key)[name]
            error = sampled.errors[key][name]  # type: ignore[index]
            assert 0 <= estimate <= 1 and error >= 0
            if abs(estimate - value) > 5 * error:
                far.append((name, value, estimate, error))
    return far


def test_the_istanbul_example_at_each_date() -> None:
    scenario = load(ROOT / "examples" / "istanbul_2025.toml")
    for at in (None, *scenario.dates()):
        assert deviations(scenario, [], at) == []


@settings(
    derandomize=True, max_examples=int(__import__("os").environ.get("N_EX", 25)), database=None
)
@given(credible_scenarios, st.data())
def test_drawn_scenarios(scenario: Scenario, data: st.DataObject) -> None:
    assert deviations(scenario, data.draw(assumptions(scenario), label="assume")) == []


def test_a_sampled_forecast_is_reproducible_and_reports_its_errors() -> None:
    scenario = load(ROOT / "examples" / "istanbul_2025.toml")
    first = forecast(scenario, at="2025-05-12", samples=500, seed=3)
    assert first == forecast(scenario, at="2025-05-12", samples=500, seed=3)
    result = first.to_json()
    assert result["samples"] == 500  # 16 chains: four of 32 samples, twelve of 31
    assert set(result["standard_errors"]) == {"atoms", "outcomes", "commitments"}
    assert set(result["standard_errors"]["outcomes"]) == set(result["outcomes"])
    assert first.error("leaders_meet") == result["standard_errors"]["outcomes"]["leaders_meet"]
    assert forecast(scenario).error("leaders_meet") == 0.0


def test_inconsistent_hard_facts_are_found_before_sampling() -> None:
    scenario = load(ROOT / "examples" / "istanbul_2025.toml")
    result = forecast(scenario, ["attends(putin, istanbul_talks)"], samples=100)
    assert not result.consistent
    assert result.conflict == ("kremlin_list", "assume:attends(putin, istanbul_talks)")


@pytest.mark.parametrize("samples", [1, 5])
def test_tiny_sample_counts_still_answer(samples: int) -> None:
    scenario = load(ROOT / "examples" / "istanbul_2025.toml")
    result = forecast(scenario, samples=samples)
    assert result.consistent and result.samples == samples  # one chain per sample
