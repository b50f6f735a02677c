"""Reading answers back by position: the backbone's solver oracle and the status report.

A status reads literals kept in lists indexed like the scenario (atoms of
the universe, declared outcomes, active commitments: see
:mod:`commitlogic.reasoning.clauses`).  :class:`SolverOracle` gives the
backbone search (:mod:`commitlogic.reasoning.backbone`) the true ones among
them in each model; :class:`Read` turns the brave and cautious sets into a
:class:`~commitlogic.reasoning.results.StatusReport`, building no object per
key beyond the report's own entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from commitlogic._memory import paused_gc
from commitlogic.reasoning.clauses import ClauseProgram
from commitlogic.reasoning.grounded import GroundProgram
from commitlogic.reasoning.resolved import Resolved
from commitlogic.reasoning.results import State, Status, StatusReport
from commitlogic.reasoning.solver import Solver

__all__ = ["Read", "SolverOracle", "keys_of"]


class SolverOracle:
    """The backbone search's view of the solver for one query (see ``backbone.Oracle``).

    Its ``keys`` are the literals of what a status reads: the atoms, the
    declared outcomes and the commitments' antecedents (``triggered``).
    """

    def __init__(
        self,
        solver: Solver,
        assumptions: list[int],
        maximize: int,
        bound: int | None,
        keys: list[int],
    ) -> None:
        self._solver, self._assumptions = solver, assumptions
        self._maximize, self._bound, self.keys = maximize, bound, keys
        self.models: list[list[int]] = []  # every model found, as its true keys
        self.core: list[int] | None = None  # the core of a call that found no model

    def _guided(self, prefer: bool | None) -> list[int]:
        # Prefer true atoms or false ones (rules/heuristics.lp).
        if prefer is None:
            return self._assumptions
        return [*self._assumptions, self._maximize if prefer else -self._maximize]

    def _true(self, true: list[int] | None) -> list[int] | None:
        if true is not None:
            self.models.append(true)
        return true

    def model(self, prefer: bool | None) -> list[int] | None:
        found, core = self._solver.model_or_core(self._guided(prefer), self.keys, self._bound)
        if found is None and self._bound is None:  # a strict query without any outcome
            self.core = core
        return self._true(found)

    def flipped(
        self, up: Sequence[int], down: Sequence[int], prefer: bool | None
    ) -> list[int] | None:
        self._solver.probe([*up, *down])
        guided = self._guided(prefer)
        return self._true(self._solver.flipped(guided, up, down, self._bound, self.keys))


def keys_of(
    program: ClauseProgram | GroundProgram, query: Resolved, tolerant: bool
) -> dict[str, list[int | None]]:
    """Return the literals of what a status of ``query`` reads, by kind, in report order.

    Kinds: ``true`` (per universe atom), ``occurs`` (per outcome),
    ``triggered`` (per active commitment) and in tolerant mode
    ``discharged`` and ``violated`` (``state/2``).  A literal is ``None``
    where the atom can never be true.
    """
    atoms, triggered = program.atoms, program.triggered
    keys: dict[str, list[int | None]] = {
        "true": [atoms[place] for place in query.universe.values()],
        "occurs": list(program.outcomes),
        "triggered": [triggered[place] for place in query.commitments],
    }
    if isinstance(program, GroundProgram) and tolerant:
        states = [program.states(place) for place in query.commitments]
        keys["discharged"] = [discharged for discharged, _ in states]
        keys["violated"] = [violated for _, violated in states]
    return keys


#: The states of a strict commitment by (antecedent brave, antecedent cautious):
#: discharged where it can be triggered, expired where it can be untriggered
#: (rules/display.lp).
_STRICT_STATES = {
    (True, True): (State.DISCHARGED,),
    (True, False): (State.DISCHARGED, State.EXPIRED),
    (False, False): (State.EXPIRED,),
    (False, True): (),  # cannot happen: what holds in every outcome holds in one
}


@attrs.frozen
class Read:
    """The names a report gives, in the order of the keys, and the consequences found."""

    universe: Iterable[str]
    outcomes: Sequence[str]
    commitments: Sequence[str]
    brave: set[int]
    cautious: set[int]

    def statuses(self, literals: Iterable[int | None]) -> list[Status]:
        """Return the status of each literal (``None``: never true)."""
        brave, cautious = self.brave, self.cautious
        certain, possible, impossible = Status.CERTAIN, Status.POSSIBLE, Status.IMPOSSIBLE
        return [
            certain if literal in cautious else possible if literal in brave else impossible
            for literal in literals
        ]

    def states(self, keys: dict[str, list[int | None]]) -> list[tuple[State, ...]]:
        """Return each active commitment's states, from ``triggered`` (and ``state/2``)."""
        brave, cautious = self.brave, self.cautious
        if "violated" not in keys:  # strict mode
            table = _STRICT_STATES
            return [table[t in brave, t in cautious] for t in keys["triggered"]]
        rows = zip(keys["discharged"], keys["triggered"], keys["violated"], strict=True)
        return [
            tuple(
                state
                for state, shown in (
                    (State.DISCHARGED, discharged in brave),
                    (State.EXPIRED, triggered not in cautious),
                    (State.VIOLATED, violated in brave),
                )
                if shown
            )
            for discharged, triggered, violated in rows
        ]

    def report(
        self, keys: dict[str, list[int | None]], cost: int | None, tolerant: bool
    ) -> StatusReport:
        """Return the status report (the collector paused: it builds many objects)."""
        with paused_gc():
            return StatusReport(
                True,
                atoms=dict(zip(self.universe, self.statuses(keys["true"]), strict=True)),
                outcomes=dict(zip(self.outcomes, self.statuses(keys["occurs"]), strict=True)),
                commitments=dict(zip(self.commitments, self.states(keys), strict=True)),
                cost=cost,
                tolerant=tolerant,
            )
