"""Forecasts over time: ``timeline(..., forecast=True)``, ``timeline --forecast`` and its plot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import run
from reference import reference_forecast

from commitlogic import Reasoner, load
from commitlogic.analysis.timelines import timeline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "istanbul_2025.toml"


def test_each_date_has_the_forecast_at_that_date() -> None:
    scenario = load(EXAMPLE)
    replay = timeline(Reasoner(scenario), forecast=True, model="independent")
    assert [entry.at for entry in replay] == list(scenario.dates())
    for entry in replay:
        assert entry.forecast is not None
        expected = reference_forecast(scenario, at=entry.at)
        assert entry.forecast.outcomes == pytest.approx(expected["outcomes"], abs=1e-9)
    series = replay.probabilities()
    assert list(series) == [outcome.id for outcome in scenario.outcomes]
    assert series["leaders_meet"] == [entry.forecast.outcomes["leaders_meet"] for entry in replay]  # type: ignore[union-attr]
    # The Kremlin's list (14 May) makes the leaders' meeting impossible.
    assert series["leaders_meet"][0] > 0.4 and series["leaders_meet"][-1] == 0.0


def test_without_forecast_nothing_changes() -> None:
    replay = timeline(Reasoner(load(EXAMPLE)))
    assert all(entry.forecast is None for entry in replay)
    assert all("forecast" not in entry for entry in replay.to_json())
    with pytest.raises(ValueError, match="forecast=True"):
        replay.probabilities()


def test_cli_json_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(
        capsys, "timeline", str(EXAMPLE), "--forecast", "--json", "--model", "independent"
    )
    assert code == 0
    found = json.loads(out)
    scenario = load(EXAMPLE)
    for entry in found:
        expected = reference_forecast(scenario, at=entry["at"])
        assert entry["forecast"]["outcomes"] == pytest.approx(expected["outcomes"], abs=1e-9)
        assert entry["outcomes"]  # the status keys are still there
    code, out, _err = run(capsys, "timeline", str(EXAMPLE), "--forecast", "--model", "independent")
    assert code == 0
    table = out.split("forecast: each outcome's probability on each date\n\n")[1]
    assert table.splitlines()[0].split() == ["outcome", *(e["at"] for e in found)]
    expected_row = ["leaders_meet"] + [
        f"{100 * reference_forecast(scenario, at=e['at'])['outcomes']['leaders_meet']:.1f}%"
        for e in found
    ]
    assert expected_row in [line.split() for line in table.splitlines()]


def test_plot_draws_the_probabilities(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    picture = tmp_path / "forecast.svg"
    code, _out, err = run(capsys, "timeline", str(EXAMPLE), "--forecast", "--plot", str(picture))
    assert (code, err) == (0, "")
    text = picture.read_text()
    assert text.startswith("<?xml") and "leaders_meet" in text and "probability" in text
