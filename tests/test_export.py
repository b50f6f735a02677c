"""The exported ASP program reproduces the library's statuses with plain clingo.

Each exported program is solved by a fresh ``clingo.Control`` that knows
nothing of commitlogic (and, in the slow test, by the ``clingo`` program),
with brave and cautious enumeration; the statuses read from the two
consequences must equal :meth:`Reasoner.status` and the brute-force reference.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import clingo
import pytest
from _strategies import assumptions, ats_for, scenarios
from hypothesis import given
from hypothesis import strategies as st
from reference import reference_status, reference_tolerant

from commitlogic import Actor, Reasoner, Scenario, ScenarioError, Statement, asp_program, load
from commitlogic.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "istanbul_2025.toml"


def _solve(program: str, mode: str) -> list[str] | None:
    """Return the shown symbols of the last model under ``mode`` (the consequences), or None."""
    messages: list[str] = []
    control = clingo.Control(
        ["0", f"--enum-mode={mode}"], logger=lambda _code, text: messages.append(text)
    )
    control.add("base", [], program)
    control.ground([("base", [])])
    last = None
    with control.solve(yield_=True) as handle:
        for model in handle:
            last = [str(symbol) for symbol in model.symbols(shown=True)]
    assert messages == [], messages  # plain clingo has nothing to warn about
    return last


def _binary(program: str, mode: str, tmp_path: Path) -> list[str] | None:
    """Run the clingo program (``python -m clingo``) on the program file, JSON output."""
    path = tmp_path / "program.lp"
    path.write_text(program, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "clingo", str(path), "0", f"--enum-mode={mode}", "--outf=2"],
        capture_output=True,
        text=True,
        check=False,
    )
    result = json.loads(done.stdout)
    if result["Result"] == "UNSATISFIABLE":
        return None
    return result["Call"][-1]["Witnesses"][-1]["Value"]


def _text(symbol: str) -> tuple[str, list[Any]]:
    parsed = clingo.parse_term(symbol)
    return parsed.name, [
        a.string if a.type == clingo.SymbolType.String else a.name for a in parsed.arguments
    ]


def _statuses(brave: list[str] | None, cautious: list[str] | None) -> dict[str, Any]:
    """Read the SPEC status object (without conflict) from the two consequences."""
    if brave is None:
        assert cautious is None
        return {"consistent": False, "atoms": {}, "outcomes": {}, "commitments": {}}
    assert cautious is not None

    def split(symbols: list[str]) -> dict[str, set[tuple[str, ...]]]:
        found: dict[str, set[tuple[str, ...]]] = {}
        for symbol in symbols:
            name, args = _text(symbol)
            found.setdefault(name, set()).add(tuple(args))
        return found

    some, every = split(brave), split(cautious)

    def status(name: str, key: tuple[str, ...]) -> str:
        if key in every.get(name, set()):
            return "certain"
        return "possible" if key in some.get(name, set()) else "impossible"

    commitments: dict[str, list[str]] = {}
    for statement, state in some.get("state", set()):
        commitments.setdefault(statement, []).append(state)
    return {
        "consistent": True,
        "true": {args[0] for args in some.get("true", set())},
        "occurs": status,
        "triggered": {
            statement: (
                (statement,) in some.get("triggered", set()),
                (statement,) in every.get("triggered", set()),
            )
            for statement in commitments
        },
        "commitments": {name: sorted(states) for name, states in commitments.items()},
    }


def _check(scenario: Scenario, assume: list[Any], at: Any, binary_in: Path | None = None) -> None:
    program = asp_program(scenario, assume=assume, at=at)
    solve = _solve if binary_in is None else lambda p, m: _binary(p, m, binary_in)
    found = _statuses(solve(program, "brave"), solve(program, "cautious"))
    expected = Reasoner(scenario).status(assume=assume, at=at).to_json()
    oracle = reference_status(scenario, assume, at)
    assert expected["consistent"] == found["consistent"] == oracle["consistent"]
    if not found["consistent"]:
        return
    status = found["occurs"]
    atoms = {name: status("true", (name,)) for name in expected["atoms"]}
    assert atoms == expected["atoms"] == oracle["atoms"]
    assert found["true"] <= set(expected["atoms"])  # nothing outside the universe
    outcomes = {name: status("occurs", (name,)) for name in expected["outcomes"]}
    assert outcomes == expected["outcomes"] == oracle["outcomes"]
    assert found["commitments"] == expected["commitments"] == oracle["commitments"]
    for statement, (in_some, in_all) in found["triggered"].items():
        # The reasoner's reading of triggered/1 (display.lp) agrees with state/2.
        states = {"discharged"} if in_some else set()
        states |= set() if in_all else {"expired"}
        assert states == set(found["commitments"][statement])


@given(scenarios(), st.data())
def test_exported_program_reproduces_random_statuses(scenario: Scenario, data: st.DataObject):
    at = data.draw(ats_for(scenario), label="at")
    assume = data.draw(assumptions(scenario), label="assume")
    _check(scenario, assume, at)


ISTANBUL_QUERIES = [
    ([], None),
    ([], "2025-05-11"),
    ([], "2025-05-12"),
    (["absent(putin, istanbul_talks)"], "2025-05-12"),
    (["attends(zelensky, istanbul_talks)"], None),
    (["attends(trump, istanbul_talks) or attends(putin, istanbul_talks)"], "2025-05-13"),
]


@pytest.mark.parametrize(("assume", "at"), ISTANBUL_QUERIES)
def test_exported_program_reproduces_the_istanbul_example(assume: list[str], at: str | None):
    _check(load(EXAMPLE), assume, at)


@pytest.mark.slow
@pytest.mark.parametrize(("assume", "at"), ISTANBUL_QUERIES[2:5])
def test_the_clingo_program_reproduces_the_istanbul_example(
    tmp_path: Path, assume: list[str], at: str | None
) -> None:
    _check(load(EXAMPLE), assume, at, binary_in=tmp_path)


def test_user_text_is_never_asp_code() -> None:
    nasty = '"). :- true(A). #show x/0. %* ünïcode \\ \n'
    scenario = Scenario(
        nasty,
        description=nasty,
        actors=[Actor("Putin", name=nasty, party=nasty, role=nasty), Actor("Z")],
        statements=[
            Statement("S", "commits", "held", by="Putin", quote=nasty, source=nasty),
            Statement("T", "observed", "not held or p"),
        ],
    )
    program = asp_program(scenario, assume=["p"])
    assert "ünïcode" not in program and "#show x" not in program
    assert 'statement(0,"S",commits).' in program  # capitalised ids stay constants
    assert 'assumed("assume:p",' in program
    _check(scenario, ["p"], None)


def test_assumption_names_are_quoted_strings() -> None:
    scenario = load(EXAMPLE)
    program = asp_program(scenario, assume=["  absent(putin,\n istanbul_talks)"])
    assert 'assumed("assume:  absent(putin,\\n istanbul_talks)",' in program
    _check(scenario, ["  absent(putin,\n istanbul_talks)"], None)


def test_bad_queries_are_scenario_errors() -> None:
    scenario = load(EXAMPLE)
    with pytest.raises(ScenarioError, match="unknown event 'moon'"):
        asp_program(scenario, assume=["attends(putin, moon)"])
    with pytest.raises(ScenarioError, match="at"):
        asp_program(scenario, at="yesterday")


def test_cli_prints_the_program(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["asp", str(EXAMPLE), "--at", "2025-05-12", "--assume", "absent(putin, istanbul_talks)"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out == asp_program(
        load(EXAMPLE), assume=["absent(putin, istanbul_talks)"], at="2025-05-12"
    )
    assert main(["asp", str(EXAMPLE), "--assume", "attends(putin"]) == 2
    assert "--assume" in capsys.readouterr().err


def _solve_optimal(program: str, mode: str) -> tuple[set[str], int] | None:
    """The consequences across the optimal models (--opt-mode=optN), and the optimum."""
    control = clingo.Control(["0", "--opt-mode=optN", f"--enum-mode={mode}"])
    control.add("base", [], program)
    control.ground([("base", [])])
    last = None
    with control.solve(yield_=True) as handle:
        for model in handle:
            # Without a weak constraint in the ground program, nothing is optimised.
            if model.optimality_proven or not model.cost:
                last = ({str(s) for s in model.symbols(shown=True)}, sum(model.cost))
    return last


def _check_tolerant(scenario: Scenario, assume: list[Any], at: Any) -> None:
    program = asp_program(scenario, assume=assume, at=at, tolerant=True)
    brave, cautious = _solve_optimal(program, "brave"), _solve_optimal(program, "cautious")
    expected = Reasoner(scenario, tolerant=True).status(assume=assume, at=at).to_json()
    oracle = reference_tolerant(scenario, assume, at)
    assert expected["consistent"] == oracle["consistent"] == (brave is not None)
    if brave is None:
        return
    assert cautious is not None
    assert brave[1] == cautious[1] == expected["cost"] == oracle["cost"]

    def status(text: str) -> str:
        if text in cautious[0]:
            return "certain"
        return "possible" if text in brave[0] else "impossible"

    atoms = {
        name: status(str(clingo.Function("true", [clingo.String(name)])))
        for name in oracle["atoms"]
    }
    assert atoms == expected["atoms"] == oracle["atoms"]
    outcomes = {
        name: status(str(clingo.Function("occurs", [clingo.String(name)])))
        for name in oracle["outcomes"]
    }
    assert outcomes == expected["outcomes"] == oracle["outcomes"]
    states: dict[str, list[str]] = {}
    for text in brave[0]:
        name, args = _text(text)
        if name == "state":
            states.setdefault(args[0], []).append(args[1])
    assert {k: sorted(v) for k, v in states.items()} == expected["commitments"]
    assert expected["commitments"] == oracle["commitments"]


@given(scenarios(), st.data())
def test_exported_tolerant_program_reproduces_random_statuses(
    scenario: Scenario, data: st.DataObject
) -> None:
    at = data.draw(ats_for(scenario), label="at")
    assume = data.draw(assumptions(scenario), label="assume")
    _check_tolerant(scenario, assume, at)


@pytest.mark.parametrize(("assume", "at"), ISTANBUL_QUERIES)
def test_exported_tolerant_program_reproduces_the_istanbul_example(
    assume: list[str], at: str | None
) -> None:
    _check_tolerant(load(EXAMPLE), assume, at)
