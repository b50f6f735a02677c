"""Warnings (SPEC sections 2 and 4): likely typos, located; printed, or refused by --strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _strategies import scenarios
from clirun import run
from hypothesis import given

from commitlogic import (
    Scenario,
    ScenarioError,
    ScenarioWarning,
    add_statement,
    dumps,
    load,
    loads,
    loads_with_warnings,
    observe,
    warnings,
)
from commitlogic.model.linting import edit_distance, find_warnings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

TYPOS = """\
[scenario]
name = "typos"

[[actors]]
id = "putin"

[[actors]]
id = "zelensky"

[[events]]
id = "summit"

[[statements]]
id = "z_if"
kind = "if"
by = "zelensky"
subject = "attends(zelensky, summit)"
condition = "atends(putin, summit)"

[[statements]]
id = "deal"
kind = "commits"
by = "putin"
subject = "signs(putn, deal) and signs(zelensky)"

[[outcomes]]
id = "met"
when = "attends(putin, summit) and attends(zelensky, summit)"

[[outcomes]]
id = "done"
when = "met and  abset(putin, summit)"
"""

EXPECTED = [
    (
        "typos.toml",
        18,
        14,
        "z_if",
        "condition",
        "predicate atends is used only here; did you mean attends?",
    ),
    (
        "typos.toml",
        24,
        18,
        "deal",
        "subject",
        "putn is not a declared actor or event; did you mean putin?",
    ),
    (
        "typos.toml",
        24,
        34,
        "deal",
        "subject",
        "predicate signs has 1 argument here and 2 arguments elsewhere",
    ),
    (
        "typos.toml",
        32,
        18,
        "done",
        "when",
        "predicate abset is used only here; did you mean absent?",
    ),
]


def _plain(found: tuple[ScenarioWarning, ...]) -> list[tuple[object, ...]]:
    return [(w.file, w.line, w.column, w.id, w.field, w.message) for w in found]


def test_the_three_kinds_are_found_and_located() -> None:
    scenario, found = loads_with_warnings(TYPOS, file="typos.toml")
    assert _plain(found) == EXPECTED
    assert str(found[0]) == (
        "typos.toml:18:14: warning: statement 'z_if', field 'condition': "
        "predicate atends is used only here; did you mean attends?"
    )
    assert found[3].entry == "outcome 'done'"
    # Without a file: the same warnings, without positions.
    assert sorted((w.id, w.field, w.message) for w in warnings(scenario)) == sorted(
        (w.id, w.field, w.message) for w in found
    )
    assert all(w.line is None and w.file is None for w in warnings(scenario))


def test_warnings_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "typos.toml"
    path.write_text(TYPOS, encoding="utf-8")
    found = warnings(path)
    assert [(w.line, w.column, w.message) for w in found] == [(e[1], e[2], e[5]) for e in EXPECTED]
    assert all(w.file == str(path) for w in found)


def test_the_examples_have_no_warnings() -> None:
    for path in sorted(EXAMPLES.glob("*.toml")):
        assert warnings(path) == (), path


@pytest.mark.parametrize(
    ("formulas", "expected"),
    [
        # Short, unrelated names are not near misses of each other.
        (["p", "q", "r(a)"], []),
        # Used in two places: a name of its own, not a typo.
        (["held", "held or hold", "hold"], []),
        (["held", "hold"], ["held", "hold"]),
        # The arity warning points at the odd use.
        (["signs(putin)", "signs(putin, summit)"], ["signs"]),
        # Declared ids and close arguments.
        (["signs(putin, summit)", "signs(putim, summit)"], ["putim"]),
        (["met(summits)"], ["summits"]),
        (["attends(putin, summit) or attend(putin, summit)"], ["attend"]),
        # Outcome names are not predicates.
        (["leaders_meet", "leaders_meet or held"], []),
    ],
)
def test_what_is_and_is_not_a_warning(formulas: list[str], expected: list[str]) -> None:
    text = '[scenario]\nname = "x"\n[[actors]]\nid = "putin"\n[[events]]\nid = "summit"\n'
    for number, formula in enumerate(formulas):
        text += f'[[statements]]\nid = "s{number}"\nkind = "observed"\nsubject = "{formula}"\n'
    text += '[[outcomes]]\nid = "leaders_meet"\nwhen = "attends(putin, summit)"\n'
    found = find_warnings(loads(text))
    words = [
        w.message.split()[1] if w.message.startswith("predicate") else w.message.split()[0]
        for w in found
    ]
    assert words == expected


def test_edit_distance() -> None:
    assert edit_distance("atends", "attends") == 1
    assert edit_distance("putin", "ptuin") == 2
    assert edit_distance("kitten", "sitting") == 3  # capped at limit + 1
    assert edit_distance("a", "abcd") == 3
    assert edit_distance("same", "same") == 0


@given(scenarios())
def test_warnings_never_fail_and_are_located_in_dumped_files(scenario: Scenario) -> None:
    text = dumps(scenario)
    _loaded, found = loads_with_warnings(text, file="x.toml")
    assert {(w.id, w.field, w.message) for w in found} == {
        (w.id, w.field, w.message) for w in find_warnings(scenario)
    }
    lines = text.split("\n")
    for warning in found:
        assert warning.line is not None and warning.column is not None
        line = lines[warning.line - 1]
        assert line.startswith(f"{warning.field} = ")
        assert warning.column > len(f"{warning.field} = ")


def test_strict_warnings_are_located_input_errors() -> None:
    _scenario, found = loads_with_warnings(TYPOS, file="typos.toml")
    error = found[0].as_error()
    assert isinstance(error, ScenarioError)
    assert (error.file, error.line, error.column, error.field) == (
        "typos.toml",
        18,
        14,
        "condition",
    )
    assert error.statement == "z_if"
    assert "did you mean attends?" in str(error)


# --------------------------------------------------------------------------- the CLI


@pytest.fixture
def typos(tmp_path: Path) -> Path:
    path = tmp_path / "typos.toml"
    path.write_text(TYPOS, encoding="utf-8")
    return path


def test_check_prints_warnings_on_stderr(capsys: pytest.CaptureFixture[str], typos: Path) -> None:
    code, out, err = run(capsys, "check", str(typos))
    assert code == 0 and out == "typos: consistent\n"
    lines = err.splitlines()
    assert lines == [
        f"{typos}:{line}:{column}: warning: {'outcome' if field == 'when' else 'statement'} "
        f"'{entry}', field '{field}': {message}"
        for _file, line, column, entry, field, message in EXPECTED
    ]


def test_check_json_adds_the_warnings(capsys: pytest.CaptureFixture[str], typos: Path) -> None:
    code, out, _ = run(capsys, "check", str(typos), "--json")
    answer = json.loads(out)
    _, status_out, _ = run(capsys, "status", str(typos), "--json")
    assert code == 0
    assert answer.pop("warnings") == [
        {"file": str(typos), "line": n, "column": c, "id": i, "field": f, "message": m}
        for _file, n, c, i, f, m in EXPECTED
    ]
    assert answer == json.loads(status_out)


def test_check_json_on_an_inconsistent_file_exits_1(
    capsys: pytest.CaptureFixture[str], typos: Path
) -> None:
    code, out, _ = run(capsys, "check", str(typos), "--json", "--assume", "not signs(putn, deal)")
    answer = json.loads(out)
    assert code == 1 and answer["consistent"] is False and answer["conflict"]
    assert len(answer["warnings"]) == 4


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["check"],
        ["explain", "FILE", "met"],
        ["timeline"],
        ["whatif"],
        ["asp"],
        ["graph"],
        ["sweep", "FILE", "--assume-each", "met"],
    ],
)
def test_strict_makes_warnings_errors_everywhere(
    capsys: pytest.CaptureFixture[str], typos: Path, tmp_path: Path, argv: list[str]
) -> None:
    command = [argv[0], str(typos), *argv[2:]] if "FILE" in argv else [*argv, str(typos)]
    code, _, err = run(capsys, *command)
    assert code in (0, 1), err
    code, out, err = run(capsys, *command, "--strict")
    assert code == 2 and out == ""
    assert err == (
        f"commitlogic: error: {typos}:18:14: statement 'z_if', field 'condition': predicate "
        "atends is used only here; did you mean attends? (a warning, an error under --strict)\n"
    )
    clean = tmp_path / "clean.toml"
    clean.write_text(
        TYPOS.replace("atends", "attends")
        .replace("putn", "putin")
        .replace("signs(zelensky)", "signs(zelensky, deal)")
        .replace("abset", "absent"),
        encoding="utf-8",
    )
    assert warnings(clean) == ()
    command = [argv[0], str(clean), *argv[2:]] if "FILE" in argv else [*argv, str(clean)]
    code, _, err = run(capsys, *command, "--strict")
    assert code in (0, 1), err


def test_add_refuses_a_new_warning_under_strict(
    capsys: pytest.CaptureFixture[str], typos: Path
) -> None:
    before = typos.read_bytes()
    argv = ["add", str(typos), "--id", "new", "--kind", "commits", "--by", "putin"]
    code, out, err = run(capsys, *argv, "--subject", "signs(zelenskyy, deal)", "--strict")
    assert code == 2 and out == ""
    assert "zelenskyy is not a declared actor or event; did you mean zelensky?" in err
    assert (f"{typos}:" in err and "new statement" not in err) or "statement 'new'" in err
    assert typos.read_bytes() == before
    # Old warnings do not stop an edit that adds none.
    code, _, err = run(capsys, *argv, "--subject", "signs(putin, deal)", "--strict")
    assert code == 0 and err == ""
    # Without --strict the edit is written, and its warnings printed after.
    argv[3] = "newer"
    code, out, err = run(capsys, *argv, "--subject", "signs(zelenskyy, deal)")
    assert code == 0 and out == f"added statement 'newer' to {typos}\n"
    lines = typos.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if "zelenskyy" in text)
    column = lines[line - 1].index("zelenskyy") + 1
    assert err == (
        f"{typos}:{line}:{column}: warning: statement 'newer', field 'subject': "
        "zelenskyy is not a declared actor or event; did you mean zelensky?\n"
    )
    assert load(typos).statement("newer")


def test_observe_refuses_or_prints(capsys: pytest.CaptureFixture[str], typos: Path) -> None:
    before = typos.read_bytes()
    argv = ["observe", str(typos), "held(sumit)", "--said", "2025-05-16"]
    code, _, err = run(capsys, *argv, "--strict")
    assert code == 2 and "did you mean summit?" in err
    assert typos.read_bytes() == before
    code, out, err = run(capsys, *argv)
    assert code == 0 and "observed_1" in out
    assert ": warning: statement 'observed_1', field 'subject': sumit is not" in err


def test_library_edits_strict_and_warn(typos: Path) -> None:
    before = typos.read_bytes()
    statement = {"id": "x", "kind": "commits", "by": "putin", "subject": "held(sumit)"}
    with pytest.raises(
        ScenarioError, match="sumit is not a declared actor or event; did you mean summit"
    ):
        add_statement(typos, statement, strict=True)
    assert typos.read_bytes() == before
    seen: list[ScenarioWarning] = []
    add_statement(typos, statement, warn=seen.append)
    assert [w.message for w in seen] == [
        "sumit is not a declared actor or event; did you mean summit?"
    ]
    assert seen[0].file == str(typos) and seen[0].line is not None
    seen.clear()
    observe(typos, "held(summit)", said="2025-05-17", warn=seen.append)
    assert seen == []


def test_very_long_names_are_not_compared() -> None:
    long = "x" * 10_000
    text = f'[scenario]\nname = "x"\n[[actors]]\nid = "{long}"\n'
    text += f'[[statements]]\nid = "s"\nkind = "observed"\nsubject = "p({long}y) or {long}z"\n'
    assert find_warnings(loads(text)) == ()
