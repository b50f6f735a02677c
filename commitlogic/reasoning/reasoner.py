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

from commitlogic.model.dates import When
from commitlogic.model.errors import SolverLimit
from commitlogic.model.formulas import Formula, FormulaLike
from commitlogic.model.query import Assumption, checked_formula, normalise
from commitlogic.model.scenario import Outcome, Scenario, Statement
from commitlogic.reasoning.encoding import (
    PART,
    SOLVER_OPTIONS,
    STRICT_RULES,
    TOLERANT_RULES,
    Encoder,
    add_facts,
    rule_files,
)
from commitlogic.reasoning.results import Explanation, State, Status, StatusReport, Witnesses

__all__ = ["Assumption", "Reasoner"]


@attrs.frozen
class _Query:
    """One query, resolved: the literals to assume and how to name them back."""

    background: list[int]  # always assumed: inactive statements are off
    members: dict[int, str]  # literal -> statement id or "assume:<text>"
    order: list[str]  # conflict members in report order
    universe: dict[str, None]  # atom texts, in order
    impossible: str | None  # an assumption that can never hold, if any

    def assumptions(self, members: Iterable[int] | None = None, *extra: int) -> list[int]:
        chosen = self.members if members is None else members
        return [*self.background, *chosen, *extra]


class _Shown:
    """The shown atoms of a model, by kind, as the texts of their first argument.

    ``true(A)``, ``occurs(O)`` and ``triggered(S)`` are kinds of their own;
    ``state(S,St)`` (shown in tolerant mode) is of kind ``St``.  ``names``
    caches what each symbol stands for: reading a symbol's parts through
    clingo's API costs several calls, a dictionary look-up one hash.
    """

    def __init__(self, symbols: Iterable[Symbol], names: dict[Symbol, tuple[str, str]]) -> None:
        found: dict[str, set[str]] = {
            "true": set(),
            "occurs": set(),
            "triggered": set(),
            "discharged": set(),
            "violated": set(),
        }
        for symbol in symbols:
            known = names.get(symbol)
            if known is None:
                arguments = symbol.arguments
                kind = arguments[1].name if symbol.name == "state" else symbol.name
                known = names[symbol] = (kind, arguments[0].string)
            found[known[0]].add(known[1])
        self.atoms = found["true"]
        self.outcomes = found["occurs"]
        self.triggered = found["triggered"]
        self.discharged = found["discharged"]
        self.violated = found["violated"]


class Reasoner:
    """Answers status, consistency and what-if questions about one scenario.

    Parameters
    ----------
    scenario
        The scenario to reason about.  It is grounded once, here.
    tolerant
        Tolerant mode (SPEC section 3): commitments become soft, each with
        its ``weight``; observed facts and assumptions stay hard.  Answers
        are taken across the outcomes of least total weight of broken
        commitments, and reports carry that ``cost``.
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
        tolerant: bool = False,
        time_limit: float | None = None,
        model_limit: int | None = None,
    ) -> None:
        self._scenario = scenario
        self._tolerant = tolerant
        self.time_limit = time_limit
        self.model_limit = model_limit
        self._deadline: float | None = None
        # Tolerant mode optimises with unsatisfiable-core search (usc): it
        # proves a small optimum in one model, where branch and bound walks
        # through hundreds of improving models (docs/encoding.md).
        optimise = ["--opt-strategy=usc"] if tolerant else []
        self._control = clingo.Control(
            ["--models=0", *SOLVER_OPTIONS, *optimise], logger=_ignore, message_limit=0
        )
        for name, text in rule_files(TOLERANT_RULES if tolerant else STRICT_RULES):
            try:
                self._control.add(PART, ["p"], text)
            except RuntimeError as error:  # pragma: no cover - the rules are ours
                raise RuntimeError(f"cannot parse rules/{name}") from error
        self._encoder = Encoder(weights=tolerant)
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

    @property
    def tolerant(self) -> bool:
        """Whether this reasoner answers in tolerant mode."""
        return self._tolerant

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
                add_facts(backend, facts)
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
        request = normalise(self._scenario, assume, at)
        active = set(self._scenario.active(request.at))
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
        for name, formula in request.assumptions:
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

    def _configure(self, enum_mode: str, bound: int | None) -> None:
        """Set the enumeration mode, and in tolerant mode the cost bound on outcomes.

        Mode ``auto`` looks for one outcome (never enumerate); ``brave`` and
        ``cautious`` go on until their consequences are fixed.  ``bound``
        ``None`` ignores costs (any outcome counts: consistency and
        conflicts); a number keeps the outcomes of at most that cost.
        """
        solve = self._control.configuration.solve
        solve.enum_mode = enum_mode
        solve.models = 1 if enum_mode == "auto" else 0
        if self._tolerant:
            solve.opt_mode = "ignore" if bound is None else f"enum,{bound}"

    def _optimum(self, query: _Query) -> int | None:
        """Return the least cost of an outcome of ``query``, or None if it has none.

        clasp's core-guided search proves the optimum; outcomes are not
        enumerated.  Strict mode has no costs: this is one satisfiability check.
        """
        if not self._tolerant:
            return 0 if self._satisfiable(query.assumptions())[0] else None
        solve = self._control.configuration.solve
        solve.enum_mode, solve.opt_mode, solve.models = "auto", "opt", 0
        costs: list[int] = []

        def on_model(model: clingo.Model) -> None:
            costs.append(sum(model.cost))

        result = self._solve(query.assumptions(), on_model=on_model)
        return costs[-1] if result.satisfiable and costs else None

    def _consequences(
        self, query: _Query, mode: Literal["brave", "cautious"], bound: int
    ) -> _Shown | None:
        """Return what is true in some (brave) or all (cautious) outcomes, or None if none.

        In tolerant mode only the outcomes of cost at most ``bound`` count.
        """
        self._configure(mode, bound)
        last: list[Symbol] | None = None

        def on_last(model: clingo.Model) -> None:
            # Only the last model holds the consequences: reading the shown
            # atoms of every model through the API would cost more than the search.
            nonlocal last
            last = model.symbols(shown=True)

        # Prefer true atoms for brave, false ones for cautious (rules/heuristics.lp).
        guide = self._maximize if mode == "brave" else -self._maximize
        result = self._solve([*query.assumptions(), guide], on_last=on_last)
        if result.unsatisfiable or last is None:
            return None
        return _Shown(last, self._names)

    def _satisfiable(self, literals: list[int], bound: int | None = None) -> tuple[bool, list[int]]:
        """Solve under ``literals``; return satisfiability and, if not, the core."""
        self._configure("auto", bound)
        core: list[int] = []
        result = self._solve(literals, on_core=core.extend)
        return bool(result.satisfiable), core

    def _witness(self, literals: list[int], universe: Iterable[str]) -> tuple[str, ...]:
        """Return the true atoms of ``universe`` in one outcome under ``literals``, sorted.

        The solver prefers false atoms (rules/heuristics.lp), so the witness
        makes true only what it has to, as far as it sees.
        """
        self._configure("auto", None)
        shown: list[Symbol] = []

        def on_model(model: clingo.Model) -> None:
            shown.extend(model.symbols(shown=True))

        self._solve([*literals, -self._maximize], on_model=on_model)
        true = _Shown(shown, self._names).atoms
        return tuple(sorted(name for name in universe if name in true))

    def _solve(
        self,
        literals: list[int],
        on_model: Callable[[clingo.Model], None] | None = None,
        on_core: Callable[[Sequence[int]], None] | None = None,
        on_last: Callable[[clingo.Model], None] | None = None,
    ) -> clingo.SolveResult:
        """Solve under ``literals`` within the time and model limits, else raise SolverLimit.

        ``on_last`` sees the last model only (``on_model`` sees each one).
        """
        limit, count = self.model_limit, 0
        synchronous = self._deadline is None
        # clingo does not call on_last when solving asynchronously (under a
        # time limit): there it sees every model, the last call being the last.
        each = on_model if synchronous or on_last is None else on_last

        def counted(model: clingo.Model) -> bool:
            nonlocal count
            count += 1
            if limit is not None and count > limit:
                return False  # stop the search; reported below
            if each is not None:
                each(model)
            return True

        if synchronous:
            result = self._control.solve(
                assumptions=literals, on_model=counted, on_core=on_core, on_last=on_last
            )
        else:
            handle = self._control.solve(
                assumptions=literals, on_model=counted, on_core=on_core, async_=True
            )
            with handle:
                assert self._deadline is not None
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
        return self._minimal(query)

    def _minimal(self, query: _Query, *fixed: int) -> tuple[str, ...]:
        """Return a minimal set of members that has no outcome together with ``fixed``.

        Starts from the solver's unsatisfiable core, then drops one member at
        a time, keeping it only when the rest has an outcome again; each
        unsatisfiable trial shrinks the candidates to its own core.
        """
        satisfiable, core = self._satisfiable(query.assumptions(None, *fixed))
        assert not satisfiable, "a minimal unsatisfiable set was asked of a satisfiable query"
        in_core = set(core)
        candidates = [literal for literal in query.members if literal in in_core]
        index = 0
        while index < len(candidates):
            trial = candidates[:index] + candidates[index + 1 :]
            satisfiable, core = self._satisfiable(query.assumptions(trial, *fixed))
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
            cost = None
        else:  # strict mode: brave consequences tell consistency, without another call
            cost = self._optimum(query) if self._tolerant else 0
        brave = None if cost is None else self._consequences(query, "brave", cost)
        if cost is None or brave is None:
            return StatusReport(False, conflict=self._conflict(query), tolerant=self._tolerant)
        cautious = self._consequences(query, "cautious", cost) or _Shown([], self._names)

        def status_of(name: str, kind: str) -> Status:
            in_some, in_all = name in getattr(brave, kind), name in getattr(cautious, kind)
            return Status.from_bounds(in_some=in_some, in_all=in_all)

        atoms = {name: status_of(name, "atoms") for name in query.universe}
        outcomes = {
            outcome.id: status_of(outcome.id, "outcomes") for outcome in self._scenario.outcomes
        }
        commitments = {
            statement: self._states(statement, brave, cautious)
            for statement in query.order
            if statement in self._commitments
        }
        return StatusReport(
            True,
            atoms=atoms,
            outcomes=outcomes,
            commitments=commitments,
            cost=cost if self._tolerant else None,
            tolerant=self._tolerant,
        )

    def _states(self, statement: str, brave: _Shown, cautious: _Shown) -> tuple[State, ...]:
        """Return the sorted states an active commitment takes across the outcomes.

        It can be expired wherever its antecedent can fail.  In strict mode no
        outcome violates it, so it can be discharged wherever its antecedent
        can hold; tolerant mode shows discharged and violated states directly.
        """
        states = []
        if statement in (brave.discharged if self._tolerant else brave.triggered):
            states.append(State.DISCHARGED)
        if statement not in cautious.triggered:
            states.append(State.EXPIRED)
        if statement in brave.violated:
            states.append(State.VIOLATED)
        return tuple(states)

    def is_consistent(
        self, assume: Sequence[Assumption] = (), at: When | str | None = None
    ) -> bool:
        """Tell whether at least one outcome exists (one solver call)."""
        query = self._query(assume, at)
        if query.impossible is not None:
            return False
        return self._satisfiable(query.assumptions())[0]  # tolerant: costs do not matter

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

        Two solver calls: can the formula hold, and can it fail?  (In tolerant
        mode, first the least cost; then among the outcomes of that cost.)
        """
        query = self._query(assume, at)
        checked = checked_formula(formula, self._scenario, "formula")
        if query.impossible is not None:
            return None
        # Strict mode needs no consistency call first: no outcome at all shows
        # as a formula that can neither hold nor fail.
        bound = self._optimum(query) if self._tolerant else 0
        if bound is None:
            return None
        literal = self._literal(checked)
        if literal is None:  # the formula can never hold
            consistent = self._satisfiable(query.assumptions(), bound)[0]
            return Status.IMPOSSIBLE if consistent else None
        return self._status_of(query, literal, bound)

    def _status_of(self, query: _Query, literal: int, bound: int) -> Status | None:
        """Return the status of the formula whose ``holds`` atom is ``literal``.

        ``None`` when it can neither hold nor fail: the query has no outcome.
        """
        can_hold = self._satisfiable(query.assumptions(None, literal), bound)[0]
        can_fail = self._satisfiable(query.assumptions(None, -literal), bound)[0]
        if not (can_hold or can_fail):
            return None
        return Status.from_bounds(in_some=can_hold, in_all=not can_fail)

    def explain(
        self, formula: FormulaLike, assume: Sequence[Assumption] = (), at: When | str | None = None
    ) -> Explanation:
        """Explain the status of a formula (SPEC section 3, *Explanations*).

        For a certain formula, a minimal set of active statements and
        assumptions under which it is already certain (for an impossible
        one, under which its negation is): the solver's unsatisfiable core
        of "the formula fails" (or "holds"), minimised by deletion.  For a
        possible formula, two witness outcomes.  When the scenario has no
        outcome at all, the status is ``None`` and ``because`` is a minimal
        conflict.

        Explanations are defined for strict mode: in tolerant mode, dropping
        a statement can change which outcomes are optimal, so no subset of
        statements "already forces" an answer.

        Raises
        ------
        ScenarioError
            When the formula or an assumption is invalid, or ``at`` is not a date.
        ValueError
            When asked of a tolerant reasoner.
        """
        if self._tolerant:
            raise ValueError("explanations are defined for strict mode, not tolerant mode")
        query = self._query(assume, at)
        checked = checked_formula(formula, self._scenario, "formula")
        text = str(checked)
        if query.impossible is not None or not self._satisfiable(query.assumptions())[0]:
            return Explanation(text, None, because=self._conflict(query))
        literal = self._literal(checked)
        if literal is None:  # the formula was simplified away as false: no reason needed
            return Explanation(text, Status.IMPOSSIBLE, because=())
        status = self._status_of(query, literal, 0)
        if status is Status.CERTAIN:
            return Explanation(text, status, because=self._minimal(query, -literal))
        if status is Status.IMPOSSIBLE:
            return Explanation(text, status, because=self._minimal(query, literal))
        universe = {**query.universe, **dict.fromkeys(map(str, checked.atoms()))}
        witnesses = Witnesses(
            holds=self._witness(query.assumptions(None, literal), universe),
            fails=self._witness(query.assumptions(None, -literal), universe),
        )
        return Explanation(text, status, witnesses=witnesses)


def _ignore(_code: clingo.MessageCode, _message: str) -> None:
    """Drop clingo's informational messages; our input never reaches the parser."""
