"""The benchmark tools: the floors, the families, the chains and JSON Lines, the harness.

The SAT floor (``benchmarks/satfloor.py``) shares no solver with commitlogic
or the clingo floor, and the sign-heuristic floor (``benchmarks/signfloor.py``)
no encoding: on generated scenarios their status must equal the library's.
The harness must record a process that runs over its time limit as a
timeout, and a target it misses as missed, never crash; a tiny run compares
every answer.  No timing is asserted here.
"""

from __future__ import annotations

import json
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
import run  # noqa: E402
import signfloor  # noqa: E402
import targets  # noqa: E402
from families import family, longest_certain  # noqa: E402
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


@pytest.mark.parametrize(
    ("name", "size", "seed", "jsonl"),
    [("implications", 300, 1, False), ("summits", 400, 2, True), ("implications", 200, 3, True)],
)
def test_the_sign_floor_equals_the_library(
    tmp_path: Path, name: str, size: int, seed: int, jsonl: bool
) -> None:
    content = family(name, size, seed)
    path = tmp_path / ("scenario.jsonl" if jsonl else "scenario.toml")
    write(path, to_jsonl(content) if jsonl else to_toml(content))
    result = signfloor.status(signfloor.read(path))
    assert result["consistent"]
    assert {key: result[key] for key in library(path)} == library(path)
    assert set(result["atoms"].values()) == {"certain", "possible"}  # both kinds occur


def test_the_sign_floor_sees_the_planted_refusal(tmp_path: Path) -> None:
    content = family("implications", 300, 4, inconsistent=True)
    path = tmp_path / "broken.toml"
    write(path, to_toml(content))
    assert signfloor.status(signfloor.read(path))["consistent"] is False
    conflict = Reasoner(load(path)).conflict()
    assert conflict is not None and "x_refuses" in conflict


def test_the_sign_floor_refuses_what_is_not_in_the_family(tmp_path: Path) -> None:
    path = tmp_path / "general.toml"
    write(path, generate(50, 1))
    with pytest.raises(ValueError, match="not"):
        signfloor.read(path)


def test_families_have_single_atoms_and_the_stated_shares() -> None:
    for name in ("implications", "summits"):
        content = family(name, 2000, 5)
        kinds = [entry["kind"] for entry in content["statements"]]
        assert set(kinds) == {"if", "only_if", "commits"}
        assert 10 < kinds.count("commits") < 80  # about 2%
        assert len(content["events"]) == 100 and len(content["actors"]) == 1000
        assert all(len(event["invited"]) == 20 for event in content["events"])
        assert all(
            signfloor._ATOM.match(entry[key])
            for entry in content["statements"]
            for key in ("subject", "condition")
            if key in entry
        )
    summits = family("summits", 2000, 5)["statements"]
    across = [
        e
        for e in summits
        if "condition" in e and e["subject"].split()[-1] != e["condition"].split()[-1]
    ]
    assert 0 < len(across) < 60  # about 1% link two events


def test_the_longest_certain_chain_is_found_by_hand() -> None:
    statements = [
        {"kind": "commits", "subject": "a"},
        {"kind": "if", "subject": "b", "condition": "a"},
        {"kind": "only_if", "subject": "b", "condition": "c"},
        {"kind": "if", "subject": "d", "condition": "z"},
    ]
    assert longest_certain(statements) == ("c", 2)
    assert longest_certain(statements[1:]) is None


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
            "kind": "implications",
            "size": 10,
            "seed": 0,
            "repeat": 0,
            "seconds": seconds,
            "peak_mb": 30.0,
            "timeout": None if seconds else 5.0,
            "code": 0,
        }
        for side, seconds in (("commitlogic", 1.0), ("sign floor", None), ("SAT floor", 0.5))
    ]
    records.append(
        {
            "what": "phases",
            "side": "commitlogic",
            "kind": "summits",
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
    assert rows["10 random implications: CLI status ÷ sign floor"]["met"] is None  # timed out
    assert rows["20: CLI status ÷ sign floor"]["met"] is None  # not run


def test_a_tiny_run_compares_every_answer_and_reports_the_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run.main(
        [
            *("--small", "60", "--large", "120", "--huge", "150"),
            *("--seeds", "0", "--large-seeds", "1", "--what-ifs", "2"),
            *("--no-project", "--instances", str(tmp_path), "--json", str(tmp_path / "r.json")),
        ]
    )
    text = capsys.readouterr().out
    assert "all agreed" in text and "DISAGREED" not in text
    assert "Failed processes" not in text
    spread = [line for line in text.splitlines() if line.startswith(("| 120 |", "| 150 |"))]
    assert len(spread) == 2 and all(line.endswith("| yes |") for line in spread)  # in parts
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    agreements = [r for r in result["records"] if r["what"] == "agreement"]
    assert len(agreements) == 5 and all(r["agree"] for r in agreements)
    rows = targets.targets(result)
    assert len(rows) == 12
    assert all(row["met"] is not None for row in rows)


def test_answers_are_compared_in_a_child_and_kept_out_of_the_harness(tmp_path: Path) -> None:
    bench = run.Bench(tmp_path, 30, log=False)
    kept = tmp_path / "out.json"
    result = run_child([sys.executable, "-c", "print('[1, 2]')"], 30, keep=kept)
    assert result["stdout"] == "" and kept.read_text() == "[1, 2]\n"
    for texts, verdict in (
        (["[1, 2]", "[1, 2]"], True),
        (["[1, 2]", "[2, 1]"], False),
        (["[1, 2]", "[1, "], None),  # a run stopped while writing: not compared
    ):
        files = {}
        for index, text in enumerate(texts):
            files[f"side {index}"] = tmp_path / f"a{index}.json"
            files[f"side {index}"].write_text(text)
        bench._agreement("implications", 10, 0, files)
        assert bench.records[-1]["agree"] is verdict
        assert not any(path.exists() for path in files.values())  # the files are removed


def test_the_heap_experiment_prints_both_runs_and_their_ratio(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import clasp_heap

    clasp_heap.main(["--atoms", "200", "--objects", "1000"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line.get("objects") for line in lines[:2]] == [0, 1000]
    assert all(0 < line["prepare"] <= line["solve"] for line in lines[:2])
    assert lines[2]["prepare ratio"] == pytest.approx(lines[1]["prepare"] / lines[0]["prepare"])
