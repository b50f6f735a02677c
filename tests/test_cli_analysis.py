"""The command line for explanations, tolerant mode, timelines and what-ifs (SPEC section 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import run

from commitlogic import load

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "istanbul_2025.toml"


def test_explain_json_is_the_spec_object(capsys, scenario_file: Path) -> None:
    code, out, err = run(
        capsys, "explain", str(scenario_file), "attends(zelensky, talks)", "--json"
    )
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "formula": "attends(zelensky,talks)",
        "status": "impossible",
        "because": ["z_only_if_putin", "kremlin_list"],
        "witnesses": None,
    }


def test_explain_json_witnesses(capsys, scenario_file: Path) -> None:
    argv = ["explain", str(scenario_file), "attends(putin,talks)", "--at", "2025-05-12", "--json"]
    code, out, _ = run(capsys, *argv)
    answer = json.loads(out)
    assert (code, answer["status"], answer["because"]) == (0, "possible", None)
    assert set(answer["witnesses"]) == {"holds", "fails"}
    assert "attends(putin,talks)" in answer["witnesses"]["holds"]
    assert "attends(putin,talks)" not in answer["witnesses"]["fails"]


def test_explain_text_names_quotes_and_sources(capsys) -> None:
    code, out, _ = run(capsys, "explain", str(EXAMPLE), "attends(zelensky, istanbul_talks)")
    assert code == 0
    assert "attends(zelensky,istanbul_talks) is impossible" in out
    assert "z_only_if_putin: only_if by zelensky to putin, said 2025-05-11" in out
    assert "\"The Kremlin's order on the delegation" in out
    assert "source: https://www.themoscowtimes.com/" in out


def test_explain_bad_formula_exits_2(capsys, scenario_file: Path) -> None:
    code, out, err = run(capsys, "explain", str(scenario_file), "attends(biden, talks)")
    assert (code, out) == (2, "")
    assert err.startswith("commitlogic: error: FORMULA 'attends(biden, talks)'")
    assert "biden" in err and "Traceback" not in err


def test_status_tolerant_json_has_cost(capsys, scenario_file: Path) -> None:
    argv = ["status", str(scenario_file), "--tolerant", "--json"]
    code, out, _ = run(capsys, *argv, "--assume", "attends(zelensky, talks)", "--at", "2025-05-12")
    assert code == 0
    assert json.loads(out)["cost"] == 0
    code, out, _ = run(capsys, *argv, "--assume", "attends(zelensky, talks)")
    answer = json.loads(out)
    assert answer["cost"] == 1  # z_only_if_putin is broken: Putin is observed absent
    assert answer["commitments"] == {"z_only_if_putin": ["violated"]}
    code, out, _ = run(capsys, *argv, "--assume", "attends(putin, talks)")
    answer = json.loads(out)
    assert (answer["consistent"], answer["cost"]) == (False, None)
    assert answer["conflict"] == ["kremlin_list", "assume:attends(putin, talks)"]


def test_status_tolerant_table_lists_broken_commitments(capsys, scenario_file: Path) -> None:
    argv = ["status", str(scenario_file), "--tolerant", "--assume", "attends(zelensky, talks)"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "total weight 1" in out
    assert "broken in every best outcome: z_only_if_putin" in out
    assert "settled: violated" in out


def test_timeline_json(capsys, scenario_file: Path) -> None:
    code, out, err = run(capsys, "timeline", str(scenario_file), "--json")
    assert (code, err) == (0, "")
    entries = json.loads(out)
    assert [entry["at"] for entry in entries] == ["2025-05-11", "2025-05-14"]
    assert entries[0]["active"] == ["z_only_if_putin"]
    assert entries[1]["outcomes"] == {"leaders_meet": "impossible"}
    assert set(entries[0]) == {"at", "active", "consistent", "atoms", "outcomes"} | {
        "commitments",
        "conflict",
    }
    code, out, _ = run(capsys, "timeline", str(scenario_file), "--json", "--tolerant")
    assert [entry["cost"] for entry in json.loads(out)] == [0, 0]


def test_timeline_table_and_plot(capsys, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    picture = tmp_path / "timeline.svg"
    code, out, _ = run(capsys, "timeline", str(EXAMPLE), "--plot", str(picture))
    assert code == 0
    assert "2025-05-14" in out and "- trump_might_go: superseded" in out
    assert b"<svg" in picture.read_bytes()[:2000]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("timeline.gif", "cannot tell the picture format"),
        ("missing/timeline.png", "does not exist"),
    ],
)
def test_timeline_bad_plot_path_exits_2(capsys, tmp_path: Path, name: str, message: str) -> None:
    code, out, err = run(capsys, "timeline", str(EXAMPLE), "--plot", str(tmp_path / name))
    assert (code, out) == (2, "")
    assert message in err
    assert not (tmp_path / name).exists()


def test_whatif_json_ranks_candidates(capsys, scenario_file: Path) -> None:
    code, out, _ = run(capsys, "whatif", str(scenario_file), "--at", "2025-05-12", "--json")
    assert code == 0
    answers = json.loads(out)
    assert [answer["candidate"] for answer in answers] == [
        "absent(putin, talks)",
        "absent(zelensky, talks)",
    ]
    assert answers[0]["changes"][0] == {
        "kind": "outcome",
        "name": "leaders_meet",
        "before": "possible",
        "after": "impossible",
    }


def test_whatif_with_candidates_and_table(capsys, scenario_file: Path) -> None:
    argv = ["whatif", str(scenario_file), "--candidate", "attends(putin, talks)"]
    code, out, _ = run(capsys, *argv, "--candidate", "p")
    assert code == 0
    assert "contradicts: kremlin_list, assume:attends(putin, talks)" in out
    code, _, err = run(capsys, "whatif", str(scenario_file), "--candidate", "attends(x, talks)")
    assert code == 2 and "--candidate 'attends(x, talks)'" in err


def test_explaining_an_outcome_id_explains_its_formula(capsys) -> None:
    # SPEC section 2: an outcome id stands for its formula, here and in --assume.
    when = str(next(o.when for o in load(EXAMPLE).outcomes if o.id == "leaders_meet"))
    for day in ("2025-05-12", "2025-05-16"):
        answers = []
        for formula in ("leaders_meet", when):
            code, out, _ = run(capsys, "explain", str(EXAMPLE), formula, "--at", day, "--json")
            assert code == 0
            answer = json.loads(out)
            assert answer.pop("formula") == formula
            answers.append(answer)
        assert answers[0] == answers[1]
    code, out, _ = run(capsys, "explain", str(EXAMPLE), "leaders_meet")
    assert "leaders_meet is " in out and "free proposition" not in out
