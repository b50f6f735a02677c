"""The built wheel ships the rule files and runs from a fresh virtual environment.

A source checkout hides packaging bugs (the rules are found next to the
sources), so this test builds the wheel, installs it into a new virtual
environment and runs the installed ``commitlogic`` command from elsewhere.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from commitlogic import Reasoner, load
from commitlogic.reasoning.encoding import STRICT_RULES, TOLERANT_RULES

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "istanbul_2025.toml"
ALL_RULES = sorted({*STRICT_RULES, *TOLERANT_RULES})


def _run(*command: str | Path, cwd: Path) -> str:
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_rules_are_found_through_importlib_resources_in_the_checkout() -> None:
    from commitlogic.reasoning.encoding import rule_files

    for mode in (STRICT_RULES, TOLERANT_RULES):
        assert [name for name, text in rule_files(mode) if text.strip()] == list(mode)
    assert sorted(path.name for path in (ROOT / "rules").glob("*.lp")) == ALL_RULES


@pytest.mark.slow
def test_wheel_installs_and_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT, cwd=tmp_path)
    (wheel,) = dist.glob("commitlogic-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.endswith(".lp")}
        names = set(archive.namelist())
    assert shipped == {f"commitlogic/rules/{name}" for name in ALL_RULES}
    templates = ("page.html.j2", "live.html.j2", "parts.html.j2", "timeline.html.j2")
    for name in (*templates, "style.css", "live.js"):  # the web pages' templates and assets
        assert f"commitlogic/web/templates/{name}" in names

    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)
    # Run from an empty folder so that nothing of the checkout is importable.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = _run(env / "bin" / "commitlogic", "status", EXAMPLE, "--json", cwd=elsewhere)
    assert json.loads(out) == Reasoner(load(EXAMPLE)).status().to_json()
    where = _run(python, "-c", "import commitlogic; print(commitlogic.__file__)", cwd=elsewhere)
    assert str(env) in where
    # Without the web extra, report says which extra to install.
    done = subprocess.run(
        [env / "bin" / "commitlogic", "report", EXAMPLE],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "commitlogic: error: 'commitlogic report' needs Jinja2, which is not installed: "
        "pip install 'commitlogic[web]'"
    )
    # The casebook and the fitted defaults are data files of the package.
    from commitlogic import casebook
    from commitlogic.forecasting import default_model

    listed = _run(env / "bin" / "commitlogic", "casebook", "list", "--json", cwd=elsewhere)
    assert [case["name"] for case in json.loads(listed)] == casebook.names()
    out = _run(env / "bin" / "commitlogic", "forecast", EXAMPLE, "--json", cwd=elsewhere)
    assert json.loads(out)["model"] == default_model().name
