"""Strict mode's program as clauses, added through clingo's backend, read back by position.

The ``.lp`` files in ``rules/`` are the readable specification of what a
scenario means; gringo grounds them for tolerant mode and for the ASP export
(:mod:`commitlogic.reasoning.grounded`).  A strict status needs much less
than their ground program: for each statement one clause on its activation
literal.  :class:`ClauseProgram` adds exactly that, through the backend:

- each atom of the universe is a choice atom ``{a}``, preferring true or
  false as the external ``maximize`` asks (rules/heuristics.lp);
- a formula gets an atom of its own only when it is compound (``not``,
  ``and``, ``or``: rules/formulas.lp); an atom is its own literal;
- each statement that constrains becomes the constraint
  ``:- active(S), antecedent, not consequent`` (rules/statements.lp and
  strict.lp), with ``active(S)`` a free external atom;
- ``triggered(S)`` is the antecedent's literal (an always-true atom for
  ``commits`` and ``refuses``), so the commitment states a status reports
  follow from literals it reads anyway (rules/display.lp); ``state/2`` is
  never built.

Literals are kept in lists indexed like the scenario: atoms by their place
in the universe, statements and outcomes by their place in the scenario.
No clingo symbol is built: models are read by literal
(:func:`commitlogic.reasoning._backend.true_among`).  tests/test_clauses.py
checks on drawn scenarios that both encodings give the same reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from commitlogic._memory import paused_gc
from commitlogic.model.formulas import And, Atom, Formula, Not, Or
from commitlogic.model.scenario import Kind, Outcome, Scenario, Statement
from commitlogic.reasoning._backend import Builder
from commitlogic.reasoning.propagation import Clauses
from commitlogic.reasoning.solver import Solver

__all__ = ["ClauseProgram"]


class ClauseProgram:
    """The strict-mode program of one scenario, grown statement by statement.

    Attributes
    ----------
    names, atoms
        Every atom the program knows (the scenario's universe in order, then
        atoms that only assumptions or added items named): its text and its
        literal, by place (see :meth:`place`).
    active, triggered
        Per statement, by its place in the scenario: the literal of
        ``active(S)``, and of its antecedent (``None`` for ``might``).
    outcomes
        Per declared outcome, by place: the literal of its formula.
    maximize
        The literal of the external ``maximize``.
    """

    def __init__(self, solver: Solver, scenario: Scenario | None = None) -> None:
        """Build the program of ``scenario`` (``None``: an empty one, grown by the methods)."""
        self._solver = solver
        self.names: list[str] = []
        self.positions: dict[tuple[str, tuple[str, ...]], int] = {}  # by name and arguments
        self.keys: list[tuple[str, tuple[str, ...]]] = []  # name and arguments, by place
        self.atoms: list[int] = []
        self.active: list[int] = []
        self.triggered: list[int | None] = []
        self.outcomes: list[int] = []
        self._nodes: dict[Formula, int] = {}
        self.clauses = Clauses()  # the same program, for propagation in Python
        # For the components (reasoning/components.py): the literals each statement
        # links (none for might), and each node with its operands.
        self.links: list[tuple[int, ...]] = []
        self.node_links: list[tuple[int, ...]] = []
        with paused_gc(), solver.control.backend() as backend:
            self.maximize = Builder(backend).external()
            builder = Builder(backend, self.maximize)
            self._true = builder.atom()  # the antecedent of commits and refuses
            builder.rule(self._true, ())
            self.clauses.add((self._true,))
            if scenario is not None:
                self._add_universe(builder, scenario)
                for statement in scenario.statements:
                    self._statement(builder, statement)
                for outcome in scenario.outcomes:
                    self.outcomes.append(self._literal(builder, outcome.when))

    # ------------------------------------------------------------------ growing

    def add_statement(self, statement: Statement) -> None:
        """Add one statement (its new atoms join the universe in formula order)."""
        self.add_statements([statement])

    def add_statements(self, statements: Iterable[Statement]) -> None:
        """Add statements in order, through one backend."""
        with self._solver.control.backend() as backend:
            builder = Builder(backend, self.maximize)
            for statement in statements:
                self._statement(builder, statement)

    def require(self, formula: Formula, holds: bool = True, guarded: bool = True) -> int | None:
        """Add ``:- switch, not F`` (or ``:- switch, F``); return the switch, a free external.

        Without ``guarded``, the constraint has no switch and ``None`` is returned.
        """
        with self._solver.control.backend() as backend:
            builder = Builder(backend, self.maximize)
            literal = self._literal(builder, formula)
            switch = builder.external() if guarded else None
            body = [literal if not holds else -literal]
            self._constraint(builder, body if switch is None else [switch, *body])
        return switch

    def add_outcome(self, outcome: Outcome) -> None:
        """Add one declared outcome."""
        with self._solver.control.backend() as backend:
            builder = Builder(backend, self.maximize)
            self.outcomes.append(self._literal(builder, outcome.when))

    def literal(self, formula: Formula) -> int:
        """Return the literal of ``formula``, adding atoms and nodes it needs the first time."""
        known = self.known(formula)
        if known is not None:
            return known
        with self._solver.control.backend() as backend:
            return self._literal(Builder(backend, self.maximize), formula)

    # ------------------------------------------------------------------ building

    def place(self, atom: Atom) -> int:
        """Return the place of a known atom."""
        return self.positions[atom.name, atom.args]

    def known(self, formula: Formula) -> int | None:
        """Return the literal of ``formula`` if the program has it already, else ``None``."""
        if isinstance(formula, Atom):
            place = self.positions.get((formula.name, formula.args))
            return None if place is None else self.atoms[place]
        return self._nodes.get(formula)

    def _add_universe(self, builder: Builder, scenario: Scenario) -> None:
        """Add the invited attendances, the first atoms of ``Scenario.atoms``, without atoms.

        Every ``attends(a, e)`` with ``a`` invited to ``e``; the atoms of the
        statements and outcomes follow as they are encoded, in the same order
        (SPEC section 2).
        """
        positions, names, literals = self.positions, self.names, self.atoms
        for actor, event in scenario.invitations():
            key = ("attends", (actor, event))
            if key not in positions:
                positions[key] = len(literals)
                self.keys.append(key)
                names.append(f"attends({actor},{event})")
                literals.append(builder.choice())

    def _add_atoms(self, builder: Builder, atoms: Iterable[Atom]) -> None:
        positions, names, literals = self.positions, self.names, self.atoms
        for atom in atoms:
            key = (atom.name, atom.args)
            if key not in positions:
                positions[key] = len(literals)
                self.keys.append(key)
                names.append(str(atom))
                literals.append(builder.choice())

    def _literal(self, builder: Builder, formula: Formula) -> int:
        """Return the literal of ``formula``, adding the atoms and nodes it needs.

        New atoms join the universe in the order ``Formula.atoms`` gives them.
        """
        if isinstance(formula, Atom):
            key = (formula.name, formula.args)
            place = self.positions.get(key)
            if place is None:
                place = self.positions[key] = len(self.atoms)
                self.keys.append(key)
                self.names.append(str(formula))
                self.atoms.append(builder.choice())
            return self.atoms[place]
        node = self._nodes.get(formula)
        if node is not None:
            return node
        if isinstance(formula, Not):
            body = [-self._literal(builder, formula.operand)]
            node = builder.atom()
            builder.rule(node, body)
            self.clauses.rule(node, body)
        elif isinstance(formula, And):
            body = [self._literal(builder, operand) for operand in formula.operands]
            node = builder.atom()
            builder.rule(node, body)
            self.clauses.rule(node, body)
        elif isinstance(formula, Or):
            body = [self._literal(builder, operand) for operand in formula.operands]
            node = builder.atom()
            for literal in body:
                builder.rule(node, (literal,))
            self.clauses.rules(node, body)
        else:  # pragma: no cover - the formula classes are closed
            raise TypeError(f"not a formula: {formula!r}")
        self._nodes[formula] = node
        self.node_links.append((node, *(abs(literal) for literal in body)))
        return node

    def _statement(self, builder: Builder, statement: Statement) -> None:
        """Add ``:- active(S), antecedent, not consequent`` (rules/statements.lp, strict.lp)."""
        active = builder.external()
        self.active.append(active)
        kind = statement.kind
        if kind is _MIGHT:  # constrains nothing; its atoms join the universe
            for _field, formula in statement.formulas():
                self._add_atoms(builder, formula.atoms())
            self.triggered.append(None)
            self.links.append(())
            return
        subject = self._literal(builder, statement.subject)
        if kind is _IF or kind is _ONLY_IF:
            assert statement.condition is not None
            condition = self._literal(builder, statement.condition)
            if kind is _IF:
                antecedent, body = condition, (active, condition, -subject)
            else:
                antecedent, body = subject, (active, subject, -condition)
            self.links.append((subject, condition))
        else:  # commits, observed: the subject holds; refuses: it does not
            antecedent = self._true
            body = (active, subject if kind is _REFUSES else -subject)
            self.links.append((subject,))
        builder.constraint(body)
        self.clauses.forbid(body)
        self.triggered.append(antecedent)

    def _constraint(self, builder: Builder, body: Sequence[int]) -> None:
        builder.constraint(body)
        self.clauses.forbid(body)


# The kinds, read once (an enum member costs a lookup through its class).
_MIGHT, _IF, _ONLY_IF, _REFUSES = Kind.MIGHT, Kind.IF, Kind.ONLY_IF, Kind.REFUSES
