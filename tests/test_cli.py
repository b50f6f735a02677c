"""The command line: SPEC section 4's JSON, exit codes and error messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import run

from commitlogic import Reasoner, load
from commitlogic.cli.main import main


def test_status_json_is_the_spec_object(capsys, scenario_file: Path) -> None:
    code, out, err = run(capsys, "status", str(scenario_file), "--json", "--at", "2025-05-12")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "consistent": True,
        "atoms": {"attends(putin,talks)": "possible", "attends(zelensky,talks)": "possible"},
        "outcomes": {"leaders_meet": "possible"},
        "commitments": {"z_only_if_putin": ["discharged", "expired"]},
        "conflict": None,
    }


def test_status_json_equals_the_library(capsys, scenario_file: Path) -> None:
    assume = "attends(zelensky, talks)"
    code, out, _ = run(capsys, "status", str(scenario_file), "--json", "--assume", assume)
    expected = Reasoner(load(scenario_file)).status(assume=[assume]).to_json()
    assert code == 0
    assert json.loads(out) == expected
    assert expected["conflict"] == ["z_only_if_putin", "kremlin_list", f"assume:{assume}"]
    assert expected["atoms"] == expected["outcomes"] == expected["commitments"] == {}


def test_status_tables_for_people(capsys, scenario_file: Path) -> None:
    code, out, _ = run(capsys, "status", str(scenario_file))
    assert code == 0
    assert "leaders_meet  impossible" in out
    assert "z_only_if_putin  expired" in out


def test_status_inconsistent_still_exits_zero(capsys, scenario_file: Path) -> None:
    code, out, _ = run(capsys, "status", str(scenario_file), "--assume", "attends(zelensky,talks)")
    assert code == 0
    assert "inconsistent" in out
    assert "I will wait for Putin in Turkey." in out


def test_check_exit_codes(capsys, scenario_file: Path) -> None:
    code, out, _ = run(capsys, "check", str(scenario_file))
    assert (code, out.strip()) == (0, "two leaders: consistent")
    code, out, _ = run(capsys, "check", str(scenario_file), "--assume", "attends(zelensky,talks)")
    assert code == 1
    assert "z_only_if_putin" in out and "kremlin_list" in out
    code, _, _ = run(
        capsys,
        "check",
        str(scenario_file),
        "--assume",
        "attends(zelensky,talks)",
        "--at",
        "2025-05-13",
    )
    assert code == 0


BAD_FILES = {
    "empty": (b"", "empty"),
    "blank": (b"  \n\n", "empty"),
    "invalid_toml": (b'[scenario]\nname = "x\n', "invalid TOML"),
    "invalid_utf8": (b'[scenario]\nname = "\xff"\n', "UTF-8"),
    "no_scenario": (b'[[actors]]\nid = "a"\n', "[scenario]"),
    "bad_formula": (
        b'[scenario]\nname = "x"\n[[outcomes]]\nid = "o"\nwhen = "a and"\n',
        "when",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
@pytest.mark.parametrize("command", ["status", "check"])
def test_bad_files_exit_2_with_one_message(capsys, tmp_path: Path, name: str, command: str):
    content, expected = BAD_FILES[name]
    path = tmp_path / f"{name}.toml"
    path.write_bytes(content)
    code, out, err = run(capsys, command, str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert str(path) in err and expected in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["status", "missing.toml"], "no such file"),
        (["status", "{dir}"], "directory"),
        (["status", "{file}", "--assume", "attends(putin"], "--assume"),
        (["status", "{file}", "--assume", "attends(putin, moon)"], "unknown event 'moon'"),
        (["status", "{file}", "--at", "tomorrow"], "--at"),
        (["check", "{file}", "--at", "2025-13-01"], "--at"),
    ],
)
def test_bad_arguments_exit_2(capsys, scenario_file: Path, argv: list[str], expected: str):
    argv = [a.format(file=scenario_file, dir=scenario_file.parent) for a in argv]
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert expected in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["status"], ["status", "a", "--bogus"]])
def test_usage_errors_exit_2(capsys, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("commitlogic") and "error" in err


@pytest.mark.slow
def test_python_dash_m_runs_the_cli(scenario_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "commitlogic", "status", str(scenario_file), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outcomes"] == {"leaders_meet": "impossible"}
    bad = subprocess.run(
        [sys.executable, "-m", "commitlogic", "check", str(scenario_file.parent)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
