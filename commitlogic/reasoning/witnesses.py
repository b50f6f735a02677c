"""Models kept from a strict status, reused as witnesses by later statuses at its date.

A strict status without assumptions at a date finds a few models: the
witnesses of its backbone search (:mod:`commitlogic.reasoning.backbone`).
A later strict query at that date whose members include all of that
status's members (the statements added to a live reasoner since, what-if
assumptions) has only outcomes of the first one.  So

- a key true in no outcome then is true in none now, and one true in every
  outcome then is true in every one now: the search does not ask about them;
- a kept model in which every new member holds is still an outcome of the
  query (the atoms a member names but no key read are never needed: such a
  model is dropped), and still shows which keys can be true and which can
  be false: it is a *seed* of the search.

After an ``if`` between two possible atoms is added at 100,000 statements,
the seeds usually settle every key, and the status after it makes no solver
call.  A what-if keeps the seeds its assumptions hold in, and asks the
solver only about the keys those no longer settle.

Keys are literals of the clause program (:mod:`commitlogic.reasoning.clauses`).
A key that the kept status did not read (an added outcome's, a new
commitment's antecedent) takes, in each seed, the value of its formula
there; where that value depends on an atom the kept status did not read, the
seed is dropped.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet

import attrs

from commitlogic.model.dates import When
from commitlogic.model.formulas import And, Atom, Formula, Not, Or
from commitlogic.model.scenario import Scenario, Statement
from commitlogic.reasoning.backbone import Consequences, consequences
from commitlogic.reasoning.clauses import ClauseProgram
from commitlogic.reasoning.reading import SolverOracle
from commitlogic.reasoning.resolved import Resolved, constraint

__all__ = ["Hints", "Witnesses"]

#: Dates whose witnesses are kept at once (the oldest go first): each keeps a
#: few models of every key, which a replayed timeline must not pile up.
DATES = 4


@attrs.frozen
class Hints:
    """Where a backbone search may start (``backbone.consequences``: seeds, never, always)."""

    seeds: Sequence[AbstractSet[int]]
    never: AbstractSet[int]
    always: AbstractSet[int]


#: The hints of a query with no kept status at its date: a search from scratch.
_NOTHING = Hints((), frozenset(), frozenset())

#: Models kept per date: the newest (a chain of additions would pile them up).
MODELS = 8


class _Kept:
    """One status's members, the keys it read, what it found and its models.

    The keys and models become sets only when a later query needs them
    (a single status from the command line never does).
    """

    def __init__(
        self,
        members: AbstractSet[int],
        keys: Sequence[int],
        found: Consequences[int],
        models: list[Collection[int]],
    ) -> None:
        self.members, self.found = members, found
        self._keys, self._models = keys, models
        self._known: frozenset[int] | None = None

    @property
    def known(self) -> frozenset[int]:
        """The keys the status read."""
        if self._known is None:
            self._known = frozenset(self._keys)
        return self._known

    @property
    def models(self) -> list[AbstractSet[int]]:
        """The models, each as the set of its true keys."""
        sets = [
            model if isinstance(model, AbstractSet) else frozenset(model) for model in self._models
        ]
        self._models = list(sets)
        return sets


class Witnesses:
    """The witnesses of the last strict statuses without assumptions, per date.

    Parameters
    ----------
    program
        The live clause program (the literals of formulas come from it).
    """

    def __init__(self, program: ClauseProgram) -> None:
        self._program = program
        self._kept: dict[When | None, _Kept] = {}

    def search(
        self,
        scenario: Scenario,
        query: Resolved,
        keys: Mapping[str, Sequence[int | None]],
        oracle: SolverOracle,
    ) -> tuple[Consequences[int] | None, list[Collection[int]]]:
        """Return the consequences of a strict status, searched from the kept witnesses.

        Also return every model of ``query`` known after it (seeds and new
        ones), and keep them when ``query`` assumes nothing.  ``keys`` are
        the query's keys by kind (``reading.keys_of``), and ``oracle`` asks
        about all of them.
        """
        literals = oracle.keys
        hints = self.hints(scenario, query, keys) or _NOTHING
        found = consequences(literals, oracle, hints.seeds, hints.never, hints.always)
        models: list[Collection[int]] = [*hints.seeds, *oracle.models]
        if found is not None:
            self.keep(query, literals, found, models)
        return found, models

    def keep(
        self,
        query: Resolved,
        keys: Sequence[int],
        found: Consequences[int],
        models: Sequence[Collection[int]],
    ) -> None:
        """Keep what a consistent status of ``query`` found (only one without assumptions)."""
        if query.assumed:
            return
        self._kept.pop(query.at, None)
        while len(self._kept) >= DATES:
            del self._kept[next(iter(self._kept))]
        self._kept[query.at] = _Kept(query.members.keys(), keys, found, list(models[-MODELS:]))

    def hints(
        self, scenario: Scenario, query: Resolved, keys: Mapping[str, Sequence[int | None]]
    ) -> Hints | None:
        """Return the seeds and known keys of ``query`` from the kept status at its date, if any.

        ``keys`` are the query's keys by kind, as ``reading.keys_of`` gives them.
        """
        kept = self._kept.get(query.at)
        if kept is None or not kept.members <= query.members.keys():
            return None  # a superseded statement frees outcomes: nothing carries over
        new = [
            literal
            for literal in query.members  # a member's literal names one constraint for good
            if literal not in kept.members
        ]
        demands = [_demand(query.constraints[literal]) for literal in new]
        known = kept.known
        formulas = self._new_keys(scenario, query, keys, known)
        seeds: list[AbstractSet[int]] = []
        for model in kept.models:
            truth = _Truth(self._program, known, model)
            if not all(truth.satisfies(demand) for demand in demands):
                continue
            values = {literal: truth.value(formula) for literal, formula in formulas.items()}
            if any(value is None for value in values.values()):
                continue
            extra = [literal for literal, value in values.items() if value]
            seeds.append(model | frozenset(extra) if extra else model)
        return Hints(seeds, known - kept.found.brave, kept.found.cautious)

    def _new_keys(
        self,
        scenario: Scenario,
        query: Resolved,
        keys: Mapping[str, Sequence[int | None]],
        known: AbstractSet[int],
    ) -> dict[int, Formula | None]:
        """Return the formula of each key the kept status did not read (``None``: always true)."""
        program = self._program
        formulas: dict[int, Formula | None] = {}
        for literal, place in zip(keys["true"], query.universe.values(), strict=True):
            if literal is not None and literal not in known:
                name, args = program.keys[place]
                formulas[literal] = Atom(name, args)  # type: ignore[arg-type]
        for literal, outcome in zip(keys["occurs"], scenario.outcomes, strict=True):
            if literal is not None and literal not in known:
                formulas[literal] = outcome.when
        for literal, place in zip(keys["triggered"], query.commitments, strict=True):
            if literal is not None and literal not in known:
                found = constraint(scenario.statements[place])
                formulas[literal] = None if found is None else found[0]
        return formulas


_Demand = tuple[Formula | None, Formula] | None  # (antecedent, consequent) of a member


def _demand(member: Statement | tuple[None, Formula]) -> _Demand:
    """Return what a member demands: its consequent where its antecedent holds."""
    return constraint(member) if isinstance(member, Statement) else member


class _Truth:
    """The value of formulas in one kept model, where the keys it read decide them."""

    def __init__(
        self, program: ClauseProgram, known: AbstractSet[int], model: AbstractSet[int]
    ) -> None:
        self._known_literal = program.known
        self._known, self._true = known, model

    def value(self, formula: Formula | None) -> bool | None:
        """Return the value of ``formula`` (``None``: always true), or ``None`` if undecided."""
        if formula is None:
            return True
        literal = self._known_literal(formula)
        if literal is not None and literal in self._known:
            return literal in self._true
        if isinstance(formula, Not):
            operand = self.value(formula.operand)
            return None if operand is None else not operand
        if isinstance(formula, And | Or):
            values = [self.value(operand) for operand in formula.operands]
            decisive = isinstance(formula, Or)  # the value that decides: true for or
            if decisive in values:
                return decisive
            return None if None in values else not decisive
        return None  # an atom the kept status did not read

    def satisfies(self, demand: _Demand) -> bool:
        """Tell whether the model keeps a member's demand (``False`` also when undecided)."""
        if demand is None:  # might: demands nothing
            return True
        antecedent, consequent = demand
        if antecedent is not None and self.value(antecedent) is False:
            return True
        return self.value(consequent) is True
