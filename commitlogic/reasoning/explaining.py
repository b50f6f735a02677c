"""Conflicts and explanations: minimal sets of members, and witness outcomes.

A *conflict* is a minimal set of a query's members (active statements and
assumptions) without an outcome; a *reason* for a certain formula is a
minimal set under which it cannot fail (SPEC section 3).  Both are the same
search (:func:`commitlogic.reasoning.minimal.minimal_subset`) over one
solving interface, ``check(members) -> (satisfiable, core or broken
members)``, built here on the live :class:`~commitlogic.reasoning.solver.Solver`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from commitlogic.model.formulas import Formula
from commitlogic.reasoning.clauses import ClauseProgram
from commitlogic.reasoning.minimal import minimal_subset
from commitlogic.reasoning.narrowed import Narrowed
from commitlogic.reasoning.resolved import Resolved
from commitlogic.reasoning.results import Explanation, Status, Witnesses
from commitlogic.reasoning.solver import Solver

if TYPE_CHECKING:
    from commitlogic.reasoning.grounded import GroundProgram

    Program = ClauseProgram | GroundProgram

__all__ = ["Search"]

#: A core of at most this many literals is minimised as it is; a larger one
#: is first narrowed by propagation (see ``Search._core``).
_SMALL = 64


class Search:
    """Conflicts, formula statuses and explanations on one live solver.

    Parameters
    ----------
    solver
        The live solver.
    maximize
        The literal of the external ``maximize`` (rules/heuristics.lp).
    """

    def __init__(self, solver: Solver, maximize: int, program: Program) -> None:
        self._solver = solver
        self._maximize = maximize
        self._program = program
        self._names: dict[int, str] = {}  # atom literal -> atom text

    def _true_atoms(self, true: Iterable[int]) -> set[str]:
        """Return the texts of the atoms whose literals are ``true``."""
        program = self._program
        if len(self._names) != len(program.atoms):
            self._names = dict(zip(program.atoms, program.names, strict=True))
        return {self._names[literal] for literal in true}

    def check(
        self, query: Resolved, *fixed: int
    ) -> Callable[[Sequence[int]], tuple[bool, Collection[int]]]:
        """Return the ``check`` of minimal_subset for the members of ``query`` with ``fixed``.

        Costs are ignored (tolerant mode: only hard facts can conflict).  A
        model is read back into the members it breaks, which guides the search.
        """

        def check(members: Sequence[int]) -> tuple[bool, Collection[int]]:
            assumptions = query.assumptions(members, *fixed)
            true, core = self._solver.model_or_core(assumptions, self._program.atoms)
            if true is None:
                return False, core
            return True, query.broken(self._true_atoms(true))

        return check

    def minimal(
        self,
        query: Resolved,
        *fixed: int,
        core: Collection[int] | None = None,
        hard: Sequence[tuple[Formula, bool]] = (),
    ) -> tuple[str, ...]:
        """Return a minimal set of members that has no outcome together with ``fixed``.

        ``hard`` gives the formulas of ``fixed`` (must hold, or must fail).
        ``core`` is a core of the live solver's when the caller has one (it
        saves a call).  In the clause encoding, the search then runs on a
        program of the core's members alone (:mod:`~commitlogic.reasoning.narrowed`).
        """
        members = list(query.members)
        if isinstance(self._program, ClauseProgram):
            core = self._core(query, fixed, core)
            in_core = set(core)
            candidates = [member for member in members if member in in_core]
            narrowed = Narrowed(self._solver, query, candidates, hard)
            needed = set(minimal_subset(candidates, narrowed.check))
        else:
            needed = set(minimal_subset(members, self.check(query, *fixed), core))
        names = {query.members[literal] for literal in needed}
        return tuple(name for name in query.order if name in names)

    def _core(
        self, query: Resolved, fixed: Sequence[int], core: Collection[int] | None
    ) -> Collection[int]:
        """Return a core of the members with ``fixed``: by propagation when it finds one.

        clasp's core is every member when the conflict shows while the
        assumptions are propagated (:mod:`~commitlogic.reasoning.propagation`).
        Propagation tries the assumptions first, then the statements.
        """
        assert isinstance(self._program, ClauseProgram)
        if core is None or len(core) > _SMALL:
            assumed = [m for m, found in query.constraints.items() if isinstance(found, tuple)]
            order = [*fixed, *assumed, *query.background, *query.members]
            found = self._program.clauses.core(order)
            if found is not None:
                return found
        if core is None:
            satisfiable, core = self._solver.check(query.assumptions(None, *fixed))
            assert not satisfiable, "a minimal conflict of members with an outcome"
        return core

    def conflict(self, query: Resolved, core: Collection[int] | None = None) -> tuple[str, ...]:
        """Return a minimal set of members that has no outcome (the query has none).

        ``core``: the live solver's core of the query's failed call, if known.
        """
        if query.impossible is not None:
            return (query.impossible,)
        return self.minimal(query, core=core)

    def status_of(
        self,
        query: Resolved,
        literal: int,
        bound: int | None,
        can_hold: bool = False,
        can_fail: bool = False,
    ) -> Status | None:
        """Return the status of the formula whose ``holds`` atom is ``literal``.

        Two solver calls: can it hold, can it fail?  ``None`` when it can do
        neither: the query has no outcome.  ``can_hold`` or ``can_fail``
        true (an outcome already known) saves that call.
        """
        can_hold = can_hold or self._solver.check(query.assumptions(None, literal), bound)[0]
        can_fail = can_fail or self._solver.check(query.assumptions(None, -literal), bound)[0]
        if not (can_hold or can_fail):
            return None
        return Status.from_bounds(in_some=can_hold, in_all=not can_fail)

    def witness(self, literals: list[int], universe: Iterable[str]) -> tuple[str, ...]:
        """Return the true atoms of ``universe`` in one outcome under ``literals``, sorted.

        The solver prefers false atoms (rules/heuristics.lp), so the witness
        makes true only what it has to, as far as it sees.
        """
        found = self._solver.model([*literals, -self._maximize], None, self._program.atoms)
        true = self._true_atoms(found or [])
        return tuple(sorted(name for name in universe if name in true))

    def explain(self, query: Resolved, formula: Formula, literal: int | None) -> Explanation:
        """Explain the status of ``formula``, whose ``holds`` literal is ``literal`` (strict mode).

        For a certain formula, a minimal set of members under which it cannot
        fail (for an impossible one, cannot hold); for a possible one, two
        witness outcomes; without any outcome, the status ``None`` and a
        minimal conflict.
        """
        text = str(formula)
        if query.impossible is not None:
            return Explanation(text, None, because=self.conflict(query))
        consistent, core = self._solver.check(query.assumptions())
        if not consistent:
            return Explanation(text, None, because=self.conflict(query, core))
        if literal is None:  # the formula was simplified away as false: no reason needed
            return Explanation(text, Status.IMPOSSIBLE, because=())
        status = self.status_of(query, literal, None)
        if status is Status.CERTAIN:
            because = self.minimal(query, -literal, hard=[(formula, False)])
            return Explanation(text, status, because=because)
        if status is Status.IMPOSSIBLE:
            because = self.minimal(query, literal, hard=[(formula, True)])
            return Explanation(text, status, because=because)
        universe = {**query.universe, **dict.fromkeys(map(str, formula.atoms()))}
        witnesses = Witnesses(
            holds=self.witness(query.assumptions(None, literal), universe),
            fails=self.witness(query.assumptions(None, -literal), universe),
        )
        return Explanation(text, status, witnesses=witnesses)
