"""Writing scenarios: ``dumps`` and ``loads`` round-trip, ``dump`` writes atomically."""

from __future__ import annotations

import os
import stat
import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import commitlogic
from commitlogic import Actor, Event, Outcome, Scenario, Statement, dump, dumps, load, loads
from commitlogic.strategies import scenarios

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "istanbul_2025.toml"


@given(scenarios(texts=True))
def test_dumps_then_loads_gives_an_equal_scenario(scenario: Scenario) -> None:
    """Every field survives: texts of any Unicode, dates, offsets, weights, supersedes."""
    assert loads(dumps(scenario)) == scenario


@given(st.text(), st.text())
def test_any_text_round_trips(name: str, quote: str) -> None:
    scenario = Scenario(
        name,
        description=quote,
        actors=[Actor("a", name=quote, party=name, role=quote)],
        events=[Event("e", place=quote)],
        statements=[Statement("s", "commits", "p", by="a", quote=quote, source=name)],
    )
    assert loads(dumps(scenario)) == scenario


def test_the_istanbul_example_round_trips(tmp_path: Path) -> None:
    scenario = load(EXAMPLE)
    assert loads(dumps(scenario)) == scenario
    target = tmp_path / "copy.toml"
    dump(scenario, target)
    assert load(target) == scenario
    assert target.read_text(encoding="utf-8") == dumps(scenario)


def test_the_file_is_readable_toml_in_spec_order() -> None:
    msk = timezone(timedelta(hours=3))
    scenario = Scenario(
        "Talks",
        description="two lines\nof text",
        actors=[Actor("putin", name="Vladimir Putin"), Actor("Zelensky")],
        events=[
            Event("talks", start=datetime(2025, 5, 15, 10, 0, tzinfo=msk), invited=["putin"]),
            Event("dinner", invited=[]),
        ],
        statements=[
            Statement(
                "z",
                "only_if",
                "attends(Zelensky, talks)",
                condition="attends(putin, talks)",
                by="Zelensky",
                to="putin",
                said=date(2025, 5, 11),
                quote='He said "only if".',
                weight=3,
            ),
            Statement("k", "observed", "absent(putin, talks)", supersedes=["z"]),
        ],
        outcomes=[Outcome("leaders_meet", "attends(putin, talks) and attends(Zelensky, talks)")],
    )
    text = dumps(scenario)
    assert text == (
        "[scenario]\n"
        'name = "Talks"\n'
        'description = """two lines\n'
        'of text"""\n'
        "\n"
        "[[actors]]\n"
        'id = "putin"\n'
        'name = "Vladimir Putin"\n'
        "\n"
        "[[actors]]\n"
        'id = "Zelensky"\n'
        "\n"
        "[[events]]\n"
        'id = "talks"\n'
        "start = 2025-05-15T10:00:00+03:00\n"
        'invited = ["putin"]\n'
        "\n"
        "[[events]]\n"
        'id = "dinner"\n'
        "invited = []\n"
        "\n"
        "[[statements]]\n"
        'id = "z"\n'
        'kind = "only_if"\n'
        'by = "Zelensky"\n'
        'to = "putin"\n'
        "said = 2025-05-11\n"
        'quote = "He said \\"only if\\"."\n'
        "weight = 3\n"
        'subject = "attends(Zelensky,talks)"\n'
        'condition = "attends(putin,talks)"\n'
        "\n"
        "[[statements]]\n"
        'id = "k"\n'
        'kind = "observed"\n'
        'subject = "not attends(putin,talks)"\n'
        'supersedes = ["z"]\n'
        "\n"
        "[[outcomes]]\n"
        'id = "leaders_meet"\n'
        'when = "attends(putin,talks) and attends(Zelensky,talks)"\n'
    )
    assert tomllib.loads(text)["events"][1]["invited"] == []
    assert loads(text) == scenario


def test_an_empty_scenario_is_just_its_header() -> None:
    assert dumps(Scenario("empty")) == '[scenario]\nname = "empty"\n'
    assert loads(dumps(Scenario("empty"))) == Scenario("empty")


def test_dumps_wants_a_scenario() -> None:
    with pytest.raises(TypeError, match="expected a Scenario"):
        dumps({"scenario": {"name": "x"}})  # type: ignore[arg-type]


def test_exported_from_the_package() -> None:
    assert commitlogic.dump is dump
    assert commitlogic.dumps is dumps
    assert {"dump", "dumps"} <= set(commitlogic.__all__)


# --------------------------------------------------------------------------- atomic writes


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def test_dump_replaces_a_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "scenario.toml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    dump(Scenario("new"), target)
    assert load(target) == Scenario("new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_dump_through_a_symbolic_link_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    dump(Scenario("old"), real)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    dump(Scenario("new"), link)
    assert link.is_symlink()
    assert load(real) == Scenario("new")


def test_dump_creates_a_file_with_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.toml"
    mask = os.umask(0o027)
    try:
        dump(Scenario("new"), str(target))
    finally:
        os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert load(target) == Scenario("new")


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_dump_leaves_the_original_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """A crash before the rename (disk full, power cut) leaves the old bytes and no temp file."""
    target = tmp_path / "scenario.toml"
    original = EXAMPLE.read_bytes()
    target.write_bytes(original)

    def broken(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, broken)
    with pytest.raises(OSError, match="No space left"):
        dump(Scenario("replacement"), target)
    monkeypatch.undo()
    assert target.read_bytes() == original
    assert _leftovers(tmp_path) == []


def test_dump_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        dump(Scenario("x"), tmp_path / "no" / "such" / "folder.toml")
    assert list(tmp_path.iterdir()) == []
