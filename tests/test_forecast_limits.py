"""Reliability of forecasts: --time-limit (exit 3) and Ctrl-C (exit 130), also while grounding."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from clirun import run

from commitlogic import SolverLimit, load
from commitlogic.forecasting import forecast

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "istanbul_2025.toml")


def test_a_forecast_past_its_time_limit_stops(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SolverLimit):
        forecast(load(EXAMPLE), time_limit=1e-9)
    code, out, err = run(capsys, "forecast", EXAMPLE, "--time-limit", "0.000000001")
    assert (code, out) == (3, "")
    expected = "the forecast hit the time limit of 1e-09 s (raise --time-limit)"
    assert err == f"commitlogic: limit: {expected}\n"
    code, _out, _err = run(capsys, "forecast", EXAMPLE, "--time-limit", "60")
    assert code == 0


def test_a_sampled_forecast_honours_the_time_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "forecast", EXAMPLE, "--samples", "100000", "--time-limit", "0.2")
    assert code == 3 and "time limit" in err


def test_a_long_assumption_is_quoted_in_part(capsys: pytest.CaptureFixture[str]) -> None:
    formula = " or ".join(["attends(putin, istanbul_talks)"] * 100) + " and ("
    code, _out, err = run(capsys, "forecast", EXAMPLE, "--assume", formula)
    assert code == 2
    assert f"({len(formula)} characters)" in err
    assert len(err) < 600


@pytest.mark.slow
@pytest.mark.parametrize("command", ["status", "forecast"])
def test_ctrl_c_while_grounding_or_counting_exits_130(command: str, tmp_path: Path) -> None:
    """SIGINT at several moments of a long run (loading, grounding, solving): exit 130, one line."""
    big = tmp_path / "big.jsonl"
    generator = ROOT / "benchmarks" / "generate.py"
    size = "100000" if command == "status" else "3000"
    subprocess.run(
        [sys.executable, str(generator), size, "-o", str(big)], check=True, capture_output=True
    )
    program = [sys.executable, "-m", "commitlogic", command, str(big), "--json"]
    for delay in (0.8, 1.6, 2.4):
        process = subprocess.Popen(program, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        if process.poll() is not None:  # finished before the signal: nothing to test
            process.communicate()
            continue
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
        assert process.returncode == 130, err
        assert err.decode() == "commitlogic: interrupted\n"
