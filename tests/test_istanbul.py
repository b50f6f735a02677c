"""The Istanbul 2025 example: its answers, checked by hand against the story.

Abbreviations in the comments: P, M, Z, T, R are the attendance at the
Istanbul talks of Putin, Medinsky, Zelensky, Trump and Rubio; ZA and EA the
attendance of Zelensky and Erdogan at the Ankara meeting.  The active
statements read as:

* putin_proposes          P or M               (11 May)
* z_waits_in_turkey       Z or ZA              (11 May)
* z_only_if_putin         Z -> P               (11 May)
* trump_might_go          nothing (might)      (12 May, superseded on 14 May)
* zelensky_erdogan_ankara ZA                   (13 May)
* z_joins_if_putin_comes  P -> Z               (13 May)
* us_sends_rubio          R                    (13 May)
* trump_unsure            nothing (might)      (14 May)
* kremlin_list            not P (observed)     (14 May)
* medinsky_leads          M                    (14 May)
* trump_stays_in_qatar    not T                (14 May)
* ankara_meeting_held     ZA and EA (observed) (15 May)
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest

import commitlogic
from commitlogic import State, Status

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "istanbul_2025.toml"
SCRIPT = ROOT / "examples" / "istanbul_2025.py"

P = "attends(putin,istanbul_talks)"
M = "attends(medinsky,istanbul_talks)"
Z = "attends(zelensky,istanbul_talks)"
T = "attends(trump,istanbul_talks)"
R = "attends(rubio,istanbul_talks)"
ZA = "attends(zelensky,ankara_meeting)"
EA = "attends(erdogan,ankara_meeting)"

PUTIN_ABSENT = "absent(putin, istanbul_talks)"
LEADERS_MEET = "attends(zelensky, istanbul_talks) and attends(putin, istanbul_talks)"

CERTAIN, POSSIBLE, IMPOSSIBLE = Status.CERTAIN, Status.POSSIBLE, Status.IMPOSSIBLE
DISCHARGED, EXPIRED = State.DISCHARGED, State.EXPIRED


@pytest.fixture(scope="module")
def scenario() -> commitlogic.Scenario:
    return commitlogic.load(EXAMPLE)


@pytest.fixture(scope="module")
def reasoner(scenario: commitlogic.Scenario) -> commitlogic.Reasoner:
    return commitlogic.Reasoner(scenario)


def without(scenario: commitlogic.Scenario, *dropped: str) -> commitlogic.Scenario:
    """Return the scenario without some statements (and without supersedes naming them)."""
    kept = [
        attrs.evolve(s, supersedes=[old for old in s.supersedes if old not in dropped])
        for s in scenario.statements
        if s.id not in dropped
    ]
    return attrs.evolve(scenario, statements=kept)


def only(scenario: commitlogic.Scenario, kept: Sequence[str]) -> commitlogic.Scenario:
    """Return the scenario with only the statements ``kept``."""
    return without(scenario, *(s.id for s in scenario.statements if s.id not in kept))


def consistent(
    scenario: commitlogic.Scenario, assume: Sequence[str], at: str, *dropped: str
) -> bool:
    """Tell whether the query has an outcome once the members ``dropped`` are left out."""
    statements = [m for m in dropped if not m.startswith("assume:")]
    rest = [a for a in assume if f"assume:{a}" not in dropped]
    return commitlogic.Reasoner(without(scenario, *statements)).is_consistent(rest, at=at)


def assert_minimal_conflict(
    scenario: commitlogic.Scenario,
    conflict: Sequence[str],
    assume: Sequence[str],
    at: str,
) -> None:
    """Check SPEC section 3: the conflict alone has no outcome, and without any member it has."""
    statements = [m for m in conflict if not m.startswith("assume:")]
    assumptions = [a for a in assume if f"assume:{a}" in conflict]
    # Every member is active at ``at`` or one of the query's assumptions.
    assert set(statements) <= set(scenario.active(at))
    assert len(statements) + len(assumptions) == len(conflict)
    # The members alone have no outcome...
    alone = only(scenario, statements)
    assert not consistent(alone, assumptions, at)
    # ...and leaving out any one of them gives one.
    for member in conflict:
        assert consistent(alone, assumptions, at, member), member


# ------------------------------------------------------------------ the file


def test_the_example_loads_with_quotes_and_sources(scenario: commitlogic.Scenario) -> None:
    assert scenario.name == "Istanbul talks, May 2025"
    # Every statement documents where it comes from.
    for statement in scenario.statements:
        assert statement.quote, statement.id
        assert statement.source and statement.source.startswith("https://"), statement.id
    # The story is told over five days, 11 to 15 May.
    assert [str(day) for day in scenario.dates()] == [
        "2025-05-11",
        "2025-05-12",
        "2025-05-13",
        "2025-05-14",
        "2025-05-15",
    ]


def test_active_statements_day_by_day(scenario: commitlogic.Scenario) -> None:
    # Nothing is said before Putin's proposal.
    assert scenario.active("2025-05-10") == ()
    # 12 May: Sunday's three statements and Trump's "might".
    assert scenario.active("2025-05-12") == (
        "putin_proposes",
        "z_waits_in_turkey",
        "z_only_if_putin",
        "trump_might_go",
    )
    # 14 May: trump_stays_in_qatar supersedes trump_might_go, which drops out.
    assert "trump_might_go" not in scenario.active("2025-05-14")
    assert "trump_stays_in_qatar" in scenario.active("2025-05-14")
    # 15 May is the last date, so it is the same as no date at all.
    assert (
        scenario.active("2025-05-15")
        == scenario.active()
        == tuple(s.id for s in scenario.statements if s.id != "trump_might_go")
    )


# ----------------------------------------------------------- replay by date


def test_before_the_kremlins_answer(reasoner: commitlogic.Reasoner) -> None:
    report = reasoner.status(at="2025-05-12")
    # Only P or M, Z or ZA and Z -> P constrain; each atom can go either way
    # (e.g. P true, M false, Z true; or P false, M true, Z false, ZA true).
    assert report.consistent
    assert report.atoms == {a: POSSIBLE for a in (P, M, Z, T, R, ZA, EA)}
    # P or M is promised by putin_proposes, so Russia is represented anyway;
    # every other outcome has a witness both ways (P and Z and T all true, or all false).
    assert report.outcomes == {
        "leaders_meet": POSSIBLE,
        "three_leaders_meet": POSSIBLE,
        "russia_represented": CERTAIN,
        "zelensky_in_istanbul": POSSIBLE,
        "trump_in_istanbul": POSSIBLE,
        "us_represented": POSSIBLE,
        "no_president_in_istanbul": POSSIBLE,
        "zelensky_meets_erdogan": POSSIBLE,
    }
    # Unconditional promises are always kept in strict mode (discharged);
    # Zelensky's only-if is discharged when he goes (with Putin), expired when
    # he stays away.  trump_might_go is a "might": not a commitment.
    assert report.commitments == {
        "putin_proposes": (DISCHARGED,),
        "z_waits_in_turkey": (DISCHARGED,),
        "z_only_if_putin": (DISCHARGED, EXPIRED),
    }
    assert report.conflict is None


def test_on_13_may_zelensky_goes_exactly_when_putin_goes(reasoner: commitlogic.Reasoner) -> None:
    report = reasoner.status(at="2025-05-13")
    # Z -> P and P -> Z: the leaders' meeting is still open, both ways.
    assert report.outcomes["leaders_meet"] is POSSIBLE
    # zelensky_erdogan_ankara and us_sends_rubio are unconditional.
    assert report.atoms[ZA] is CERTAIN
    assert report.atoms[R] is CERTAIN
    assert report.outcomes["us_represented"] is CERTAIN
    # Assuming Putin comes forces Zelensky to come (z_joins_if_putin_comes).
    assert (
        reasoner.status(assume=["attends(putin, istanbul_talks)"], at="2025-05-13").outcomes[
            "leaders_meet"
        ]
        is CERTAIN
    )
    # On 12 May, before that "if", Putin's coming did not force Zelensky's.
    assert reasoner.query(Z, assume=["attends(putin, istanbul_talks)"], at="2025-05-12") is (
        POSSIBLE
    )


@pytest.mark.parametrize("at", ["2025-05-14", "2025-05-15", None])
def test_after_the_kremlins_answer(reasoner: commitlogic.Reasoner, at: str | None) -> None:
    report = reasoner.status(at=at)
    assert report.consistent
    # not P is observed; Z -> P makes Z impossible; M, R promised; not T refused;
    # ZA promised.  EA is only observed on 15 May.
    expected_atoms = {P: IMPOSSIBLE, M: CERTAIN, Z: IMPOSSIBLE, T: IMPOSSIBLE, R: CERTAIN}
    expected_atoms[ZA] = CERTAIN
    expected_atoms[EA] = POSSIBLE if at == "2025-05-14" else CERTAIN
    assert report.atoms == expected_atoms
    # Each outcome follows from the atoms above: every president stays away
    # from Istanbul while Medinsky and Rubio go.
    assert report.outcomes == {
        "leaders_meet": IMPOSSIBLE,
        "three_leaders_meet": IMPOSSIBLE,
        "russia_represented": CERTAIN,
        "zelensky_in_istanbul": IMPOSSIBLE,
        "trump_in_istanbul": IMPOSSIBLE,
        "us_represented": CERTAIN,
        "no_president_in_istanbul": CERTAIN,
        "zelensky_meets_erdogan": expected_atoms[EA],
    }


def test_the_final_report_as_json(reasoner: commitlogic.Reasoner) -> None:
    data = reasoner.status(at="2025-05-15").to_json()
    # The SPEC section 4 object: these keys, sorted names, text statuses.
    assert list(data) == ["consistent", "atoms", "outcomes", "commitments", "conflict"]
    assert data["conflict"] is None
    assert list(data["atoms"]) == sorted(data["atoms"])
    assert data["outcomes"]["leaders_meet"] == "impossible"
    # Zelensky's two conditional promises never fire, since Putin is out.
    assert data["commitments"]["z_only_if_putin"] == ["expired"]
    assert data["commitments"]["z_joins_if_putin_comes"] == ["expired"]


# -------------------------------------------------------------- what-if


def test_putin_absent_on_12_may(reasoner: commitlogic.Reasoner) -> None:
    report = reasoner.status(assume=[PUTIN_ABSENT], at="2025-05-12")
    assert report.consistent
    # not P with Z -> P rules Zelensky out of Istanbul...
    assert report.atoms[Z] is IMPOSSIBLE
    assert report.outcomes["zelensky_in_istanbul"] is IMPOSSIBLE
    assert report.outcomes["leaders_meet"] is IMPOSSIBLE
    # ...so his promise to be in Turkey (Z or ZA) sends him to Ankara,
    assert report.atoms[ZA] is CERTAIN
    # and P or M makes Medinsky certain: Russia is still represented.
    assert report.atoms[M] is CERTAIN
    assert report.outcomes["russia_represented"] is CERTAIN
    # Nothing about Trump or Rubio depends on Putin on 12 May.
    assert report.atoms[T] is POSSIBLE
    assert report.outcomes["us_represented"] is POSSIBLE
    # With Zelensky out, his only-if can only be expired.
    assert report.commitments["z_only_if_putin"] == (EXPIRED,)


def test_the_what_if_anticipates_the_replay(reasoner: commitlogic.Reasoner) -> None:
    what_if = reasoner.status(assume=[PUTIN_ABSENT], at="2025-05-12")
    replay = reasoner.status(at="2025-05-14")
    # The observed absence of 14 May gives the same answers as the 12 May
    # assumption for everything that depends only on Putin.
    for name in ("leaders_meet", "zelensky_in_istanbul", "russia_represented"):
        assert what_if.outcomes[name] is replay.outcomes[name]
    for name in (P, Z, M, ZA):
        assert what_if.atoms[name] is replay.atoms[name]


# --------------------------------------------------------------- Trump


@pytest.mark.parametrize(
    ("assume", "at", "expected"),
    [
        # The "might" (with condition P) neither forces nor forbids the trip...
        ([], "2025-05-12", POSSIBLE),
        # ...whether Putin comes...
        (["attends(putin, istanbul_talks)"], "2025-05-12", POSSIBLE),
        # ...or not.
        ([PUTIN_ABSENT], "2025-05-12", POSSIBLE),
        # 13 May adds nothing about Trump himself (us_sends_rubio is about Rubio).
        ([], "2025-05-13", POSSIBLE),
        # 14 May: trump_stays_in_qatar refuses T.
        ([], "2025-05-14", IMPOSSIBLE),
        # Still refused on the day of the talks.
        ([], "2025-05-15", IMPOSSIBLE),
    ],
)
def test_trump_before_and_after_qatar(
    reasoner: commitlogic.Reasoner, assume: list[str], at: str, expected: Status
) -> None:
    assert reasoner.query("attends(trump, istanbul_talks)", assume=assume, at=at) is expected
    assert reasoner.status(assume=assume, at=at).outcomes["trump_in_istanbul"] is expected


@pytest.mark.parametrize("at", ["2025-05-12", "2025-05-13", "2025-05-14", "2025-05-15"])
def test_might_statements_never_restrict(scenario: commitlogic.Scenario, at: str) -> None:
    # Dropping both "might" statements changes no answer on any day.
    bare = without(scenario, "trump_might_go", "trump_unsure")
    assert commitlogic.Reasoner(bare).status(at=at) == commitlogic.Reasoner(scenario).status(at=at)


def test_reviving_the_might_does_not_restore_the_trip(scenario: commitlogic.Scenario) -> None:
    # Without the refusal, trump_might_go is active again on 15 May, and the
    # trip is possible again: the refusal alone rules it out.
    reasoner = commitlogic.Reasoner(without(scenario, "trump_stays_in_qatar"))
    assert "trump_might_go" in reasoner.scenario.active("2025-05-15")
    assert reasoner.query("attends(trump, istanbul_talks)", at="2025-05-15") is POSSIBLE


# ---------------------------------------------------------- commitments


def test_commitment_states_day_by_day(reasoner: commitlogic.Reasoner) -> None:
    early = reasoner.status(at="2025-05-12").commitments
    final = reasoner.status(at="2025-05-15").commitments
    # Observed facts and "might" statements are never listed.
    for name in ("kremlin_list", "ankara_meeting_held", "trump_might_go", "trump_unsure"):
        assert name not in early
        assert name not in final
    # Statements said after 12 May are not active then, so not listed.
    assert "trump_stays_in_qatar" not in early
    # On 15 May: Z -> P and P -> Z both have a false antecedent (Z, P false),
    # the rest are unconditional and kept.
    assert final == {
        "putin_proposes": (DISCHARGED,),
        "z_waits_in_turkey": (DISCHARGED,),
        "z_only_if_putin": (EXPIRED,),
        "zelensky_erdogan_ankara": (DISCHARGED,),
        "z_joins_if_putin_comes": (EXPIRED,),
        "us_sends_rubio": (DISCHARGED,),
        "medinsky_leads": (DISCHARGED,),
        "trump_stays_in_qatar": (DISCHARGED,),
    }


# ------------------------------------------------------------- conflicts


def test_absent_yet_meeting_on_12_may(
    scenario: commitlogic.Scenario, reasoner: commitlogic.Reasoner
) -> None:
    assume = [PUTIN_ABSENT, LEADERS_MEET]
    report = reasoner.status(assume=assume, at="2025-05-12")
    # not P and (Z and P) contradict each other with no statement at all.
    expected = ("assume:" + PUTIN_ABSENT, "assume:" + LEADERS_MEET)
    assert not report.consistent
    assert report.conflict == expected
    assert reasoner.conflict(assume=assume, at="2025-05-12") == expected
    # An inconsistent report has empty tables (SPEC section 4).
    assert report.to_json() == {
        "consistent": False,
        "atoms": {},
        "outcomes": {},
        "commitments": {},
        "conflict": list(expected),
    }
    assert_minimal_conflict(scenario, expected, assume, "2025-05-12")
    # It is the only conflict: dropping either assumption from the query gives outcomes.
    for member in expected:
        assert consistent(scenario, assume, "2025-05-12", member)


def test_meeting_after_the_kremlins_list(
    scenario: commitlogic.Scenario, reasoner: commitlogic.Reasoner
) -> None:
    assume = [LEADERS_MEET]
    conflict = reasoner.conflict(assume=assume, at="2025-05-15")
    # The observed not P contradicts the assumed P; nothing else is needed.
    assert conflict == ("kremlin_list", "assume:" + LEADERS_MEET)
    assert_minimal_conflict(scenario, conflict, assume, "2025-05-15")
    # It is the only conflict: without the Kremlin's list (P and Z, Medinsky,
    # Rubio, no Trump) or without the assumption, there are outcomes.
    for member in conflict:
        assert consistent(scenario, assume, "2025-05-15", member)
    # On 12 May the same assumption is fine: P and Z satisfy every promise.
    assert reasoner.is_consistent(assume, at="2025-05-12")


def test_both_assumptions_after_the_kremlins_list(
    scenario: commitlogic.Scenario, reasoner: commitlogic.Reasoner
) -> None:
    assume = [PUTIN_ABSENT, LEADERS_MEET]
    conflict = reasoner.conflict(assume=assume, at="2025-05-15")
    # Two minimal conflicts exist now: either source of not P with the meeting.
    assert conflict in {
        ("kremlin_list", "assume:" + LEADERS_MEET),
        ("assume:" + PUTIN_ABSENT, "assume:" + LEADERS_MEET),
    }
    assert_minimal_conflict(scenario, conflict, assume, "2025-05-15")
    # The conflicts overlap: dropping the shared meeting assumption from the
    # query restores outcomes, dropping only one source of not P does not.
    assert consistent(scenario, assume, "2025-05-15", "assume:" + LEADERS_MEET)
    assert not consistent(scenario, assume, "2025-05-15", "kremlin_list")
    assert not consistent(scenario, assume, "2025-05-15", "assume:" + PUTIN_ABSENT)


def test_zelensky_alone_in_istanbul(
    scenario: commitlogic.Scenario, reasoner: commitlogic.Reasoner
) -> None:
    assume = ["attends(zelensky, istanbul_talks)"]
    conflict = reasoner.conflict(assume=assume, at="2025-05-14")
    # Z with Z -> P needs P, which the Kremlin's list rules out: all three are needed.
    assert conflict == ("z_only_if_putin", "kremlin_list", "assume:" + assume[0])
    assert_minimal_conflict(scenario, conflict, assume, "2025-05-14")
    # It is the only conflict: without the only-if Zelensky may go alone
    # (Medinsky, Rubio and Zelensky meet); without the list Putin may come;
    # without the assumption we are back to the 14 May replay.
    for member in conflict:
        assert consistent(scenario, assume, "2025-05-14", member)


# -------------------------------------------------------------- the script


@pytest.mark.slow
def test_the_walkthrough_script_runs(tmp_path: Path) -> None:
    # Run from elsewhere: the script finds its TOML next to itself.
    result = subprocess.run(
        [sys.executable, str(SCRIPT)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    for line in [
        "1. Before the Kremlin's answer (at 2025-05-12)",
        "Certain: russia_represented",
        "Superseded: trump_might_go",
        "zelensky_in_istanbul: impossible (what-if), impossible (replay)",
        "russia_represented: certain (what-if), certain (replay)",
        "minimal conflict: assume:absent(putin, istanbul_talks), "
        "assume:attends(zelensky, istanbul_talks) and attends(putin, istanbul_talks)",
        "minimal conflict: kremlin_list, "
        "assume:attends(zelensky, istanbul_talks) and attends(putin, istanbul_talks)",
        "minimal conflict: z_only_if_putin, kremlin_list, assume:attends(zelensky, istanbul_talks)",
        "z_only_if_putin: only_if, said 2025-05-11 by Volodymyr Zelensky",
        "kremlin_list: observed fact, reported 2025-05-14",
        "9. Forecast: how likely was each outcome, day by day?",
    ]:
        assert line in out, line
    # The forecast table: the leaders' meeting has no chance once the Kremlin's list is out.
    assert re.search(r"^leaders_meet +[1-9]\d\.\d% .* 0\.0% +0\.0%$", out, re.MULTILINE)
    # The Trump table: possible while only the "might" is active, impossible after.
    assert re.search(r"^2025-05-12 +possible +active +not yet said$", out, re.MULTILINE)
    assert re.search(r"^2025-05-15 +impossible +superseded +active$", out, re.MULTILINE)
    # The commitments table: Zelensky's only-if goes from open to expired.
    assert re.search(r"^z_only_if_putin .* discharged/expired +expired +expired$", out, re.M)
