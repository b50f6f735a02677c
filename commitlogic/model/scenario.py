"""The scenario model: actors, events, statements, outcomes and whole scenarios.

Every class is an immutable attrs value, so scenarios compare and hash by
content: a scenario built in Python equals the same scenario loaded from
TOML.  Each class validates what it can see on its own; :class:`Scenario`
checks the references between entries (SPEC sections 1 and 2).  Errors are
:class:`~commitlogic.errors.ScenarioError` naming the entry and the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import attrs

from commitlogic.model.dates import When, parse_at
from commitlogic.model.entries import CONDITION_ALLOWED as CONDITION_ALLOWED
from commitlogic.model.entries import CONDITION_REQUIRED as CONDITION_REQUIRED
from commitlogic.model.entries import (
    MAX_WEIGHT,
    Actor,
    Event,
    Kind,
    Outcome,
    Statement,
    _credibility,
    _fail,
    _text,
)
from commitlogic.model.entries import numbered_id as numbered_id
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Atom, Formula, attends
from commitlogic.model.names import expand, resolve_names

__all__ = ["MAX_WEIGHT", "Actor", "Event", "Kind", "Outcome", "Scenario", "Statement"]


@attrs.frozen
class Scenario:
    """A whole scenario: who is involved, which meetings, what was said.

    Construction checks every reference between entries: ids are unique per
    table, ``by``, ``to``, ``invited`` and the arguments of ``attends`` name
    declared actors and events, ``supersedes`` names known statements without
    a cycle.

    Outcome names (SPEC section 2) are expanded here: in ``statements`` and
    ``outcomes`` every bare id of a declared outcome is replaced by that
    outcome's formula, so every reader of the scenario sees what the
    formulas mean.  :meth:`written` gives a formula as it was written.
    """

    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    description: str | None = attrs.field(default=None, validator=_text, kw_only=True)
    credibility: float | None = attrs.field(default=None, validator=_credibility, kw_only=True)
    actors: tuple[Actor, ...] = attrs.field(default=(), converter=tuple, kw_only=True)
    events: tuple[Event, ...] = attrs.field(default=(), converter=tuple, kw_only=True)
    statements: tuple[Statement, ...] = attrs.field(default=(), converter=tuple, kw_only=True)
    outcomes: tuple[Outcome, ...] = attrs.field(default=(), converter=tuple, kw_only=True)
    # The formulas as written, where they name outcomes: (table, id, field) -> formula.
    _written: dict[tuple[str, str, str], Formula] = attrs.field(
        factory=dict, eq=False, repr=False, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        statements = self.statements
        if set(map(type, statements)) <= {Statement} and set(map(type, self.outcomes)) <= {Outcome}:
            said, free = _mentions(
                [s.subject for s in statements]
                + [s.condition for s in statements if s.condition is not None]
            )
            when, _free = _mentions([outcome.when for outcome in self.outcomes])
            _check_references(self, said | when)
            _expand_names(self, free)
        else:
            _check_references(self)
            _expand_names(self)

    # ------------------------------------------------------------------ lookups

    def statement(self, statement_id: str) -> Statement:
        """Return the statement with this id (``KeyError`` if there is none)."""
        for statement in self.statements:
            if statement.id == statement_id:
                return statement
        raise KeyError(statement_id)

    def atoms(self) -> tuple[Atom, ...]:
        """Return the atom universe of SPEC section 2, without duplicates.

        Every ``attends(a, e)`` with ``a`` invited to ``e``, then every atom of
        every statement and outcome, whatever its date or supersession.
        """
        seen: dict[Atom, None] = {}
        for actor, event in self.invitations():
            seen.setdefault(attends(actor, event))
        for formula in self.formulas():
            for item in formula.atoms():
                seen.setdefault(item)
        return tuple(seen)

    def invitations(self) -> Iterator[tuple[str, str]]:
        """Yield ``(actor, event)`` for each actor invited to each event, in order.

        Events in file order, and for each its ``invited`` list, or every
        actor in file order when it has none: the order in which the
        attendances open the atom universe (:meth:`atoms`).
        """
        everyone = tuple(actor.id for actor in self.actors)
        for event in self.events:
            for actor in everyone if event.invited is None else event.invited:
                yield actor, event.id

    def formulas(self) -> Iterator[Formula]:
        """Yield every formula of the scenario's statements and outcomes."""
        for statement in self.statements:
            for _field, formula in statement.formulas():
                yield formula
        for outcome in self.outcomes:
            yield outcome.when

    def active(self, at: When | str | None = None) -> tuple[str, ...]:
        """Return the ids of the statements active at ``at``, in file order (SPEC section 3).

        A statement is present when it has no ``said`` or was said on or
        before ``at``; it is active when it is present and no present
        statement supersedes it.  Without ``at`` every statement is present.
        """
        moment = None if at is None else parse_at(at)
        present = [s for s in self.statements if s.is_present(moment)]
        superseded = {old for s in present for old in s.supersedes}
        return tuple(s.id for s in present if s.id not in superseded)

    def dates(self) -> tuple[When, ...]:
        """Return the distinct ``said`` dates and datetimes, in order."""
        return tuple(sorted({s.said for s in self.statements if s.said is not None}, key=_sort_key))

    def check_formula(self, formula: Formula) -> None:
        """Raise :class:`ScenarioError` unless ``attends`` in ``formula`` names declared ids."""
        _check_attendance(
            formula, {actor.id for actor in self.actors}, {event.id for event in self.events}
        )

    def expand(self, formula: Formula) -> Formula:
        """Return ``formula`` with every outcome name replaced by that outcome's formula.

        Raises
        ------
        ScenarioError
            When the expanded formula would nest too deep or be too large.
        """
        return expand(formula, {outcome.id: outcome.when for outcome in self.outcomes})

    def written(self, entry: Statement | Outcome, field: str) -> Formula:
        """Return the formula in ``field`` of ``entry`` as written, outcome names unexpanded.

        Parameters
        ----------
        entry
            A statement or outcome of this scenario.
        field
            ``subject`` or ``condition`` for a statement, ``when`` for an outcome.
        """
        table = "statements" if isinstance(entry, Statement) else "outcomes"
        found = self._written.get((table, entry.id, field))
        return getattr(entry, field) if found is None else found

    def with_statement(self, statement: Statement) -> Scenario:
        """Return a copy of this scenario with ``statement`` appended (validated).

        Only the new statement is checked against the scenario, which is valid
        already; when it has a fault, or names an outcome, the whole scenario
        is checked again, so that the error is the one construction gives.
        """
        if self._written or not _fits(self, statement):
            return attrs.evolve(self, statements=(*self.statements, statement))
        grown = object.__new__(Scenario)
        for field in attrs.fields(Scenario):
            object.__setattr__(grown, field.name, getattr(self, field.name))
        object.__setattr__(grown, "statements", (*self.statements, statement))
        object.__setattr__(grown, "_written", {})
        return grown


def _sort_key(value: When) -> tuple[object, ...]:
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return (value.date(), 1, moment)
    return (value, 0, None)


#: The scenario's tables (file keys and attributes) and the class of their entries.
TABLES: dict[str, type] = {
    "actors": Actor,
    "events": Event,
    "statements": Statement,
    "outcomes": Outcome,
}


def entry_where(table: str, index: int, entry_id: object) -> dict[str, Any]:
    """Return the error attributes that place an entry: its table, index and label.

    The label reads ``statement 'x'``, or ``statement #3`` without a usable id.
    """
    noun = table.removesuffix("s")  # actors -> actor
    named = isinstance(entry_id, str) and bool(entry_id)
    return {
        "table": table,
        "index": index,
        "entry": f"{noun} {entry_id!r}" if named else f"{noun} #{index + 1}",
        "statement": entry_id if named and table == "statements" else None,
    }


def _fits(scenario: Scenario, statement: Statement) -> bool:
    """Whether ``statement`` can join the (valid) scenario as it is: no fault, no outcome name."""
    if type(statement) is not Statement:
        return False
    ids = {old.id for old in scenario.statements}
    if statement.id in ids or not ids.issuperset(statement.supersedes):
        return False
    actors = {actor.id for actor in scenario.actors}
    if not {statement.by, statement.to} - {None} <= actors:
        return False
    pairs, free = _mentions([formula for _field, formula in statement.formulas()])
    if not free.isdisjoint(outcome.id for outcome in scenario.outcomes):
        return False
    return _attendance_holds(pairs, actors, {event.id for event in scenario.events})


def _mentions(formulas: list[Formula]) -> tuple[set[tuple[str, ...]], set[str]]:
    """The ``(actor, event)`` of every ``attends`` in ``formulas``, and the free names.

    Plain atoms (most formulas of a large file) are read in place, without
    hashing an atom; a compound formula shared by many entries is walked once.
    """
    plain = [formula for formula in formulas if type(formula) is Atom]
    compound = {id(formula): formula for formula in formulas if type(formula) is not Atom}
    for formula in compound.values():
        plain.extend(formula.atoms())
    pairs = {atom.args for atom in plain if atom.name == "attends"}
    return pairs, {atom.name for atom in plain if not atom.args}


def _attendance_holds(pairs: set[tuple[str, ...]], actors: set[str], events: set[str]) -> bool:
    return {pair[0] for pair in pairs} <= actors and {pair[1] for pair in pairs} <= events


def _references_hold(scenario: Scenario, pairs: set[tuple[str, ...]]) -> bool:
    """Whether every reference holds, decided with set operations (no message built).

    ``False`` sends :func:`_check_references` through the entries one by
    one, to raise the first fault as it always has.
    """
    for table, cls in TABLES.items():
        entries = getattr(scenario, table)
        if not set(map(type, entries)) <= {cls}:
            return False
        if len({entry.id for entry in entries}) != len(entries):
            return False
    actors = {actor.id for actor in scenario.actors}
    invited: set[str] = set()
    for event in scenario.events:
        if event.invited:
            invited.update(event.invited)
    statements = scenario.statements
    people = {s.by for s in statements} | {s.to for s in statements}
    people.discard(None)
    superseded: set[str] = set()
    for statement in statements:
        if statement.supersedes:
            superseded.update(statement.supersedes)
    return (
        invited <= actors
        and people <= actors
        and superseded <= {s.id for s in statements}
        and _attendance_holds(pairs, actors, {event.id for event in scenario.events})
    )


def _check_references(scenario: Scenario, pairs: set[tuple[str, ...]] | None = None) -> None:
    """Raise the first broken reference between entries (see :class:`Scenario`).

    ``pairs`` holds the ``(actor, event)`` of every ``attends`` when known:
    then set operations decide, and only a fault walks the entries one by one.
    """
    if pairs is None or not _references_hold(scenario, pairs):
        _check_each_reference(scenario)
    _check_acyclic(scenario)


def _check_each_reference(scenario: Scenario) -> None:
    for table, cls in TABLES.items():
        entries = getattr(scenario, table)
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            if not isinstance(entry, cls):
                raise _fail(
                    f"expected {cls.__name__}, got {type(entry).__name__}",
                    **entry_where(table, index, ""),
                )
            if entry.id in seen:
                raise _fail(
                    f"duplicate id {entry.id!r} in [[{table}]]",
                    "id",
                    **entry_where(table, index, entry.id),
                )
            seen.add(entry.id)
    actors = {actor.id for actor in scenario.actors}
    events = {event.id for event in scenario.events}
    for index, event in enumerate(scenario.events):
        for actor in event.invited or ():
            if actor not in actors:
                raise _fail(
                    f"unknown actor {actor!r} in invited",
                    "invited",
                    pattern=_word(actor),
                    **entry_where("events", index, event.id),
                )
    ids = {statement.id for statement in scenario.statements}
    for index, statement in enumerate(scenario.statements):
        where = entry_where("statements", index, statement.id)
        for field in ("by", "to"):
            actor = getattr(statement, field)
            if actor is not None and actor not in actors:
                raise _fail(f"unknown actor {actor!r}", field, pattern=_word(actor), **where)
        for field, formula in statement.formulas():
            _check_attendance(formula, actors, events, field=field, **where)
        for old in statement.supersedes:
            if old not in ids:
                raise _fail(
                    f"unknown statement {old!r} in supersedes",
                    "supersedes",
                    pattern=_word(old),
                    **where,
                )
    for index, outcome in enumerate(scenario.outcomes):
        where = entry_where("outcomes", index, outcome.id)
        _check_attendance(outcome.when, actors, events, field="when", **where)


def _expand_names(scenario: Scenario, free: set[str] | None = None) -> None:
    """Expand outcome names in place (the scenario is being built); keep what was written.

    ``free`` holds the names of the atoms without arguments in the
    statements, when known: none of them an outcome's id, no statement changes.
    """
    # ``_written`` may come from an earlier scenario, carried over by attrs.evolve.
    statements, outcomes, written = resolve_names(
        scenario.statements, scenario.outcomes, scenario._written, entry_where, free
    )
    object.__setattr__(scenario, "outcomes", outcomes)
    object.__setattr__(scenario, "statements", statements)
    object.__setattr__(scenario, "_written", written)


def _check_attendance(formula: Formula, actors: set[str], events: set[str], **where: Any) -> None:
    """Raise unless every ``attends(a, e)`` in ``formula`` names a declared actor and event."""
    for item in formula.atoms():
        if item.name != "attends":
            continue
        actor, event = item.args
        if actor not in actors:
            raise ScenarioError(
                f"unknown actor {actor!r} in {item}",
                pattern=_attendance(f"(?P<at>{re.escape(actor)})", re.escape(event)),
                **where,
            )
        if event not in events:
            raise ScenarioError(
                f"unknown event {event!r} in {item}",
                pattern=_attendance(re.escape(actor), f"(?P<at>{re.escape(event)})"),
                **where,
            )


def _attendance(actor: str, event: str) -> str:
    """Return a pattern that finds ``attends(actor, event)`` or ``absent(...)`` as written."""
    return rf"(?<![A-Za-z0-9_])(?:attends|absent)\s*\(\s*{actor}\s*,\s*{event}\s*\)"


def _word(word: str) -> str:
    """Return a pattern that finds ``word`` as a whole identifier (see ScenarioError.pattern)."""
    return rf"(?<![A-Za-z0-9_])(?P<at>{re.escape(word)})(?![A-Za-z0-9_])"


def _check_acyclic(scenario: Scenario) -> None:
    # Only statements that supersede can start or continue a cycle.
    edges = {s.id: s.supersedes for s in scenario.statements if s.supersedes}
    done: set[str] = set()
    for start in edges:
        if start in done:
            continue
        # Iterative depth-first search; ``path`` is the current chain.
        path: list[str] = [start]
        on_path = {start}
        stack: list[Iterator[str]] = [iter(edges[start])]
        while stack:
            following = next(stack[-1], None)
            if following is None:
                stack.pop()
                finished = path.pop()
                on_path.discard(finished)
                done.add(finished)
                continue
            if following in on_path:
                cycle = [*path[path.index(following) :], following]
                index_of = {s.id: i for i, s in enumerate(scenario.statements)}
                raise _fail(
                    "supersedes cycle: " + " -> ".join(cycle),
                    "supersedes",
                    **entry_where("statements", index_of[following], following),
                )
            if following in done:
                continue
            path.append(following)
            on_path.add(following)
            stack.append(iter(edges.get(following, ())))
