"""The reasoner: one live clingo ``Control`` per scenario, queried with assumptions.

The scenario is grounded once.  Each query (a date ``at`` and what-if
assumptions) becomes a list of solver assumptions on that same ground
program: ``active(S)`` for the statements active at ``at`` (and its negation
for the others), ``holds(F)`` for each assumed formula.  Statuses come from
brave and cautious consequences, never from enumerating outcomes.  Adding a
statement, or assuming a formula never seen before, grounds only a new
program part with the new facts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

import attrs
import clingo
from clingo import Function, Number, String, Symbol

from commitlogic.dates import When, parse_when
from commitlogic.encoding import PART, SOLVER_OPTIONS, STRICT_RULES, Encoder, rule_files
from commitlogic.errors import ScenarioError, SolverLimit
from commitlogic.formulas import Formula, FormulaLike, as_formula
from commitlogic.model import Outcome, Scenario, Statement
from commitlogic.results import State, Status, StatusReport

__all__ = ["Assumption", "Reasoner"]

#: Assumptions of a query: formula text (kept as given, for ``assume:`` names) or formulas.
Assumption = FormulaLike


@attrs.frozen
class _Query:
    """One query, resolved: the literals to assume and how to name them back."""

    background: list[int]  # always assumed: inactive statements are off
    members: dict[int, str]  # literal -> statement id or "assume:<text>"
    order: list[str]  # conflict members in report order
    universe: dict[str, None]  # atom texts, in order
    impossible: str | None  # an assumption that can never hold, if any

    def assumptions(self, members: Iterable[int] | None = None) -> list[int]:
        chosen = self.members if members is None else members
        return self.background + list(chosen)


class _Shown:
    """The shown atoms of a model, by predicate, as the texts of their argument.

    ``names`` caches what each symbol stands for: reading a symbol's parts
    through clingo's API costs several calls, a dictionary look-up one hash.
    """

    def __init__(self, symbols: Iterable[Symbol], names: dict[Symbol, tuple[str, str]]) -> None:
        found: dict[str, set[str]] = {"true": set(), "occurs": set(), "triggered": set()}
        for symbol in symbols:
            known = names.get(symbol)
            if known is None:
                known = names[symbol] = (symbol.name, symbol.arguments[0].string)
            found[known[0]].add(known[1])
        self.atoms = found["true"]
        self.outcomes = found["occurs"]
        self.triggered = found["triggered"]


class Reasoner:
    """Answers status, consistency and what-if questions about one scenario.

    Parameters
    ----------
    scenario
        The scenario to reason about.  It is grounded once, here.
    time_limit
        Seconds that one query (status, conflict, query...) may spend in the
        solver; beyond it the query raises :class:`~commitlogic.errors.SolverLimit`.
        ``None`` (the default) waits as long as it takes.  A public attribute:
        set it between queries to change it.
    model_limit
        Models that one solver call may compute (consequences take a few);
        beyond it the query raises :class:`~commitlogic.errors.SolverLimit`.
        ``None`` (the default) sets no limit.  Also a public attribute.

    Examples
    --------
    >>> reasoner = Reasoner(scenario)                             # doctest: +SKIP
    >>> reasoner.status(assume=["absent(putin, istanbul_talks)"])  # doctest: +SKIP
    """

    def __init__(
        self,
        scenario: Scenario,
        *,
        time_limit: float | None = None,
        model_limit: int | None = None,
    ) -> None:
        self._scenario = scenario
        self.time_limit = time_limit
        self.model_limit = model_limit
        self._deadline: float | None = None
        self._control = clingo.Control(
            ["--models=0", *SOLVER_OPTIONS], logger=_ignore, message_limit=0
        )
        for name, text in rule_files(STRICT_RULES):
            try:
                self._control.add(PART, ["p"], text)
            except RuntimeError as error:  # pragma: no cover - the rules are ours
                raise RuntimeError(f"cannot parse rules/{name}") from error
        self._encoder = Encoder()
        self._active_literals: dict[str, int] = {}
        self._commitments: set[str] = set()
        self._names: dict[Symbol, tuple[str, str]] = {}
        universe = self._encoder.scenario(scenario)
        self._ground_new_part(scenario.statements)
        self._maximize = self._free_external(Function("maximize"))
        # The atom universe by canonical text, in order (SPEC section 2).
        self._universe: dict[str, None] = dict.fromkeys(str(atom) for atom in universe)

    # ------------------------------------------------------------------ building

    @property
    def scenario(self) -> Scenario:
        """The scenario as it stands, with every statement added so far."""
        return self._scenario

    def add(self, item: Statement | Outcome) -> None:
        """Add a statement or an outcome to the live reasoner, grounding only the new part.

        Raises
        ------
        ScenarioError
            When the scenario with the new item is not valid; the reasoner is unchanged.
        """
        if isinstance(item, Statement):
            self._scenario = self._scenario.with_statement(item)
            self._encoder.statement(item)
            self._ground_new_part([item])
            self._extend_universe(formula for _field, formula in item.formulas())
        elif isinstance(item, Outcome):
            self._scenario = attrs.evolve(self._scenario, outcomes=(*self._scenario.outcomes, item))
            self._encoder.outcome(item)
            self._ground_new_part([])
            self._extend_universe([item.when])
        else:
            raise TypeError(f"expected a Statement or an Outcome, got {type(item).__name__}")

    def _extend_universe(self, formulas: Iterable[Formula]) -> None:
        for formula in formulas:
            for atom in formula.atoms():
                self._universe.setdefault(str(atom))

    def _ground_new_part(self, statements: Iterable[Statement]) -> None:
        part, facts = self._encoder.take()
        if facts or part == 0:  # part 0 also declares the external maximize
            with self._control.backend() as backend:
                for fact in facts:
                    backend.add_rule([backend.add_atom(fact)])
            self._control.ground([(PART, [Number(part)])])
        for statement in statements:
            literal = self._free_external(Function("active", [String(statement.id)]))
            self._active_literals[statement.id] = literal
            if statement.is_commitment:
                self._commitments.add(statement.id)

    def _free_external(self, symbol: Symbol) -> int:
        """Free an external atom, so that queries can assume it either way; return its literal."""
        self._control.assign_external(symbol, None)
        return self._control.symbolic_atoms[symbol].literal

    def _literal(self, formula: Formula) -> int | None:
        """Return the solver literal of ``holds(F)``, or ``None`` when it can never hold."""
        node = self._encoder.node(formula)
        self._ground_new_part([])
        found = self._control.symbolic_atoms[Function("holds", [Number(node)])]
        return None if found is None else found.literal

    # ------------------------------------------------------------------ queries

    def _query(self, assume: Sequence[Assumption], at: When | str | None) -> _Query:
        # Every query starts here: its time limit counts from now.
        self._deadline = None if self.time_limit is None else time.monotonic() + self.time_limit
        if isinstance(assume, str | Formula):
            assume = [assume]
        moment = None if at is None else _parse_at(at)
        active = set(self._scenario.active(moment))
        background: list[int] = []
        members: dict[int, str] = {}
        order: list[str] = []
        for statement in self._scenario.statements:
            literal = self._active_literals[statement.id]
            if statement.id in active:
                members[literal] = statement.id
                order.append(statement.id)
            else:
                background.append(-literal)
        universe = self._universe
        impossible = None
        for item in assume:
            name, formula = _assumption(item, self._scenario)
            extra = [text for text in map(str, formula.atoms()) if text not in universe]
            if extra:  # the assumption's own atoms join this query's universe only
                universe = {**universe, **dict.fromkeys(extra)}
            literal = self._literal(formula)
            if literal is None:
                impossible = impossible or name
                continue
            if literal not in members:
                members[literal] = name
                order.append(name)
        return _Query(background, members, order, universe, impossible)

    def _consequences(self, query: _Query, mode: Literal["brave", "cautious"]) -> _Shown | None:
        """Return what is true in some (brave) or all (cautious) outcomes, or None if none."""
        self._control.configuration.solve.enum_mode = mode
        self._control.configuration.solve.models = 0
        last: list[Symbol] | None = None

        def on_model(model: clingo.Model) -> None:
            nonlocal last
            last = model.symbols(shown=True)

        # Prefer true atoms for brave, false ones for cautious (rules/heuristics.lp).
        guide = self._maximize if mode == "brave" else -self._maximize
        result = self._solve([*query.assumptions(), guide], on_model=on_model)
        if result.unsatisfiable or last is None:
            return None
        return _Shown(last, self._names)

    def _satisfiable(self, literals: list[int]) -> tuple[bool, list[int]]:
        """Solve under ``literals``; return satisfiability and, if not, the core."""
        self._control.configuration.solve.enum_mode = "auto"
        self._control.configuration.solve.models = 1  # one model answers; never enumerate
        core: list[int] = []
        result = self._solve(literals, on_core=core.extend)
        return bool(result.satisfiable), core

    def _solve(
        self,
        literals: list[int],
        on_model: Callable[[clingo.Model], None] | None = None,
        on_core: Callable[[Sequence[int]], None] | None = None,
    ) -> clingo.SolveResult:
        """Solve under ``literals`` within the time and model limits, else raise SolverLimit."""
        limit, count = self.model_limit, 0

        def counted(model: clingo.Model) -> bool:
            nonlocal count
            count += 1
            if limit is not None and count > limit:
                return False  # stop the search; reported below
            if on_model is not None:
                on_model(model)
            return True

        if self._deadline is None:
            result = self._control.solve(assumptions=literals, on_model=counted, on_core=on_core)
        else:
            handle = self._control.solve(
                assumptions=literals, on_model=counted, on_core=on_core, async_=True
            )
            with handle:
                if not handle.wait(max(0.0, self._deadline - time.monotonic())):
                    handle.cancel()
                    raise SolverLimit("time", self.time_limit or 0.0)
                result = handle.get()
        if limit is not None and count > limit:
            raise SolverLimit("models", limit)
        return result

    def _conflict(self, query: _Query) -> tuple[str, ...]:
        """Return a minimal set of members that has no outcome (deletion-based, on cores)."""
        if query.impossible is not None:
            return (query.impossible,)
        satisfiable, core = self._satisfiable(query.assumptions())
        assert not satisfiable, "a conflict was asked of a consistent query"
        in_core = set(core)
        candidates = [literal for literal in query.members if literal in in_core]
        index = 0
        while index < len(candidates):
            trial = candidates[:index] + candidates[index + 1 :]
            satisfiable, core = self._satisfiable(query.assumptions(trial))
            if satisfiable:
                index += 1  # needed: keep it
            else:
                kept = set(core)
                candidates = [literal for literal in trial if literal in kept]
        names = {query.members[literal] for literal in candidates}
        return tuple(name for name in query.order if name in names)

    def status(
        self, assume: Sequence[Assumption] = (), at: When | str | None = None
    ) -> StatusReport:
        """Return the statuses of atoms, outcomes and commitments (SPEC section 4).

        Parameters
        ----------
        assume
            What-if assumptions: formula text (such as ``"absent(putin,
            istanbul_talks)"``) or formula objects, all assumed true.
        at
            Replay the scenario at this date or datetime (ISO text allowed):
            only statements said by then count, and supersession follows.

        Raises
        ------
        ScenarioError
            When an assumption is not a valid formula or ``at`` is not a date.
        """
        query = self._query(assume, at)
        if query.impossible is not None:
            return StatusReport(False, conflict=self._conflict(query))
        brave = self._consequences(query, "brave")
        if brave is None:
            return StatusReport(False, conflict=self._conflict(query))
        cautious = self._consequences(query, "cautious") or _Shown([], self._names)

        def status_of(name: str, kind: str) -> Status:
            in_some, in_all = name in getattr(brave, kind), name in getattr(cautious, kind)
            return Status.from_bounds(in_some=in_some, in_all=in_all)

        atoms = {name: status_of(name, "atoms") for name in query.universe}
        outcomes = {
            outcome.id: status_of(outcome.id, "outcomes") for outcome in self._scenario.outcomes
        }
        commitments = {
            statement: _states(statement in brave.triggered, statement in cautious.triggered)
            for statement in query.order
            if statement in self._commitments
        }
        return StatusReport(True, atoms=atoms, outcomes=outcomes, commitments=commitments)

    def is_consistent(
        self, assume: Sequence[Assumption] = (), at: When | str | None = None
    ) -> bool:
        """Tell whether at least one outcome exists (one solver call)."""
        query = self._query(assume, at)
        if query.impossible is not None:
            return False
        return self._satisfiable(query.assumptions())[0]

    def conflict(
        self, assume: Sequence[Assumption] = (), at: When | str | None = None
    ) -> tuple[str, ...] | None:
        """Return a minimal conflict (statement ids and ``assume:`` names), or ``None``."""
        query = self._query(assume, at)
        if query.impossible is None and self._satisfiable(query.assumptions())[0]:
            return None
        return self._conflict(query)

    def query(
        self, formula: FormulaLike, assume: Sequence[Assumption] = (), at: When | str | None = None
    ) -> Status | None:
        """Return the status of any formula, or ``None`` when there is no outcome.

        Two solver calls: can the formula hold, and can it fail?
        """
        query = self._query(assume, at)
        if query.impossible is not None:
            return None
        literal = self._literal(_checked(formula, self._scenario, "formula"))
        if literal is None:
            return Status.IMPOSSIBLE if self._satisfiable(query.assumptions())[0] else None
        can_hold = self._satisfiable([*query.assumptions(), literal])[0]
        can_fail = self._satisfiable([*query.assumptions(), -literal])[0]
        if not (can_hold or can_fail):
            return None
        return Status.from_bounds(in_some=can_hold, in_all=not can_fail)


def _states(in_some: bool, in_all: bool) -> tuple[State, ...]:
    """Return the states an active commitment takes, from where its antecedent holds.

    In strict mode no outcome violates an active commitment, so it is
    discharged wherever its antecedent holds and expired wherever it does not.
    """
    states = []
    if in_some:
        states.append(State.DISCHARGED)
    if not in_all:
        states.append(State.EXPIRED)
    return tuple(states)


def _ignore(_code: clingo.MessageCode, _message: str) -> None:
    """Drop clingo's informational messages; our input never reaches the parser."""


def _checked(item: FormulaLike, scenario: Scenario, field: str) -> Formula:
    """Return ``item`` as a formula whose ``attends`` atoms name declared actors and events."""
    if not isinstance(item, str | Formula):
        raise ScenarioError(
            f"expected formula text or a formula, got {type(item).__name__}", field=field
        )
    try:
        formula = as_formula(item)
        scenario.check_formula(formula)
    except ScenarioError as error:
        raise ScenarioError(
            f"invalid formula {str(item)!r}: {error.reason}", field=field, offset=error.offset
        ) from None
    return formula


def _assumption(item: Assumption, scenario: Scenario) -> tuple[str, Formula]:
    """Return the conflict name and the formula of one assumption, checked against ``scenario``."""
    return f"assume:{item}", _checked(item, scenario, "assume")


def _parse_at(at: When | str) -> When:
    try:
        return parse_when(at)
    except ScenarioError as error:
        raise error.located(field="at") from None
