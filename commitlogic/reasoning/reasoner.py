"""The reasoner: one live clingo ``Control`` per scenario, queried with assumptions.

The scenario is grounded once.  Each query (a date ``at`` and what-if
assumptions) becomes a list of solver assumptions on that same ground
program: ``active(S)`` for the statements active at ``at`` (and its negation
for the others), ``holds(F)`` for each assumed formula.  Statuses come from
brave and cautious consequences, computed as a backbone
(``reasoning/backbone.py``), never by enumerating outcomes;
conflicts and explanations are minimal subsets found by divide-and-conquer
deletion (``reasoning/minimal.py``).  Adding a statement, or
assuming a formula never seen before, grounds only a new program part with
the new facts.  The clingo side (limits, Ctrl-C, probes) lives in
``reasoning/solver.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs
import clingo
from clingo import Function, Number, String, Symbol

from commitlogic.model.dates import When
from commitlogic.model.formulas import Formula, FormulaLike
from commitlogic.model.query import Assumption, checked_formula, normalise
from commitlogic.model.scenario import Outcome, Scenario, Statement
from commitlogic.reasoning.backbone import consequences
from commitlogic.reasoning.encoding import Encoder
from commitlogic.reasoning.explaining import Search
from commitlogic.reasoning.kept import Kept
from commitlogic.reasoning.resolved import Resolved, constraint
from commitlogic.reasoning.results import Explanation, State, Status, StatusReport
from commitlogic.reasoning.solver import Solver

if TYPE_CHECKING:  # the forecasting engine imports NumPy: only forecasts load it
    from commitlogic.forecasting import Forecast, Model

__all__ = ["Assumption", "Reasoner"]


class _Oracle:
    """The backbone search's view of the solver for one query (see ``backbone.Oracle``).

    Its keys are the solver literals of the atoms a status reads.  (In
    states, expired is not read: it follows from ``triggered``, see
    rules/display.lp.)
    """

    def __init__(
        self, solver: Solver, assumptions: list[int], maximize: int, bound: int | None
    ) -> None:
        self._solver, self._assumptions = solver, assumptions
        self._maximize, self._bound = maximize, bound
        self.models: list[list[int]] = []  # every model found, as its true keys

    def _guided(self, prefer: bool | None) -> list[int]:
        # Prefer true atoms or false ones (rules/heuristics.lp).
        if prefer is None:
            return self._assumptions
        return [*self._assumptions, self._maximize if prefer else -self._maximize]

    def _true(self, shown: list[Symbol] | None) -> list[int] | None:
        if shown is None:
            return None
        known = self._solver.known
        true = [known[symbol] for symbol in shown if symbol in known]
        self.models.append(true)  # type: ignore[arg-type]
        return true  # type: ignore[return-value]

    def model(self, prefer: bool | None) -> list[int] | None:
        return self._true(self._solver.model(self._guided(prefer), self._bound))

    def flipped(
        self, up: Sequence[int], down: Sequence[int], prefer: bool | None
    ) -> list[int] | None:
        self._solver.probe([*up, *down])
        return self._true(self._solver.flipped(self._guided(prefer), up, down, self._bound))


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
        solver, across all its solver calls; beyond it the query raises
        :class:`~commitlogic.errors.SolverLimit`.  ``None`` (the default)
        waits as long as it takes.  A public attribute: set it between
        queries to change it.  Ctrl-C stops a running query too (within
        0.1 s, raising ``KeyboardInterrupt``).
    model_limit
        Distinct models (outcomes) that one query may look at, across all
        its solver calls (a status looks at a handful, one when only one
        outcome exists; a formula status or a conflict at most one per
        solver call); beyond it the query raises
        :class:`~commitlogic.errors.SolverLimit`.
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
        self._solver = Solver(tolerant=tolerant)
        self._encoder = Encoder(weights=tolerant)
        self._active_literals: dict[str, int] = {}
        self._key_literals: dict[tuple[str, str], int | None] = {}
        self._kept = Kept()  # the outcomes the last strict status saw
        # Per query date: the background, members and constraints of the statements.
        self._dates: dict[When | None, tuple[list[int], dict[int, str], dict]] = {}  # type: ignore[type-arg]
        self._commitments: set[str] = set()
        universe = self._encoder.scenario(scenario)
        self._ground_new_part(scenario.statements)
        self._maximize = self._solver.free_external(Function("maximize"))
        self._search = Search(self._solver, self._maximize)
        # The atom universe by canonical text, in order (SPEC section 2).
        self._universe: dict[str, None] = dict.fromkeys(str(atom) for atom in universe)
        self._kept.universe = self._universe
        # Read the literals of the shown atoms in bulk once; later ones one by one.
        for name, arity in (("true", 1), ("occurs", 1), ("triggered", 1), ("state", 2)):
            self._solver.literals(name, arity)

    # ------------------------------------------------------------------ building

    @property
    def scenario(self) -> Scenario:
        """The scenario as it stands, with every statement added so far."""
        return self._scenario

    @property
    def tolerant(self) -> bool:
        """Whether this reasoner answers in tolerant mode."""
        return self._tolerant

    @property
    def _control(self) -> clingo.Control:
        """The live clingo control (for tests that observe grounding and statistics)."""
        return self._solver.control

    def add(self, item: Statement | Outcome) -> None:
        """Add a statement or an outcome to the live reasoner, grounding only the new part.

        Raises
        ------
        ScenarioError
            When the scenario with the new item is not valid; the reasoner is unchanged.
        """
        self._kept.forget()  # kept outcomes may break the new statement
        self._dates.clear()
        if isinstance(item, Statement):
            self._scenario = self._scenario.with_statement(item)
            item = self._scenario.statements[-1]  # with outcome names expanded
            self._encoder.statement(item)
            self._ground_new_part([item])
            self._extend_universe(formula for _field, formula in item.formulas())
        elif isinstance(item, Outcome):
            self._scenario = attrs.evolve(self._scenario, outcomes=(*self._scenario.outcomes, item))
            item = self._scenario.outcomes[-1]  # with outcome names expanded
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
            self._solver.ground(part, facts)
        for statement in statements:
            literal = self._solver.free_external(Function("active", [String(statement.id)]))
            self._active_literals[statement.id] = literal
            if statement.is_commitment:
                self._commitments.add(statement.id)

    def _literal(self, formula: Formula) -> int | None:
        """Return the solver literal of ``holds(F)``, or ``None`` when it can never hold."""
        node = self._encoder.node(formula)
        self._ground_new_part([])
        return self._solver.literal(Function("holds", [Number(node)]))

    # ------------------------------------------------------------------ queries

    def _query(self, assume: Sequence[Assumption], at: When | str | None) -> Resolved:
        # Every query starts here: its limits count from now.
        self._solver.start(self.time_limit, self.model_limit)
        request = normalise(self._scenario, assume, at)
        if request.at not in self._dates:  # the statements' part, once per date
            active = set(self._scenario.active(request.at))
            background: list[int] = []
            members: dict[int, str] = {}
            constraints: dict[int, tuple[Formula | None, Formula] | None] = {}
            for statement in self._scenario.statements:
                literal = self._active_literals[statement.id]
                if statement.id in active:
                    members[literal] = statement.id
                    constraints[literal] = constraint(statement)
                else:
                    background.append(-literal)
            self._dates[request.at] = (background, members, constraints)
        background, members, constraints = self._dates[request.at]
        members, constraints = dict(members), dict(constraints)
        order = list(members.values())
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
                constraints[literal] = (None, formula)
        assumed = tuple(formula for _, formula in request.assumptions)
        return Resolved(background, members, order, universe, impossible, constraints, assumed)

    def _optimum(self, query: Resolved) -> int | None:
        """Return the least cost of an outcome of ``query`` (0 in strict mode), or None if none."""
        if query.impossible is not None:
            return None
        if not self._tolerant:
            return 0
        return self._solver.optimum(query.assumptions())

    def _keys(self, query: Resolved) -> tuple[list[str], dict[str, list[int | None]]]:
        """Return the active commitments, and the literals of the atoms a status reads, by kind.

        Kinds: ``true`` (per universe atom), ``occurs`` (per outcome),
        ``triggered`` (per active commitment) and in tolerant mode
        ``discharged`` and ``violated`` (``state/2``).  An atom that can
        never be true (simplified away by clingo) has the literal ``None``.
        """
        commitments = [s for s in query.order if s in self._commitments]
        names = {
            "true": list(query.universe),
            "occurs": [outcome.id for outcome in self._scenario.outcomes],
            "triggered": commitments,
        }
        if self._tolerant:
            names["discharged"] = names["violated"] = commitments
        return commitments, {
            kind: [self._key(kind, n) for n in found] for kind, found in names.items()
        }

    def _key(self, kind: str, name: str) -> int | None:
        """Return the literal of the atom of ``kind`` about ``name`` (cached: symbols cost)."""
        known = self._key_literals.get((kind, name), False)
        if known is not False:
            return known
        if kind in ("discharged", "violated"):
            symbol = Function("state", [String(name), Function(kind)])
        else:
            symbol = Function(kind, [String(name)])
        literal = self._key_literals[kind, name] = self._solver.literal(symbol)
        return literal

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
        cost = self._optimum(query)
        found = None
        if cost is not None:
            commitments, keys = self._keys(query)
            oracle = _Oracle(
                self._solver,
                query.assumptions(),
                self._maximize,
                cost if self._tolerant else None,
            )
            literals = {literal for found in keys.values() for literal in found}
            literals.discard(None)
            found = consequences(sorted(literals), oracle)  # type: ignore[type-var]
            if found is not None and not self._tolerant:
                self._kept.keep(query, keys["true"], oracle.models)
        if found is None:
            return StatusReport(
                False, conflict=self._search.conflict(query), tolerant=self._tolerant
            )
        brave, cautious = found.brave, found.cautious

        def statuses(kind: str) -> list[Status]:
            return [
                Status.from_bounds(in_some=literal in brave, in_all=literal in cautious)
                for literal in keys[kind]
            ]

        states: list[list[State]] = [[] for _ in commitments]
        discharged = keys["discharged" if self._tolerant else "triggered"]
        for index, literal in enumerate(discharged):
            if literal in brave:
                states[index].append(State.DISCHARGED)
        for index, literal in enumerate(keys["triggered"]):
            if literal not in cautious:
                states[index].append(State.EXPIRED)
        for index, literal in enumerate(keys.get("violated", ())):
            if literal in brave:
                states[index].append(State.VIOLATED)
        outcomes = [outcome.id for outcome in self._scenario.outcomes]
        return StatusReport(
            True,
            atoms=dict(zip(query.universe, statuses("true"), strict=True)),
            outcomes=dict(zip(outcomes, statuses("occurs"), strict=True)),
            commitments=dict(zip(commitments, map(tuple, states), strict=True)),
            cost=cost if self._tolerant else None,
            tolerant=self._tolerant,
        )

    def is_consistent(
        self, assume: Sequence[Assumption] = (), at: When | str | None = None
    ) -> bool:
        """Tell whether at least one outcome exists (one solver call)."""
        query = self._query(assume, at)
        if query.impossible is not None:
            return False
        return self._solver.check(query.assumptions())[0]  # tolerant: costs do not matter

    def conflict(
        self, assume: Sequence[Assumption] = (), at: When | str | None = None
    ) -> tuple[str, ...] | None:
        """Return a minimal conflict (statement ids and ``assume:`` names), or ``None``."""
        query = self._query(assume, at)
        if query.impossible is None and self._solver.check(query.assumptions())[0]:
            return None
        return self._search.conflict(query)

    def query(
        self, formula: FormulaLike, assume: Sequence[Assumption] = (), at: When | str | None = None
    ) -> Status | None:
        """Return the status of any formula, or ``None`` when there is no outcome.

        Two solver calls: can the formula hold, and can it fail?  (In tolerant
        mode, first the least cost; then among the outcomes of that cost.)
        In strict mode, an outcome kept from an earlier status at the same
        date that already shows the answer saves its call.
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
            consistent = self._solver.check(query.assumptions(), bound)[0]
            return Status.IMPOSSIBLE if consistent else None
        known = (False, False) if self._tolerant else self._kept.show(query, checked)
        return self._search.status_of(query, literal, bound, *known)

    def forecast(
        self,
        assume: Sequence[Assumption] = (),
        at: When | str | None = None,
        *,
        samples: int | None = None,
        seed: int = 0,
        model: Model | str | None = None,
    ) -> Forecast:
        """Return the probabilities of forecast mode (SPEC section 3): ``forecasting.forecast``.

        ``model`` names the model (``None``: the default one; ``"independent"``:
        exactly SPEC's formula); :attr:`time_limit` applies.
        """
        from commitlogic.forecasting.engine import forecast

        return forecast(
            self._scenario,
            assume,
            at,
            model=model,
            samples=samples,
            seed=seed,
            time_limit=self.time_limit,
        )

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
        explanation = self._search.explain(query, checked, self._literal(checked))
        # The explanation names the formula as written, outcome names and all.
        written = checked_formula(formula, self._scenario, "formula", expand=False)
        return attrs.evolve(explanation, formula=str(written))
