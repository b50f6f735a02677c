"""The assertion helpers of ``commitlogic.testing``: they pass on true properties, and on
false ones raise a minimal counter-example that reproduces, checked with the reference.

The scenarios are small and every expected answer is worked out by hand in a comment.
"""

from __future__ import annotations

import pickle
from datetime import date

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from reference import conflict_problems, reference_query, reference_status
from samples import TWO_LEADERS

from commitlogic import (
    Actor,
    Event,
    Outcome,
    Reasoner,
    Scenario,
    ScenarioError,
    Statement,
    attends,
    dumps,
    loads,
)
from commitlogic.strategies import assumptions, observations, statement_sequences
from commitlogic.testing import (
    CounterExample,
    assert_certain,
    assert_consistent,
    assert_equivalent,
    assert_impossible,
    assert_possible,
)

#: Zelensky attends only if Putin does (11 May); Putin is observed absent (14 May).
LEADERS = loads(TWO_LEADERS)
P, Z = "attends(putin,talks)", "attends(zelensky,talks)"


def _reproduces(error: CounterExample) -> None:
    """The counter-example's scenario is its TOML, and contains the additions."""
    assert loads(error.toml) == error.scenario
    assert dumps(error.scenario).rstrip("\n") in str(error)
    ids = {s.id for s in error.scenario.statements}
    assert all(s.id in ids for s in error.added if s.is_present(error.at))


def _without(scenario: Scenario, statement_id: str) -> Scenario:
    return Scenario(
        scenario.name,
        actors=scenario.actors,
        events=scenario.events,
        statements=[s for s in scenario.statements if s.id != statement_id],
        outcomes=scenario.outcomes,
    )


# --------------------------------------------------------------------------- consistency


def test_consistent_as_it_stands() -> None:
    assert_consistent(LEADERS)
    assert_consistent(LEADERS, at="2025-05-12")


def test_consistent_under_observations_that_cannot_break_it() -> None:
    # On 12 May only Z -> P holds; a literal about one atom never contradicts it alone.
    assert_consistent(LEADERS, under=observations(LEADERS, max_size=1), at="2025-05-12")


def test_an_observation_breaks_the_final_picture() -> None:
    # With not P observed, observing P contradicts it, and so does Z (Z -> P).
    with pytest.raises(CounterExample) as caught:
        assert_consistent(LEADERS, under=observations(LEADERS))
    error = caught.value
    _reproduces(error)
    assert len(error.added) == 1
    (fact,) = error.added
    assert str(fact.subject) in (P, Z)
    assert error.drawn == error.added  # observations are statements already
    assert reference_status(error.scenario, error.assume)["consistent"] is False
    message = str(error)
    assert message.startswith("'two leaders' has no outcome,\nwith this statement added:\n")
    assert "Minimal conflict" in message
    assert f"  - kremlin_list (observed on 2025-05-14): not {P}" in message
    conflict = Reasoner(error.scenario).conflict()
    assert conflict is not None and fact.id in conflict
    assert conflict_problems(error.scenario, conflict) == []


def test_a_counter_example_pickles() -> None:
    with pytest.raises(CounterExample) as caught:
        assert_consistent(LEADERS, assume=[Z])
    copy = pickle.loads(pickle.dumps(caught.value))
    assert str(copy) == str(caught.value)
    assert copy.scenario == caught.value.scenario and copy.toml == caught.value.toml
    assert copy.assume == (Z,) and copy.added == () and copy.at is None


def test_the_added_statements_are_minimal() -> None:
    # On 12 May two observations are needed: Z with not P (Z -> P).
    with pytest.raises(CounterExample) as caught:
        assert_consistent(LEADERS, under=observations(LEADERS), at=date(2025, 5, 12))
    error = caught.value
    _reproduces(error)
    assert sorted(str(s.subject) for s in error.added) == [Z, f"not {P}"]
    assert error.at == date(2025, 5, 12)
    # The kremlin list of 14 May is not part of the scenario as it stood on the 12th.
    added = [s.id for s in error.added]
    assert [s.id for s in error.scenario.statements] == ["z_only_if_putin", *added]
    assert reference_status(error.scenario)["consistent"] is False
    for fact in error.added:
        assert reference_status(_without(error.scenario, fact.id))["consistent"] is True


def test_the_scenario_itself_must_be_consistent() -> None:
    with pytest.raises(CounterExample, match="with nothing added") as caught:
        assert_consistent(LEADERS, assume=[Z])
    error = caught.value
    assert error.added == () and error.drawn is None
    assert f"  - assume:{Z}" in str(error)
    assert "--assume" in str(error)
    assert reference_status(error.scenario, error.assume)["consistent"] is False


def test_drawn_assumptions_become_observed_statements() -> None:
    with pytest.raises(CounterExample) as caught:
        assert_consistent(LEADERS, under=assumptions(LEADERS))
    error = caught.value
    _reproduces(error)
    assert isinstance(error.drawn, list) and len(error.drawn) == 1
    (fact,) = error.added
    assert fact.id == "observed_1" and fact.kind.value == "observed"
    assert fact.subject == error.drawn[0]


def test_drawn_statement_sequences_are_added_to_a_fresh_reasoner() -> None:
    # Any new commitment or fact about P or Z can contradict the final picture.
    with pytest.raises(CounterExample) as caught:
        assert_consistent(LEADERS, under=statement_sequences(LEADERS, max_depth=0))
    error = caught.value
    _reproduces(error)
    assert len(error.added) == 1
    assert reference_status(error.scenario)["consistent"] is False
    assert error.added[0].said is not None  # sequences date their statements


def test_facts_said_after_the_date_have_no_effect() -> None:
    late = observations(LEADERS, said="2025-05-20")
    assert_consistent(LEADERS, under=late, at="2025-05-15")


def test_single_additions_and_plain_text_are_accepted() -> None:
    fact = st.just(Statement("seen", "observed", "attends(putin, talks)"))
    with pytest.raises(CounterExample) as caught:
        assert_consistent(LEADERS, under=fact)
    assert [s.id for s in caught.value.added] == ["seen"]
    with pytest.raises(CounterExample) as caught:
        assert_consistent(LEADERS, under=st.just("attends(zelensky, talks)"))
    assert [str(s.subject) for s in caught.value.added] == [Z]


# --------------------------------------------------------------------------- statuses


def test_certain_and_impossible_that_hold() -> None:
    # Finally not P, so not Z (Z -> P): the meeting is impossible, Zelensky's absence certain.
    assert_impossible(LEADERS, "leaders_meet", under=observations(LEADERS))
    assert_certain(LEADERS, "absent(zelensky, talks)", under=observations(LEADERS))
    assert_certain(LEADERS, attends("zelensky", "talks") | ~attends("zelensky", "talks"))
    # On 12 May, assuming Putin absent, the meeting is impossible whatever is observed.
    assert_impossible(
        LEADERS,
        "leaders_meet",
        under=observations(LEADERS),
        assume=["absent(putin, talks)"],
        at="2025-05-12",
    )


def test_impossible_that_fails_shows_an_outcome_where_it_holds() -> None:
    # On 12 May the meeting is possible as it stands.
    with pytest.raises(CounterExample) as caught:
        assert_impossible(LEADERS, "leaders_meet", at="2025-05-12")
    error = caught.value
    message = str(error)
    assert message.startswith(
        "leaders_meet is possible, not impossible, in 'two leaders', at 2025-05-12,\n"
        "as the scenario stands, with nothing added.\n"
    )
    assert f"An outcome where leaders_meet holds:\n  true: {P}, {Z}\n" in message
    assert [o.id for o in error.scenario.outcomes] == ["leaders_meet"]
    assert reference_status(error.scenario)["outcomes"] == {"leaders_meet": "possible"}


def test_certain_that_fails_under_observations() -> None:
    # On 12 May Zelensky's attendance is open; observing Putin absent rules it out (Z -> P),
    # so "possible" fails with one observation; "certain" fails as it stands.
    with pytest.raises(CounterExample) as caught:
        assert_possible(LEADERS, Z, under=observations(LEADERS), at="2025-05-12")
    error = caught.value
    _reproduces(error)
    assert len(error.added) == 1
    status = reference_query(error.scenario, Z)
    assert status in ("certain", "impossible")
    assert f"{Z} is {status}, not possible" in str(error)
    assert error.scenario.outcomes == ()  # the property is about a formula, not an outcome

    with pytest.raises(CounterExample, match="An outcome where leaders_meet fails"):
        assert_certain(LEADERS, "leaders_meet", at="2025-05-12")


def test_additions_without_outcome_are_not_counter_examples() -> None:
    # Observing P contradicts the final picture; that is no reason for "certain" to fail.
    assert_certain(LEADERS, f"not {Z}", under=st.just([P]))


def test_a_status_needs_an_outcome_as_it_stands() -> None:
    with pytest.raises(CounterExample, match="has no status") as caught:
        assert_certain(LEADERS, "leaders_meet", assume=[P])
    assert "Minimal conflict" in str(caught.value)


def test_bad_arguments() -> None:
    with pytest.raises(ScenarioError, match="neither an outcome id"):
        assert_certain(LEADERS, "no_such_outcome and")
    with pytest.raises(ScenarioError, match="neither an outcome id"):
        assert_certain(LEADERS, "attends(nobody, talks)")
    with pytest.raises(TypeError, match="strategy"):
        assert_consistent(LEADERS, under=[P])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="draw statements"):
        assert_consistent(LEADERS, under=st.just(42))
    with pytest.raises(TypeError, match="Scenario"):
        assert_consistent(TWO_LEADERS)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="settings"):
        assert_consistent(LEADERS, under=st.just([]), settings=60)  # type: ignore[arg-type]


def test_settings_are_honoured() -> None:
    calls = []

    def count(value: list[str]) -> list[str]:
        calls.append(value)
        return []

    assert_consistent(
        LEADERS, under=st.lists(st.just(P)).map(count), settings=settings(max_examples=5)
    )
    assert 1 <= len(calls) <= 5


# --------------------------------------------------------------------------- equivalence


def _pair(*statements: Statement, outcomes: tuple[Outcome, ...] = ()) -> Scenario:
    return Scenario(
        "pair",
        actors=[Actor("putin"), Actor("zelensky")],
        events=[Event("talks")],
        statements=statements,
        outcomes=outcomes,
    )


def test_if_is_only_if_the_other_way_round() -> None:
    z_if_p = _pair(Statement("a", "if", Z, condition=P, by="zelensky"))
    p_only_if_z = _pair(Statement("b", "only_if", P, condition=Z, by="putin"))
    assert_equivalent(z_if_p, p_only_if_z)
    both = _pair(Statement("c", "commits", f"{P} and {Z}", by="putin"))
    split = _pair(
        Statement("d", "commits", P, by="putin"), Statement("e", "commits", Z, by="zelensky")
    )
    assert_equivalent(both, split)


def test_different_scenarios_are_told_apart() -> None:
    z_if_p = _pair(Statement("a", "if", Z, condition=P, by="zelensky"))
    z_only_if_p = _pair(Statement("b", "only_if", Z, condition=P, by="zelensky"))
    with pytest.raises(CounterExample) as caught:
        assert_equivalent(z_if_p, z_only_if_p)
    error = caught.value
    message = str(error)
    # P and not Z is an outcome of only_if, not of if; Z and not P the other way round.
    assert "is certain in the first, possible in the second" in message
    assert error.other is not None
    assert loads(error.toml.split("\n\n[scenario]")[0]) == error.scenario
    assert "save it as first.toml" in message and "save it as second.toml" in message


def test_equivalence_compares_consistency_and_outcome_ids() -> None:
    fine = _pair(outcomes=(Outcome("meet", f"{P} and {Z}"),))
    broken = _pair(
        Statement("x", "commits", P, by="putin"),
        Statement("y", "refuses", P, by="putin"),
        outcomes=(Outcome("meet", f"{P} and {Z}"),),
    )
    with pytest.raises(CounterExample, match="the second has no outcome, the other has"):
        assert_equivalent(fine, broken)
    assert_equivalent(broken, broken)
    # The same outcomes, but "meet" means something else: possible against certain.
    redefined = _pair(outcomes=(Outcome("meet", f"{P} or not {P}"),))
    with pytest.raises(CounterExample, match="outcome meet is possible in the first, certain"):
        assert_equivalent(fine, redefined)
    # Assumed away, the difference vanishes: P and Z both hold.
    assert_equivalent(fine, redefined, assume=[P, Z])
    fewer = Scenario("other", actors=[Actor("putin")], events=[Event("talks")])
    with pytest.raises(AssertionError, match="different actors or events"):
        assert_equivalent(fine, fewer)
