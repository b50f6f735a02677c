"""Statuses re-solved only in touched components (reasoning/partial.py) equal whole solves."""

from __future__ import annotations

from typing import Any
from unittest import mock

from _strategies import assumptions, ats_for, scenarios
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import conflict_problems, reference_status
from test_clauses import GroundReasoner, grown

from commitlogic import Actor, Event, Reasoner, Scenario, Statement
from commitlogic.reasoning.components import Components


class Everywhere(Reasoner):
    """A reasoner that re-solves touched components apart however many atoms they hold."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__(scenario)
        assert self._partial is not None
        self._partial.share = 1.0


def _same(mine: Any, theirs: Any, scenario: Scenario, assume: Any, at: Any) -> None:
    assert mine.consistent == theirs.consistent
    if mine.consistent:
        assert mine == theirs
        assert list(mine.atoms) == list(theirs.atoms)  # the universe's order too
    else:
        assert conflict_problems(scenario, mine.conflict, assume, at) == []


@settings(max_examples=60, deadline=None)
@given(scenarios(max_statements=8, outcome_names=True), st.data())
def test_what_ifs_by_component_equal_whole_solves(scenario: Any, data: st.DataObject) -> None:
    at = data.draw(ats_for(scenario), label="at")
    reasoner, whole = Everywhere(scenario), GroundReasoner(scenario)
    _same(reasoner.status(at=at), whole.status(at=at), scenario, (), at)
    for _ in range(data.draw(st.integers(1, 3), label="what-ifs")):
        assume = data.draw(assumptions(scenario, outcome_names=True), label="assume")
        _same(reasoner.status(assume, at), whole.status(assume, at), scenario, assume, at)


@settings(max_examples=40, deadline=None)
@given(scenarios(max_statements=6), st.data())
def test_added_statements_by_component_equal_whole_solves(
    scenario: Any, data: st.DataObject
) -> None:
    reasoner, whole = Everywhere(scenario), GroundReasoner(scenario)
    reasoner.status()
    for assume in grown(data, reasoner, whole):
        _same(reasoner.status(), whole.status(), reasoner.scenario, (), None)
        _same(reasoner.status(assume), whole.status(assume), reasoner.scenario, assume, None)
        expected = reference_status(reasoner.scenario, assume)
        assert reasoner.status(assume).consistent == expected["consistent"]


def _summits(count: int) -> Scenario:
    """Independent summits: at each, b comes if a does, c only if b does; a commits."""
    actors = [Actor(name) for name in "abc"]
    events = [Event(f"e{i}") for i in range(count)]
    statements = []
    for i in range(count):
        statements += [
            Statement(f"a{i}", "commits", f"attends(a, e{i})", by="a"),
            Statement(f"b{i}", "if", f"attends(b, e{i})", condition=f"attends(a, e{i})", by="b"),
            Statement(
                f"c{i}", "only_if", f"attends(c, e{i})", condition=f"attends(b, e{i})", by="c"
            ),
        ]
    return Scenario("summits", actors=actors, events=events, statements=statements)


def test_a_what_if_on_one_summit_leaves_the_live_solver_alone() -> None:
    scenario = _summits(20)
    reasoner = Reasoner(scenario)
    reasoner.status()
    with mock.patch.object(reasoner._solver, "solve", wraps=reasoner._solver.solve) as solve:
        report = reasoner.status(assume=["not attends(c, e3)"])
        assert solve.call_count == 0  # solved in a program of summit e3 alone
    assert report == GroundReasoner(scenario).status(assume=["not attends(c, e3)"])
    assert report.atoms["attends(c,e3)"] == "impossible"
    assert report.atoms["attends(c,e4)"] == "possible"
    reasoner.add(Statement("late", "refuses", "attends(c, e5)", by="c"))
    with mock.patch.object(reasoner._solver, "solve", wraps=reasoner._solver.solve) as solve:
        assert reasoner.status() == GroundReasoner(reasoner.scenario).status()
        assert solve.call_count == 0
    # An assumption that makes summit e3 inconsistent: the live solver finds the conflict.
    assert reasoner.status(assume=["not attends(b, e3)"]).conflict == (
        "a3",
        "b3",
        "assume:not attends(b, e3)",
    )


def test_components_merge_when_a_statement_links_them() -> None:
    parts = Components()
    parts.statement(0, [10, 11])
    parts.statement(1, [12, 13])
    assert parts.root(10) != parts.root(12)
    assert parts.root(14) == 14 and parts.size_of(14) == 1  # never linked: alone
    parts.statement(2, [11, 12])
    assert parts.root(10) == parts.root(13)
    assert sorted(parts.literals(parts.root(10))) == [10, 11, 12, 13]
    assert sorted(parts.statements[parts.root(10)]) == [0, 1, 2]
    parts.outcome(0, 13)
    assert parts.outcomes[parts.root(10)] == [0]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(st.integers(1, 40), min_size=0, max_size=3).map(tuple), max_size=30),
    st.lists(st.lists(st.integers(1, 40), min_size=2, max_size=4).map(tuple), max_size=5),
)
def test_components_in_bulk_equal_one_union_at_a_time(links: Any, nodes: Any) -> None:
    bulk = Components.of(links, nodes)
    single = Components()
    for node in nodes:
        single.join(node)
    for index, linked in enumerate(links):
        if linked:
            single.statement(index, linked)
    for a in range(1, 41):
        for b in range(1, 41):
            assert (bulk.root(a) == bulk.root(b)) == (single.root(a) == single.root(b))
    assert {frozenset(bulk.literals(root)) for root in range(1, 41) if bulk.root(root) == root} == {
        frozenset(single.literals(root)) for root in range(1, 41) if single.root(root) == root
    }
    by_root = {
        frozenset(bulk.literals(root)): sorted(found) for root, found in bulk.statements.items()
    }
    assert by_root == {
        frozenset(single.literals(root)): sorted(found) for root, found in single.statements.items()
    }
