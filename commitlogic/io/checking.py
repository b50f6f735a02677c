"""Scenario files with their warnings (SPEC section 2), located by file, line and column.

:func:`commitlogic.model.linting.find_warnings` finds what looks wrong in a
scenario; here each warning gets the place in the file where its formula
was written, found the same way the loader places errors.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from commitlogic.io.loading import _locate, load, loads
from commitlogic.model.errors import ScenarioError
from commitlogic.model.linting import ScenarioWarning, find_warnings
from commitlogic.model.scenario import Scenario

__all__ = [
    "load_scenario",
    "load_with_warnings",
    "loads_with_warnings",
    "locate_warnings",
    "warnings",
]


def locate_warnings(
    found: Iterable[ScenarioWarning], text: str, file: str | None = None
) -> tuple[ScenarioWarning, ...]:
    """Return ``found`` with the file, line and column of each in the scenario ``text``."""
    text = text.removeprefix("\ufeff")
    located = []
    for warning in found:
        probe = ScenarioError(
            warning.message,
            table=warning.table,
            index=warning.index,
            field=warning.field,
            pattern=warning.pattern,
        )
        where = _locate(probe, text, file)
        located.append(
            ScenarioWarning(
                warning.message,
                warning.id,
                warning.field,
                warning.table,
                warning.index,
                file=file,
                line=where.line,
                column=where.column,
                pattern=warning.pattern,
            )
        )
    located.sort(key=lambda w: (w.line is None, w.line or 0, w.column or 0))
    return tuple(located)


def loads_with_warnings(
    text: str, *, file: str | None = None
) -> tuple[Scenario, tuple[ScenarioWarning, ...]]:
    """Read a scenario from TOML text, with its warnings located in that text.

    Raises
    ------
    ScenarioError
        When the text is not a valid scenario.
    """
    scenario = loads(text, file=file)
    return scenario, locate_warnings(find_warnings(scenario), text, file)


def load_with_warnings(
    path: str | os.PathLike[str],
) -> tuple[Scenario, tuple[ScenarioWarning, ...]]:
    """Read the scenario file at ``path``, with its warnings located in the file.

    Raises
    ------
    ScenarioError
        When the file cannot be read or is not a valid scenario.
    """
    name = os.fspath(path)
    scenario = load(name)
    found = find_warnings(scenario)
    if not found:  # the common case: no need to read the text again
        return scenario, ()
    try:
        text = Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # changed since: give the warnings unplaced
        return scenario, tuple(_in_file(warning, name) for warning in found)
    return scenario, locate_warnings(found, text, name)


def _in_file(warning: ScenarioWarning, file: str) -> ScenarioWarning:
    return ScenarioWarning(
        warning.message, warning.id, warning.field, warning.table, warning.index, file=file
    )


def warnings(source: Scenario | str | os.PathLike[str]) -> tuple[ScenarioWarning, ...]:
    """Return the warnings of a scenario, or of a scenario file (then located in it).

    Parameters
    ----------
    source
        A :class:`~commitlogic.model.Scenario` (warnings without a file
        position), or the path of a scenario file.

    Raises
    ------
    ScenarioError
        When the file cannot be read or is not a valid scenario.
    """
    if isinstance(source, Scenario):
        return find_warnings(source)
    return load_with_warnings(source)[1]


def load_scenario(
    path: str, strict: bool, collect: bool = False
) -> tuple[Scenario, tuple[ScenarioWarning, ...]]:
    """Load the scenario file at ``path``, with its warnings located in it if asked.

    Parameters
    ----------
    path
        The scenario file.
    strict
        Raise the first warning as an input error (``--strict``).
    collect
        Return the warnings (``check``); otherwise they are only looked for
        under ``strict``, and an empty tuple is returned.

    Raises
    ------
    ScenarioError
        When the file is not a valid scenario, or with ``strict`` when it has
        a warning (the first one, located).
    """
    if not (strict or collect):
        return load(path), ()
    scenario, found = load_with_warnings(path)
    if strict and found:
        raise found[0].as_error()
    return scenario, found
