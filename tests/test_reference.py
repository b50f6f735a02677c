"""Hand-checked answers for the brute-force reference, so the oracle is itself tested.

Every expected value here was worked out by hand from SPEC sections 2 and 3,
not by running the reference.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from _strategies import formulas, render, text_styles
from hypothesis import given
from hypothesis import strategies as st
from reference import (
    active_ids,
    atom_text,
    conflict_problems,
    evaluate,
    is_consistent,
    outcomes,
    reference_query,
    reference_status,
    universe,
)

from commitlogic import Actor, Atom, Event, Not, Outcome, Scenario, Statement, parse_formula

PUTIN = "attends(putin,talks)"
ZELENSKY = "attends(zelensky,talks)"
MSK = timezone(timedelta(hours=3))


def talks(*statements: Statement, outcomes: tuple[Outcome, ...] = ()) -> Scenario:
    return Scenario(
        "talks",
        actors=[Actor("putin"), Actor("zelensky")],
        events=[Event("talks")],
        statements=statements,
        outcomes=outcomes,
    )


ONLY_IF = talks(
    Statement(
        "z_only_if_putin",
        "only_if",
        "attends(zelensky, talks)",
        condition="attends(putin, talks)",
        by="zelensky",
    ),
    outcomes=(Outcome("leaders_meet", "attends(putin, talks) and attends(zelensky, talks)"),),
)


def test_only_if_outcomes() -> None:
    # Zelensky without Putin is the one assignment ruled out.
    assert set(outcomes(ONLY_IF)) == {
        frozenset(),
        frozenset({PUTIN}),
        frozenset({PUTIN, ZELENSKY}),
    }


def test_only_if_status() -> None:
    assert reference_status(ONLY_IF) == {
        "consistent": True,
        "atoms": {PUTIN: "possible", ZELENSKY: "possible"},
        "outcomes": {"leaders_meet": "possible"},
        # {} and {putin}: subject false, expired; {putin, zelensky}: discharged.
        "commitments": {"z_only_if_putin": ["discharged", "expired"]},
    }


def test_only_if_what_if_putin_stays_away() -> None:
    assert reference_status(ONLY_IF, ["absent(putin, talks)"]) == {
        "consistent": True,
        "atoms": {PUTIN: "impossible", ZELENSKY: "impossible"},
        "outcomes": {"leaders_meet": "impossible"},
        "commitments": {"z_only_if_putin": ["expired"]},
    }


def test_only_if_what_if_zelensky_comes() -> None:
    assert reference_status(ONLY_IF, [Atom("attends", ("zelensky", "talks"))]) == {
        "consistent": True,
        "atoms": {PUTIN: "certain", ZELENSKY: "certain"},
        "outcomes": {"leaders_meet": "certain"},
        "commitments": {"z_only_if_putin": ["discharged"]},
    }


def test_only_if_conflict() -> None:
    assume = ["attends(zelensky,talks) and absent(putin, talks)"]
    assert reference_status(ONLY_IF, assume)["consistent"] is False
    assert reference_query(ONLY_IF, PUTIN, assume) is None
    good = ["z_only_if_putin", "assume:attends(zelensky,talks) and absent(putin, talks)"]
    assert conflict_problems(ONLY_IF, good, assume) == []
    # Each member alone has an outcome.
    assert is_consistent(ONLY_IF, ["z_only_if_putin"], [])
    assert is_consistent(ONLY_IF, [], assume)
    assert conflict_problems(ONLY_IF, ["z_only_if_putin"], assume) == [
        "the conflict ['z_only_if_putin'] has an outcome"
    ]
    # The name must be the text as given, not its canonical form.
    assert conflict_problems(
        ONLY_IF, ["z_only_if_putin", "assume:" + str(parse_formula(assume[0]))], assume
    )


def test_conflict_minimality() -> None:
    scenario = talks(
        Statement("a", "commits", "attends(putin,talks)", by="putin"),
        Statement("b", "refuses", "attends(putin,talks)", by="putin"),
        Statement("c", "commits", "attends(zelensky,talks)", by="zelensky"),
    )
    assert reference_status(scenario)["consistent"] is False
    assert conflict_problems(scenario, ["a", "b"]) == []
    assert conflict_problems(scenario, ["a", "b", "c"]) == [
        "the conflict ['a', 'b', 'c'] is not minimal: 'c' is not needed"
    ]


def test_observed_and_might() -> None:
    scenario = talks(
        Statement("seen", "observed", "held"),
        Statement("maybe", "might", "signs(ukraine, deal)", condition="held", by="putin"),
        Statement("promise", "if", "attends(putin, talks)", condition="held", by="putin"),
    )
    # held is a fact, so the promise is triggered: Putin certainly attends.
    # The might statement constrains nothing; neither it nor the observation is a commitment.
    assert reference_status(scenario) == {
        "consistent": True,
        "atoms": {
            PUTIN: "certain",
            ZELENSKY: "possible",
            "held": "certain",
            "signs(ukraine,deal)": "possible",
        },
        "outcomes": {},
        "commitments": {"promise": ["discharged"]},
    }
    assert len(outcomes(scenario)) == 4  # zelensky and signs free


def test_superseded_statement_at_two_dates() -> None:
    scenario = talks(
        Statement("yes", "commits", "attends(putin, talks)", by="putin", said=date(2025, 5, 10)),
        Statement(
            "no",
            "refuses",
            "attends(putin, talks)",
            by="putin",
            said=date(2025, 5, 12),
            supersedes=["yes"],
        ),
    )
    assert active_ids(scenario, date(2025, 5, 9)) == []
    assert active_ids(scenario, date(2025, 5, 11)) == ["yes"]
    assert active_ids(scenario, "2025-05-12") == ["no"]
    assert active_ids(scenario, None) == ["no"]
    early = reference_status(scenario, at=date(2025, 5, 11))
    assert early["atoms"][PUTIN] == "certain"
    assert early["commitments"] == {"yes": ["discharged"]}
    late = reference_status(scenario, at=date(2025, 5, 12))
    assert late["atoms"][PUTIN] == "impossible"
    assert late["commitments"] == {"no": ["discharged"]}
    before = reference_status(scenario, at=date(2025, 5, 9))
    assert before["atoms"] == {PUTIN: "possible", ZELENSKY: "possible"}
    assert before["commitments"] == {}


def test_date_against_datetime_on_the_same_day() -> None:
    late_evening = talks(
        Statement("s", "commits", "p", by="putin", said=datetime(2025, 5, 12, 23, 0)),
    )
    # A date ``at`` covers the whole day...
    assert active_ids(late_evening, date(2025, 5, 12)) == ["s"]
    assert active_ids(late_evening, date(2025, 5, 11)) == []
    # ...but two datetimes compare as instants.
    assert active_ids(late_evening, datetime(2025, 5, 12, 22, 0)) == []
    assert active_ids(late_evening, "2025-05-12T23:00:00") == ["s"]
    dated = talks(Statement("s", "commits", "p", by="putin", said=date(2025, 5, 12)))
    # A date ``said`` is present from the start of its day.
    assert active_ids(dated, datetime(2025, 5, 12, 0, 0)) == ["s"]
    assert active_ids(dated, datetime(2025, 5, 11, 23, 59, tzinfo=MSK)) == []
    assert reference_status(dated, at=date(2025, 5, 12))["atoms"]["p"] == "certain"
    assert reference_status(dated, at=date(2025, 5, 11))["atoms"]["p"] == "possible"


def test_naive_against_offset_datetime() -> None:
    # 10:00 in Moscow is 07:00 UTC.
    scenario = talks(
        Statement("s", "commits", "p", by="putin", said=datetime(2025, 5, 12, 10, 0, tzinfo=MSK)),
    )
    # A naive datetime counts as UTC: 08:00 UTC is after 07:00 UTC.
    assert active_ids(scenario, datetime(2025, 5, 12, 8, 0)) == ["s"]
    assert active_ids(scenario, datetime(2025, 5, 12, 6, 59)) == []
    # 09:00 in Moscow is 06:00 UTC: before, although 9 < 10 only by wall clock.
    assert active_ids(scenario, datetime(2025, 5, 12, 9, 0, tzinfo=MSK)) == []
    assert active_ids(scenario, datetime(2025, 5, 12, 7, 0, tzinfo=UTC)) == ["s"]
    # 23:30 at UTC-5 is already 04:30 UTC the next day, but its calendar date is the 12th.
    new_york = talks(
        Statement(
            "s",
            "commits",
            "p",
            by="putin",
            said=datetime(2025, 5, 12, 23, 30, tzinfo=timezone(timedelta(hours=-5))),
        ),
    )
    assert active_ids(new_york, date(2025, 5, 12)) == ["s"]
    assert active_ids(new_york, datetime(2025, 5, 13, 4, 0)) == []
    assert active_ids(new_york, datetime(2025, 5, 13, 4, 30)) == ["s"]


def test_universe() -> None:
    scenario = Scenario(
        "u",
        actors=[Actor("putin"), Actor("zelensky"), Actor("trump")],
        events=[Event("talks", invited=["putin"]), Event("Summit")],
        statements=[
            Statement(
                "s",
                "refuses",
                "attends(zelensky, talks)",
                by="zelensky",
                said=date(2025, 5, 12),
            ),
            Statement("t", "might", "x", by="trump", supersedes=["s"]),
        ],
        outcomes=[Outcome("o", "y or absent(trump, talks)")],
    )
    texts = [atom_text(atom) for atom in universe(scenario, ["z and x"])]
    assert texts == [
        "attends(putin,talks)",
        "attends(putin,Summit)",
        "attends(zelensky,Summit)",
        "attends(trump,Summit)",
        "attends(zelensky,talks)",  # not invited, but named by a statement
        "x",
        "y",
        "attends(trump,talks)",
        "z",
    ]
    # The superseded statement still contributes its atom, whatever the date.
    report = reference_status(scenario, ["z and x"], at=date(2025, 5, 1))
    assert set(report["atoms"]) == set(texts)
    assert report["atoms"]["z"] == "certain"
    assert report["atoms"]["attends(zelensky,talks)"] == "possible"
    assert report["outcomes"] == {"o": "possible"}
    assert report["commitments"] == {}
    # s is superseded by t (present, no date): zelensky is free at every date.
    assert reference_status(scenario)["atoms"]["attends(zelensky,talks)"] == "possible"


def test_refuses_and_if_states() -> None:
    scenario = talks(
        Statement("no", "refuses", "attends(putin,talks) and attends(zelensky,talks)", by="putin"),
        Statement(
            "iff", "if", "attends(putin,talks)", condition="attends(zelensky,talks)", by="putin"
        ),
    )
    # Outcomes: {}, {putin}.  ({zelensky} breaks "iff", both breaks "no".)
    assert set(outcomes(scenario)) == {frozenset(), frozenset({PUTIN})}
    assert reference_status(scenario)["commitments"] == {
        "no": ["discharged"],
        "iff": ["expired"],
    }
    assert reference_query(scenario, ZELENSKY) == "impossible"
    assert reference_query(scenario, Not(Atom("attends", ("zelensky", "talks")))) == "certain"
    assert reference_query(scenario, "attends(putin,talks)") == "possible"


@given(formulas((Atom("p"), Atom("q"), Atom("attends", ("a", "e"))), max_depth=3), st.data())
def test_truth_tables_agree_with_evaluation(formula, data) -> None:
    atoms = (Atom("p"), Atom("q"), Atom("attends", ("a", "e")))
    scenario = Scenario(
        "t",
        actors=[Actor("a")],
        events=[Event("e")],
        outcomes=[Outcome("f", formula)],
    )
    true_atoms = data.draw(st.sets(st.sampled_from(atoms)))
    fixed = [atom if atom in true_atoms else Not(atom) for atom in atoms]
    status = reference_status(scenario, fixed)["outcomes"]["f"]
    assert status == ("certain" if evaluate(formula, true_atoms) else "impossible")


@given(
    formulas((Atom("p"), Atom("attends", ("a", "e")), Atom("held", ("e",))), max_depth=3),
    text_styles,
)
def test_render_parses_back(formula, style) -> None:
    # Checks the test-side printer and the library parser against each other.
    assert parse_formula(render(formula, style)) == formula
