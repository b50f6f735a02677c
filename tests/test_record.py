"""Credibility from the record (issue 13): counts in closed scenarios, Beta(1, 1), safe writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import run

from commitlogic import ScenarioError, load, loads
from commitlogic.analysis.record import (
    ActorRecord,
    read_record,
    record_of,
    write_credibilities,
)

# Putin promised to come and did not; Zelensky came only if Putin did (kept:
# he stayed away); Trump's refusal is left open by the facts.
CLOSED = """
[scenario]
name = "closed talks"

[[actors]]
id = "putin"
[[actors]]
id = "zelensky"
[[actors]]
id = "trump"

[[events]]
id = "talks"
invited = ["putin", "zelensky"]

[[statements]]
id = "p_comes"
kind = "commits"
by = "putin"
subject = "attends(putin, talks)"

[[statements]]
id = "z_only_if"
kind = "only_if"
by = "zelensky"
subject = "attends(zelensky, talks)"
condition = "attends(putin, talks)"

[[statements]]
id = "t_refuses"
kind = "refuses"
by = "trump"
subject = "signs(trump, deal)"

[[statements]]
id = "seen"
kind = "observed"
subject = "absent(putin, talks) and absent(zelensky, talks)"

[[outcomes]]
id = "meet"
when = "attends(putin, talks) and attends(zelensky, talks)"
"""

# Same promises, nothing observed about Zelensky: "meet" is settled (impossible)
# by Putin's absence, while Zelensky's attendance, and so his only-if, stays open.
SECOND = CLOSED.replace(
    'subject = "absent(putin, talks) and absent(zelensky, talks)"',
    'subject = "absent(putin, talks)"',
)
# Only that the talks were held: who came, and so "meet", stays open.
OPEN = CLOSED.replace(
    'subject = "absent(putin, talks) and absent(zelensky, talks)"',
    'subject = "held(talks)"',
)


def test_a_closed_scenario_counts_kept_and_broken_by_hand() -> None:
    counts, reason = record_of(loads(CLOSED))
    assert reason is None
    # Putin broke his promise; Zelensky's only-if is kept; Trump's refusal is undecided.
    assert counts == {"putin": (0, 1), "zelensky": (1, 0)}


def test_a_commitment_the_facts_leave_open_is_not_counted() -> None:
    """Putin stayed away; whether Zelensky came (and so broke his only-if) is not known."""
    counts, reason = record_of(loads(SECOND))
    assert reason is None
    assert counts == {"putin": (0, 1)}


def test_an_open_scenario_counts_nothing() -> None:
    counts, reason = record_of(loads(OPEN))
    assert counts == {}
    assert reason == "the observed facts leave meet open"


def test_the_beta_prior() -> None:
    assert ActorRecord("x").credibility == 0.5
    assert ActorRecord("x", kept=3, broken=1).credibility == pytest.approx(4 / 6)
    assert ActorRecord("x", kept=0, broken=2).credibility == pytest.approx(1 / 4)


def test_a_folder_adds_up(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(CLOSED)
    (tmp_path / "b.toml").write_text(SECOND)
    (tmp_path / "c.toml").write_text(OPEN)
    record = read_record([tmp_path])
    assert record.closed == (str(tmp_path / "a.toml"), str(tmp_path / "b.toml"))
    assert record.skipped == ((str(tmp_path / "c.toml"), "the observed facts leave meet open"),)
    assert record.actors["putin"] == ActorRecord("putin", kept=0, broken=2)
    assert record.actors["zelensky"] == ActorRecord("zelensky", kept=1, broken=0)
    assert record.actors["trump"].credibility == 0.5  # no record
    assert record.credibilities["putin"] == pytest.approx(1 / 4)


def test_no_closed_scenario_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text(OPEN)
    with pytest.raises(ScenarioError, match="no closed scenario"):
        read_record([tmp_path])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ScenarioError, match="no scenario files found"):
        read_record([empty])


def test_write_credibilities_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "target.toml"
    text = "# my notes\n" + CLOSED
    path.write_text(text)
    scenario = write_credibilities(path, {"putin": 0.25})
    assert scenario == load(path)
    assert scenario.actors[0].credibility == 0.25
    assert [a.credibility for a in scenario.actors[1:]] == [None, None]
    written = path.read_text()
    assert written.startswith("# my notes\n")
    assert written.replace("credibility = 0.25\n", "") == text


def test_a_bad_write_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "target.toml"
    path.write_text(CLOSED)
    with pytest.raises(ScenarioError, match="credibility"):
        write_credibilities(path, {"putin": 1.5})
    assert path.read_text() == CLOSED


def test_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(CLOSED)
    (tmp_path / "c.toml").write_text(OPEN)
    code, out, err = run(capsys, "credibility", str(tmp_path), "--json")
    assert (code, err) == (0, "")
    found = json.loads(out)
    # One commitment each says nothing about how actors differ: the strongest pooling
    # (m = 64) towards everyone's rate (1 + 1) / (2 + 2) = 1/2.
    assert found["pooling"]["everyone"] == 0.5 and found["pooling"]["strength"] == 64
    assert found["actors"]["putin"] == {
        "party": None,
        "kept": 0,
        "broken": 1,
        "credibility": pytest.approx(32 / 65),
    }
    # Trump's refusal is left open: no record, no credibility to write.
    assert found["actors"]["trump"] == {"party": None, "kept": 0, "broken": 0, "credibility": None}
    assert found["skipped"] == [
        {"scenario": str(tmp_path / "c.toml"), "reason": "the observed facts leave meet open"}
    ]
    target = tmp_path / "next.toml"
    target.write_text(OPEN)
    code, out, _err = run(capsys, "credibility", str(tmp_path / "a.toml"), "--write", str(target))
    assert code == 0
    assert "wrote the credibility of 2 actors into" in out
    assert "  putin = 0.492 (own record)\n  zelensky = 0.508 (own record)\n" in out
    assert {a.id: a.credibility for a in load(target).actors} == {
        "putin": pytest.approx(32 / 65),
        "zelensky": pytest.approx(33 / 65),
        "trump": None,
    }


def test_actors_only_in_skipped_scenarios_are_not_listed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.toml").write_text(CLOSED)
    (tmp_path / "c.toml").write_text(OPEN.replace("trump", "medvedev"))
    assert "medvedev" not in read_record([tmp_path]).actors
    code, out, _err = run(capsys, "credibility", str(tmp_path))
    assert code == 0 and "medvedev" not in out and f"skipped {tmp_path / 'c.toml'}" in out


def test_a_closed_folder_with_nothing_to_count_says_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    nothing = CLOSED.replace('kind = "commits"', 'kind = "might"').replace(
        'kind = "only_if"', 'kind = "might"'
    )
    (tmp_path / "a.toml").write_text(nothing)
    code, out, _err = run(capsys, "credibility", str(tmp_path))
    assert code == 0
    assert "no commitment was counted: the observed facts of the closed scenarios settle" in out
    assert "credibility\n" not in out  # no table of rows that all say the same


def test_cli_without_closed_scenarios_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "c.toml").write_text(OPEN)
    code, out, err = run(capsys, "credibility", str(tmp_path))
    assert code == 2 and out == ""
    assert err.startswith(f"commitlogic: error: {tmp_path}: no closed scenario")
    assert "Traceback" not in err
