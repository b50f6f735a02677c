"""The live solver: one grounded clingo ``Control``, solved under assumptions within limits.

Everything the reasoner asks of clingo goes through :class:`Solver`: ground
a new program part, look up the literal of an atom, and solve under
assumptions.  Every solve runs asynchronously and is watched from Python, so
a query stops promptly when its time limit passes (across all its solver
calls) or when the user presses Ctrl-C: the search is cancelled and
``KeyboardInterrupt`` propagates.

For the backbone (:mod:`commitlogic.reasoning.backbone`) the solver also
keeps *probes*: for each literal ``l`` it is asked about, two free external
atoms ``up(l)`` and ``down(l)`` with the rules ``flip :- up(l), l`` and
``flip :- down(l), not l``, and a free external ``probing`` with the
constraint ``:- probing, not flip``.  Assuming ``probing`` and some
``up``/``down`` externals (and every other probe off) asks for a model in
which at least one chosen literal takes the chosen value; a call that does
not assume ``probing`` is not constrained by the probes at all.  Probes are
built once per literal, so repeated queries add no rules.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence

import clingo
from clingo import HeuristicType, Number, Symbol

from commitlogic.model.errors import SolverLimit
from commitlogic.reasoning._backend import Builder, true_among
from commitlogic.reasoning.encoding import (
    PART,
    SOLVER_OPTIONS,
    STRICT_RULES,
    TOLERANT_RULES,
    add_facts,
    rule_files,
)

__all__ = ["Solver"]

#: How often (seconds) a running solve checks the deadline and Ctrl-C.
POLL = 0.1


class Solver:
    """One live clingo program with the rules of strict or tolerant mode.

    Parameters
    ----------
    tolerant
        Load rules/tolerant.lp instead of rules/strict.lp, and optimise.
    rules
        Load the rule files at all; without them the program is built
        through the backend (:mod:`commitlogic.reasoning.clauses`).

    Notes
    -----
    Limits are per query: :meth:`start` sets the deadline and the model
    budget that every later solve counts against, until the next
    :meth:`start`.  The model limit counts the *distinct* models (by their
    shown atoms) that the solver calls of a query find: the number of
    outcomes the query had to look at.  A status looks at a handful (one
    when only one outcome exists), a formula status or a conflict trial at
    one per call.
    """

    def __init__(self, *, tolerant: bool, rules: bool = True) -> None:
        self.tolerant = tolerant
        # Tolerant mode optimises with unsatisfiable-core search (usc): it
        # proves a small optimum in one model, where branch and bound walks
        # through hundreds of improving models (docs/encoding.md).
        optimise = ["--opt-strategy=usc"] if tolerant else []
        self.control = clingo.Control(
            ["--models=1", *SOLVER_OPTIONS, *optimise], logger=_ignore, message_limit=0
        )
        names = (TOLERANT_RULES if tolerant else STRICT_RULES) if rules else ()
        for name, text in rule_files(names) if names else ():
            try:
                self.control.add(PART, ["p"], text)
            except RuntimeError as error:  # pragma: no cover - the rules are ours
                raise RuntimeError(f"cannot parse rules/{name}") from error
        self._deadline: float | None = None
        self._time_limit: float | None = None
        self._model_limit: int | None = None
        self._seen: set[frozenset[int]] = set()  # the distinct models of this query
        #: The literals of the atoms that tell outcomes apart (the model limit counts by them).
        self.watched: Sequence[int] = ()
        self._literals: dict[Symbol, int | None] = {}
        self._probes: dict[int, tuple[int, int]] = {}
        self._probing: int | None = None
        self._flips: list[int] = []
        self._switches: list[int] = []

    # ------------------------------------------------------------------ the program

    def ground(self, part: int, facts: Iterable[Symbol]) -> None:
        """Add ``facts`` and ground program part number ``part`` for them."""
        with self.control.backend() as backend:
            add_facts(backend, facts)
        self.control.ground([(PART, [Number(part)])])

    def free_external(self, symbol: Symbol) -> int:
        """Free an external atom, so that queries can assume it either way; return its literal."""
        self.control.assign_external(symbol, None)
        return self.control.symbolic_atoms[symbol].literal

    def literal(self, symbol: Symbol) -> int | None:
        """Return the literal of a ground atom, or ``None`` when it can never be true."""
        if symbol not in self._literals:
            found = self.control.symbolic_atoms[symbol]
            self._literals[symbol] = None if found is None else found.literal
        return self._literals[symbol]

    def literals(self, name: str, arity: int) -> dict[Symbol, int]:
        """Return (and cache) the literals of every ground atom ``name/arity``, by symbol."""
        found = {
            atom.symbol: atom.literal
            for atom in self.control.symbolic_atoms.by_signature(name, arity)
        }
        self._literals.update(found)
        return found

    # ------------------------------------------------------------------ limits

    def start(self, time_limit: float | None, model_limit: int | None) -> None:
        """Start a query: its time limit counts from now, its model budget from zero."""
        self._time_limit = time_limit
        self._deadline = None if time_limit is None else time.monotonic() + time_limit
        self._model_limit = model_limit
        self._seen = set()

    def lend_limits(self, other: Solver) -> None:
        """Let ``other`` count against this query's deadline and model budget."""
        other._time_limit, other._deadline = self._time_limit, self._deadline
        other._model_limit, other._seen = self._model_limit, self._seen

    def solve(
        self,
        assumptions: Sequence[int],
        on_model: Callable[[clingo.Model], None] | None = None,
        on_core: Callable[[Sequence[int]], None] | None = None,
    ) -> clingo.SolveResult:
        """Solve under ``assumptions`` within the query's limits.

        Raises
        ------
        SolverLimit
            When the query's deadline passes or its model budget runs out.
        KeyboardInterrupt
            On Ctrl-C: the search is cancelled first (within :data:`POLL` seconds).
        """
        if self._deadline is not None and time.monotonic() >= self._deadline:
            raise SolverLimit("time", self._time_limit or 0.0)  # spent by earlier calls
        limit = self._model_limit
        over = False

        def counted(model: clingo.Model) -> bool:
            nonlocal over
            if limit is not None:
                self._seen.add(frozenset(true_among(model, self.watched)))
                if len(self._seen) > limit:
                    over = True
                    return False  # stop the search; reported below
            if on_model is not None:
                on_model(model)
            return True

        # clingo calls neither on_core nor on_last when solving asynchronously:
        # the core is read from the handle below.
        handle = self.control.solve(assumptions=list(assumptions), on_model=counted, async_=True)
        with handle:
            try:
                while not handle.wait(self._wait()):
                    if self._deadline is not None and time.monotonic() >= self._deadline:
                        handle.cancel()
                        raise SolverLimit("time", self._time_limit or 0.0)
                result = handle.get()
                if result.unsatisfiable and on_core is not None and not over:
                    on_core(handle.core())
            except BaseException:  # Ctrl-C or the deadline: stop the search first
                handle.cancel()
                raise
        if over:
            assert limit is not None
            raise SolverLimit("models", limit)
        return result

    def _wait(self) -> float:
        if self._deadline is None:
            return POLL
        return max(0.0, min(POLL, self._deadline - time.monotonic()))

    def configure(self, bound: int | None) -> None:
        """Look for one model; in tolerant mode, of cost at most ``bound`` (``None``: any)."""
        solve = self.control.configuration.solve
        solve.enum_mode, solve.models = "auto", 1
        if self.tolerant:
            solve.opt_mode = "ignore" if bound is None else f"enum,{bound}"

    def check(self, assumptions: Sequence[int], bound: int | None = None) -> tuple[bool, list[int]]:
        """Return whether a model exists under ``assumptions`` and, if not, the core."""
        self.configure(bound)
        core: list[int] = []
        result = self.solve(assumptions, on_core=core.extend)
        return bool(result.satisfiable), core

    def model(
        self, assumptions: Sequence[int], bound: int | None = None, read: Sequence[int] = ()
    ) -> list[int] | None:
        """Return the literals of ``read`` true in one model under ``assumptions``, or ``None``."""
        return self.model_or_core(assumptions, read, bound)[0]

    def model_or_core(
        self, assumptions: Sequence[int], read: Sequence[int] = (), bound: int | None = None
    ) -> tuple[list[int] | None, list[int]]:
        """Return the literals of ``read`` true in one model, or ``None`` and the core.

        In tolerant mode, costs are ignored unless ``bound`` is given.
        """
        self.configure(bound)
        true: list[int] | None = None
        core: list[int] = []

        def on_model(model: clingo.Model) -> None:
            nonlocal true
            true = true_among(model, read)

        self.solve(assumptions, on_model=on_model, on_core=core.extend)
        return true, core

    def optimum(self, assumptions: Sequence[int]) -> int | None:
        """Return the least cost of a model under ``assumptions`` (tolerant mode), or ``None``.

        clasp's core-guided search proves the optimum; models are not enumerated.
        """
        solve = self.control.configuration.solve
        solve.enum_mode, solve.opt_mode, solve.models = "auto", "opt", 0
        costs: list[int] = []

        def on_model(model: clingo.Model) -> None:
            costs.append(sum(model.cost))

        result = self.solve(assumptions, on_model=on_model)
        return costs[-1] if result.satisfiable and costs else None

    # ------------------------------------------------------------------ probes

    def probe(self, literals: Iterable[int]) -> None:
        """Build the probes of ``literals`` that have none yet (see the module docstring).

        An atom may only get rules in the solving step that introduces it,
        so each batch of probes has a ``flip`` atom of its own, and a new
        ``probing`` external whose constraint asks for any batch's ``flip``.
        """
        new = [literal for literal in dict.fromkeys(literals) if literal not in self._probes]
        if not new:
            return
        with self.control.backend() as backend:
            build = Builder(backend)
            flip = build.atom()
            self._flips.append(flip)
            # true/false modifiers: level 1 and that sign, in one statement each.
            true, false = HeuristicType.True_, HeuristicType.False_
            for literal in new:
                up, down = build.external(), build.external()
                self._switches += (up, down)
                build.rule(flip, (up, literal))
                build.rule(flip, (down, -literal))
                # Decide a probed literal first, and try its other value first
                # (CadiBack's phases): one model then flips as many as it can.
                build.heuristic(literal, true, 1, 2, up)
                build.heuristic(literal, false, 1, 2, down)
                self._probes[literal] = (up, down)
            # A free external not assumed constrains nothing: the solver may
            # always leave it false.  So the previous batch's guard needs no switch.
            self._probing = build.external()
            build.rule(None, [self._probing, *(-atom for atom in self._flips)])

    def flipped(
        self,
        assumptions: Sequence[int],
        up: Iterable[int],
        down: Iterable[int],
        bound: int | None = None,
        read: Sequence[int] = (),
    ) -> list[int] | None:
        """Return a model where a literal of ``up`` is true or one of ``down`` false, or ``None``.

        Every literal must have its probe (:meth:`probe`).  The probes are
        free externals switched by assumptions: every probe not chosen is
        assumed off.  (Switching them with ``assign_external`` between
        solves lost the constraint in clingo 5.8 after a satisfiable call.)
        """
        chosen = {self._probes[literal][0] for literal in up}
        chosen.update(self._probes[literal][1] for literal in down)
        assert self._probing is not None
        switches = [self._probing, *chosen]
        switches += [-atom for atom in self._switches if atom not in chosen]
        return self.model([*assumptions, *switches], bound, read)


def _ignore(_code: clingo.MessageCode, _message: str) -> None:
    """Drop clingo's informational messages; our input never reaches the parser."""
