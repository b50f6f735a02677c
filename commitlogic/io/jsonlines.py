"""Scenarios as JSON Lines: one entry per line, for machine-made data.

A ``.jsonl`` scenario file has one JSON object per line, and each object
has exactly one key, the kind of entry, whose value holds the keys of SPEC
section 1 for that entry::

    {"scenario": {"name": "Istanbul talks, May 2025"}}
    {"actor": {"id": "putin", "name": "Vladimir Putin"}}
    {"event": {"id": "istanbul_talks", "start": "2025-05-15T10:00:00+03:00"}}
    {"statement": {"id": "s1", "kind": "commits", "by": "putin", "subject": "held(talks)"}}
    {"outcome": {"id": "talks_held", "when": "held(talks) and attends(putin, istanbul_talks)"}}

The ``scenario`` line appears exactly once; the other kinds appear any
number of times, in any order, and keep their order within their kind
(statements in file order, as in TOML).  Blank lines are skipped.  Dates and
datetimes are ISO text (JSON has no dates).  The entries are validated
exactly as TOML ones are, and errors name the file, the line, the column
where known, the entry and the field.

:func:`commitlogic.load` reads a file whose name ends in ``.jsonl`` with
:func:`load`; :func:`dumps` and :func:`dump` write one, so that
``loads(dumps(scenario)) == scenario``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs

from commitlogic._memory import paused_gc
from commitlogic.io.files import read_text, write_atomically
from commitlogic.io.loading import (
    READERS,
    _column_in_value,
    build,
    checked_header,
    entry_maker,
    scenario_of,
)
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Formula
from commitlogic.model.scenario import TABLES, Scenario

__all__ = ["KINDS", "dump", "dumps", "load", "loads"]

#: The key of each line's object, and the scenario table its entry goes to.
KINDS: dict[str, str] = {
    "scenario": "scenario",
    "actor": "actors",
    "event": "events",
    "statement": "statements",
    "outcome": "outcomes",
}


def load(path: str | os.PathLike[str]) -> Scenario:
    """Read the JSON Lines scenario file at ``path``.

    Raises
    ------
    ScenarioError
        When the file cannot be read or is not a valid scenario.
    """
    name = os.fspath(path)
    text = read_text(name)
    return loads(text, file=name)


def loads(text: str, *, file: str | None = None) -> Scenario:
    """Read a scenario from JSON Lines text; ``file`` names it in error messages.

    The text is read as a stream, a block of lines at a time, each entry
    built as soon as its line is decoded; at the first fault of any kind the
    whole text is read again the careful way, which finds the fault that a
    reader going table by table meets first and says where it is.

    Raises
    ------
    ScenarioError
        When the text is not a valid scenario.
    """
    try:
        with paused_gc():
            return _streamed(text.removeprefix("\ufeff"))
    except (ScenarioError, ValueError, TypeError, LookupError, AttributeError, RecursionError):
        return _careful(text, file)


#: About how many characters of the text are decoded at once.
_BLOCK = 1 << 20


def _blocks(text: str) -> Iterator[list[str]]:
    """Yield the text's non-blank lines, a block of about :data:`_BLOCK` characters at a time."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + _BLOCK)
        end = len(text) if end < 0 else end
        yield [line for line in text[start:end].split("\n") if line.strip()]
        start = end + 1


def _streamed(text: str) -> Scenario:
    """Read well-formed JSON Lines fast; raise at the first fault, located or not."""
    parsed: dict[str, Formula] = {}
    makers = {
        kind: entry_maker(table, parsed, text_dates=True)
        for kind, table in KINDS.items()
        if table != "scenario"
    }
    built: dict[str, list[Any]] = {kind: [] for kind in makers}
    header = None
    for lines in _blocks(text):
        values = json.loads("[" + ",".join(lines) + "]")
        if len(values) != len(lines):  # a line held two values
            raise ValueError("not one value per line")
        for entry in values:
            ((kind, value),) = entry.items()  # one key, or a ValueError
            if type(value) is not dict:
                raise TypeError(kind)
            if kind == "scenario":
                if header is not None:
                    raise ValueError("a second scenario line")
                header = value
                continue
            entries = built[kind]  # an unknown kind: a KeyError
            entries.append(makers[kind](len(entries), value))
    return scenario_of(
        checked_header(header), {KINDS[kind]: tuple(entries) for kind, entries in built.items()}
    )


def _careful(text: str, file: str | None) -> Scenario:
    """Read the text line by line, keeping where each entry is, to locate its fault."""
    lines = text.removeprefix("\ufeff").split("\n")
    numbered = [(number, line) for number, line in enumerate(lines, 1) if line.strip()]
    if not numbered:
        raise ScenarioError(
            'the file is empty; a scenario needs a line {"scenario": {"name": ...}}', file=file
        )
    document: dict[str, Any] = {table: [] for table in TABLES}
    where: dict[tuple[str, int], int] = {}  # (table, index) -> line number
    for number, entry in _objects(numbered, file):
        kind, value = _entry(entry, number, file)
        table = KINDS[kind]
        if table == "scenario":
            if "scenario" in document:
                first = where[("scenario", 0)]
                raise ScenarioError(
                    f"a second scenario line (the first is line {first})",
                    file=file,
                    line=number,
                    column=1,
                )
            document["scenario"] = value
            where[("scenario", 0)] = number
        else:
            where[(table, len(document[table]))] = number
            document[table].append(value)
    if "scenario" not in document:
        raise ScenarioError(
            'missing the line {"scenario": {"name": ...}}', file=file, line=1, column=1
        )
    try:
        return build(document, text_dates=True, consume=True)
    except ScenarioError as error:
        raise _locate(error, lines, where, file) from None


def _objects(numbered: list[tuple[int, str]], file: str | None) -> Iterator[tuple[int, Any]]:
    """Yield ``(line number, decoded JSON)`` for each non-blank line."""
    try:  # one call for the whole file; line by line only to find a broken line
        values = json.loads("[" + ",".join(line for _number, line in numbered) + "]")
        if len(values) == len(numbered):
            yield from zip((number for number, _line in numbered), values, strict=True)
            return
    except (json.JSONDecodeError, RecursionError):
        pass
    for number, line in numbered:
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            raise ScenarioError(
                f"invalid JSON: {error.msg}", file=file, line=number, column=error.colno
            ) from None
        except RecursionError:
            raise ScenarioError("invalid JSON: nested too deeply", file=file, line=number) from None


def _entry(entry: Any, number: int, file: str | None) -> tuple[str, Any]:
    """Return ``(kind, entry)`` of one line's object, or raise naming the line."""
    if not isinstance(entry, dict) or len(entry) != 1:
        expected = ", ".join(f'{{"{kind}": {{...}}}}' for kind in KINDS)
        got = f"{len(entry)} keys" if isinstance(entry, dict) else f"a JSON {_json_type(entry)}"
        raise ScenarioError(
            f"each line is one object with one key, such as {expected}; got {got}",
            file=file,
            line=number,
            column=1,
        )
    ((kind, value),) = entry.items()
    if kind not in KINDS:
        raise ScenarioError(
            f"unknown kind of line {kind!r} (expected one of: {', '.join(KINDS)})",
            file=file,
            line=number,
            column=1,
        )
    if not isinstance(value, dict):
        raise ScenarioError(
            f"the value of {kind!r} must be an object, got a JSON {_json_type(value)}",
            file=file,
            line=number,
            entry=f"[{kind}]" if kind == "scenario" else None,
            column=1,
        )
    return kind, value


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _locate(
    error: ScenarioError, lines: list[str], where: dict[tuple[str, int], int], file: str | None
) -> ScenarioError:
    """Fill in the line and column of ``error`` from the entry's line."""
    number = where.get((error.table or "", error.index or 0))
    if number is None:
        return error.located(file=file)
    line = lines[number - 1]
    column = 1
    if error.field is not None and error.field != error.table:
        key = re.search(rf'"{re.escape(error.field)}"\s*:\s*', line)
        if key is not None:
            column = key.start() + 1
            if not error.reason.startswith("unknown key"):
                value = line[key.end() :]
                column = _column_in_value(value, key.end() + 1, error) or key.end() + 1
    return error.located(file=file, line=number, column=column)


# --------------------------------------------------------------------------- writing


def _plain(value: object) -> object:
    """Return ``value`` as JSON data: formulas as text, dates as ISO text, tuples as lists."""
    if isinstance(value, Formula):
        return str(value)
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, str):  # enum members (Kind) are str too
        return str(value.value) if hasattr(value, "value") else value
    return value


def _fields(entry: Any, skip: tuple[str, ...] = ()) -> dict[str, object]:
    """Return the fields of an attrs entry that differ from their defaults, as JSON data."""
    fields: dict[str, object] = {}
    for field in attrs.fields(type(entry)):
        value = getattr(entry, field.name)
        if field.name in skip or value is None:
            continue
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()  # type: ignore[misc]
        if default is not attrs.NOTHING and value == default:
            continue
        fields[field.name] = _plain(value)
    return fields


def dumps(scenario: Scenario) -> str:
    """Return ``scenario`` as JSON Lines text: ``loads(dumps(scenario)) == scenario``.

    Parameters
    ----------
    scenario
        The scenario to write.

    Returns
    -------
    str
        One line for the scenario, then one per actor, event, statement and
        outcome, each ending in a newline.

    Raises
    ------
    TypeError
        When ``scenario`` is not a :class:`~commitlogic.model.Scenario`.
    """
    if not isinstance(scenario, Scenario):
        raise TypeError(f"expected a Scenario, got {type(scenario).__name__}")
    kinds = {table: kind for kind, table in KINDS.items()}
    lines = [{"scenario": _fields(scenario, skip=(*TABLES, "_written"))}]
    for table in TABLES:
        lines.extend({kinds[table]: _fields(entry)} for entry in getattr(scenario, table))
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def dump(scenario: Scenario, path: str | os.PathLike[str]) -> None:
    """Write ``scenario`` to the JSON Lines file at ``path``, atomically.

    Raises
    ------
    OSError
        When the file cannot be written; nothing is changed then.
    """
    write_atomically(path, dumps(scenario).encode("utf-8"))


READERS[".jsonl"] = loads  # commitlogic.io.loading.load reads .jsonl files with loads
