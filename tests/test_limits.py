"""Solver limits: a query that needs more time or models than allowed raises SolverLimit."""

from __future__ import annotations

import itertools
import os
import signal
import threading

import pytest

from commitlogic import Actor, Event, Reasoner, Scenario, ScenarioError, SolverLimit, Statement
from commitlogic.cli.main import main


def pigeonhole(holes: int) -> Scenario:
    """``holes + 1`` delegates, each attending one of ``holes`` rooms, no room shared.

    No outcome exists, and proving it is hard for a solver (the pigeonhole
    principle takes exponential time for clause learning).
    """
    delegates = [f"d{i}" for i in range(holes + 1)]
    rooms = [f"r{j}" for j in range(holes)]
    statements = [
        Statement(
            f"{d}_somewhere",
            "commits",
            " or ".join(f"attends({d}, {r})" for r in rooms),
            by=d,
        )
        for d in delegates
    ]
    statements += [
        Statement(f"{a}_{b}_not_{r}", "refuses", f"attends({a}, {r}) and attends({b}, {r})", by=a)
        for r in rooms
        for a, b in itertools.combinations(delegates, 2)
    ]
    return Scenario(
        "pigeonhole",
        actors=[Actor(d) for d in delegates],
        events=[Event(r) for r in rooms],
        statements=statements,
    )


def exclusive() -> Scenario:
    """Two delegates who never attend together: brave consequences need two models."""
    return Scenario(
        "exclusive",
        actors=[Actor("a"), Actor("b")],
        events=[Event("talks")],
        statements=[
            Statement("not_both", "refuses", "attends(a, talks) and attends(b, talks)", by="a")
        ],
    )


def test_time_limit_stops_a_hard_query() -> None:
    reasoner = Reasoner(pigeonhole(12), time_limit=0.2)
    with pytest.raises(SolverLimit) as caught:
        reasoner.is_consistent()
    assert caught.value.limit == "time"
    assert caught.value.value == 0.2
    assert "time limit of 0.2 s" in str(caught.value)
    assert not isinstance(caught.value, ScenarioError)


def test_time_limit_per_status_and_conflict_query() -> None:
    reasoner = Reasoner(pigeonhole(12))
    reasoner.time_limit = 0.1
    with pytest.raises(SolverLimit):
        reasoner.status()
    with pytest.raises(SolverLimit):
        reasoner.conflict()


def test_model_limit_and_recovery() -> None:
    reasoner = Reasoner(exclusive(), model_limit=1)
    with pytest.raises(SolverLimit) as caught:
        reasoner.status()
    assert caught.value.limit == "models"
    assert "model limit of 1 models" in str(caught.value)
    # One model is enough to tell consistency; the reasoner stays usable.
    assert reasoner.is_consistent()
    reasoner.model_limit = None
    report = reasoner.status()
    assert report.atoms == {"attends(a,talks)": "possible", "attends(b,talks)": "possible"}


def test_generous_limits_change_nothing() -> None:
    plain = Reasoner(exclusive()).status()
    limited = Reasoner(exclusive(), time_limit=60, model_limit=1000).status()
    assert limited == plain


def test_cli_exit_code_3_on_a_limit(tmp_path, capsys) -> None:
    path = tmp_path / "exclusive.toml"
    path.write_text(
        '[scenario]\nname = "x"\n[[actors]]\nid = "a"\n[[actors]]\nid = "b"\n'
        '[[events]]\nid = "talks"\n[[statements]]\nid = "not_both"\nkind = "refuses"\n'
        'by = "a"\nsubject = "attends(a, talks) and attends(b, talks)"\n',
        encoding="utf-8",
    )
    assert main(["status", str(path), "--model-limit", "1"]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines() == [
        "commitlogic: limit: the solver hit the model limit of 1 models before answering"
        " (raise --time-limit or --model-limit)"
    ]
    assert main(["status", str(path), "--model-limit", "5", "--json"]) == 0
    with pytest.raises(SystemExit) as usage:
        main(["status", str(path), "--time-limit", "-1"])
    assert usage.value.code == 2
    assert "--time-limit: expected a positive number" in capsys.readouterr().err


def test_ctrl_c_stops_a_hard_solve_and_the_reasoner_stays_usable() -> None:
    # The time limit is only a safety net: SolverLimit instead of
    # KeyboardInterrupt would mean Ctrl-C did not stop the search.
    reasoner = Reasoner(pigeonhole(12), time_limit=60)
    # Python's own Ctrl-C handler, whatever an earlier test installed.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            reasoner.is_consistent()
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    reasoner.time_limit = 0.2
    with pytest.raises(SolverLimit):
        reasoner.status()


def test_time_limit_counts_across_the_calls_of_a_query(monkeypatch: pytest.MonkeyPatch) -> None:
    """A status makes several solver calls; the limit is for all of them together.

    A clock that moves one second each time it is read: a limit of 2.5 s
    per call would never be reached, 2.5 s for the whole query is.
    """
    import commitlogic.reasoning.solver as solver

    ticks = itertools.count()
    monkeypatch.setattr(solver.time, "monotonic", lambda: float(next(ticks)))
    reasoner = Reasoner(exclusive(), time_limit=2.5)
    with pytest.raises(SolverLimit) as caught:
        reasoner.status()
    assert caught.value.limit == "time"
