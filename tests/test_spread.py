"""A status solved in parts (analysis/spread.py) equals the status one reasoner gives.

The drawn scenarios are small and often one component, so the tests lift
the giant-component rule (``GIANT``): every scenario with two components or
more is solved in parts.  Answers must be identical, key order included.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from _strategies import assumptions, ats_for, scenarios
from clirun import run
from hypothesis import given, settings
from hypothesis import strategies as st
from test_components import _summits as summits

from commitlogic import Reasoner, Scenario, ScenarioError, SolverLimit, Statement, dump
from commitlogic.analysis import spread
from commitlogic.analysis.spread import spread_status


@pytest.fixture
def anywhere(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Solve in parts however large the largest component; count the parts solved."""
    monkeypatch.setattr(spread, "GIANT", 1.0)
    solved: list[int] = []
    solve = spread._solve

    def counted(*args: Any) -> Any:
        solved.append(1)
        return solve(*args)

    monkeypatch.setattr(spread, "_solve", counted)
    return solved


def _same(mine: Any, theirs: Any) -> None:
    assert mine == theirs
    assert mine.to_json() == theirs.to_json()
    assert list(mine.atoms) == list(theirs.atoms)
    assert list(mine.commitments) == list(theirs.commitments)


@settings(max_examples=200, deadline=None)
@given(scenarios(max_statements=8, outcome_names=True), st.data(), st.booleans())
def test_parts_give_the_status_of_one_reasoner(
    scenario: Scenario, data: st.DataObject, tolerant: bool
) -> None:
    assume = data.draw(assumptions(scenario, outcome_names=True), label="assume")
    at = data.draw(ats_for(scenario), label="at")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spread, "GIANT", 1.0)
        mine = spread_status(scenario, assume, at, tolerant=tolerant)
    _same(mine, Reasoner(scenario, tolerant=tolerant).status(assume, at))


def _summits(count: int, broken: int | None = None) -> Scenario:
    """Independent summits (see test_components), and b refusing one of them if ``broken``."""
    scenario = summits(count)
    if broken is not None:
        refusal = Statement("no", "refuses", f"attends(b, e{broken})", by="b")
        scenario = scenario.with_statement(refusal)
    return scenario


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Record each pool of local workers: (workers, parts it was given)."""
    made: list[tuple[int, int]] = []
    make = spread._pool

    def recorded(workers: int, scenario: Scenario) -> Any:
        pool = make(workers, scenario)
        starmap = pool.starmap

        def counted(function: Any, items: Any, *args: Any) -> Any:
            items = list(items)
            made.append((workers, len(items)))
            return starmap(function, items, *args)

        pool.starmap = counted  # type: ignore[method-assign]
        return pool

    monkeypatch.setattr(spread, "_pool", recorded)
    return made


def test_parts_on_worker_processes(pools: list[tuple[int, int]]) -> None:
    scenario = _summits(12)
    mine = spread_status(scenario, ["not attends(c, e3)"], workers=2)
    _same(mine, Reasoner(scenario).status(["not attends(c, e3)"]))
    assert str(mine.atoms["attends(b,e3)"]) == "certain"
    assert str(mine.atoms["attends(c,e3)"]) == "impossible"
    assert str(mine.atoms["attends(c,e4)"]) == "possible"
    assert pools == [(2, 4)]  # two parts per worker, of three summits each


def test_parts_on_an_executor_given_a_path(tmp_path: Path, anywhere: list[int]) -> None:
    scenario = _summits(6)
    path = tmp_path / "summits.toml"
    dump(scenario, path)
    with ThreadPoolExecutor(2) as pool:
        mine = spread_status(str(path), at=None, executor=pool, tolerant=True)
    _same(mine, Reasoner(scenario, tolerant=True).status())
    assert len(anywhere) == 6  # one part per summit: fewer than 2 parts x 4 workers


def test_a_part_without_outcome_gives_the_conflict_of_one_reasoner(anywhere: list[int]) -> None:
    scenario = _summits(5, broken=2)
    mine = spread_status(scenario)
    theirs = Reasoner(scenario).status()
    assert not mine.consistent
    _same(mine, theirs)
    assert set(mine.conflict or ()) == {"a2", "b2", "no"}


def test_a_giant_component_is_solved_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    solved: list[int] = []
    monkeypatch.setattr(spread, "_solve", lambda *args: solved.append(1))
    scenario = _summits(3)
    linked = Statement("link", "if", "attends(a, e1)", condition="attends(c, e0)", by="a")
    scenario = scenario.with_statement(linked)  # two of three summits: over half the links
    _same(spread_status(scenario, workers=2), Reasoner(scenario).status())
    assert solved == []


def test_a_bad_assumption_is_a_located_error() -> None:
    with pytest.raises(ScenarioError) as caught:
        spread_status(_summits(2), ["attends(nobody, e0)"])
    assert caught.value.field == "assume"


# --------------------------------------------------------------------------- CLI


def test_cli_status_on_workers_prints_what_one_process_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pools: list[tuple[int, int]]
) -> None:
    path = tmp_path / "summits.toml"
    dump(_summits(8), path)
    for extra in ([], ["--assume", "not attends(b, e1)"], ["--tolerant"]):
        pools.clear()
        one = run(capsys, "status", str(path), "--json", *extra)
        two = run(capsys, "status", str(path), "--json", "--workers", "2", *extra)
        assert one == two and one[0] == 0
        assert pools == [(2, 4)]
    text = run(capsys, "status", str(path), "--workers", "2")
    assert text == run(capsys, "status", str(path))


def test_cli_workers_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "summits.toml"
    dump(_summits(2), path)
    with pytest.raises(SystemExit) as caught:
        run(capsys, "status", str(path), "--workers", "0")
    assert caught.value.code == 2
    assert "expected a positive integer" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")
def test_cli_status_on_a_dask_cluster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed")
    consistent, broken = tmp_path / "summits.toml", tmp_path / "broken.toml"
    dump(_summits(6), consistent)
    dump(_summits(6, broken=4), broken)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        for path, extra in (
            (consistent, []),
            (consistent, ["--assume", "attends(c, e0)"]),
            (broken, []),
        ):
            expected = run(capsys, "status", str(path), "--json", *extra)
            given = run(capsys, "status", str(path), "--json", "--dask", address, *extra)
            assert given == expected


def test_a_limit_reached_in_a_worker_is_raised_here(pools: list[tuple[int, int]]) -> None:
    scenario = _summits(6)
    with pytest.raises(SolverLimit):
        Reasoner(scenario, model_limit=1).status()
    with pytest.raises(SolverLimit):
        spread_status(scenario, workers=2, model_limit=1)
    assert pools == [(2, 4)]
