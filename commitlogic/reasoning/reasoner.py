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
from itertools import chain
from typing import TYPE_CHECKING

import attrs
import clingo

from commitlogic._memory import paused_gc
from commitlogic.model.dates import When
from commitlogic.model.formulas import Formula, FormulaLike
from commitlogic.model.query import Assumption, checked_formula, normalise
from commitlogic.model.scenario import Outcome, Scenario, Statement
from commitlogic.reasoning.backbone import consequences
from commitlogic.reasoning.clauses import ClauseProgram
from commitlogic.reasoning.explaining import Search
from commitlogic.reasoning.grounded import GroundProgram
from commitlogic.reasoning.kept import Kept
from commitlogic.reasoning.partial import Partial
from commitlogic.reasoning.reading import Read, SolverOracle, keys_of
from commitlogic.reasoning.resolved import AtDate, Resolved, statements_at
from commitlogic.reasoning.results import Explanation, Status, StatusReport
from commitlogic.reasoning.solver import Solver
from commitlogic.reasoning.witnesses import Witnesses

if TYPE_CHECKING:  # the forecasting engine imports NumPy: only forecasts load it
    from commitlogic.forecasting import Forecast, Model

__all__ = ["Assumption", "Reasoner"]


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

    #: Strict mode builds its program as clauses (reasoning/clauses.py); ``False``
    #: grounds rules/*.lp instead, as tolerant mode always does (tests compare both).
    _clauses = True

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
        clauses = self._clauses and not tolerant
        self._solver = Solver(tolerant=tolerant, rules=not clauses)
        self._program: ClauseProgram | GroundProgram = (
            ClauseProgram(self._solver, scenario)
            if clauses
            else GroundProgram(self._solver, scenario, weights=tolerant)
        )
        self._solver.watched = self._program.atoms
        self._maximize = self._program.maximize
        self._search = Search(self._solver, self._maximize, self._program)
        # Strict statuses kept per date, re-solved by component (reasoning/partial.py),
        # and the models they found, witnesses for later statuses (reasoning/witnesses.py).
        self._partial = self._witnesses = None
        if isinstance(self._program, ClauseProgram):
            self._partial = Partial(self._program, self._solver)
            self._witnesses = Witnesses(self._program)
        self._kept = Kept()  # the outcomes the last strict status saw
        # Per query date: the background, members and constraints of the statements.
        self._dates: dict[When | None, AtDate] = {}
        self._commitments = [s.is_commitment for s in scenario.statements]
        # The atom universe (SPEC section 2) in order: text -> place in the program.
        names = self._program.names
        self._universe: dict[str, int] = dict(zip(names, range(len(names)), strict=True))
        self._kept.universe = self._universe

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
        """Add a statement or an outcome to the live reasoner, adding only the new part.

        Raises
        ------
        ScenarioError
            When the scenario with the new item is not valid; the reasoner is unchanged.
        """
        self._kept.forget()  # kept outcomes may break the new statement
        if isinstance(item, Statement):
            self._scenario = self._scenario.with_statement(item)
            item = self._scenario.statements[-1]  # with outcome names expanded
            self._program.add_statement(item)
            self._commitments.append(item.is_commitment)
            self._date_added(item)
            self._extend_universe(formula for _field, formula in item.formulas())
            if self._partial is not None:
                self._partial.added(item)
        elif isinstance(item, Outcome):
            self._scenario = attrs.evolve(self._scenario, outcomes=(*self._scenario.outcomes, item))
            item = self._scenario.outcomes[-1]  # with outcome names expanded
            self._program.add_outcome(item)
            self._extend_universe([item.when])
            if self._partial is not None:
                self._partial.added(item)
        else:
            raise TypeError(f"expected a Statement or an Outcome, got {type(item).__name__}")

    def _date_added(self, statement: Statement) -> None:
        """Bring the statements' part of each query date up to date with a new statement.

        No earlier statement can supersede it (supersedes names statements
        that exist), so unless it supersedes others, only it is new at each date.
        """
        if statement.supersedes:
            self._dates.clear()
            return
        place, literal = len(self._program.active) - 1, self._program.active[-1]
        for at, (background, members, constraints, commitments) in self._dates.items():
            if statement.is_present(at):
                members[literal], constraints[literal] = statement.id, statement
                if statement.is_commitment:
                    commitments.append(place)
            else:
                background.append(-literal)

    def _extend_universe(self, formulas: Iterable[Formula]) -> None:
        place = self._program.place
        for formula in formulas:
            for atom in formula.atoms():
                self._universe.setdefault(str(atom), place(atom))

    # ------------------------------------------------------------------ queries

    def _query(self, assume: Sequence[Assumption], at: When | str | None) -> Resolved:
        # Every query starts here: its limits count from now.
        self._solver.start(self.time_limit, self.model_limit)
        request = normalise(self._scenario, assume, at)
        if request.at not in self._dates:  # the statements' part, once per date
            self._dates[request.at] = statements_at(
                self._scenario, self._program.active, self._commitments, request.at
            )
        background, members, constraints, commitments = self._dates[request.at]
        members, constraints = dict(members), dict(constraints)
        order = list(members.values())
        universe = self._universe
        impossible = None
        for name, formula in request.assumptions:
            literal = self._program.literal(formula)
            place = self._program.place
            extra = {str(atom): place(atom) for atom in formula.atoms()}
            if not extra.keys() <= universe.keys():  # its own atoms join this query's universe
                universe = {**universe, **{k: v for k, v in extra.items() if k not in universe}}
            if literal is None:
                impossible = impossible or name
                continue
            if literal not in members:
                members[literal] = name
                order.append(name)
                constraints[literal] = (None, formula)
        assumed = tuple(formula for _, formula in request.assumptions)
        return Resolved(
            background,
            members,
            order,
            universe,
            impossible,
            constraints,
            assumed,
            commitments,
            request.at,
        )

    def _optimum(self, query: Resolved) -> int | None:
        """Return the least cost of an outcome of ``query`` (0 in strict mode), or None if none."""
        if query.impossible is not None:
            return None
        if not self._tolerant:
            return 0
        return self._solver.optimum(query.assumptions())

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
        with paused_gc():  # a large status builds many objects that live on
            return self._status(self._query(assume, at))

    def _status(self, query: Resolved) -> StatusReport:
        if self._partial is not None:  # a kept status and the components that changed
            partial = self._partial.status(self._scenario, query)
            if partial is not None:
                return partial
        cost = self._optimum(query)
        found = oracle = None
        if cost is not None:
            keys = keys_of(self._program, query, self._tolerant)
            every = set(chain.from_iterable(keys.values()))
            every.discard(None)
            literals: list[int] = sorted(every)  # type: ignore[arg-type]  # None is gone
            oracle = SolverOracle(
                self._solver,
                query.assumptions(),
                self._maximize,
                cost if self._tolerant else None,
                literals,
            )
            if self._witnesses is None:
                found, models = consequences(literals, oracle), oracle.models
            else:  # from the models of the last status at that date
                found, models = self._witnesses.search(self._scenario, query, keys, oracle)
            if found is not None and not self._tolerant:
                self._kept.keep(query, keys["true"], models)
        if found is None:
            core = None if oracle is None else oracle.core
            conflict = self._search.conflict(query, core)
            return StatusReport(False, conflict=conflict, tolerant=self._tolerant)
        commitments = [self._scenario.statements[place].id for place in query.commitments]
        outcomes = [outcome.id for outcome in self._scenario.outcomes]
        answers = Read(query.universe, outcomes, commitments, found.brave, found.cautious)
        report = answers.report(keys, cost if self._tolerant else None, self._tolerant)
        if self._partial is not None and not query.assumed:
            self._partial.keep(query.at, report)
        return report

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
        if query.impossible is not None:
            return self._search.conflict(query)
        consistent, core = self._solver.check(query.assumptions())
        return None if consistent else self._search.conflict(query, core)

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
        literal = self._program.literal(checked)
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
        explanation = self._search.explain(query, checked, self._program.literal(checked))
        # The explanation names the formula as written, outcome names and all.
        written = checked_formula(formula, self._scenario, "formula", expand=False)
        return attrs.evolve(explanation, formula=str(written))
