"""Generated scenarios (benchmarks/generate.py): the library agrees with the raw clingo floor.

``benchmarks/floor.py`` computes the same status with its own formula parser,
its own encoding and clingo's brave and cautious consequences, sharing no
code with commitlogic: on generated scenarios of a few hundred statements
(every kind, chains, supersession, dates) the two answers must be equal,
what-if assumptions and earlier dates included.  On the inconsistent
variant, the library's conflict must be minimal by the floor's own check.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from commitlogic import Reasoner, load

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import floor  # noqa: E402
from generate import generate, write  # noqa: E402


def floor_status(path: Path, at: date | None = None, assume: list[str] = ()) -> dict:
    instance = floor.read(str(path), at, list(assume))
    brave, cautious = floor.controls(instance)
    return floor.solve_status(brave, cautious, instance)


def library_status(reasoner: Reasoner, at: date | None = None, assume: list[str] = ()) -> dict:
    result = reasoner.status(assume=assume, at=at).to_json()
    return {key: result[key] for key in ("consistent", "atoms", "outcomes", "commitments")}


def strip(result: dict) -> dict:
    return {key: result[key] for key in ("consistent", "atoms", "outcomes", "commitments")}


@pytest.mark.parametrize(("size", "seed"), [(200, 1), (500, 2), (1000, 3)])
def test_status_equals_the_floor(tmp_path: Path, size: int, seed: int) -> None:
    path = tmp_path / "scenario.toml"
    write(path, generate(size, seed))
    reasoner = Reasoner(load(path))
    expected = floor_status(path)
    assert expected["consistent"]
    assert library_status(reasoner) == strip(expected)
    # An earlier date: fewer statements, superseded ones back.
    early = date(2025, 4, 10)
    assert library_status(reasoner, at=early) == strip(floor_status(path, at=early))
    # What-ifs on the live reasoner, including one that forces a change.
    atoms = sorted(expected["atoms"])
    possible = [a for a in atoms if expected["atoms"][a] == "possible"]
    for assume in ([f"not {possible[0]}"], [possible[-1], f"not {possible[1]}"]):
        assert library_status(reasoner, assume=assume) == strip(floor_status(path, assume=assume))


def test_generator_is_seeded() -> None:
    assert generate(50, seed=7) == generate(50, seed=7)
    assert generate(50, seed=7) != generate(50, seed=8)


@pytest.mark.parametrize("size", [200, 800])
def test_conflict_on_the_inconsistent_variant_is_minimal(tmp_path: Path, size: int) -> None:
    path = tmp_path / "inconsistent.toml"
    write(path, generate(size, seed=5, inconsistent=True))
    instance = floor.read(str(path))
    assert floor.minimal_conflict(instance) is not None  # the floor agrees: no outcome
    conflict = Reasoner(load(path)).conflict()
    assert conflict
    control = floor.ground(instance, ["--models=1"])

    def has_outcome(members: list[str]) -> bool:
        instance.active = members
        return floor.minimal_conflict(instance, control) is None

    assert not has_outcome(list(conflict))
    for member in conflict:
        assert has_outcome([m for m in conflict if m != member])


def test_floor_command_prints_the_status_json(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "scenario.toml"
    write(path, generate(60, seed=4))
    monkeypatch.setattr(sys, "argv", ["floor.py", str(path)])
    floor.main()
    printed = json.loads(capsys.readouterr().out)
    assert strip(printed) == library_status(Reasoner(load(path)))
