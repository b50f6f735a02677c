"""Differential tests of the backbone on clingo: statuses equal clasp's brave and cautious.

``old_way`` below is the reference implementation of what the reasoner did
before the backbone: clasp's own brave and cautious enumeration (via
``benchmarks/floor.py``, which shares no code with commitlogic).  Hostile
scenarios (long chains, wide disjunctions, exactly-one choices, many free
atoms, inconsistent ones) are compared with it, and the small ones with
the brute-force reference too.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path
from typing import Any

import pytest
from _strategies import assumptions, ats_for, given_formulas, scenario_atoms, scenarios
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import assumption_formula, reference_query, reference_status

from commitlogic import Actor, Event, Outcome, Reasoner, Scenario, Statement, dump

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import floor  # noqa: E402
from generate import generate, write  # noqa: E402

from commitlogic import load  # noqa: E402

KEYS = ("consistent", "atoms", "outcomes", "commitments")


def old_way(path: Path, assume: list[str] = ()) -> dict[str, Any]:
    """The status by clasp's brave and cautious enumeration (the floor's raw program)."""
    instance = floor.read(str(path), None, list(assume))
    brave, cautious = floor.controls(instance)
    return {key: floor.solve_status(brave, cautious, instance)[key] for key in KEYS}


def new_way(reasoner: Reasoner, assume: list[str] = ()) -> dict[str, Any]:
    report = reasoner.status(assume=assume).to_json()
    return {key: report[key] for key in KEYS}


def agree(tmp_path: Path, scenario: Scenario, assume: list[str] = (), small: bool = False) -> None:
    path = tmp_path / "scenario.toml"
    dump(scenario, path)
    reasoner = Reasoner(scenario)
    mine = new_way(reasoner, list(assume))
    assert mine == old_way(path, list(assume))
    if small:
        assert mine == reference_status(scenario, list(assume))


def actors(n: int) -> list[Actor]:
    return [Actor(f"a{i}") for i in range(n)]


def chain(n: int, *, start: bool, end: bool) -> Scenario:
    """a0 -> a1 -> ... -> a(n-1), optionally with a0 observed and a(n-1) refused."""
    statements = [
        Statement(f"s{i}", "if", f"attends(a{i + 1}, e)", condition=f"attends(a{i}, e)", by="a0")
        for i in range(n - 1)
    ]
    if start:
        statements.append(Statement("first", "observed", "attends(a0, e)"))
    if end:
        statements.append(Statement("last", "refuses", f"attends(a{n - 1}, e)", by="a0"))
    outcomes = [Outcome("ends", f"attends(a{n - 1}, e)"), Outcome("starts", "attends(a0, e)")]
    return Scenario(
        "chain", actors=actors(n), events=[Event("e")], statements=statements, outcomes=outcomes
    )


def exactly_one(k: int, extra: int = 0) -> Scenario:
    """k delegates, exactly one of whom attends; ``extra`` delegates bound to no one."""
    names = [f"attends(a{i}, e)" for i in range(k)]
    statements = [Statement("one", "commits", " or ".join(names), by="a0")]
    statements += [
        Statement(f"not_{i}_{j}", "refuses", f"{names[i]} and {names[j]}", by="a0")
        for i, j in itertools.combinations(range(k), 2)
    ]
    statements += [
        Statement(f"c{i}", "only_if", names[i], condition=f"signs(a{i}, deal)", by=f"a{i}")
        for i in range(k)
    ]
    return Scenario("one", actors=actors(k + extra), events=[Event("e")], statements=statements)


@pytest.mark.parametrize(
    ("start", "end"), [(False, False), (True, False), (False, True), (True, True)]
)
def test_long_chain(tmp_path: Path, start: bool, end: bool) -> None:
    agree(tmp_path, chain(300, start=start, end=end))


def test_long_chain_small_against_the_reference(tmp_path: Path) -> None:
    for start, end in itertools.product((False, True), repeat=2):
        agree(tmp_path, chain(7, start=start, end=end), small=True)
        agree(tmp_path, chain(7, start=start, end=end), ["absent(a3, e)"], small=True)


def test_exactly_one_of_many(tmp_path: Path) -> None:
    agree(tmp_path, exactly_one(12, extra=200))
    agree(tmp_path, exactly_one(12, extra=200), ["not signs(a3, deal)"])
    agree(tmp_path, exactly_one(4, extra=2), small=True)


def test_wide_disjunction(tmp_path: Path) -> None:
    wide = " or ".join(f"attends(a{i}, e)" for i in range(60))
    scenario = Scenario(
        "wide",
        actors=actors(60),
        events=[Event("e")],
        statements=[
            Statement("any", "commits", wide, by="a0"),
            Statement(
                "none_but_last",
                "refuses",
                " or ".join(f"attends(a{i}, e)" for i in range(59)),
                by="a1",
            ),
        ],
        outcomes=[Outcome("last", "attends(a59, e)")],
    )
    agree(tmp_path, scenario)


def test_inconsistent(tmp_path: Path) -> None:
    scenario = chain(50, start=True, end=True)
    agree(tmp_path, scenario)
    assert not Reasoner(scenario).status().consistent


@pytest.mark.parametrize("seed", [11, 12])
def test_generated_with_what_ifs(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "generated.toml"
    write(path, generate(400, seed))
    reasoner = Reasoner(load(path))
    expected = old_way(path)
    assert new_way(reasoner) == expected
    possible = sorted(a for a, s in expected["atoms"].items() if s == "possible")
    for assume in ([possible[0]], [f"not {possible[5]}", possible[9]], [f"not {possible[-1]}"]):
        assert new_way(reasoner, assume) == old_way(path, assume)


def test_independent_parts_take_a_few_solver_calls() -> None:
    """200 independent "a or b" choices: each model settles every pair at once."""
    statements = [
        Statement(f"s{i}", "commits", f"attends(a{2 * i}, e) or attends(a{2 * i + 1}, e)", by="a0")
        for i in range(200)
    ]
    reasoner = Reasoner(
        Scenario("pairs", actors=actors(400), events=[Event("e")], statements=statements)
    )
    calls = 0
    solve = reasoner._solver.solve

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return solve(*args, **kwargs)

    reasoner._solver.solve = counted  # type: ignore[method-assign]
    report = reasoner.status()
    assert set(report.atoms.values()) == {"possible"}
    assert calls <= 6


@settings(max_examples=30, deadline=None)
@given(st.integers(5, 40), st.integers(0, 10_000), st.booleans())
def test_random_generated_scenarios(tmp_path_factory: Any, size: int, seed: int, bad: bool) -> None:
    path = tmp_path_factory.mktemp("gen") / "s.toml"
    write(path, generate(max(size, 10), seed, inconsistent=bad))
    scenario = load(path)
    assert new_way(Reasoner(scenario)) == old_way(path)


@settings(max_examples=40, deadline=None)
@given(scenarios(max_statements=8), st.data())
def test_what_ifs_after_a_status_agree_with_the_reference(scenario: Any, data: Any) -> None:
    """Formula statuses on a live reasoner that kept the outcomes of earlier statuses."""
    reasoner = Reasoner(scenario)
    for _ in range(3):
        at = data.draw(ats_for(scenario), label="at")
        reasoner.status(assume=data.draw(assumptions(scenario), label="status assume"), at=at)
        assumed = data.draw(assumptions(scenario), label="assume")
        formula = data.draw(given_formulas(scenario_atoms(scenario)), label="formula")
        status = reasoner.query(formula, assume=assumed, at=at)
        expected = reference_query(scenario, assumption_formula(formula), assumed, at)
        assert (None if status is None else str(status)) == expected
