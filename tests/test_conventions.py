"""Conventions of the Python ecosystem: __all__, py.typed, types, version, completion, changelog."""

from __future__ import annotations

import importlib
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import commitlogic
from commitlogic.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_MODULES = sorted(
    module.name
    for module in pkgutil.walk_packages(commitlogic.__path__, "commitlogic.")
    if not any(part.startswith("_") for part in module.name.split("."))
)


@pytest.mark.parametrize("name", ["commitlogic", *PUBLIC_MODULES])
def test_every_public_module_declares_all(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert len(set(exported)) == len(exported)
    missing = [item for item in exported if not hasattr(module, item)]
    assert missing == []


def test_the_package_is_typed() -> None:
    assert (ROOT / "commitlogic" / "py.typed").exists()


@pytest.mark.slow
def test_the_checked_modules_pass_mypy_strict() -> None:
    """The CLI and the modules added since the core library type-check strictly.

    ``--follow-imports=silent`` checks how they use the other modules
    without reporting the other modules' own findings.
    """
    pytest.importorskip("mypy")
    modules = ["io/editing", "io/export", "io/graph", "io/files", "__init__", "__main__"]
    modules += ["reasoning/results", "analysis/timelines", "analysis/plotting", "analysis/sweep"]
    modules += ["analysis/changes", "analysis/whatif"]  # split from analysis/timelines
    modules += ["model/names", "model/linting", "model/query", "io/checking"]
    modules += ["web/view", "web/chart", "web/diagram", "web/pages", "web/report", "web/server"]
    modules += ["analysis/learning", "analysis/evaluation", "analysis/credibility"]
    modules += ["analysis/quality", "analysis/reliability", "casebook/__init__"]  # issue 17
    modules += ["reasoning/backbone", "reasoning/witnesses"]
    modules += [
        f"forecasting/{path.stem}" for path in (ROOT / "commitlogic/forecasting").glob("*.py")
    ]
    paths = [str(ROOT / "commitlogic" / f"{name}.py") for name in modules]
    paths += sorted(str(path) for path in (ROOT / "commitlogic" / "cli").rglob("*.py"))
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"commitlogic {commitlogic.__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+", commitlogic.__version__)


@pytest.mark.slow
def test_python_dash_m_is_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "commitlogic", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, f"commitlogic {commitlogic.__version__}\n")


@pytest.mark.parametrize("shell", ["bash", "zsh", "tcsh"])
def test_completion_scripts_know_the_commands(
    capsys: pytest.CaptureFixture[str], shell: str, tmp_path: Path
) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    for command in ("status", "check", "add", "observe", "asp", "graph", "completion"):
        assert command in script
    if shell != "tcsh":  # shtab's tcsh script completes commands and choices only
        for option in ("--assume", "--supersedes", "--format"):
            assert option in script
    program = shutil.which(shell)
    if program is not None and shell != "tcsh":  # bash -n / zsh -n: syntax check only
        path = tmp_path / f"completion.{shell}"
        path.write_text(script)
        done = subprocess.run([program, "-n", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completion_completes_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    probe = (
        f"{script}\n"
        "COMP_WORDS=(commitlogic ob); COMP_CWORD=1; COMP_LINE='commitlogic ob'; COMP_POINT=14\n"
        "_shtab_commitlogic commitlogic ob commitlogic\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=False)
    assert done.stdout.split() == ["observe"], done.stderr


def test_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["completion", "fish"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_changelog_follows_keep_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Keep a Changelog" in text
    versions = re.findall(r"^## \[([^\]]+)\]", text, re.MULTILINE)
    assert versions[0] == "Unreleased"
    assert commitlogic.__version__ in versions
