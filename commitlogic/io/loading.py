"""Reading scenario files (TOML, SPEC section 1) into :class:`~commitlogic.model.Scenario`.

Every problem is reported as a :class:`~commitlogic.errors.ScenarioError`
that names the file, the line and column, the entry and the field.  TOML is
read by ``toml_rs`` (a compiled TOML 1.0 reader, about ten times faster than
the standard library on large files) when it is installed; when it rejects
the text, the standard library's :mod:`tomllib` reads it again for its
message and position, so errors read the same either way.  The positions of
entries and keys are found again in the source text, since neither reader
keeps them.  Files ending in ``.jsonl`` are JSON Lines
(``commitlogic.io.jsonlines``).
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Callable, Mapping
from itertools import pairwise
from typing import Any

import attrs

from commitlogic._memory import paused_gc
from commitlogic.io.files import read_text
from commitlogic.model.entries import quick_actor, quick_statement
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Formula, parse_formula
from commitlogic.model.scenario import TABLES, Actor, Event, Scenario, Statement, entry_where

__all__ = ["build", "checked_header", "entry_maker", "load", "loads", "locate", "scenario_of"]

_SCENARIO_KEYS = ("name", "description", "credibility")
#: Keys whose values must be TOML dates or datetimes in a file (Python also takes ISO text).
_DATE_KEYS = frozenset({"said", "start"})


#: Readers of other file formats by suffix; ``commitlogic.io`` registers ``.jsonl``
#: (io/jsonlines.py) when it is imported, so that this module imports no reader above it.
READERS: dict[str, Callable[..., Scenario]] = {}


def load(path: str | os.PathLike[str]) -> Scenario:
    """Read the scenario file at ``path``.

    Raises
    ------
    ScenarioError
        When the file cannot be read or is not a valid scenario.
    """
    name = os.fspath(path)
    text = read_text(name)
    for suffix, reader in READERS.items():  # .jsonl: io/jsonlines.py, which imports this module
        if name.endswith(suffix):
            return reader(text, file=name)
    return loads(text, file=name)


def loads(text: str, *, file: str | None = None) -> Scenario:
    """Read a scenario from TOML text; ``file`` names it in error messages.

    Raises
    ------
    ScenarioError
        When the text is not a valid scenario.
    """
    text = text.removeprefix("\ufeff")
    try:
        return _build(_parse_toml(text, file), consume=True)
    except ScenarioError as error:
        raise _locate(error, text, file) from None


try:  # the compiled reader is optional: tomllib reads the same files, only slower
    from toml_rs import loads as _fast_toml
except ImportError:  # pragma: no cover - toml_rs is a dependency
    _fast_toml = None

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


#: A line that opens an entry of a scenario table: ``[[statements]]``.
_ENTRY_HEADER = re.compile(
    r"^\[\[[ \t]*(?:actors|events|statements|outcomes)[ \t]*\]\][ \t]*(?:#[^\n]*)?$", re.M
)
#: About how many entries the compiled reader reads at once, in files of at least
#: ``_CHUNKED`` characters.
_CHUNK, _CHUNKED = 2000, 1 << 20


def _chunked_toml(text: str) -> dict[str, Any] | None:
    """Read a large TOML file a few thousand entries at a time; None when it cannot be split.

    The compiled reader needs about ten times the file's size while it
    reads, and the memory it frees stays with the process; read in chunks,
    it needs a chunk's worth.  The text is cut only before the header lines
    of the scenario tables' entries, and only when no multi-line string
    could hide such a line; each chunk after the first must hold entries
    only, and the first none of their tables, or else the whole text is
    read at once (and a fault found as it always was).
    """
    if len(text) < _CHUNKED or '"""' in text or "'''" in text:
        return None
    starts = [match.start() for match in _ENTRY_HEADER.finditer(text)]
    if len(starts) <= _CHUNK:
        return None
    bounds = [0, *starts[::_CHUNK], len(text)]
    document: dict[str, Any] = {}
    first = True
    for begin, end in pairwise(bounds):
        if begin == end:
            continue
        part = _fast_toml(text[begin:end], toml_version="1.0.0")  # type: ignore[misc]
        if first:
            document, first = part, False
            if not document.keys().isdisjoint(TABLES):
                return None
            continue
        if not part.keys() <= TABLES.keys() or not all(type(v) is list for v in part.values()):
            return None
        for table, entries in part.items():
            document.setdefault(table, []).extend(entries)
    return document


def _parse_toml(text: str, file: str | None) -> dict[str, Any]:
    if not text.strip():
        raise ScenarioError(
            "the file is empty; a scenario needs a [scenario] table with a name", file=file
        )
    if _fast_toml is not None:
        try:
            chunked = _chunked_toml(text)
        except ValueError:
            chunked = None  # read whole below, as always
        if chunked is not None:
            return chunked
        try:
            return _fast_toml(text, toml_version="1.0.0")
        except ValueError:
            pass  # tomllib reads it again below, for the message and the position
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = column = None
        position = _TOML_POSITION.search(message)
        if position:
            line, column = int(position.group(1)), int(position.group(2))
            message = message[: position.start()]
        elif message.endswith("(at end of document)"):
            lines = text.split("\n")
            line, column = len(lines), len(lines[-1]) + 1
            message = message.removesuffix("(at end of document)").rstrip()
        raise ScenarioError(
            f"invalid TOML: {message}", file=file, line=line, column=column
        ) from None


def build(
    document: Mapping[str, Any], *, text_dates: bool = False, consume: bool = False
) -> Scenario:
    """Build a scenario from its tables as plain data (what a TOML reader returns).

    Parameters
    ----------
    document
        ``{"scenario": {...}, "actors": [...], "events": [...], "statements": [...],
        "outcomes": [...]}`` with the keys of SPEC section 1.
    text_dates
        Take ``said`` and ``start`` as ISO text too (JSON has no dates); TOML
        files must write them as TOML dates.
    consume
        Replace each entry of the document's lists by ``None`` once it is
        built, so that a large document's memory is freed as the scenario
        grows (the loaders do this with the documents they read).

    Raises
    ------
    ScenarioError
        When the data is not a valid scenario; the error names the table,
        the entry's index and the field, but no line.
    """
    return _build(dict(document), text_dates=text_dates, consume=consume)


def _build(
    document: dict[str, Any], *, text_dates: bool = False, consume: bool = False
) -> Scenario:
    with paused_gc():
        return _build_tables(document, text_dates=text_dates, consume=consume)


def _build_tables(document: dict[str, Any], *, text_dates: bool, consume: bool) -> Scenario:
    unknown = [key for key in document if key != "scenario" and key not in TABLES]
    if unknown:
        raise ScenarioError(
            f"unknown top-level key {unknown[0]!r} (expected scenario, actors, events, "
            "statements, outcomes)",
            field=unknown[0],
            table=unknown[0],
        )
    header = checked_header(document.get("scenario"))
    parsed: dict[str, Formula] = {}  # formula text -> formula, shared by the whole file
    tables = {
        table: _entries(document, table, entry_maker(table, parsed, text_dates), consume)
        for table in TABLES
    }
    return scenario_of(header, tables)


_HEADER_WHERE = {"entry": "[scenario]", "table": "scenario", "index": 0}


def checked_header(header: Any) -> Mapping[str, Any]:
    """Return the ``[scenario]`` table after checking its keys, or raise a located error."""
    if not isinstance(header, Mapping):
        raise ScenarioError(
            "missing [scenario] table with a name"
            if header is None
            else "scenario must be a table",
            entry="[scenario]",
        )
    for key in header:
        if key not in _SCENARIO_KEYS:
            raise ScenarioError(f"unknown key {key!r}", field=key, **_HEADER_WHERE)
    if "name" not in header:
        raise ScenarioError("missing required key 'name'", field="name", **_HEADER_WHERE)
    for key in ("name", "description"):
        if key in header and not isinstance(header[key], str):
            raise ScenarioError(
                f"expected text, got {type(header[key]).__name__}", field=key, **_HEADER_WHERE
            )
    return header


def scenario_of(header: Mapping[str, Any], tables: dict[str, tuple[Any, ...]]) -> Scenario:
    """Return the scenario of a checked header and its built entries, per table."""
    try:
        credibility = header.get("credibility")
        return Scenario(
            header["name"], description=header.get("description"), credibility=credibility, **tables
        )
    except ScenarioError as error:
        if error.table is not None:
            raise
        raise error.located(**_HEADER_WHERE) from None


#: The fields that hold formula text, per table.
_FORMULA_KEYS = {"statements": ("subject", "condition"), "outcomes": ("when",)}


def entry_maker(
    table: str, parsed: dict[str, Formula], text_dates: bool = False
) -> Callable[[int, Any], Any]:
    """Return ``make(index, item)``: the entry of ``table`` built from plain data ``item``.

    ``parsed`` caches formula text to formula, shared by the whole file.
    ``make`` raises a :class:`ScenarioError` naming the table, the entry's
    index and the field.
    """
    cls = TABLES[table]
    fields = {field.name: field for field in attrs.fields(cls)}
    names = frozenset(fields)
    required = frozenset(name for name, field in fields.items() if field.default is attrs.NOTHING)
    formula_keys = _FORMULA_KEYS.get(table, ())
    date_keys = frozenset() if text_dates else _DATE_KEYS

    def make(index: int, item: Any) -> Any:
        keys = item.keys()
        # The common case costs three set operations; the messages are built on failure only.
        if (
            not keys <= names
            or not required <= keys
            or (
                not date_keys.isdisjoint(keys)
                and any(isinstance(item.get(k), str) for k in date_keys)
            )
        ):
            _check_keys(
                item, fields, required, date_keys, entry_where(table, index, item.get("id"))
            )
        found: dict[str, Formula] = {}
        for key in formula_keys:
            text = item.get(key)
            if isinstance(text, str):
                formula = parsed.get(text)
                if formula is None:
                    try:
                        formula = parsed[text] = parse_formula(text)
                    except ScenarioError:
                        continue  # the entry's own check reports it, located
                found[key] = formula
        if found:
            item = {**item, **found}
        invited = item.get("invited") if cls is Event else None
        if type(invited) is list and all(type(actor) is str for actor in invited):
            item = {**item, "invited": [sys.intern(actor) for actor in invited]}
        try:
            return cls(**item)
        except ScenarioError as error:
            raise error.located(**entry_where(table, index, item.get("id"))) from None

    if cls is Statement:
        return _quick_statements(make, parsed, text_dates)
    if cls is Actor:
        return lambda index, item: (type(item) is dict and quick_actor(item)) or make(index, item)
    return make


def _quick_statements(
    make: Callable[[int, Any], Any], parsed: dict[str, Formula], text_dates: bool
) -> Callable[[int, Any], Any]:
    """``make`` for statements, with a fast path for the common, valid case.

    Anything the fast path does not take (a fault, a rare key, text dates
    in a TOML file) goes to ``make``, which builds it or raises the error.
    """

    def formula(text: object) -> Formula | None:
        if type(text) is not str:
            return None
        found = parsed.get(text)  # type: ignore[arg-type]
        if found is None:
            try:
                found = parsed[text] = parse_formula(text)  # type: ignore[index]
            except ScenarioError:
                return None
        return found

    def quick(index: int, item: Any) -> Any:
        if type(item) is dict:
            subject, condition = formula(item.get("subject")), item.get("condition")
            if condition is not None:
                condition = formula(condition)
                if condition is None:
                    return make(index, item)
            if subject is not None and (text_dates or type(item.get("said")) is not str):
                made = quick_statement(item, subject, condition)
                if made is not None:
                    return made
        return make(index, item)

    return quick


def _entries(
    document: dict[str, Any], table: str, make: Callable[[int, Any], Any], consume: bool = False
) -> tuple[Any, ...]:
    raw = document.get(table, [])
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise ScenarioError(
            f"{table} must be an array of tables, written [[{table}]]", field=table, table=table
        )
    built = []
    for index, item in enumerate(raw):
        built.append(make(index, item))
        if consume:
            raw[index] = None
    return tuple(built)


def _check_keys(
    item: dict[str, Any],
    fields: Mapping[str, Any],
    required: frozenset[str],
    date_keys: frozenset[str],
    where: dict[str, Any],
) -> None:
    """Raise for the first unknown key, date given as text, or missing key of an entry."""
    for key in item:
        if key not in fields:
            raise ScenarioError(
                f"unknown key {key!r} (expected one of: {', '.join(fields)})", field=key, **where
            )
    for key in sorted(date_keys.intersection(item)):
        if isinstance(item[key], str):
            raise ScenarioError(
                f"expected a TOML date or datetime, got the string {item[key]!r} "
                f"(write it without quotes, as in {key} = 2025-05-14)",
                field=key,
                **where,
            )
    for key in fields:
        if key in required and key not in item:
            raise ScenarioError(f"missing required key {key!r}", field=key, **where)


# --------------------------------------------------------------------------- locations

_ARRAY_HEADER = re.compile(r"\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_TABLE_HEADER = re.compile(r"\s*\[\s*([A-Za-z0-9_-]+)\s*\]")
_KEY = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=\s*")


def locate(error: ScenarioError, text: str, file: str | None = None) -> ScenarioError:
    """Return ``error`` (raised or a note) with the file, line and column it has in ``text``.

    ``error`` names its table, entry index and field, as every error and
    note about a scenario's entries does; ``text`` is the file it was loaded from.
    """
    return _locate(error, text.removeprefix("\ufeff"), file)


def _locate(error: ScenarioError, text: str, file: str | None) -> ScenarioError:
    """Fill in the file, line and column of ``error`` from where it sits in ``text``."""
    if error.line is not None or error.table is None:
        return error.located(file=file) if error.file is None else error
    position = _find(text, error.table, error.index or 0, error.field)
    if position is None:
        return error.located(file=file)
    line, key_column, value_column, value = position
    about_the_key = error.field == error.table or error.reason.startswith(
        ("unknown key", "unknown top-level key")
    )
    if about_the_key or value is None:
        column = key_column
    else:
        column = _column_in_value(value, value_column, error) or value_column
    return error.located(file=file, line=line, column=column)


def _find(
    text: str, table: str, index: int, field: str | None
) -> tuple[int, int, int, str | None] | None:
    """Find ``field`` in entry ``index`` of ``table``.

    Return ``(line, key column, value column, value text)``; without
    ``field``, or when the key is not on a line of its own, the entry's
    header (with no value).  Lines inside multi-line strings are skipped.
    """
    counts: dict[str, int] = {}
    current: tuple[str, int] | None = None
    header: tuple[int, int, int, str | None] | None = None
    open_quote: str | None = None
    # TOML lines end at LF (or CRLF); str.splitlines() would also split at U+2028 and others.
    for number, line in enumerate(text.split("\n"), start=1):
        if open_quote is not None:
            if open_quote in line:
                open_quote = None
            continue
        array = _ARRAY_HEADER.match(line)
        found = array or _TABLE_HEADER.match(line)
        if found:
            if current == (table, index) and header is not None:
                return header
            name = found.group(1)
            counts[name] = counts.get(name, -1) + 1
            current = (name, counts[name])
            if current == (table, index):
                header = (number, found.start(1) + 1, found.start(1) + 1, None)
                if field is None:
                    return header
            continue
        key = _KEY.match(line)
        if key is None:
            continue
        value = line[key.end() :].rstrip("\r")
        if key.group(1) == field and current in ((table, index), None if table == field else ()):
            return number, key.start(1) + 1, key.end() + 1, value
        for quote in ('"""', "'''"):
            if value.startswith(quote) and quote not in value[3:]:
                open_quote = quote
                break
    return header


def _column_in_value(value: str, column: int, error: ScenarioError) -> int | None:
    """Return the column of the error's offset or pattern inside a one-line value."""
    if error.offset is not None:
        for quote in ('"""', "'''", '"', "'"):
            if value.startswith(quote):
                inside = value[len(quote) : len(quote) + error.offset]
                if quote.startswith("'") or "\\" not in inside:
                    return column + len(quote) + error.offset
                break
    if error.pattern is not None:
        found = re.search(error.pattern, value)
        if found:
            return column + found.start("at")
    return None
