"""Plain result objects of the reasoner, and their JSON form (SPEC section 4)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from commitlogic._memory import paused_gc
from commitlogic.reasoning import tables

__all__ = ["Explanation", "State", "Status", "StatusReport", "Witnesses"]


class Status(enum.StrEnum):
    """Where a formula stands across the outcomes."""

    CERTAIN = "certain"
    """True in every outcome."""
    POSSIBLE = "possible"
    """True in some outcomes and false in others."""
    IMPOSSIBLE = "impossible"
    """True in no outcome."""

    @classmethod
    def from_bounds(cls, *, in_some: bool, in_all: bool) -> Status:
        """Return the status of a formula true in some and/or all outcomes."""
        if in_all:
            return cls.CERTAIN
        return cls.POSSIBLE if in_some else cls.IMPOSSIBLE


class State(enum.StrEnum):
    """The state of an active commitment in one outcome."""

    DISCHARGED = "discharged"
    """Its antecedent and its consequent hold."""
    EXPIRED = "expired"
    """Its antecedent does not hold, so it asks nothing."""
    VIOLATED = "violated"
    """Its antecedent holds and its consequent does not."""


#: The JSON text of each status and state (equal strings hash alike, so plain text works too).
_TEXT: dict[str, str] = {member: member.value for member in (*Status, *State)}


@attrs.frozen(hash=False)
class StatusReport:
    """The answer to a status query: the JSON object of SPEC section 4 as a value.

    Attributes
    ----------
    consistent
        Whether at least one outcome exists.
    atoms
        The status of every atom of the universe, by canonical text
        (``attends(putin,istanbul_talks)``); empty when inconsistent.
    outcomes
        The status of every declared outcome, by id; empty when inconsistent.
    commitments
        For every active commitment, the sorted states it takes across the
        outcomes; empty when inconsistent.
    conflict
        When inconsistent, a minimal set of statement ids and assumptions
        (``assume:<formula as given>``) that has no outcome; else ``None``.
    cost
        In tolerant mode, the least total weight of broken commitments;
        ``None`` in strict mode and when there is no outcome.
    tolerant
        Whether the report comes from tolerant mode; its JSON then always
        has ``cost`` (``null`` when there is no outcome).
    """

    consistent: bool
    atoms: Mapping[str, Status] = attrs.field(factory=dict)
    outcomes: Mapping[str, Status] = attrs.field(factory=dict)
    commitments: Mapping[str, tuple[State, ...]] = attrs.field(factory=dict)
    conflict: tuple[str, ...] | None = None
    cost: int | None = None
    tolerant: bool = False

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object of ``commitlogic status --json``."""
        with paused_gc():  # a large report builds many objects that live on
            return self._json()

    def _json(self) -> dict[str, Any]:
        atoms, outcomes, commitments = self.atoms, self.outcomes, self.commitments
        text = _TEXT  # a lookup per entry, not a call of StrEnum.__str__
        states: dict[tuple[State, ...], tuple[str, ...]] = {}  # a few distinct tuples
        for found in {tuple(value) for value in commitments.values()}:
            states[found] = tuple(text[state] for state in found)
        result: dict[str, Any] = {
            "consistent": self.consistent,
            "atoms": {name: text[atoms[name]] for name in sorted(atoms)},
            "outcomes": {name: text[outcomes[name]] for name in sorted(outcomes)},
            "commitments": {
                name: list(states[tuple(commitments[name])]) for name in sorted(commitments)
            },
            "conflict": None if self.conflict is None else list(self.conflict),
        }
        if self.tolerant:
            result["cost"] = self.cost
        return result

    @property
    def settled(self) -> dict[str, State]:
        """The commitments already settled: in the same state in every outcome."""
        return {name: states[0] for name, states in self.commitments.items() if len(states) == 1}

    @property
    def broken(self) -> tuple[str, ...]:
        """The commitments violated in every outcome (tolerant mode), sorted."""
        settled = sorted(self.settled.items())
        return tuple(name for name, state in settled if state is State.VIOLATED)

    @property
    def at_risk(self) -> tuple[str, ...]:
        """The commitments violated in some outcomes but not all (tolerant mode), sorted."""
        return tuple(
            name
            for name, states in sorted(self.commitments.items())
            if State.VIOLATED in states and len(states) > 1
        )

    def _repr_html_(self) -> str:
        """Show the report as a table in Jupyter (see ``reasoning.tables``)."""
        if not self.consistent:
            caption = f"inconsistent; conflict: {', '.join(self.conflict or ())}"
        else:
            caption = "consistent" + ("" if self.cost is None else f", cost {self.cost}")
        return tables.html_table(*self.rows(), caption=caption)

    def to_pandas(self) -> Any:
        """Return a ``pandas.DataFrame``: one row per outcome, atom and commitment.

        Columns ``kind``, ``name``, ``status`` (a commitment's states joined
        by commas).  Needs the ``pandas`` extra.
        """
        return tables.frame(*self.rows())

    def rows(self) -> tuple[tuple[str, ...], list[tables.Row]]:
        """Return the columns and rows of the report's tables: kind, name, status."""
        rows: list[tables.Row] = [("outcome", n, str(s)) for n, s in self.outcomes.items()]
        rows += [("atom", name, str(s)) for name, s in self.atoms.items()]
        rows += [("commitment", n, ", ".join(states)) for n, states in self.commitments.items()]
        return ("kind", "name", "status"), rows

    def statuses(self) -> dict[str, Status]:
        """Return the status of every outcome (by id) and atom (by text), in one mapping."""
        return {**self.outcomes, **self.atoms}

    def with_status(self, status: Status) -> list[str]:
        """Return the atoms and outcomes (outcome ids first) that have ``status``, sorted."""
        return sorted(name for name, s in self.outcomes.items() if s is status) + sorted(
            name for name, s in self.atoms.items() if s is status
        )


@attrs.frozen
class Witnesses:
    """Two outcomes that show a formula is possible: one where it holds, one where it fails.

    Each outcome is given by its true atoms, sorted; every other atom is false.
    """

    holds: tuple[str, ...]
    fails: tuple[str, ...]

    def to_json(self) -> dict[str, list[str]]:
        """Return the ``witnesses`` object of ``commitlogic explain --json``."""
        return {"holds": list(self.holds), "fails": list(self.fails)}


@attrs.frozen
class Explanation:
    """Why a formula has its status (SPEC section 3, *Explanations*).

    Attributes
    ----------
    formula
        The formula explained, in canonical text.
    status
        Its status, or ``None`` when the scenario has no outcome at all.
    because
        For a certain or impossible formula, a minimal set of active
        statement ids and assumptions (``assume:<formula as given>``) under
        which it is already so: statement ids in file order, then
        assumptions in the order given.  When there is no outcome, the
        minimal conflict.  ``None`` for a possible formula.
    witnesses
        For a possible formula, an outcome where it holds and one where it
        fails; else ``None``.
    """

    formula: str
    status: Status | None
    because: tuple[str, ...] | None = None
    witnesses: Witnesses | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object of ``commitlogic explain --json``."""
        return {
            "formula": self.formula,
            "status": None if self.status is None else str(self.status),
            "because": None if self.because is None else list(self.because),
            "witnesses": None if self.witnesses is None else self.witnesses.to_json(),
        }

    def rows(self) -> tuple[tuple[str, ...], list[tables.Row]]:
        """Return the columns and rows of the explanation: role (because, holds, fails), item."""
        rows: list[tables.Row] = [("because", member) for member in self.because or ()]
        if self.witnesses is not None:
            rows += [("holds", atom) for atom in self.witnesses.holds]
            rows += [("fails", atom) for atom in self.witnesses.fails]
        return ("role", "item"), rows

    def _repr_html_(self) -> str:
        """Show the explanation as a table in Jupyter (see ``reasoning.tables``)."""
        status = "no outcome" if self.status is None else str(self.status)
        return tables.html_table(*self.rows(), caption=f"{self.formula}: {status}")

    def to_pandas(self) -> Any:
        """Return a ``pandas.DataFrame`` with columns ``role`` and ``item``.

        Roles: ``because`` (statement ids and assumptions), ``holds`` and
        ``fails`` (the true atoms of the two witnesses).  Needs the ``pandas`` extra.
        """
        return tables.frame(*self.rows())
