"""A query resolved into solver literals, and which of its members a model breaks.

:class:`Resolved` is what the reasoner makes of a query's ``assume`` and
``at`` (normalised by :func:`commitlogic.model.query.normalise`): the
literals to assume, and the *members* (active statements and assumptions)
that a conflict or an explanation may name.  :meth:`Resolved.broken` reads
a model back into the members it falsifies, which guides the search for a
minimal conflict (:mod:`commitlogic.reasoning.minimal`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from itertools import compress

import attrs

from commitlogic._memory import paused_gc
from commitlogic.model.dates import When
from commitlogic.model.formulas import Atom, Formula, Not, parse_formula
from commitlogic.model.scenario import Kind, Scenario, Statement

__all__ = ["AtDate", "Resolved", "constraint", "holds", "statements_at"]


def constraint(statement: Statement) -> tuple[Formula | None, Formula] | None:
    """Return a statement's antecedent (``None``: always) and consequent; ``None`` for might."""
    kind, subject, condition = statement.kind, statement.subject, statement.condition
    if kind is Kind.MIGHT:
        return None
    if kind is Kind.REFUSES:
        return None, Not(subject)
    if kind is Kind.IF:
        assert condition is not None
        return condition, subject
    if kind is Kind.ONLY_IF:
        assert condition is not None
        return subject, condition
    return None, subject  # commits, observed


@attrs.frozen
class Resolved:
    """One query, resolved: the literals to assume and how to name them back."""

    background: list[int]  # always assumed: inactive statements are off
    members: dict[int, str]  # literal -> statement id or "assume:<text>"
    order: list[str]  # conflict members in report order
    universe: dict[str, int]  # atom texts, in order -> their places in the program
    impossible: str | None  # an assumption that can never hold, if any
    # literal -> each member: its statement (see constraint()) or an assumption's (None, formula)
    constraints: dict[int, Statement | tuple[None, Formula]] = attrs.field(factory=dict)
    assumed: tuple[Formula, ...] = ()  # the assumed formulas
    commitments: list[int] = attrs.field(factory=list)  # places of the active commitments
    at: When | None = None  # the query's date

    def assumptions(self, members: Iterable[int] | None = None, *extra: int) -> list[int]:
        """Return the background, the chosen members (default: all) and ``extra``."""
        chosen = self.members if members is None else members
        return [*self.background, *chosen, *extra]

    def broken(self, true_atoms: Collection[str]) -> Collection[int]:
        """Return (lazily) the members falsified where exactly ``true_atoms`` hold."""
        return _Broken(self.constraints, _Truth(true_atoms))


#: What a query date fixes: the background (inactive statements off), the
#: members (literal -> statement id), their constraints and the places of the
#: active commitments.
AtDate = tuple[list[int], dict[int, str], dict[int, Statement | tuple[None, Formula]], list[int]]


def statements_at(
    scenario: Scenario, literals: Sequence[int], is_commitment: Sequence[bool], at: When | None
) -> AtDate:
    """Return the background, members, constraints and active commitments at a date.

    ``literals`` and ``is_commitment`` give each statement's ``active(S)``
    literal and whether it is a commitment, by its place in the scenario.
    """
    with paused_gc():
        statements = scenario.statements
        ids = [statement.id for statement in statements]
        active = scenario.active(at)
        if len(active) == len(statements):  # every statement (no date, none superseded)
            members = dict(zip(literals, ids, strict=True))
            constraints: dict[int, Statement | tuple[None, Formula]] = dict(
                zip(literals, statements, strict=True)
            )
            commitments = list(compress(range(len(statements)), is_commitment))
            return [], members, constraints, commitments
        chosen = set(active)
        background: list[int] = []
        members = {}
        constraints = {}
        commitments = []
        for place, statement in enumerate(statements):
            literal = literals[place]
            if ids[place] in chosen:
                members[literal] = ids[place]
                constraints[literal] = statement
                if is_commitment[place]:
                    commitments.append(place)
            else:
                background.append(-literal)
    return background, members, constraints, commitments


def holds(formula: Formula, true_atoms: Collection[str]) -> bool:
    """Return whether ``formula`` holds where exactly the atoms named ``true_atoms`` hold."""
    return formula.evaluate(_Truth(true_atoms))


class _Truth(Mapping[Atom, bool]):
    """Atoms by truth value, from the texts of the true ones (for ``Formula.evaluate``)."""

    def __init__(self, names: Collection[str]) -> None:
        self._names = names

    def __getitem__(self, atom: Atom) -> bool:
        return str(atom) in self._names

    def get(self, atom: Atom, default: object = False) -> bool:  # type: ignore[override]
        return str(atom) in self._names

    def __iter__(self) -> Iterator[Atom]:
        """The true atoms (a mapping's keys; ``evaluate`` only looks atoms up)."""
        for name in self._names:
            parsed = parse_formula(name)
            assert isinstance(parsed, Atom)
            yield parsed

    def __len__(self) -> int:
        return len(self._names)


class _Broken(Collection[int]):
    """The member literals a model falsifies, evaluated when asked."""

    def __init__(self, constraints: dict[int, Statement | tuple[None, Formula]], truth: _Truth):
        self._constraints, self._truth = constraints, truth

    def __contains__(self, literal: object) -> bool:
        member = self._constraints.get(literal)  # type: ignore[call-overload]
        found = constraint(member) if isinstance(member, Statement) else member
        if found is None:
            return False
        antecedent, consequent = found
        if antecedent is not None and not antecedent.evaluate(self._truth):
            return False
        return not consequent.evaluate(self._truth)

    def __iter__(self) -> Iterator[int]:
        return (literal for literal in self._constraints if literal in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)
