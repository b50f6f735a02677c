"""Every code example in the docs runs, and the site builds with warnings as errors.

The documentation convention: in ``docs/*.md`` and ``README.md``, a fenced
block tagged ``python`` is executed (blocks of one page in order, in one
namespace); a block tagged ``console`` holds ``$ `` command lines, each
followed by its exact standard output (trailing whitespace ignored), run by
bash with the test's ``commitlogic`` and ``python`` first on the PATH.
Other blocks (``toml``, ``text``, ``sh``...) are not run.

Each page runs in a fresh copy of the repository (the same relative paths
as in a checkout), so examples may create or edit files, such as a copy of
``examples/talks.toml``, without touching the checkout.

``python tests/test_docs.py docs/PAGE.md ...`` rewrites the outputs of a
page's console blocks with what the commands print now (see
:func:`update_outputs`).
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
_FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_SKIP_COPY = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv*",
    "site",
    "dist",
    "build",
    "*.egg-info",
    "__pycache__",
    ".hypothesis",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
)


@attrs.frozen
class Block:
    """One fenced code block of a page."""

    language: str
    code: str
    line: int  # the line of the opening fence


@attrs.frozen
class Command:
    """One ``$ `` line of a console block and the output it must print."""

    command: str
    expected: str
    line: int


def blocks(text: str) -> Iterator[Block]:
    """Yield the fenced blocks of a Markdown page, in order."""
    for match in _FENCE.finditer(text):
        yield Block(match.group(1), match.group(2), text.count("\n", 0, match.start()) + 1)


def commands(block: Block) -> list[Command]:
    """Split a console block into its commands and expected outputs."""
    found: list[Command] = []
    lines = block.code.splitlines()
    for offset, line in enumerate(lines):
        if line.startswith("$ "):
            found.append(Command(line[2:], "", block.line + 1 + offset))
        elif not found:
            raise AssertionError(f"line {block.line + 1 + offset}: output before any '$ ' command")
        else:
            previous = found[-1]
            found[-1] = attrs.evolve(previous, expected=previous.expected + line + "\n")
    return found


def _normal(text: str) -> str:
    """Drop trailing whitespace on each line, and trailing blank lines."""
    return "\n".join(line.rstrip() for line in text.splitlines()).rstrip("\n")


def console_outputs(steps: list[Command], cwd: Path) -> tuple[list[str], str]:
    """Run commands in one bash from ``cwd``; return each one's stdout, and all of stderr."""
    marker = "@@commitlogic-docs-{}@@"
    script = ["__status=0"]
    for index, step in enumerate(steps):
        # Print a marker, restore the last exit status (for "echo $?"), run the command.
        script.append(f"printf '\\n{marker.format(index)}\\n'")
        script.append(f"(exit $__status); {step.command}")
        script.append("__status=$?")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("COMMITLOGIC_PROFILE", None)
    done = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return re.split(r"\n@@commitlogic-docs-\d+@@\n", done.stdout)[1:], done.stderr


def run_console(block: Block, cwd: Path, label: str) -> None:
    """Run a console block's commands in one bash, compare each command's output."""
    steps = commands(block)
    outputs, stderr = console_outputs(steps, cwd)
    assert len(outputs) == len(steps), f"{label}: the block stopped early:\n{stderr}"
    for step, output in zip(steps, outputs, strict=True):
        assert _normal(output) == _normal(step.expected), (
            f"{label}, line {step.line}: $ {step.command}\n"
            f"--- expected\n{step.expected}--- got\n{output}--- stderr\n{stderr}"
        )


def run_page(page: Path, cwd: Path) -> int:
    """Run every python and console block of ``page`` with ``cwd`` as the working folder."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    ran = 0
    old = Path.cwd()
    os.chdir(cwd)
    try:
        for block in blocks(page.read_text(encoding="utf-8")):
            label = f"{page.name}:{block.line}"
            if block.language == "python":
                exec(compile(block.code, label, "exec"), namespace)
            elif block.language == "console":
                run_console(block, cwd, label)
            else:
                continue
            ran += 1
    finally:
        os.chdir(old)
    return ran


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_examples_in_the_docs_run(page: Path, tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=_SKIP_COPY, symlinks=True)
    run_page(copy / page.relative_to(ROOT), copy)


# --------------------------------------------------------------------------- the checker itself

_SAMPLE = """
Intro.

```python
x = 2
```

```toml
not = run
```

```python
assert x == 2
y = x + 1
```

```console
$ python -c "print('a   ')"
a
$ false
$ echo $?
1
```
"""


def test_the_checker_runs_blocks_in_order_and_compares_output(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(_SAMPLE, encoding="utf-8")
    found = list(blocks(_SAMPLE))
    assert [block.language for block in found] == ["python", "toml", "python", "console"]
    assert commands(found[3]) == [
        Command("python -c \"print('a   ')\"", "a\n", 18),
        Command("false", "", 20),
        Command("echo $?", "1\n", 21),
    ]
    assert run_page(page, tmp_path) == 3


def test_the_checker_catches_wrong_output(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```console\n$ echo hello\nhullo\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="hullo"):
        run_page(page, tmp_path)
    page.write_text("```python\nassert 1 == 2\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError):
        run_page(page, tmp_path)


def test_the_updater_writes_what_the_commands_print(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("Text.\n\n```console\n$ echo hello  \nhullo\n$ true\nold\n```\n")
    update_outputs(page)
    assert page.read_text() == "Text.\n\n```console\n$ echo hello  \nhello\n$ true\n```\n"


def test_the_tutorial_scenario_is_the_shipped_example() -> None:
    tutorial = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
    first_toml = next(block for block in blocks(tutorial) if block.language == "toml")
    assert first_toml.code == (ROOT / "examples" / "talks.toml").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the site


@pytest.mark.slow
def test_the_site_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "index.html").exists()
    api = (tmp_path / "api" / "index.html").read_text(encoding="utf-8")
    assert "add_statement" in api and "Reasoner" in api  # generated from the docstrings


def test_the_api_page_lists_every_function_and_class_it_orders() -> None:
    """A module whose members the API page lists by hand (for their order) misses none.

    Such modules re-export their names from the modules they are split into,
    so the order of their imports is not the order to read them in.
    """
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    entries = re.findall(
        r"^::: ([\w.]+)\n    options:\n      members:\n((?:        - \w+\n)+)", text, re.M
    )
    assert entries  # the pattern still matches how the page is written
    for name, block in entries:
        module = importlib.import_module(name)
        listed = re.findall(r"- (\w+)", block)
        exported = [
            item
            for item in module.__all__
            if inspect.isclass(getattr(module, item)) or inspect.isfunction(getattr(module, item))
        ]
        assert sorted(listed) == sorted(exported), name


# --------------------------------------------------------------------------- updating pages


def update_outputs(page: Path) -> None:
    """Rewrite the expected output of every console block of ``page`` with what it prints.

    For authors: ``python tests/test_docs.py docs/PAGE.md`` after changing a
    command or the code it runs; then read the diff.  The commands run in a
    copy of the repository, as in the test.
    """
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "repo"
        shutil.copytree(ROOT, copy, ignore=_SKIP_COPY, symlinks=True)
        text = page.read_text(encoding="utf-8")
        pieces, position = [], 0
        for match in _FENCE.finditer(text):
            if match.group(1) != "console":
                continue
            steps = commands(Block("console", match.group(2), 0))
            outputs, stderr = console_outputs(steps, copy)
            if stderr:
                print(f"{page.name}: stderr: {stderr}", file=sys.stderr)
            body = "".join(
                f"$ {step.command}\n" + (_normal(output) + "\n" if output.strip() else "")
                for step, output in zip(steps, outputs, strict=False)
            )
            pieces += [text[position : match.start(2)], body]
            position = match.end(2)
        pieces.append(text[position:])
        page.write_text("".join(pieces), encoding="utf-8")


if __name__ == "__main__":
    for name in sys.argv[1:]:
        update_outputs(Path(name).resolve())
