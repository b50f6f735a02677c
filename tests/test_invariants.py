"""Invariants of the library, drawn with the public strategies of ``commitlogic.strategies``.

* Hard facts are monotone: adding an observed fact or an assumption never
  turns a certain formula into a non-certain one, nor an impossible one into
  a non-impossible one, while the scenario stays consistent; and a
  commitment can only lose states.
* The answer does not depend on the order of statements, actors, events,
  outcomes, invitations or assumptions.
* What is said after ``at`` changes nothing at ``at``.

Elsewhere: the TOML round trip (``test_saving.py``), a live reasoner grown
statement by statement against a fresh one and the reference, minimal
conflicts, and agreement with the brute-force reference
(``test_properties.py``).
"""

from __future__ import annotations

from typing import Any

import attrs
from _strategies import assumptions, ats_for, scenarios
from hypothesis import event, given
from hypothesis import strategies as st
from reference import conflict_problems, reference_query

from commitlogic import Formula, Reasoner, Scenario, Status, StatusReport
from commitlogic.strategies import formulas, observations, statement_sequences

CERTAIN, IMPOSSIBLE = Status.CERTAIN, Status.IMPOSSIBLE


def settled(report: StatusReport) -> dict[str, Status]:
    """Every atom and outcome that is certain or impossible, by name."""
    named = {f"atom {name}": status for name, status in report.atoms.items()}
    named.update({f"outcome {name}": status for name, status in report.outcomes.items()})
    return {name: status for name, status in named.items() if status in (CERTAIN, IMPOSSIBLE)}


def with_facts(scenario: Scenario, facts: tuple[Any, ...]) -> Scenario:
    return attrs.evolve(scenario, statements=(*scenario.statements, *facts))


@given(scenarios(), st.data())
def test_hard_facts_never_unsettle_a_status(scenario: Scenario, data: st.DataObject) -> None:
    at = data.draw(ats_for(scenario), label="at")
    assumed = data.draw(assumptions(scenario), label="assume")
    facts = data.draw(observations(scenario, max_depth=1), label="observed")
    reasoner = Reasoner(scenario)
    before = reasoner.status(assumed, at)
    if not before.consistent:
        event("inconsistent before")
        return
    # The same facts, as assumptions on the live reasoner and as observed statements.
    as_assumptions = reasoner.status([*assumed, *(fact.subject for fact in facts)], at)
    as_statements = Reasoner(with_facts(scenario, facts)).status(assumed, at)
    assert as_assumptions.consistent == as_statements.consistent
    if not as_assumptions.consistent:
        event("inconsistent after")
        return
    for after in (as_assumptions, as_statements):
        now = {**settled(after)}
        for name, status in settled(before).items():
            assert now.get(name) == status, f"{name} was {status}, now not"
        for name, states in after.commitments.items():
            if name in before.commitments:  # fewer outcomes, fewer states
                assert set(states) <= set(before.commitments[name])
    # The same for any formula, asked directly.
    atoms = scenario.atoms()
    if atoms:
        formula = data.draw(formulas(atoms), label="formula")
        was = reasoner.query(formula, assumed, at)
        now_status = reasoner.query(formula, [*assumed, *(f.subject for f in facts)], at)
        if was in (CERTAIN, IMPOSSIBLE):
            assert now_status == was


@given(scenarios(), st.data())
def test_new_statements_said_later_change_nothing_before(
    scenario: Scenario, data: st.DataObject
) -> None:
    if not scenario.atoms():
        return
    sequence = data.draw(statement_sequences(scenario, min_size=1), label="sequence")
    cut = data.draw(st.sampled_from(sequence), label="at").said
    assert cut is not None
    grown = with_facts(scenario, sequence)
    by_then = with_facts(scenario, tuple(s for s in sequence if s.said <= cut))  # type: ignore[operator]
    assert Reasoner(grown).status(at=cut).to_json() == Reasoner(by_then).status(at=cut).to_json()


def _shuffled(data: st.DataObject, scenario: Scenario) -> Scenario:
    def permute(items: tuple[Any, ...], label: str) -> tuple[Any, ...]:
        return tuple(data.draw(st.permutations(items), label=label)) if items else ()

    events = [
        attrs.evolve(e, invited=None if e.invited is None else permute(e.invited, "invited"))
        for e in scenario.events
    ]
    return Scenario(
        scenario.name,
        actors=permute(scenario.actors, "actors"),
        events=permute(tuple(events), "events"),
        statements=permute(scenario.statements, "statements"),
        outcomes=permute(scenario.outcomes, "outcomes"),
    )


def _answer(report: StatusReport) -> dict[str, Any]:
    result = report.to_json()
    del result["conflict"]  # one minimal conflict among several may be named
    return result


@given(scenarios(), st.data())
def test_order_does_not_matter(scenario: Scenario, data: st.DataObject) -> None:
    shuffled = _shuffled(data, scenario)
    assumed = data.draw(assumptions(scenario), label="assume")
    reordered = data.draw(st.permutations(assumed), label="assume reordered") if assumed else []
    at = data.draw(ats_for(scenario), label="at")
    first = Reasoner(scenario).status(assumed, at)
    second = Reasoner(shuffled).status(reordered, at)
    assert _answer(first) == _answer(second)
    if not first.consistent:
        assert first.conflict is not None and second.conflict is not None
        assert conflict_problems(scenario, first.conflict, assumed, at) == []
        assert conflict_problems(shuffled, second.conflict, reordered, at) == []
    atoms = scenario.atoms()
    if atoms:
        formula: Formula = data.draw(formulas(atoms), label="formula")
        status = Reasoner(shuffled).query(formula, reordered, at)
        assert status == Reasoner(scenario).query(formula, assumed, at)
        expected = reference_query(scenario, formula, assumed, at)
        assert (None if status is None else str(status)) == expected
