"""Statuses that start from kept models (reasoning/witnesses.py) equal whole solves.

A live reasoner keeps the models of its last status without assumptions at
each date and starts later searches at that date from them (what-ifs, and
statuses after ``Reasoner.add``).  These tests make the component shortcut
(reasoning/partial.py) step aside, so that every such status goes through
the seeded backbone search, and compare it with a reasoner that grounds the
``.lp`` rules and keeps nothing, and with the brute-force reference.
"""

from __future__ import annotations

import itertools
from typing import Any

from _strategies import assumptions, ats_for, scenarios
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import reference_status
from test_backbone import Fake, clause_sets
from test_clauses import GroundReasoner, grown
from test_components import _same

from commitlogic import Actor, Event, Outcome, Reasoner, Scenario, Statement
from commitlogic.reasoning.backbone import consequences
from commitlogic.reasoning.solver import Solver
from commitlogic.reasoning.witnesses import MODELS


class Seeded(Reasoner):
    """A reasoner whose statuses after a first one all start from kept models."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__(scenario)
        self._partial = None  # no component shortcut: the whole program, seeded


@settings(max_examples=60, deadline=None)
@given(scenarios(max_statements=8, outcome_names=True), st.data())
def test_seeded_what_ifs_equal_whole_solves(scenario: Any, data: st.DataObject) -> None:
    at = data.draw(ats_for(scenario), label="at")
    reasoner, whole = Seeded(scenario), GroundReasoner(scenario)
    _same(reasoner.status(at=at), whole.status(at=at), scenario, (), at)
    for _ in range(data.draw(st.integers(1, 3), label="what-ifs")):
        assume = data.draw(assumptions(scenario, outcome_names=True), label="assume")
        mine = reasoner.status(assume, at)
        _same(mine, whole.status(assume, at), scenario, assume, at)
        assert mine.consistent == reference_status(scenario, assume, at)["consistent"]


@settings(max_examples=60, deadline=None)
@given(scenarios(max_statements=6), st.data())
def test_seeded_statuses_after_added_statements_equal_whole_solves(
    scenario: Any, data: st.DataObject
) -> None:
    at = data.draw(ats_for(scenario), label="at")
    reasoner, whole = Seeded(scenario), GroundReasoner(scenario)
    reasoner.status(at=at)
    for assume in grown(data, reasoner, whole):
        _same(reasoner.status(at=at), whole.status(at=at), reasoner.scenario, (), at)
        mine = reasoner.status(assume, at)
        _same(mine, whole.status(assume, at), reasoner.scenario, assume, at)
        expected = reference_status(reasoner.scenario, assume, at)
        assert mine.consistent == expected["consistent"]


def _free(count: int) -> Scenario:
    """One event, ``count`` actors invited, nothing said yet: every attendance is free."""
    actors = [Actor(f"a{i}") for i in range(count)]
    return Scenario("free", actors=actors, events=[Event("e")])


def _calls(reasoner: Reasoner, *args: Any) -> tuple[Any, int]:
    """Return a status and the solver calls it made."""
    before = Solver.calls  # type: ignore[attr-defined]
    report = reasoner.status(*args)
    return report, Solver.calls - before  # type: ignore[attr-defined]


def test_an_added_implication_that_the_kept_models_keep_needs_no_solver_call(
    monkeypatch: Any,
) -> None:
    _count(monkeypatch)
    reasoner = Seeded(_free(3))
    first, calls = _calls(reasoner)
    assert calls > 0 and set(map(str, first.atoms.values())) == {"possible"}
    # The kept models have every attendance true, or every one false (the
    # sign heuristics): both keep "a1 comes if a0 does", and show every
    # attendance possible still.
    reasoner.add(Statement("s", "if", "attends(a1, e)", condition="attends(a0, e)", by="a1"))
    after, calls = _calls(reasoner)
    assert calls == 0
    assert after == GroundReasoner(reasoner.scenario).status()
    assert str(after.commitments["s"][0]) in {"discharged", "expired"}


def test_an_added_commitment_that_breaks_kept_models_asks_again(monkeypatch: Any) -> None:
    _count(monkeypatch)
    reasoner = Seeded(_free(3))
    reasoner.status()
    reasoner.add(Statement("s", "commits", "attends(a0, e)", by="a0"))
    after, calls = _calls(reasoner)
    assert calls > 0  # the kept all-false model broke it: a0's coming was never seen false
    assert str(after.atoms["attends(a0,e)"]) == "certain"
    assert str(after.atoms["attends(a1,e)"]) == "possible"
    assert after == GroundReasoner(reasoner.scenario).status()


def test_a_superseding_statement_sets_the_kept_models_aside() -> None:
    scenario = _free(2)
    reasoner = Seeded(scenario)
    reasoner.add(Statement("c", "commits", "attends(a0, e)", by="a0"))
    assert str(reasoner.status().atoms["attends(a0,e)"]) == "certain"
    reasoner.add(
        Statement("r", "refuses", "attends(a0, e)", by="a0", supersedes=("c",))
    )  # outcomes come back that the kept status never saw
    assert str(reasoner.status().atoms["attends(a0,e)"]) == "impossible"
    assert reasoner.status() == GroundReasoner(reasoner.scenario).status()


def _count(monkeypatch: Any) -> None:
    """Count solver calls (every one goes through ``Solver.solve``)."""
    monkeypatch.setattr(Solver, "calls", 0, raising=False)
    solve = Solver.solve

    def counted(self: Solver, *args: Any, **kwargs: Any) -> Any:
        Solver.calls += 1  # type: ignore[attr-defined]
        return solve(self, *args, **kwargs)

    monkeypatch.setattr(Solver, "solve", counted)


@given(
    st.integers(1, 7).flatmap(lambda n: st.tuples(st.just(n), clause_sets(n))),
    st.data(),
)
def test_seeded_consequences_equal_brute_force(
    problem: tuple[int, list[Any]], data: st.DataObject
) -> None:
    n, clauses = problem
    fake = Fake(n, clauses)
    if not fake.models:
        return
    brave, cautious = set().union(*fake.models), set(range(n)).intersection(*fake.models)
    seeds = data.draw(st.lists(st.sampled_from(fake.models), max_size=3), label="seeds")
    never = data.draw(st.sets(st.sampled_from(range(n))), label="never") - brave
    always = data.draw(st.sets(st.sampled_from(range(n))), label="always") & cautious
    found = consequences(range(n), fake, seeds, never, always)
    assert found is not None
    assert (found.brave, found.cautious) == (brave, cautious)
    settled = [
        k
        for k in range(n)
        if k in never
        or k in always
        or (any(k in seed for seed in seeds) and not all(k in seed for seed in seeds))
    ]
    if seeds and len(settled) == n:
        assert fake.calls == 0  # seen both ways or known: nothing to ask


def test_seeds_that_show_every_alternative_leave_one_call_to_prove_the_rest() -> None:
    # exactly one of 3; the seeds show all three possible, none certain: no call at all.
    clauses = [frozenset({1, 2, 3})]
    clauses += [frozenset({-a, -b}) for a, b in itertools.combinations((1, 2, 3), 2)]
    fake = Fake(3, clauses)
    found = consequences(range(3), fake, [{0}, {1}, {2}])
    assert found is not None and (found.brave, found.cautious) == ({0, 1, 2}, set())
    assert fake.calls == 0
    # One seed: the other two keys need the solver, until it has no model left to show.
    fake = Fake(3, clauses)
    found = consequences(range(3), fake, [{0}])
    assert found is not None and (found.brave, found.cautious) == ({0, 1, 2}, set())
    assert 1 <= fake.calls <= 3


def test_an_added_outcome_takes_its_value_in_each_kept_model(monkeypatch: Any) -> None:
    _count(monkeypatch)
    reasoner = Seeded(_free(3))
    reasoner.add(Statement("s", "if", "attends(a1, e)", condition="attends(a0, e)", by="a1"))
    reasoner.status()
    reasoner.add(Outcome("both", "attends(a0, e) and not attends(a1, e)"))
    reasoner.add(Outcome("either", "attends(a0, e) or attends(a2, e)"))
    after, calls = _calls(reasoner)
    assert str(after.outcomes["both"]) == "impossible"  # s forbids it: never seen, and proven
    assert str(after.outcomes["either"]) == "possible"  # seen both ways in the kept models
    assert calls > 0  # "both" was read by no kept status: the solver proves it never holds
    assert after == GroundReasoner(reasoner.scenario).status()


def test_a_chain_of_additions_keeps_a_bounded_number_of_models() -> None:
    reasoner = Seeded(_free(12))
    reasoner.status()
    for index in range(11):
        # Each outcome holds in no kept model (all true, or all false): the
        # search finds a new model for it, and the kept ones all stay.
        when = f"attends(a{index}, e) and not attends(a{index + 1}, e)"
        reasoner.add(Outcome(f"o{index}", when))
        assert reasoner.status() == GroundReasoner(reasoner.scenario).status()
    assert reasoner._witnesses is not None
    assert len(reasoner._witnesses._kept[None].models) == MODELS  # 13 without the bound
