"""Timelines and what-if sweeps (SPEC section 4), against the brute-force reference."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from _strategies import assumptions, given_formulas, scenario_atoms, scenarios
from hypothesis import given
from hypothesis import strategies as st
from reference import active_ids, reference_status, reference_tolerant
from samples import TWO_LEADERS

from commitlogic import Reasoner, Status, load, loads
from commitlogic.analysis import absence_candidates, timeline, what_if

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "istanbul_2025.toml"
KEYS = ("consistent", "atoms", "outcomes", "commitments")


def calendar_days(scenario: Any) -> list[date]:
    """The distinct calendar dates of ``said``, in order, computed here from the data."""
    days = set()
    for statement in scenario.statements:
        if isinstance(statement.said, datetime):
            days.add(statement.said.date())
        elif statement.said is not None:
            days.add(statement.said)
    return sorted(days)


@given(scenarios(max_statements=7), st.data(), st.booleans())
def test_timeline_agrees_with_reference(scenario: Any, data: st.DataObject, tolerant: bool) -> None:
    assumed = data.draw(assumptions(scenario), label="assume")
    replay = timeline(Reasoner(scenario, tolerant=tolerant), assume=assumed).to_json()
    days = calendar_days(scenario)
    assert [entry["at"] for entry in replay] == [day.isoformat() for day in days]
    reference = reference_tolerant if tolerant else reference_status
    for entry, day in zip(replay, days, strict=True):
        assert entry["active"] == sorted(active_ids(scenario, day))
        expected = reference(scenario, assumed, day)
        assert {key: entry[key] for key in expected} == expected
        assert set(entry) == {"at", "active", *KEYS, "conflict", *(["cost"] if tolerant else [])}
        assert (entry["conflict"] is None) is expected["consistent"]


@given(scenarios(max_statements=7), st.data())
def test_timeline_changes_are_the_differences(scenario: Any, data: st.DataObject) -> None:
    """Each entry lists exactly the outcomes and atoms whose status differs from the last date."""
    reasoner = Reasoner(scenario)
    replay = timeline(reasoner)
    previous = replay.baseline
    for entry in replay:
        changed = {(c.kind, c.name): (c.before, c.after) for c in entry.changes}
        for kind, old, new in (
            ("outcome", previous.outcomes, entry.report.outcomes),
            ("atom", previous.atoms, entry.report.atoms),
            ("commitment", previous.commitments, entry.report.commitments),
        ):
            for name in {*old, *new}:
                if old.get(name) != new.get(name):
                    assert changed.pop((kind, name)) == (old.get(name), new.get(name))
        assert changed == {}
        previous = entry.report


@given(scenarios(max_statements=6), st.data())
def test_what_if_agrees_with_reference(scenario: Any, data: st.DataObject) -> None:
    candidates = data.draw(
        st.lists(given_formulas(scenario_atoms(scenario), depth=1), max_size=3), label="candidates"
    )
    answers = what_if(Reasoner(scenario), candidates)
    assert sorted(answer.candidate for answer in answers) == sorted(map(str, candidates))
    base = reference_status(scenario)
    for answer in answers:
        given_as = next(c for c in candidates if str(c) == answer.candidate)
        expected = reference_status(scenario, [given_as])
        assert answer.report.consistent is expected["consistent"]
        if expected["consistent"]:
            moved = {c.name for c in answer.changes if c.kind == "outcome"}
            assert moved == {
                name
                for name, status in expected["outcomes"].items()
                if base["outcomes"].get(name) != status
            }
    ranks = [answer.rank() for answer in answers]
    assert ranks == sorted(ranks)


# --------------------------------------------------------------------------- by hand


def test_two_leaders_timeline_by_hand() -> None:
    replay = timeline(Reasoner(loads(TWO_LEADERS)))
    assert [entry.at for entry in replay] == [date(2025, 5, 11), date(2025, 5, 14)]
    first, second = replay.entries
    assert first.became_active == ("z_only_if_putin",)
    assert first.report.outcomes["leaders_meet"] is Status.POSSIBLE
    assert second.became_active == ("kremlin_list",)
    assert second.report.outcomes["leaders_meet"] is Status.IMPOSSIBLE
    assert [(c.kind, c.name, c.before, c.after) for c in second.changes[:3]] == [
        ("outcome", "leaders_meet", Status.POSSIBLE, Status.IMPOSSIBLE),
        ("atom", "attends(putin,talks)", Status.POSSIBLE, Status.IMPOSSIBLE),
        ("atom", "attends(zelensky,talks)", Status.POSSIBLE, Status.IMPOSSIBLE),
    ]
    assert second.to_json()["active"] == ["kremlin_list", "z_only_if_putin"]


def test_istanbul_timeline_shows_the_supersession() -> None:
    replay = timeline(Reasoner(load(EXAMPLE)))
    by_day = {entry.at.isoformat(): entry for entry in replay}
    assert list(by_day) == ["2025-05-11", "2025-05-12", "2025-05-13", "2025-05-14", "2025-05-15"]
    assert "trump_might_go" in by_day["2025-05-12"].became_active
    assert by_day["2025-05-14"].superseded == ("trump_might_go",)
    assert by_day["2025-05-14"].report.outcomes["leaders_meet"] is Status.IMPOSSIBLE
    assert by_day["2025-05-13"].report.outcomes["leaders_meet"] is Status.POSSIBLE


def test_undated_scenario_has_an_empty_timeline() -> None:
    undated = loads(
        TWO_LEADERS.replace("said = 2025-05-11\n", "").replace("said = 2025-05-14\n", "")
    )
    replay = timeline(Reasoner(undated))
    assert replay.to_json() == []
    assert replay.baseline.outcomes["leaders_meet"] is Status.IMPOSSIBLE


def test_what_if_ranks_the_deciding_absence_first() -> None:
    scenario = loads(TWO_LEADERS)
    assert absence_candidates(scenario) == ["absent(putin, talks)", "absent(zelensky, talks)"]
    answers = what_if(Reasoner(scenario), at="2025-05-12")
    assert [answer.candidate for answer in answers] == [
        "absent(putin, talks)",  # also rules out Zelensky, so it decides more
        "absent(zelensky, talks)",
    ]
    assert answers[0].outcomes_changed == ("leaders_meet",)
    assert answers[0].decided == 3  # leaders_meet, and both attendance atoms
    assert answers[1].decided == 2


def test_contradicting_candidate_comes_last_with_its_conflict() -> None:
    answers = what_if(Reasoner(loads(TWO_LEADERS)), ["attends(putin, talks)", "p"])
    assert [answer.candidate for answer in answers] == ["p", "attends(putin, talks)"]
    assert answers[-1].report.conflict == ("kremlin_list", "assume:attends(putin, talks)")


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_timeline_plot_is_written(tmp_path: Path, suffix: str) -> None:
    pytest.importorskip("matplotlib")
    from commitlogic.analysis.plotting import plot_timeline

    target = tmp_path / f"timeline{suffix}"
    plot_timeline(timeline(Reasoner(load(EXAMPLE))), target, title="Istanbul")
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]
    assert "leaders_meet" in data.decode("latin-1") or suffix == ".png"
    assert [path.name for path in tmp_path.iterdir()] == [target.name]  # no temporary left
