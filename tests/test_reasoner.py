"""The reasoner on hand-checked scenarios: statuses, states, conflicts, dates, multi-shot."""

from __future__ import annotations

import pytest
from samples import TWO_LEADERS

from commitlogic import (
    Actor,
    Event,
    Outcome,
    Reasoner,
    Scenario,
    ScenarioError,
    Statement,
    Status,
    absent,
    attends,
    loads,
)

PUTIN = "attends(putin,talks)"
ZELENSKY = "attends(zelensky,talks)"


@pytest.fixture
def reasoner() -> Reasoner:
    return Reasoner(loads(TWO_LEADERS))


def test_final_date_putin_absent(reasoner: Reasoner) -> None:
    report = reasoner.status()
    # Putin is observed absent; Zelensky comes only if Putin does.
    assert report.to_json() == {
        "consistent": True,
        "atoms": {PUTIN: "impossible", ZELENSKY: "impossible"},
        "outcomes": {"leaders_meet": "impossible"},
        "commitments": {"z_only_if_putin": ["expired"]},
        "conflict": None,
    }


def test_earlier_date_brings_back_open_outcomes(reasoner: Reasoner) -> None:
    report = reasoner.status(at="2025-05-12")
    # Only the only_if is present: three of four assignments remain.
    assert report.atoms == {PUTIN: Status.POSSIBLE, ZELENSKY: Status.POSSIBLE}
    assert report.outcomes == {"leaders_meet": Status.POSSIBLE}
    assert report.commitments == {"z_only_if_putin": ("discharged", "expired")}


def test_before_everything_no_commitment_is_active(reasoner: Reasoner) -> None:
    report = reasoner.status(at="2025-05-01")
    assert report.commitments == {}
    assert set(report.atoms.values()) == {Status.POSSIBLE}


def test_what_if_absent_matches_observation(reasoner: Reasoner) -> None:
    early = reasoner.status(assume=["absent(putin, talks)"], at="2025-05-12")
    assert early.atoms == {PUTIN: Status.IMPOSSIBLE, ZELENSKY: Status.IMPOSSIBLE}
    # The assumption does not leak into the next query.
    assert reasoner.status(at="2025-05-12").atoms[PUTIN] is Status.POSSIBLE


def test_assumption_can_make_things_certain(reasoner: Reasoner) -> None:
    report = reasoner.status(assume=[attends("zelensky", "talks")], at="2025-05-12")
    assert report.atoms == {PUTIN: Status.CERTAIN, ZELENSKY: Status.CERTAIN}
    assert report.commitments == {"z_only_if_putin": ("discharged",)}


def test_conflict_is_minimal_and_named(reasoner: Reasoner) -> None:
    text = "attends(zelensky , talks)"
    report = reasoner.status(assume=[text, "p or q"])
    assert not report.consistent
    assert report.atoms == report.outcomes == report.commitments == {}
    # The free assumption "p or q" plays no part; the name keeps the text as given.
    assert report.conflict == ("z_only_if_putin", "kremlin_list", f"assume:{text}")
    assert reasoner.conflict(assume=[text]) == report.conflict
    assert reasoner.is_consistent(assume=[text], at="2025-05-12")


def test_dropping_any_conflict_member_restores_consistency() -> None:
    scenario = Scenario(
        "chain",
        actors=[Actor("a"), Actor("b"), Actor("c")],
        events=[Event("e")],
        statements=[
            Statement("s1", "commits", "attends(a, e)", by="a"),
            Statement("s2", "if", "attends(b, e)", condition="attends(a, e)", by="b"),
            Statement("s3", "if", "attends(c, e)", condition="attends(b, e)", by="c"),
            Statement("noise", "commits", "p or q", by="a"),
            Statement("s4", "refuses", "attends(c, e)", by="c"),
        ],
    )
    reasoner = Reasoner(scenario)
    conflict = reasoner.conflict()
    assert conflict == ("s1", "s2", "s3", "s4")
    for member in conflict:
        rest = [s for s in scenario.statements if s.id != member]
        assert Reasoner(
            Scenario("rest", actors=scenario.actors, events=scenario.events, statements=rest)
        ).is_consistent()


def test_unsatisfiable_assumption_alone() -> None:
    reasoner = Reasoner(Scenario("empty"))
    report = reasoner.status(assume=["held and not held"])
    assert report.conflict == ("assume:held and not held",)


def test_assumption_atoms_join_the_universe_of_that_query_only(reasoner: Reasoner) -> None:
    report = reasoner.status(assume=["signs(ukraine, deal)"])
    assert report.atoms["signs(ukraine,deal)"] is Status.CERTAIN
    assert "signs(ukraine,deal)" not in reasoner.status().atoms


def test_might_never_restricts() -> None:
    scenario = Scenario(
        "might",
        actors=[Actor("trump"), Actor("putin")],
        events=[Event("talks")],
        statements=[
            Statement(
                "t", "might", "attends(trump, talks)", condition="attends(putin, talks)", by="trump"
            ),
        ],
    )
    report = Reasoner(scenario).status()
    assert set(report.atoms.values()) == {Status.POSSIBLE}
    assert report.commitments == {}  # might is not a commitment


def test_refuses_and_commits_states() -> None:
    scenario = Scenario(
        "states",
        actors=[Actor("a")],
        events=[Event("e")],
        statements=[
            Statement("no", "refuses", absent("a", "e"), by="a"),
            Statement("yes", "commits", attends("a", "e") | "held", by="a"),
        ],
    )
    report = Reasoner(scenario).status()
    assert report.atoms == {"attends(a,e)": Status.CERTAIN, "held": Status.POSSIBLE}
    assert report.commitments == {"no": ("discharged",), "yes": ("discharged",)}


def test_supersession_and_replay() -> None:
    scenario = Scenario(
        "supersede",
        actors=[Actor("trump")],
        events=[Event("talks")],
        statements=[
            Statement("go", "commits", "attends(trump, talks)", by="trump", said="2025-05-11"),
            Statement(
                "stay",
                "refuses",
                "attends(trump, talks)",
                by="trump",
                said="2025-05-14T09:00:00+03:00",
                supersedes=["go"],
            ),
        ],
    )
    reasoner = Reasoner(scenario)
    assert reasoner.status(at="2025-05-13").atoms == {"attends(trump,talks)": Status.CERTAIN}
    # 06:30 UTC is after 09:00+03:00 (06:00 UTC): the refusal is present.
    assert reasoner.status(at="2025-05-14T06:30:00").atoms == {
        "attends(trump,talks)": Status.IMPOSSIBLE
    }
    assert reasoner.status(at="2025-05-14T05:59:00Z").atoms == {
        "attends(trump,talks)": Status.CERTAIN
    }
    # A date covers the whole day.
    assert reasoner.status(at="2025-05-14").commitments == {"stay": ("discharged",)}


def test_capitalised_ids_stay_constants() -> None:
    scenario = Scenario(
        "caps",
        actors=[Actor("Putin")],
        events=[Event("Talks")],
        statements=[Statement("S", "observed", "absent(Putin, Talks)")],
        outcomes=[Outcome("X", "attends(Putin, Talks) or Y")],
    )
    report = Reasoner(scenario).status()
    assert report.atoms == {"attends(Putin,Talks)": Status.IMPOSSIBLE, "Y": Status.POSSIBLE}
    assert report.outcomes == {"X": Status.POSSIBLE}


def test_query_of_any_formula(reasoner: Reasoner) -> None:
    assert reasoner.query("attends(zelensky, talks)") is Status.IMPOSSIBLE
    assert reasoner.query("not attends(zelensky, talks)") is Status.CERTAIN
    assert reasoner.query("attends(zelensky, talks) or held") is Status.POSSIBLE
    assert reasoner.query("held", assume=["attends(zelensky, talks)"]) is None


def test_bad_assumption_and_date_are_input_errors(reasoner: Reasoner) -> None:
    with pytest.raises(ScenarioError, match="assume"):
        reasoner.status(assume=["attends(zelensky"])
    with pytest.raises(ScenarioError, match="at"):
        reasoner.status(at="yesterday")
    with pytest.raises(ScenarioError, match="unknown actor 'trump'") as caught:
        reasoner.query("attends(trump, talks)")
    assert caught.value.field == "formula"


class _RuleCounter:
    """A clingo observer that counts the ground rules passed to the solver."""

    def __init__(self) -> None:
        self.rules = 0

    def rule(self, choice: bool, head: list[int], body: list[int]) -> None:
        self.rules += 1


def _many(n: int) -> Scenario:
    actors = [Actor(f"a{i}") for i in range(n)]
    statements = [
        Statement(
            f"s{i}", "if", f"attends(a{i + 1}, e)", condition=f"attends(a{i}, e)", by=f"a{i + 1}"
        )
        for i in range(n - 1)
    ]
    return Scenario("many", actors=actors, events=[Event("e")], statements=statements)


def test_adding_a_statement_grounds_only_the_new_part() -> None:
    reasoner = Reasoner(_many(200))
    counter = _RuleCounter()
    reasoner._control.register_observer(counter)
    reasoner.add(Statement("late", "observed", "attends(a0, e)"))
    # One statement over known atoms: a handful of rules, not the 200-statement program.
    assert 0 < counter.rules < 20
    assert reasoner.status().atoms["attends(a199,e)"] is Status.CERTAIN
    assert reasoner.status() == Reasoner(reasoner.scenario).status()


def test_repeated_what_if_does_not_ground_again() -> None:
    reasoner = Reasoner(_many(50))
    reasoner.status(assume=["absent(a10, e)"])
    counter = _RuleCounter()
    reasoner._control.register_observer(counter)
    report = reasoner.status(assume=["absent(a10, e)"], at="2030-01-01")
    assert counter.rules == 0
    assert report.atoms["attends(a0,e)"] is Status.IMPOSSIBLE


def test_added_statement_is_validated_and_reasoner_unchanged(reasoner: Reasoner) -> None:
    with pytest.raises(ScenarioError, match="unknown actor"):
        reasoner.add(Statement("bad", "commits", "attends(trump, talks)", by="putin"))
    assert len(reasoner.scenario.statements) == 2
    assert reasoner.status().consistent


def test_added_outcome(reasoner: Reasoner) -> None:
    reasoner.add(Outcome("nobody", "absent(putin, talks) and absent(zelensky, talks)"))
    assert reasoner.status().outcomes["nobody"] is Status.CERTAIN


def test_three_hundred_free_atoms_answer_without_enumeration() -> None:
    scenario = Scenario(
        "wide",
        actors=[Actor(f"a{i}") for i in range(300)],
        events=[Event("e")],
    )
    reasoner = Reasoner(scenario)
    report = reasoner.status()
    assert len(report.atoms) == 300
    assert set(report.atoms.values()) == {Status.POSSIBLE}
    # 2^300 outcomes exist; consequences need at most one model per atom.
    models = reasoner._control.statistics["summary"]["models"]["enumerated"]
    assert models <= 301
