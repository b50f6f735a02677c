"""Adding statements to files: validated first, written atomically, serialized, layout kept."""

from __future__ import annotations

import multiprocessing
import os
import stat
import subprocess
import sys
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest
import tomlkit
from _strategies import scenarios
from hypothesis import HealthCheck, given, settings
from samples import TWO_LEADERS

import commitlogic
from commitlogic import Kind, ScenarioError, Statement, add_statement, load, loads, observe
from commitlogic.cli.main import main
from commitlogic.io.files import locked, write_atomically

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "istanbul_2025.toml"


@pytest.fixture
def talks(tmp_path: Path) -> Path:
    path = tmp_path / "talks.toml"
    path.write_text(TWO_LEADERS, encoding="utf-8")
    return path


@pytest.fixture
def istanbul(tmp_path: Path) -> Path:
    path = tmp_path / "istanbul.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


# --------------------------------------------------------------------------- adding


def test_add_appends_and_keeps_every_byte(istanbul: Path) -> None:
    before = istanbul.read_bytes()
    old = load(istanbul)
    statement = Statement(
        "putin_sends_word",
        "if",
        "attends(putin, istanbul_talks)",
        condition="attends(trump, istanbul_talks)",
        by="putin",
        to="trump",
        said="2025-05-16T09:30:00+03:00",
        quote='He said: "maybe". :- fail. #show x/0.\nSecond line \\ ünïcode',
        source="https://example.org/a?b=c&d",
        weight=3,
        supersedes=["trump_unsure"],
    )
    assert add_statement(istanbul, statement) == statement
    after = istanbul.read_bytes()
    assert after.startswith(before)  # comments, layout and order are untouched
    assert load(istanbul) == old.with_statement(statement)
    assert _leftovers(istanbul.parent) == []


def test_add_from_fields_keeps_the_formula_text_as_written(talks: Path) -> None:
    add_statement(
        talks,
        {
            "id": "z_if_putin",
            "kind": "if",
            "by": "zelensky",
            "said": date(2025, 5, 13),
            "subject": "attends(zelensky, talks)",
            "condition": "  attends(putin, talks)  ",
        },
    )
    text = talks.read_text(encoding="utf-8")
    assert text.endswith(
        '\n\n[[statements]]\nid = "z_if_putin"\nkind = "if"\nby = "zelensky"\n'
        'said = 2025-05-13\nsubject = "attends(zelensky, talks)"\n'
        'condition = "attends(putin, talks)"\n'
    )
    assert load(talks).statement("z_if_putin").kind is Kind.IF


@pytest.mark.parametrize(
    "said",
    [
        date(2025, 5, 1),
        datetime(2025, 5, 1, 10, 30),
        datetime(2025, 5, 1, 10, 30, tzinfo=timezone(timedelta(hours=-5))),
        "2025-05-01",
        "2025-05-01T23:59:00+03:00",
    ],
)
def test_dates_are_written_as_toml_dates(talks: Path, said: object) -> None:
    statement = observe(talks, "attends(putin, talks)", said=said)  # type: ignore[arg-type]
    assert load(talks).statement(statement.id).said == statement.said
    assert "said = 2025-05-01" in talks.read_text(encoding="utf-8")


def test_observe_names_observations_in_turn(talks: Path) -> None:
    first = observe(talks, "attends(zelensky, talks)", said="2025-05-15")
    second = observe(talks, "signs(ukraine, deal)", said="2025-05-16", quote="Reported.")
    named = observe(talks, "held", said="2025-05-16", id="talks_held")
    assert (first.id, second.id, named.id) == ("observed_1", "observed_2", "talks_held")
    scenario = load(talks)
    assert [s.id for s in scenario.statements][-3:] == ["observed_1", "observed_2", "talks_held"]
    assert scenario.statement("observed_2").quote == "Reported."
    assert all(s.kind is Kind.OBSERVED for s in scenario.statements[-3:])


def test_file_without_final_newline_and_with_crlf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.toml"
    original = TWO_LEADERS.strip().replace("\n", "\r\n").encode()
    path.write_bytes(original)
    observe(path, "attends(zelensky, talks)", said="2025-05-15")
    data = path.read_bytes()
    assert data.startswith(original)
    assert b"\n" not in data.replace(b"\r\n", b"")  # every new line ends CRLF too
    assert load(path).statements[-1].id == "observed_1"


def test_file_mode_is_kept(talks: Path) -> None:
    talks.chmod(0o640)
    observe(talks, "held", said="2025-05-15")
    assert stat.S_IMODE(talks.stat().st_mode) == 0o640


def test_a_symbolic_link_stays_a_link(talks: Path) -> None:
    link = talks.parent / "link.toml"
    link.symlink_to(talks.name)
    observe(link, "held", said="2025-05-15")
    assert link.is_symlink()
    assert load(talks).statements[-1].id == "observed_1"


def test_minimal_file_gets_its_first_statement(tmp_path: Path) -> None:
    path = tmp_path / "min.toml"
    path.write_text('[scenario]\nname = "m"\n[[actors]]\nid = "a"\n', encoding="utf-8")
    add_statement(path, {"id": "s", "kind": "commits", "by": "a", "subject": "p"})
    assert load(path).statements == (Statement("s", "commits", "p", by="a"),)


# --------------------------------------------------------------------------- rejections

INVALID = {
    "duplicate id": ({"id": "kremlin_list", "kind": "observed", "subject": "p"}, "duplicate id"),
    "unknown actor": (
        {"id": "x", "kind": "commits", "by": "nobody", "subject": "p"},
        "field 'by': unknown actor 'nobody'",
    ),
    "unknown event": (
        {"id": "x", "kind": "commits", "by": "putin", "subject": "attends(putin, moon)"},
        "field 'subject': unknown event 'moon'",
    ),
    "bad formula": (
        {"id": "x", "kind": "commits", "by": "putin", "subject": "attends(putin,"},
        "field 'subject'",
    ),
    "bad date": (
        {"id": "x", "kind": "commits", "by": "putin", "subject": "p", "said": "2025-02-30"},
        "field 'said'",
    ),
    "bad kind": ({"id": "x", "kind": "promises", "by": "putin", "subject": "p"}, "field 'kind'"),
    "bad id": ({"id": "1x", "kind": "observed", "subject": "p"}, "field 'id'"),
    "missing condition": (
        {"id": "x", "kind": "only_if", "by": "putin", "subject": "p"},
        "field 'condition'",
    ),
    "condition not allowed": (
        {"id": "x", "kind": "commits", "by": "putin", "subject": "p", "condition": "q"},
        "field 'condition'",
    ),
    "bad weight": (
        {"id": "x", "kind": "commits", "by": "putin", "subject": "p", "weight": 0},
        "field 'weight'",
    ),
    "unknown superseded": (
        {"id": "x", "kind": "observed", "subject": "p", "supersedes": ["nothing"]},
        "field 'supersedes'",
    ),
    "unknown key": ({"id": "x", "kind": "observed", "subject": "p", "colour": "red"}, "colour"),
    "missing subject": ({"id": "x", "kind": "observed"}, "field 'subject'"),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_additions_leave_the_file_unchanged(talks: Path, case: str) -> None:
    fields, expected = INVALID[case]
    before = talks.read_bytes()
    with pytest.raises(ScenarioError) as raised:
        add_statement(talks, fields)
    message = str(raised.value)
    assert message.startswith(f"{talks}: ")
    assert expected in message
    assert raised.value.file == str(talks)
    assert talks.read_bytes() == before
    assert _leftovers(talks.parent) == []


def test_an_invalid_file_is_not_edited(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[scenario]\nname = "x"\n[[actors]]\nid = "a"\nid = "b"\n', encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ScenarioError, match="invalid TOML"):
        observe(path, "p", said="2025-05-15")
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_a_read_only_file_is_not_replaced(talks: Path) -> None:
    talks.chmod(0o444)
    with pytest.raises(ScenarioError, match="read-only"):
        observe(talks, "held", said="2025-05-15")
    assert talks.read_text(encoding="utf-8") == TWO_LEADERS


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="no such file"):
        observe(tmp_path / "missing.toml", "p", said="2025-05-15")
    with pytest.raises(ScenarioError, match="directory"):
        observe(tmp_path, "p", said="2025-05-15")
    assert not (tmp_path / "missing.toml").exists()


# --------------------------------------------------------------------------- crashes


def test_a_failing_rename_leaves_the_original_and_no_temporary_file(
    talks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = talks.read_bytes()

    def broken_replace(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        observe(talks, "held", said="2025-05-15")
    assert talks.read_bytes() == before
    assert _leftovers(talks.parent) == []


def test_a_failing_write_leaves_the_original(talks: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = talks.read_bytes()

    def broken_fsync(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="Input/output"):
        observe(talks, "held", said="2025-05-15")
    assert talks.read_bytes() == before
    assert _leftovers(talks.parent) == []


_KILLED_BETWEEN_WRITE_AND_RENAME = """
import os, signal, sys
import commitlogic

def die(source, target):
    # The temporary file is complete and synced; the process dies before the rename.
    assert open(source, encoding="utf-8").read().endswith('subject = "held"\\n')
    os.kill(os.getpid(), signal.SIGKILL)

os.replace = die
commitlogic.observe(sys.argv[1], "held", said="2025-05-15")
"""


@pytest.mark.slow
def test_a_process_killed_between_write_and_rename(talks: Path) -> None:
    before = talks.read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_BETWEEN_WRITE_AND_RENAME, str(talks)], check=False
    )
    assert done.returncode == -9
    assert talks.read_bytes() == before
    # The orphaned temporary file is hidden, does not disturb the next edit, nor is read.
    (orphan,) = _leftovers(talks.parent)
    assert orphan.startswith(".talks.toml.")
    observe(talks, "held", said="2025-05-15")
    assert load(talks).statements[-1].id == "observed_1"


# --------------------------------------------------------------------------- concurrency


def _add_many(path: str, prefix: str, count: int) -> None:
    for index in range(count):
        add_statement(path, {"id": f"{prefix}_{index}", "kind": "observed", "subject": "held"})


def test_concurrent_threads_all_land(talks: Path) -> None:
    threads = [threading.Thread(target=_add_many, args=(str(talks), f"t{n}", 5)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = {statement.id for statement in load(talks).statements}
    assert {f"t{n}_{i}" for n in range(4) for i in range(5)} <= ids
    assert len(ids) == 2 + 20
    assert _leftovers(talks.parent) == []


@pytest.mark.slow
def test_concurrent_processes_all_land(talks: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add_many, args=(str(talks), f"p{n}", 8)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
    scenario = load(talks)
    assert len(scenario.statements) == 2 + 32
    assert {f"p{n}_{i}" for n in range(4) for i in range(8)} <= {s.id for s in scenario.statements}
    assert talks.read_text(encoding="utf-8").startswith(TWO_LEADERS)


def test_concurrent_observations_get_distinct_ids(talks: Path) -> None:
    def work() -> None:
        for _ in range(5):
            observe(talks, "held", said="2025-05-15")

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = [s.id for s in load(talks).statements if s.id.startswith("observed_")]
    assert sorted(ids) == sorted(f"observed_{n}" for n in range(1, 16))


def test_lock_follows_a_replaced_file(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("one")
    with locked(path) as content:
        assert content == b"one"
        write_atomically(path, "two")
    with locked(path) as content:
        assert content == b"two"


def test_write_atomically_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        write_atomically(tmp_path / "new.txt", "x")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


# --------------------------------------------------------------------------- command line


def test_cli_add_and_observe(capsys: pytest.CaptureFixture[str], talks: Path) -> None:
    code = main(
        [
            "add",
            str(talks),
            "--id",
            "z_if_putin",
            "--kind",
            "if",
            "--by",
            "zelensky",
            "--to",
            "putin",
            "--said",
            "2025-05-13",
            "--quote",
            "If Putin comes, I come.",
            "--source",
            "https://example.org",
            "--weight",
            "2",
            "--subject",
            "attends(zelensky, talks)",
            "--condition",
            "attends(putin, talks)",
            "--supersedes",
            "z_only_if_putin",
        ]
    )
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out == f"added statement 'z_if_putin' to {talks}\n"
    assert load(talks).statement("z_if_putin") == Statement(
        "z_if_putin",
        "if",
        "attends(zelensky, talks)",
        condition="attends(putin, talks)",
        by="zelensky",
        to="putin",
        said="2025-05-13",
        quote="If Putin comes, I come.",
        source="https://example.org",
        weight=2,
        supersedes=["z_only_if_putin"],
    )
    assert main(["observe", str(talks), "attends(zelensky, talks)", "--said", "2025-05-15"]) == 0
    assert capsys.readouterr().out == f"added statement 'observed_1' to {talks}\n"
    # The new statement supersedes the only_if: Zelensky may come without Putin.
    report = commitlogic.Reasoner(load(talks)).status()
    assert report.atoms == {
        "attends(putin,talks)": "impossible",
        "attends(zelensky,talks)": "certain",
    }


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--id", "kremlin_list", "--kind", "observed", "--subject", "p"], "duplicate id"),
        (["--id", "x", "--kind", "commits", "--by", "nobody", "--subject", "p"], "'by'"),
        (["--id", "x", "--kind", "commits", "--by", "putin", "--subject", "p or"], "'subject'"),
        (
            ["--id", "x", "--kind", "observed", "--subject", "p", "--said", "May 15"],
            "'said'",
        ),
        (["--id", "x", "--kind", "commits", "--subject", "p"], "'by'"),
    ],
)
def test_cli_rejections_exit_2_and_change_nothing(
    capsys: pytest.CaptureFixture[str], talks: Path, argv: list[str], expected: str
) -> None:
    before = talks.read_bytes()
    code = main(["add", str(talks), *argv])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and str(talks) in err and expected in err
    assert "Traceback" not in err
    assert talks.read_bytes() == before


def test_cli_observe_rejects_a_bad_formula(capsys: pytest.CaptureFixture[str], talks: Path) -> None:
    before = talks.read_bytes()
    assert main(["observe", str(talks), "attends(putin)", "--said", "2025-05-15"]) == 2
    err = capsys.readouterr().err
    assert "new statement 'observed_1', field 'subject'" in err
    assert talks.read_bytes() == before


def test_loads_of_the_appended_text_equals_the_library_scenario(talks: Path) -> None:
    statement = observe(talks, "not (p and q) or held", said="2025-05-15")
    assert loads(talks.read_text(encoding="utf-8")).statements[-1] == statement


# --------------------------------------------------------------------------- property


def _header(scenario: commitlogic.Scenario) -> str:
    """The scenario without statements, as TOML (written here with tomlkit)."""
    document = tomlkit.document()
    document["scenario"] = {"name": scenario.name}
    actors = tomlkit.aot()
    for actor in scenario.actors:
        actors.append(tomlkit.item({"id": actor.id}))
    document["actors"] = actors
    events = tomlkit.aot()
    for event in scenario.events:
        table = tomlkit.table()
        table["id"] = event.id
        if event.start is not None:
            table["start"] = event.start
        if event.invited is not None:
            table["invited"] = list(event.invited)
        events.append(table)
    document["events"] = events
    outcomes = tomlkit.aot()
    for outcome in scenario.outcomes:
        outcomes.append(tomlkit.item({"id": outcome.id, "when": str(outcome.when)}))
    document["outcomes"] = outcomes
    return "# a comment that must stay\n" + tomlkit.dumps(document)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenarios(max_statements=5))
def test_statements_added_one_by_one_read_back_equal(
    tmp_path_factory: pytest.TempPathFactory, scenario: commitlogic.Scenario
) -> None:
    path = tmp_path_factory.mktemp("prop") / "s.toml"
    header = _header(scenario)
    path.write_text(header, encoding="utf-8")
    assert load(path) == attrs.evolve(scenario, statements=())
    # A statement can only supersede one already in the file: add in that order.
    ordered: list[commitlogic.Statement] = []
    waiting = list(scenario.statements)
    while waiting:
        known = {statement.id for statement in ordered}
        ready = next(s for s in waiting if set(s.supersedes) <= known)
        waiting.remove(ready)
        ordered.append(ready)
    for statement in ordered:
        add_statement(path, statement)
    assert load(path) == attrs.evolve(scenario, statements=ordered)
    assert path.read_text(encoding="utf-8").startswith(header)
