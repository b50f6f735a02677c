"""Outcomes kept from a status, reused by later what-ifs at the same date (strict mode).

Every model a strict status finds is an outcome of the active statements
alone, whatever that status assumed.  So a later what-if formula at the same
date may look at the kept outcomes that satisfy its own assumptions: one
where the formula holds shows it can hold, one where it fails shows it can
fail, without a solver call.  (Certain and impossible still need the
solver's proof.)
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from commitlogic.model.formulas import Formula
from commitlogic.reasoning.resolved import Resolved, holds

__all__ = ["Kept"]


class Kept:
    """The outcomes of the last strict status, by their true atoms, and the date they hold at."""

    def __init__(self) -> None:
        self.universe: dict[str, int] = {}  # the scenario's atoms: the kept outcomes decide them
        self._background: tuple[int, ...] | None = None
        self._outcomes: list[frozenset[str]] | None = []
        # What keep() was given, read into outcomes the first time show() needs them.
        self._given: tuple[list[str], list[int | None], Sequence[Collection[int]]] | None = None

    def forget(self) -> None:
        """Drop the kept outcomes (a statement was added: they may break it)."""
        self._background, self._outcomes, self._given = None, [], None

    def keep(
        self, query: Resolved, true: Sequence[int | None], models: Sequence[Collection[int]]
    ) -> None:
        """Keep the models of a status of ``query``; ``true`` gives each universe atom's literal."""
        self._background = tuple(query.background)
        self._given = (list(query.universe), list(true), models)
        self._outcomes = None

    def _kept(self) -> list[frozenset[str]]:
        if self._outcomes is None:
            assert self._given is not None
            names, true, models = self._given
            named = list(zip(names, true, strict=True))
            self._outcomes = []
            for model in models:
                found = set(model)
                self._outcomes.append(
                    frozenset(name for name, literal in named if literal in found)
                )
        return self._outcomes

    def show(self, query: Resolved, formula: Formula) -> tuple[bool, bool]:
        """Return whether kept outcomes show that ``formula`` can hold, and can fail, in ``query``.

        Only at the date of the kept outcomes, and for formulas over the
        scenario's own atoms; otherwise ``(False, False)``: nothing shown.
        """
        if self._background is None or self._background != tuple(query.background):
            return False, False
        formulas = (*query.assumed, formula)
        if any(str(atom) not in self.universe for f in formulas for atom in f.atoms()):
            return False, False
        can_hold = can_fail = False
        for true in self._kept():
            if all(holds(assumed, true) for assumed in query.assumed):
                if holds(formula, true):
                    can_hold = True
                else:
                    can_fail = True
        return can_hold, can_fail
