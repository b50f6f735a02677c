"""``commitlogic forecast`` (SPEC section 4): JSON, tables for people, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import run
from reference import reference_forecast

from commitlogic import load

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "istanbul_2025.toml")


def test_json_is_the_reference_forecast(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "forecast", EXAMPLE, "--json", "--at", "2025-05-13", "--model", "independent"
    )
    assert (code, err) == (0, "")
    found = json.loads(out)
    expected = reference_forecast(load(EXAMPLE), at="2025-05-13")
    assert found["conflict"] is None
    for key in ("atoms", "outcomes", "commitments"):
        assert found[key] == pytest.approx(expected[key], abs=1e-9)


def test_the_table_sorts_outcomes_by_probability(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "forecast", EXAMPLE, "--model", "independent")
    assert code == 0
    found = json.loads(run(capsys, "forecast", EXAMPLE, "--json", "--model", "independent")[1])
    section = out.split("outcome ")[1].split("\n\n")[0].splitlines()[2:]
    names = [line.split()[0] for line in section]
    assert names == sorted(found["outcomes"], key=lambda n: (-found["outcomes"][n], n))
    assert "chance kept" in out
    rows = [line.split() for line in out.splitlines()]
    assert ["z_only_if_putin", "zelensky", "80.0%", "80.0%"] in rows


def test_an_inconsistent_forecast_names_the_hard_conflict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assume = "attends(putin, istanbul_talks)"
    code, out, _err = run(capsys, "forecast", EXAMPLE, "--json", "--assume", assume)
    assert code == 0
    assert json.loads(out)["conflict"] == ["kremlin_list", f"assume:{assume}"]
    code, out, _err = run(capsys, "forecast", EXAMPLE, "--assume", assume)
    assert code == 0
    assert "kremlin_list" in out and "inconsistent" in out


@pytest.mark.parametrize("samples", ["0", "-1", "1.5", "many"])
def test_bad_samples_exit_2(capsys: pytest.CaptureFixture[str], samples: str) -> None:
    code, out, err = run_exit(capsys, "forecast", EXAMPLE, "--samples", samples)
    assert code == 2 and out == ""
    assert "--samples" in err and "Traceback" not in err


def run_exit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI where argparse may exit (usage errors)."""
    try:
        return run(capsys, *argv)
    except SystemExit as stop:
        out, err = capsys.readouterr()
        return int(stop.code or 0), out, err


def test_a_bad_credibility_is_a_located_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.toml"
    text = Path(EXAMPLE).read_text(encoding="utf-8")
    path.write_text(text.replace('id = "putin"\n', 'id = "putin"\ncredibility = 1.2\n', 1))
    code, out, err = run(capsys, "forecast", str(path))
    assert code == 2 and out == ""
    line = path.read_text().splitlines().index("credibility = 1.2") + 1
    assert err.startswith(
        f"commitlogic: error: {path}:{line}:15: actor 'putin', field 'credibility'"
    )


def test_bad_assumptions_and_dates_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "forecast", EXAMPLE, "--assume", "attends(nobody, x)")
    assert code == 2 and "--assume" in err
    code, _out, err = run(capsys, "forecast", EXAMPLE, "--at", "soon")
    assert code == 2 and "--at" in err


def test_ignored_credibility_is_a_located_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "noted.toml"
    text = Path(EXAMPLE).read_text(encoding="utf-8")
    marker = 'id = "kremlin_list"\n'
    path.write_text(text.replace(marker, marker + "credibility = 0.3\n", 1))
    code, _out, err = run(capsys, "forecast", str(path), "--json")
    assert code == 0
    line = path.read_text().splitlines().index("credibility = 0.3") + 1
    assert err == (
        f"{path}:{line}:15: warning: statement 'kremlin_list', field 'credibility': "
        "credibility has no effect here: an observed statement is a hard fact\n"
    )


def test_samples_give_estimates_with_standard_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "forecast", EXAMPLE, "--json", "--samples", "800", "--seed", "2")
    assert code == 0
    found = json.loads(out)
    assert found["samples"] == 800
    assert set(found["standard_errors"]["outcomes"]) == set(found["outcomes"])
    code, out, _err = run(capsys, "forecast", EXAMPLE, "--samples", "800", "--seed", "2")
    assert "estimated from 800 samples" in out and "±" in out


def test_a_component_too_wide_to_count_exits_3_and_suggests_sampling(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from commitlogic.forecasting import counting

    monkeypatch.setattr(counting, "_LIMIT", 1)  # any table of two entries is "too wide"
    code, out, err = run(capsys, "forecast", EXAMPLE)
    assert code == 3 and out == ""
    assert err.startswith("commitlogic: limit: a component of") and "--samples" in err
    code, _out, _err = run(capsys, "forecast", EXAMPLE, "--samples", "50")
    assert code == 0


def test_strict_refuses_a_record_with_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    records = sorted((ROOT / "examples" / "record").glob("*.toml"))
    for record in records:
        (tmp_path / record.name).write_text(record.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run(capsys, "credibility", str(tmp_path), "--strict", "--json")
    assert code == 0 and json.loads(out)
    text = records[0].read_text(encoding="utf-8").replace("attends(", "atends(", 1)
    (tmp_path / records[0].name).write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "credibility", str(tmp_path), "--strict", "--json")
    assert (code, out) == (2, "")
    assert "did you mean attends?" in err and records[0].name in err


@pytest.mark.parametrize(
    ("written", "shown"), [("true", "true"), ('"high"', '"high"'), ("1.5", "1.5")]
)
def test_a_bad_credibility_is_shown_as_the_file_writes_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, written: str, shown: str
) -> None:
    text = (ROOT / "examples" / "talks.toml").read_text(encoding="utf-8")
    path = tmp_path / "bad.toml"
    path.write_text(text.replace('id = "putin"\n', f'id = "putin"\ncredibility = {written}\n', 1))
    code, _out, err = run(capsys, "forecast", str(path))
    assert code == 2
    assert err.endswith(f"credibility must be a number strictly between 0 and 1, got {shown}\n")
