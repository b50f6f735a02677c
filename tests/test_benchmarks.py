"""The benchmark tools: the SAT floor, the chains and JSON Lines output, the harness.

The SAT floor (``benchmarks/satfloor.py``) shares no solver with commitlogic
or the clingo floor: on generated scenarios its status must equal the
library's.  The harness must record a process that runs over its time limit
as a timeout, and a target it misses as missed, never crash.  No timing is
asserted here.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

from commitlogic import Reasoner, load
from commitlogic.io import jsonlines

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import floor  # noqa: E402
import report  # noqa: E402
import targets  # noqa: E402
from generate import document, generate, to_jsonl, to_toml, write  # noqa: E402
from run import run_child  # noqa: E402


def library(path: Path) -> dict:
    result = Reasoner(load(path)).status().to_json()
    return {key: result[key] for key in ("consistent", "atoms", "outcomes", "commitments")}


@pytest.mark.parametrize(
    ("size", "seed", "chains"), [(200, 1, False), (400, 5, False), (300, 2, True)]
)
def test_the_sat_floor_equals_the_library(
    tmp_path: Path, size: int, seed: int, chains: bool
) -> None:
    satfloor = pytest.importorskip("satfloor")
    pytest.importorskip("pysat")
    path = tmp_path / "scenario.toml"
    write(path, to_toml(document(size, seed, chains=chains)))
    result, counts = satfloor.status(floor.read(str(path)))
    assert result["consistent"]
    assert {key: result[key] for key in library(path)} == library(path)
    assert counts["calls"] >= 1


def test_the_sat_floor_finds_the_planted_conflict(tmp_path: Path) -> None:
    satfloor = pytest.importorskip("satfloor")
    pytest.importorskip("pysat")
    path = tmp_path / "broken.toml"
    write(path, generate(200, 4, inconsistent=True))
    result, _ = satfloor.status(floor.read(str(path)))
    assert result["consistent"] is False
    assert Reasoner(load(path)).status().consistent is False


def test_chains_are_plain_implications_with_few_commits() -> None:
    content = document(1000, 3, chains=True)
    kinds = [entry["kind"] for entry in content["statements"]]
    assert set(kinds) == {"if", "only_if", "commits"}
    assert 0 < kinds.count("commits") < 60  # about 2%
    assert all(" " not in entry["subject"].replace(", ", ",") for entry in content["statements"])


def test_generated_json_lines_read_as_the_same_scenario(tmp_path: Path) -> None:
    content = document(300, 7)
    toml, jsonl = tmp_path / "s.toml", tmp_path / "s.jsonl"
    write(toml, to_toml(content))
    write(jsonl, to_jsonl(content))
    assert load(jsonl) == load(toml)
    assert jsonlines.loads(jsonlines.dumps(load(toml))) == load(toml)


def test_a_process_over_its_limit_is_a_timeout() -> None:
    slow = run_child([sys.executable, "-c", "import time; time.sleep(30)"], 0.5)
    assert slow["seconds"] is None
    assert slow["timeout"] == 0.5
    quick = run_child([sys.executable, "-c", "print('hi')"], 30)
    assert quick["timeout"] is None
    assert quick["stdout"] == "hi\n"
    assert quick["peak_mb"] > 0


def test_targets_are_computed_met_missed_or_timed_out() -> None:
    assert targets._verdict(0.5, 1.0, 60, "x")[1:] == (True, "50% under the limit")
    assert targets._verdict(3.0, 1.5, 60, "x")[1:] == (False, "2.00x the limit")
    shown, met, margin = targets._verdict(math.inf, 10, 60, "s")
    assert (met, margin) == (False, "by more than 6.0x")
    assert "timeout" in shown
    assert targets._verdict(math.inf, 120, 60, "s")[1] is None  # the run's limit was too short
    assert targets._verdict(None, 10, 60, "s")[1] is None


def test_the_report_of_a_run_with_timeouts_renders() -> None:
    records = [
        {
            "what": "cli",
            "side": side,
            "kind": "generate",
            "size": 10,
            "seed": 0,
            "repeat": 0,
            "seconds": seconds,
            "peak_mb": 30.0,
            "timeout": None if seconds else 5.0,
            "code": 0,
        }
        for side, seconds in (("commitlogic", 1.0), ("clingo floor", None), ("SAT floor", 0.5))
    ]
    records.append(
        {
            "what": "phases",
            "side": "commitlogic",
            "kind": "generate",
            "size": 10,
            "seed": 0,
            "repeat": 0,
            "seconds": None,
            "peak_mb": 40.0,
            "timeout": 5.0,
            "code": -9,
            "figures": {"load": 0.1, "ground": 0.2},
        }
    )
    result = {
        "machine": report.machine(),
        "settings": {
            "small": 10,
            "large": 20,
            "huge": 0,
            "seeds": [0],
            "large_seeds": [0],
            "repeats": 1,
            "what_ifs": 3,
            "timeout": 5.0,
            "huge_timeout": 5.0,
            "quick": True,
            "minutes": 0.1,
            "command": "python benchmarks/run.py",
        },
        "records": records,
    }
    text = report.render(result)
    assert "timeout (> 5 s)" in text
    rows = {row["target"]: row for row in targets.targets(result)}
    assert rows["10: CLI status ÷ clingo floor (generate.py)"]["met"] is None  # floor timed out
