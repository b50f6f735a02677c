"""The casebook: every shipped case is real input that check --strict accepts, closed and sourced.

The same properties as the researchers' checker (``verify.py``): at every
date a statement was said, ``check --strict`` gives an answer (exit 0, or
1 when a broken promise makes the case inconsistent in strict mode: an
answer, not an input error) and no warning; the observed facts settle
every declared outcome; 2 to 4 outcomes; every statement has a date, a
quote and an http(s) source.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import run

import commitlogic
from commitlogic import casebook
from commitlogic.analysis.learning import case_of

NAMES = casebook.names()


def test_the_casebook_has_at_least_forty_cases() -> None:
    assert len(NAMES) >= 40
    assert "hanoi_2019" in NAMES and "singapore_2018" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_each_case_is_closed_and_sourced(name: str) -> None:
    path = casebook.path(name)
    scenario, warnings = commitlogic.load_with_warnings(path)
    assert warnings == ()
    assert scenario == casebook.load(name)
    assert 2 <= len(scenario.outcomes) <= 4
    assert any(s.kind.value != "observed" for s in scenario.statements)
    for statement in scenario.statements:
        assert statement.said is not None, statement.id
        assert statement.quote, statement.id
        assert (statement.source or "").startswith(("http://", "https://")), statement.id
    case = case_of(name, scenario)
    assert not isinstance(case, str), case  # closed
    assert case.cutoffs  # forecast at least the day before its last statement


@pytest.mark.parametrize("name", NAMES)
def test_check_strict_accepts_each_case_at_every_date(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(casebook.path(name))
    scenario = casebook.load(name)
    for day in sorted({str(s.said)[:10] for s in scenario.statements}):
        code, _out, err = run(capsys, "check", "--strict", path, "--at", day)
        assert code in (0, 1), (day, err)
        assert err == "", (day, err)


def test_cases_by_name_and_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert casebook.path().is_dir()
    assert casebook.path("hanoi_2019") == casebook.path() / "hanoi_2019.toml"
    with pytest.raises(commitlogic.ScenarioError, match="did you mean hanoi_2019"):
        casebook.load("hanoi")
    code, out, _err = run(capsys, "casebook", "path")
    assert (code, Path(out.strip())) == (0, casebook.path())
    code, out, _err = run(capsys, "casebook", "path", "hanoi_2019")
    assert Path(out.strip()) == casebook.path("hanoi_2019")
    code, out, _err = run(capsys, "casebook", "list")
    assert code == 0 and f"{len(NAMES)} cases" in out
    assert any(line.startswith("hanoi_2019 ") for line in out.splitlines())
    code, _out, err = run(capsys, "casebook", "path", "nowhere")
    assert code == 2 and "no case called 'nowhere'" in err
