"""JSON Lines scenario files: reading, writing, and every input error located by line.

Error cases are written as JSON Lines text with a marker where the error
should be reported, as in test_loading.py: ``▶`` marks the exact line and
column, ``▷`` the line only.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from clirun import run
from hypothesis import given
from test_loading import unmark

import commitlogic
from commitlogic import ScenarioError
from commitlogic.io import jsonlines
from commitlogic.strategies import scenarios

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "istanbul_2025.toml"
FILE = "feed.jsonl"

HEADER = '{"scenario": {"name": "talks"}}'
ACTORS = '{"actor": {"id": "putin"}}\n{"actor": {"id": "zelensky"}}'
EVENT = '{"event": {"id": "talks", "start": "2025-05-15"}}'
GOOD = "\n".join(
    [
        HEADER,
        ACTORS,
        EVENT,
        '{"statement": {"id": "z", "kind": "only_if", "by": "zelensky", '
        '"subject": "attends(zelensky, talks)", "condition": "attends(putin, talks)", '
        '"said": "2025-05-11"}}',
        '{"statement": {"id": "p", "kind": "refuses", "by": "putin", '
        '"subject": "attends(putin, talks)", "said": "2025-05-14T09:30:00+03:00"}}',
        '{"outcome": {"id": "meet", "when": "attends(putin, talks) and attends(zelensky, talks)"}}',
    ]
)


def error_of(text: str) -> tuple[ScenarioError, int | None, int | None]:
    text, line, column = unmark(text)
    with pytest.raises(ScenarioError) as caught:
        jsonlines.loads(text, file=FILE)
    return caught.value, line, column


# --------------------------------------------------------------------------- good input


def test_a_small_feed_reads_as_the_same_scenario_as_its_toml() -> None:
    toml = """
[scenario]
name = "talks"

[[actors]]
id = "putin"

[[actors]]
id = "zelensky"

[[events]]
id = "talks"
start = 2025-05-15

[[statements]]
id = "z"
kind = "only_if"
by = "zelensky"
subject = "attends(zelensky, talks)"
condition = "attends(putin, talks)"
said = 2025-05-11

[[statements]]
id = "p"
kind = "refuses"
by = "putin"
subject = "attends(putin, talks)"
said = 2025-05-14T09:30:00+03:00

[[outcomes]]
id = "meet"
when = "attends(putin, talks) and attends(zelensky, talks)"
"""
    assert jsonlines.loads(GOOD) == commitlogic.loads(toml)


def test_kinds_may_come_in_any_order_and_blank_lines_are_skipped() -> None:
    lines = GOOD.split("\n")
    shuffled = [lines[6], "", lines[0], "   ", lines[4], lines[1], lines[5], lines[3], lines[2]]
    scenario = jsonlines.loads("\n".join(shuffled) + "\n")
    assert scenario == jsonlines.loads(GOOD)
    assert [s.id for s in scenario.statements] == ["z", "p"]  # file order within a kind


def test_the_istanbul_example_round_trips_through_json_lines(tmp_path: Path) -> None:
    scenario = commitlogic.load(EXAMPLE)
    target = tmp_path / "istanbul.jsonl"
    jsonlines.dump(scenario, target)
    assert commitlogic.load(target) == scenario  # by the extension
    text = target.read_text(encoding="utf-8")
    assert text == jsonlines.dumps(scenario)
    lines = text.splitlines()
    assert len(lines) == 1 + sum(
        len(getattr(scenario, table)) for table in ("actors", "events", "statements", "outcomes")
    )
    assert all(len(json.loads(line)) == 1 for line in lines)
    assert commitlogic.Reasoner(commitlogic.load(target)).status() == (
        commitlogic.Reasoner(scenario).status()
    )


@given(scenarios(texts=True))
def test_every_scenario_round_trips(scenario: commitlogic.Scenario) -> None:
    assert jsonlines.loads(jsonlines.dumps(scenario)) == scenario


def test_dump_leaves_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "feed.jsonl"
    target.write_text("old\n", encoding="utf-8")
    scenario = jsonlines.loads(GOOD)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(OSError):
        jsonlines.dump(scenario, target)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.jsonl"]


def test_dates_are_iso_text_and_defaults_are_left_out() -> None:
    scenario = jsonlines.loads(GOOD)
    assert scenario.statements[0].said == date(2025, 5, 11)
    first = json.loads(jsonlines.dumps(scenario).splitlines()[4])
    assert first == {
        "statement": {
            "id": "z",
            "kind": "only_if",
            "subject": "attends(zelensky,talks)",
            "condition": "attends(putin,talks)",
            "by": "zelensky",
            "said": "2025-05-11",
        }
    }


def test_the_cli_reads_json_lines_like_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "istanbul.jsonl"
    jsonlines.dump(commitlogic.load(EXAMPLE), target)
    for argv in (["status", "--json"], ["status", "--json", "--at", "2025-05-12"]):
        code, ours, _ = run(capsys, argv[0], str(target), *argv[1:])
        code_toml, theirs, _ = run(capsys, argv[0], str(EXAMPLE), *argv[1:])
        assert code == code_toml == 0
        assert json.loads(ours) == json.loads(theirs)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        (f'{HEADER}\n{ACTORS}\n{{"actor": {{"id": "trump"}}▶\n', None, "invalid JSON"),
        (f'{HEADER}\n{{"actor": [1,▶}}', None, "invalid JSON"),
        (f'{HEADER}\n▶["actor"]', None, "one object with one key"),
        (f'{HEADER}\n▶{{"actor": {{"id": "a"}}, "event": {{"id": "e"}}}}', None, "2 keys"),
        (f'{HEADER}\n▶{{"actors": {{"id": "a"}}}}', None, "unknown kind of line 'actors'"),
        (f'{HEADER}\n▶{{"actor": "putin"}}', None, "must be an object"),
        (f'{HEADER}\n▶{{"scenario": {{"name": "again"}}}}', None, "second scenario line"),
        (f"▶{ACTORS}\n{EVENT}", None, "missing the line"),
        (f'{ACTORS}\n{{"scenario": {{▶"title": "x"}}}}', "title", "unknown key 'title'"),
        (f'{HEADER}\n{{"actor": {{"id": "p", ▶"nick": "x"}}}}', "nick", "unknown key 'nick'"),
        (
            f'{HEADER}\n{ACTORS}\n{EVENT}\n{{"statement": {{"id": "s", "kind": "commits", '
            '"by": "putin", "subject": "attends(putin, talks) and ▶)"}}',
            "subject",
            "expected an atom",
        ),
        (
            f'{HEADER}\n{ACTORS}\n{EVENT}\n{{"statement": {{"id": "s", "kind": "commits", '
            '"by": "▶trump", "subject": "attends(putin, talks)"}}',
            "by",
            "unknown actor 'trump'",
        ),
        (
            f'{HEADER}\n{ACTORS}\n{EVENT}\n{{"statement": {{"id": "s", "kind": "commits", '
            '"by": "putin", "subject": "attends(▶trump, talks)"}}',
            "subject",
            "unknown actor 'trump'",
        ),
        (
            f'{HEADER}\n{ACTORS}\n{EVENT}\n{{"statement": {{"id": "s", "kind": "commits", '
            '"by": "putin", "subject": "held", "said": ▶"15 May"}}',
            "said",
            "not a date",
        ),
        (
            f'{HEADER}\n{ACTORS}\n{EVENT}\n{{"statement": {{"id": "s", "kind": ▶"promises", '
            '"by": "putin", "subject": "held"}}',
            "kind",
            "unknown kind 'promises'",
        ),
        (
            f'{HEADER}\n{ACTORS}\n{{"event": {{"id": "talks"}}}}\n▷{EVENT}',
            "id",
            "duplicate id 'talks'",
        ),
        (
            f'{HEADER}\n{ACTORS}\n{EVENT}\n{{"statement": {{"id": "s", "kind": "if", '
            '"by": "putin", "subject": "held", "weight": ▶1.5, "condition": "held"}}',
            "weight",
            "weight must be an integer from 1 to 1000000",
        ),
    ],
)
def test_bad_input_names_the_line_column_and_field(
    text: str, field: str | None, words: str
) -> None:
    error, line, column = error_of(text)
    assert words in error.reason
    assert (error.file, error.line, error.field) == (FILE, line, field)
    if column is not None:
        assert error.column == column, str(error)
    assert str(error).startswith(f"{FILE}:{line}:")


def test_a_statement_error_names_the_statement() -> None:
    text = (
        f'{HEADER}\n{ACTORS}\n{EVENT}\n{{"statement": {{"id": "late", "kind": "if", '
        '"by": "putin", "subject": "held"}}'
    )
    error, _, _ = error_of(text)
    assert (error.line, error.statement, error.field) == (5, "late", "condition")
    assert "needs a condition" in error.reason


def test_an_empty_file_is_an_error() -> None:
    with pytest.raises(ScenarioError, match="empty"):
        jsonlines.loads("\n  \n", file=FILE)


def test_the_cli_reports_a_broken_line_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "broken.jsonl"
    target.write_text(f'{HEADER}\n{ACTORS}\n{{"event": {{"id": "talks",}}}}\n', encoding="utf-8")
    code, out, err = run(capsys, "status", str(target), "--json")
    assert (code, out) == (2, "")
    assert f"{target}:4:" in err
    assert "invalid JSON" in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    target = tmp_path / "latin.jsonl"
    target.write_bytes(HEADER.encode() + b'\n{"actor": {"id": "p", "name": "Jos\xe9"}}\n')
    with pytest.raises(ScenarioError, match="UTF-8") as caught:
        commitlogic.load(target)
    assert (caught.value.line, caught.value.column) == (2, 35)


def test_add_and_observe_refuse_a_json_lines_file_and_leave_it_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "istanbul.jsonl"
    jsonlines.dump(commitlogic.load(EXAMPLE), target)
    before = target.read_bytes()
    for argv in (
        ["observe", str(target), "attends(putin, istanbul_talks)", "--said", "2025-05-16"],
        ["add", str(target), "--id", "x", "--kind", "commits", "--by", "putin",
         "--subject", "attends(putin, istanbul_talks)"],
    ):  # fmt: skip
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, "")
        assert "edit TOML scenario files" in err and str(target) in err
        assert "Traceback" not in err
    assert target.read_bytes() == before


def test_a_sweep_over_a_folder_reads_its_json_lines_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = commitlogic.load(EXAMPLE)
    jsonlines.dump(scenario, tmp_path / "a.jsonl")
    (tmp_path / "b.toml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a scenario", encoding="utf-8")
    code, out, _ = run(capsys, "sweep", str(tmp_path), "--query", "leaders_meet")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [Path(record["file"]).name for record in records] == ["a.jsonl", "b.toml"]
    assert records[0]["status"] == records[1]["status"]
