"""Inputs that used to end in a traceback, Ctrl-C and closed pipes (issue 12, SPEC section 4).

Exit codes: 2 with one message for bad input or usage, 130 when
interrupted, and never a traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
from clirun import run
from samples import TWO_LEADERS
from test_limits import pigeonhole

import commitlogic
from commitlogic import Reasoner, loads
from commitlogic.analysis.timelines import timeline
from commitlogic.cli.main import main

COMMITLOGIC = [sys.executable, "-m", "commitlogic"]


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run ``argv``, which argparse must refuse with exit code 2; return stderr."""
    with pytest.raises(SystemExit) as stop:
        main(list(argv))
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    return err


# --------------------------------------------------------------------------- arguments


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e309", "-1", "0", "0.0", "x", ""])
@pytest.mark.parametrize("command", ["status", "check", "explain", "timeline", "whatif", "sweep"])
def test_a_time_limit_must_be_positive_and_finite(
    capsys: pytest.CaptureFixture[str], scenario_file: Path, command: str, value: str
) -> None:
    extra = {"explain": ["p"], "sweep": ["--assume-each", "p"]}.get(command, [])
    err = usage_error(capsys, command, str(scenario_file), *extra, f"--time-limit={value}")
    assert "argument --time-limit: expected a " in err and repr(value) in err


@pytest.mark.parametrize("value", ["nan", "inf", "1e309", "-1", "0", "1.5"])
def test_a_model_limit_must_be_a_positive_whole_number(
    capsys: pytest.CaptureFixture[str], scenario_file: Path, value: str
) -> None:
    err = usage_error(capsys, "status", str(scenario_file), f"--model-limit={value}")
    assert "argument --model-limit: expected a" in err


NOT_UTF8 = b"\xffvoid \xe2\x28".decode("utf-8", "surrogateescape")  # as argv decodes it


@pytest.mark.parametrize(
    "option", ["--id", "--by", "--to", "--said", "--quote", "--source", "--subject", "--condition"]
)
def test_add_refuses_bytes_that_are_not_utf8(
    capsys: pytest.CaptureFixture[str], scenario_file: Path, option: str
) -> None:
    fields = {"--id": "new", "--kind": "if", "--by": "putin", "--subject": "attends(putin, talks)"}
    fields["--condition"] = "attends(zelensky, talks)"
    fields[option] = NOT_UTF8
    argv = ["add", str(scenario_file), *(f"{key}={value}" for key, value in fields.items())]
    err = usage_error(capsys, *argv)
    assert f"argument {option}: not UTF-8 text: '\\xffvoid \\xe2('" in err
    assert scenario_file.read_text(encoding="utf-8") == TWO_LEADERS


@pytest.mark.parametrize("option", ["FORMULA", "--said", "--id", "--quote", "--source"])
def test_observe_refuses_bytes_that_are_not_utf8(
    capsys: pytest.CaptureFixture[str], scenario_file: Path, option: str
) -> None:
    fields = {"FORMULA": "attends(putin, talks)", "--said": "2025-05-16", option: NOT_UTF8}
    formula = fields.pop("FORMULA")
    argv = ["observe", str(scenario_file), formula, *(f"{k}={v}" for k, v in fields.items())]
    err = usage_error(capsys, *argv)
    assert "not UTF-8 text" in err
    assert scenario_file.read_text(encoding="utf-8") == TWO_LEADERS


def test_a_file_name_that_is_not_utf8_is_printed_escaped(capsys, tmp_path: Path) -> None:
    path = tmp_path / b"talks-\xff.toml".decode("utf-8", "surrogateescape")
    path.write_text(TWO_LEADERS, encoding="utf-8")
    code, out, err = run(capsys, "observe", str(path), "attends(putin, talks)", "--said=2025-05-16")
    assert (code, err) == (0, "")
    assert out == f"added statement 'observed_1' to {tmp_path}/talks-\\xff.toml\n"


@pytest.mark.slow
def test_real_bytes_on_the_command_line(scenario_file: Path) -> None:
    argv = [*COMMITLOGIC, "observe", str(scenario_file), "p", "--said=2025-05-16"]
    done = subprocess.run([os.fsencode(a) for a in argv] + [b"--quote=\xff"], capture_output=True)
    assert done.returncode == 2
    assert done.stderr.count(b"\n") == 1 and b"Traceback" not in done.stderr
    assert b"argument --quote: not UTF-8 text" in done.stderr
    assert scenario_file.read_text(encoding="utf-8") == TWO_LEADERS


# --------------------------------------------------------------------------- files


def test_add_on_an_unreadable_file_says_it_cannot_read(
    capsys: pytest.CaptureFixture[str], scenario_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.geteuid() == 0:  # root reads any file: deny reading as the OS would for others
        real = os.access
        monkeypatch.setattr(os, "access", lambda path, mode: mode != os.R_OK and real(path, mode))
    else:
        scenario_file.chmod(0o200)
    argv = ["add", str(scenario_file), "--id=x", "--kind=observed", "--subject=p"]
    code, out, err = run(capsys, *argv)
    scenario_file.chmod(0o644)
    assert (code, out) == (2, "")
    assert err == f"commitlogic: error: {scenario_file}: cannot read the file: Permission denied\n"
    assert scenario_file.read_text(encoding="utf-8") == TWO_LEADERS


# --------------------------------------------------------------------------- dates


def dated(said: str, later: str) -> str:
    """Two leaders' talks with a statement said on ``said`` and another on ``later``."""
    return (
        '[scenario]\nname = "edges"\n[[actors]]\nid = "a"\n[[actors]]\nid = "b"\n'
        '[[events]]\nid = "e"\n'
        '[[statements]]\nid = "undated"\nkind = "only_if"\nby = "b"\n'
        'subject = "attends(b, e)"\ncondition = "attends(a, e)"\n'
        f'[[statements]]\nid = "first"\nkind = "commits"\nby = "a"\nsaid = {said}\n'
        'subject = "attends(a, e) or p"\n'
        f'[[statements]]\nid = "second"\nkind = "refuses"\nby = "a"\nsaid = {later}\n'
        'subject = "p"\nsupersedes = ["undated"]\n'
    )


@pytest.mark.parametrize(
    ("said", "later"),
    [
        ("0001-01-01", "0001-01-03"),
        ("0001-01-01T00:00:00+23:59", "0001-01-03"),
        ("9999-12-29", "9999-12-31"),
        ("9999-12-29", "9999-12-31T23:59:59-23:59"),
    ],
)
def test_timeline_at_the_edges_of_the_calendar(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, said: str, later: str
) -> None:
    path = tmp_path / "edges.toml"
    path.write_text(dated(said, later), encoding="utf-8")
    for extra in ([], ["--json"], ["--tolerant"]):
        code, out, err = run(capsys, "timeline", str(path), *extra)
        assert (code, err) == (0, "")
        assert said[:10] in out and later[:10] in out


def test_timeline_from_the_first_day_there_is_reads_as_one_day_later() -> None:
    """Starting on 0001-01-01 (no day before it) gives the timeline of the next day's start."""
    first = timeline(Reasoner(loads(dated("0001-01-01", "0001-01-03"))))
    shifted = timeline(Reasoner(loads(dated("0001-01-02", "0001-01-04"))))
    assert first.baseline == shifted.baseline
    assert [entry.at for entry in first] == [date(1, 1, 1), date(1, 1, 3)]
    one_day = timedelta(days=1)
    assert [attrs.evolve(entry, at=entry.at + one_day) for entry in first] == list(shifted)
    assert first.entries[0].became_active == ("first",)
    assert first.entries[1].superseded == ("undated",)


# --------------------------------------------------------------------------- Ctrl-C


@pytest.fixture(scope="module")
def hard_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pigeonhole with 11 delegates and 10 rooms, as statements: minutes of solving."""
    path = tmp_path_factory.mktemp("hard") / "pigeonhole.toml"
    path.write_text(commitlogic.dumps(pigeonhole(10)), encoding="utf-8")
    return path


@pytest.fixture
def interruptible() -> object:
    """Let SIGINT raise KeyboardInterrupt here (a background job may have it ignored)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_ctrl_c_in_process_exits_130(
    capsys: pytest.CaptureFixture[str], hard_file: Path, interruptible: object
) -> None:
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        code, out, err = run(capsys, "status", str(hard_file))
    finally:
        timer.cancel()
    assert (code, out, err) == (130, "", "commitlogic: interrupted\n")


def test_an_interrupted_edit_leaves_the_file_as_it_was(
    capsys: pytest.CaptureFixture[str], scenario_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_arguments: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)  # Ctrl-C just before the file is replaced
    argv = ["observe", str(scenario_file), "attends(putin, talks)", "--said=2025-05-16"]
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (130, "", "commitlogic: interrupted\n")
    assert scenario_file.read_text(encoding="utf-8") == TWO_LEADERS
    assert sorted(p.name for p in scenario_file.parent.iterdir()) == [scenario_file.name]


def _solving(pid: int) -> bool:
    """Whether the process has started its solver: a second thread, or seconds of CPU time."""
    threads = len(os.listdir(f"/proc/{pid}/task"))
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return threads > 1 or cpu > 3


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to see the solver")
def test_ctrl_c_stops_a_hard_solve_within_a_second(hard_file: Path) -> None:
    """SPEC section 4: Ctrl-C stops a running solve within a second, exit code 130."""
    check = subprocess.run(
        [*COMMITLOGIC, "check", str(hard_file), "--time-limit=3"], capture_output=True, text=True
    )
    assert check.returncode == 3, check.stderr  # three seconds do not answer it
    process = subprocess.Popen(
        [*COMMITLOGIC, "status", str(hard_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # SIGINT as at a terminal, even if this test runs as a background job
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 120
        while not _solving(process.pid):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=1.0)
    finally:
        process.kill()
        process.wait()
    assert (process.returncode, out, err) == (130, "", "commitlogic: interrupted\n")


# --------------------------------------------------------------------------- closed pipes


class _ClosedPipe:
    """A stdout whose reader went away."""

    def write(self, _text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_stops_quietly(
    capsys: pytest.CaptureFixture[str], scenario_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["status", str(scenario_file), "--json"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.slow
@pytest.mark.parametrize("command", ["status {example} --json", "asp {hard}"])
def test_a_closed_pipe_prints_no_traceback(hard_file: Path, command: str) -> None:
    """``| head -c1``: the asp program of the hard file (94 kB) overflows the pipe's buffer."""
    example = Path(__file__).resolve().parent.parent / "examples" / "istanbul_2025.toml"
    argv = " ".join([*COMMITLOGIC, command.format(example=example, hard=hard_file)])
    done = subprocess.run(f"{argv} | head -c1", shell=True, capture_output=True, text=True)
    assert (len(done.stdout), done.stderr) == (1, "")
