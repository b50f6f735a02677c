"""Adding statements to scenario files without ever corrupting them.

An edit appends one ``[[statements]]`` table, rendered by tomlkit, to the
end of the file: every byte already there (comments, layout, order) stays as
it was.  The whole new text is loaded and checked before it replaces the
old file, and the replacement is atomic (see
:func:`commitlogic.files.write_atomically`), so a rejected or interrupted
edit leaves the original byte for byte.  Concurrent edits of one file are
serialized by a lock on the file (:func:`commitlogic.files.locked`), so
each one lands.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from commitlogic.io.checking import locate_warnings
from commitlogic.io.files import locked, write_atomically
from commitlogic.io.loading import loads
from commitlogic.model.dates import When
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import FormulaLike
from commitlogic.model.linting import ScenarioWarning, find_warnings
from commitlogic.model.scenario import Kind, Scenario, Statement, numbered_id

__all__ = ["add_statement", "observe", "statement_toml"]

#: The keys of a ``[[statements]]`` table, in the order they are written.
_KEYS = tuple(field.name for field in attrs.fields(Statement))
_ORDER = (
    "id",
    "kind",
    "by",
    "to",
    "said",
    "quote",
    "source",
    "weight",
    "credibility",
    "subject",
    "condition",
    "supersedes",
)


def add_statement(
    path: str | os.PathLike[str],
    statement: Statement | Mapping[str, Any],
    *,
    strict: bool = False,
    warn: Callable[[ScenarioWarning], object] | None = None,
) -> Statement:
    """Append ``statement`` to the scenario file at ``path``, safely.

    Parameters
    ----------
    path
        An existing, valid scenario file.
    statement
        A :class:`~commitlogic.Statement`, or the keys of a
        ``[[statements]]`` table as a mapping (``{"id": ..., "kind": ...,
        "subject": "attends(putin, talks)", ...}``), whose formula texts are
        then written as given.  ``said`` may be a date, a datetime or ISO text.

    strict
        Refuse an edit that adds a warning (SPEC section 2), as an input error.
    warn
        Called with each warning the edit added, after the file is written.

    Returns
    -------
    Statement
        The statement as added.

    Raises
    ------
    ScenarioError
        When the file is not a valid scenario, or the statement is not valid
        in it (an unknown actor, a duplicate id, a bad formula or date...),
        or with ``strict`` when it adds a warning.  The file is then unchanged.
    """
    name = os.fspath(path)
    fields = _fields(statement, name)
    with _locked(name) as text:
        return _append(name, text, fields, strict, warn)


def observe(
    path: str | os.PathLike[str],
    formula: FormulaLike,
    *,
    said: When | str,
    id: str | None = None,
    quote: str | None = None,
    source: str | None = None,
    strict: bool = False,
    warn: Callable[[ScenarioWarning], object] | None = None,
) -> Statement:
    """Append an ``observed`` statement of ``formula`` to the scenario file at ``path``.

    Without ``id``, the statement gets the first free id of the form
    ``observed_1``, ``observed_2``, ...; ``quote`` and ``source`` record the
    report.  See :func:`add_statement` for the rest, ``strict`` and ``warn``.

    Raises
    ------
    ScenarioError
        As :func:`add_statement`; the file is then unchanged.
    """
    name = os.fspath(path)
    fields: dict[str, Any] = {
        "kind": Kind.OBSERVED.value,
        "said": said,
        "quote": quote,
        "source": source,
        "subject": formula,
    }
    with _locked(name) as text:
        if id is None:
            taken = {statement.id for statement in _scenario(text, name).statements}
            id = numbered_id("observed", taken)
        return _append(name, text, _fields({"id": id, **fields}, name), strict, warn)


def statement_toml(statement: Statement, texts: Mapping[str, str] | None = None) -> str:
    """Return the ``[[statements]]`` table of ``statement`` as TOML text.

    ``texts`` may give the formula fields (``subject``, ``condition``) as
    they should be written; otherwise their canonical text is used.  The
    table is rendered by :func:`commitlogic.io.saving.statement_table`, as
    in :func:`~commitlogic.io.saving.dumps`.
    """
    import tomlkit  # only edits need it: keep ``import commitlogic`` quick

    from commitlogic.io.saving import statement_table

    table = statement_table(statement, texts)
    document = tomlkit.document()
    tables = tomlkit.aot()
    tables.append(table)
    document.append("statements", tables)
    return tomlkit.dumps(document)


# --------------------------------------------------------------------------- internals


class _Fields:
    """A statement to add: the validated statement and the texts to write."""

    def __init__(self, statement: Statement, texts: dict[str, str]) -> None:
        self.statement = statement
        self.texts = texts


def _new_entry(statement_id: object) -> dict[str, Any]:
    if isinstance(statement_id, str) and statement_id:
        return {"entry": f"new statement {statement_id!r}", "statement": statement_id}
    return {"entry": "new statement"}


def _fields(statement: Statement | Mapping[str, Any], file: str) -> _Fields:
    """Validate the statement on its own; keep the formula texts as given."""
    if isinstance(statement, Statement):
        return _Fields(statement, {})
    if not isinstance(statement, Mapping):
        raise TypeError(f"expected a Statement or a mapping, got {type(statement).__name__}")
    where = _new_entry(statement.get("id"))
    unknown = [key for key in statement if key not in _KEYS]
    if unknown:
        raise ScenarioError(
            f"unknown key {unknown[0]!r} (expected one of: {', '.join(_ORDER)})",
            file=file,
            field=str(unknown[0]),
            **where,
        )
    for key in ("id", "kind", "subject"):
        if statement.get(key) is None:
            raise ScenarioError(f"missing required key {key!r}", file=file, field=key, **where)
    values = {key: value for key, value in statement.items() if value is not None}
    try:
        built = Statement(**values)
    except ScenarioError as error:
        raise error.located(file=file, **where) from None
    texts = {
        key: value.strip()
        for key in ("subject", "condition")
        if isinstance(value := values.get(key), str)
    }
    return _Fields(built, texts)


@contextlib.contextmanager
def _locked(name: str) -> Iterator[bytes]:
    """Lock the file and yield its content; errors opening it are ScenarioErrors."""
    if Path(name).is_dir():
        raise ScenarioError("is a directory, not a scenario file", file=name)
    if name.endswith(".jsonl"):
        raise ScenarioError(
            "add and observe edit TOML scenario files; append a line to a JSON Lines "
            "file yourself (one entry per line), then run check on it",
            file=name,
        )
    if Path(name).exists() and not os.access(name, os.R_OK):
        raise ScenarioError(f"cannot read the file: {os.strerror(errno.EACCES)}", file=name)
    if Path(name).exists() and not os.access(name, os.W_OK):
        raise ScenarioError("the file is read-only; nothing was added", file=name)
    stack = contextlib.ExitStack()
    try:
        data = stack.enter_context(locked(name))
    except FileNotFoundError:
        raise ScenarioError("no such file", file=name) from None
    except OSError as error:
        raise ScenarioError(f"cannot read the file: {error.strerror}", file=name) from None
    with stack:
        yield data


def _scenario(data: bytes, name: str) -> Scenario:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError("the file is not valid UTF-8; nothing was added", file=name) from None
    return loads(text, file=name)


def _append(
    name: str,
    data: bytes,
    fields: _Fields,
    strict: bool,
    warn: Callable[[ScenarioWarning], object] | None,
) -> Statement:
    statement = fields.statement
    old = _scenario(data, name)
    try:
        expected = old.with_statement(statement)
    except ScenarioError as error:
        raise error.located(file=name, line=None, column=None, **_new_entry(statement.id)) from None
    text = data.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    table = statement_toml(statement, fields.texts).replace("\n", newline)
    separator = "" if not text or text.endswith("\n") else newline
    if text.strip():
        separator += newline
    new_text = f"{text}{separator}{table}"
    try:
        loaded = loads(new_text, file=name)
    except ScenarioError as error:
        raise error.located(line=None, column=None, **_new_entry(statement.id)) from None
    if loaded != expected:  # pragma: no cover - would be a bug in rendering
        raise ScenarioError(
            "the new statement would not read back as given; nothing was added",
            file=name,
            **_new_entry(statement.id),
        )
    added = _added_warnings(old, text, loaded, new_text, name)
    if strict and added:
        raise added[0].as_error()
    write_atomically(name, new_text.encode("utf-8"))
    if warn is not None:
        for warning in added:
            warn(warning)
    return statement


def _added_warnings(
    old: Scenario, old_text: str, new: Scenario, new_text: str, name: str
) -> list[ScenarioWarning]:
    """The warnings of the new file that the old one did not have, located in the new text."""
    before = {_what(warning) for warning in find_warnings(old)}
    fresh = [warning for warning in find_warnings(new) if _what(warning) not in before]
    return list(locate_warnings(fresh, new_text, name)) if fresh else []


def _what(warning: ScenarioWarning) -> tuple[str, str, str, str]:
    return warning.table, warning.id, warning.field, warning.message
