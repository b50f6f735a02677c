"""Writing scenarios as TOML files (SPEC section 1), the reverse of ``commitlogic.io.loading``.

:func:`dumps` writes every field of a :class:`~commitlogic.model.Scenario`
so that :func:`~commitlogic.loading.loads` reads back an equal scenario:
keys in the order of SPEC section 1, formulas in their canonical text
(outcome names kept as written),
dates and datetimes as TOML dates and datetimes (offsets kept), text with
newlines as multi-line strings, and defaults (``weight = 1``, no
``supersedes``, every actor invited) left out.  TOML itself is written by
tomlkit, which escapes whatever a string needs.  :func:`dump` writes a file
atomically.
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from collections.abc import Mapping
from typing import Any

import tomlkit
from tomlkit.items import Table

from commitlogic.io.files import write_atomically
from commitlogic.model.scenario import Actor, Event, Outcome, Scenario, Statement

__all__ = ["dump", "dumps", "statement_table"]


def _text(value: str) -> Any:
    """Return a TOML string item: multi-line when the text has line breaks.

    A multi-line string is only used when it reads back as the same text
    (TOML parsers may turn a raw CR LF into LF, for one); otherwise the
    one-line form, where every special character is escaped.
    """
    if "\n" in value:
        item = tomlkit.string(value, multiline=True)
        with contextlib.suppress(tomllib.TOMLDecodeError):
            if tomllib.loads(f"text = {item.as_string()}")["text"] == value:
                return item
    return tomlkit.string(value)


def _put(table: Table, key: str, value: object) -> None:
    """Add ``key`` to ``table`` unless ``value`` is ``None`` (an absent optional key)."""
    if value is None:
        return
    if isinstance(value, str):
        table.add(key, _text(value))
    elif isinstance(value, tuple):
        array = tomlkit.array()
        array.extend(value)
        table.add(key, array)
    else:
        table.add(key, value)


def _actor(actor: Actor) -> Table:
    table = tomlkit.table()
    _put(table, "id", actor.id)
    _put(table, "name", actor.name)
    _put(table, "party", actor.party)
    _put(table, "role", actor.role)
    _put(table, "credibility", actor.credibility)
    return table


def _event(event: Event) -> Table:
    table = tomlkit.table()
    _put(table, "id", event.id)
    _put(table, "place", event.place)
    _put(table, "start", event.start)
    _put(table, "invited", event.invited)
    return table


def statement_table(statement: Statement, texts: Mapping[str, str] | None = None) -> Table:
    """Return the ``[[statements]]`` table of ``statement``, keys in the order of SPEC section 1.

    The one renderer of a statement, for :func:`dumps` and for edits
    (:func:`commitlogic.io.editing.statement_toml`).

    Parameters
    ----------
    statement
        The statement.
    texts
        The formula fields (``subject``, ``condition``) as they should be
        written; by default their canonical text.  The weight is written
        only when it is not the default, 1.
    """
    texts = texts or {}
    table = tomlkit.table()
    _put(table, "id", statement.id)
    _put(table, "kind", statement.kind.value)
    _put(table, "by", statement.by)
    _put(table, "to", statement.to)
    _put(table, "said", statement.said)
    _put(table, "quote", statement.quote)
    _put(table, "source", statement.source)
    if statement.weight != 1:
        _put(table, "weight", statement.weight)
    _put(table, "credibility", statement.credibility)
    for field, formula in statement.formulas():
        _put(table, field, texts.get(field, str(formula)))
    if statement.supersedes:
        _put(table, "supersedes", statement.supersedes)
    return table


def _written(scenario: Scenario, statement: Statement) -> dict[str, str]:
    """The formula fields of a statement as written (outcome names kept)."""
    return {field: str(scenario.written(statement, field)) for field, _ in statement.formulas()}


def _outcome(scenario: Scenario, outcome: Outcome) -> Table:
    table = tomlkit.table()
    _put(table, "id", outcome.id)
    _put(table, "when", str(scenario.written(outcome, "when")))
    return table


def _array(document: tomlkit.TOMLDocument, key: str, tables: list[Table]) -> None:
    """Add ``[[key]]`` entries, after a blank line; nothing for an empty table."""
    if tables:
        document.add(tomlkit.nl())
        entries = tomlkit.aot()
        for table in tables:
            entries.append(table)
        document.add(key, entries)


def dumps(scenario: Scenario) -> str:
    """Return ``scenario`` as the text of a TOML scenario file.

    ``commitlogic.loads(dumps(scenario)) == scenario`` for every scenario.

    Parameters
    ----------
    scenario
        The scenario to write.

    Returns
    -------
    str
        TOML text: a ``[scenario]`` table, then ``[[actors]]``,
        ``[[events]]``, ``[[statements]]`` and ``[[outcomes]]`` entries.

    Raises
    ------
    TypeError
        When ``scenario`` is not a :class:`~commitlogic.model.Scenario`.
    """
    if not isinstance(scenario, Scenario):
        raise TypeError(f"expected a Scenario, got {type(scenario).__name__}")
    document = tomlkit.document()
    header = tomlkit.table()
    _put(header, "name", scenario.name)
    _put(header, "description", scenario.description)
    _put(header, "credibility", scenario.credibility)
    document.add("scenario", header)
    _array(document, "actors", [_actor(actor) for actor in scenario.actors])
    _array(document, "events", [_event(event) for event in scenario.events])
    statements = [statement_table(s, _written(scenario, s)) for s in scenario.statements]
    _array(document, "statements", statements)
    _array(document, "outcomes", [_outcome(scenario, outcome) for outcome in scenario.outcomes])
    return tomlkit.dumps(document)


def dump(scenario: Scenario, path: str | os.PathLike[str]) -> None:
    """Write ``scenario`` to the TOML file at ``path``, atomically.

    The text goes to a temporary file in the same folder, is flushed to
    disk, and then replaces ``path`` in one rename: a reader sees the old
    file or the new one, never a part, and when writing fails the old file
    is left as it was.

    Parameters
    ----------
    scenario
        The scenario to write.
    path
        Where to write it; an existing file is replaced (keeping its permissions).

    Raises
    ------
    OSError
        When the file cannot be written; nothing is changed then.
    """
    write_atomically(path, dumps(scenario).encode("utf-8"))
