"""The program grounded from the ``.lp`` rules, with the interface of the clause program.

Tolerant mode needs the whole of ``rules/``: weights, the optimisation
statement and the states ``discharged`` and ``violated`` read from models.
:class:`GroundProgram` encodes the scenario into facts
(:class:`~commitlogic.reasoning.encoding.Encoder`), lets gringo ground the
rules for them part by part, and looks up the literals the reasoner reads.
It offers the same lists, by position, as
:class:`~commitlogic.reasoning.clauses.ClauseProgram`, so the reasoner
queries either the same way; a literal is ``None`` where clingo simplified
the atom away (it can never be true).
"""

from __future__ import annotations

from collections.abc import Iterable

from clingo import Function, Number, String, Symbol

from commitlogic.model.formulas import Atom, Formula
from commitlogic.model.scenario import Outcome, Scenario, Statement
from commitlogic.reasoning.encoding import Encoder
from commitlogic.reasoning.solver import Solver

__all__ = ["GroundProgram"]


class GroundProgram:
    """The scenario's facts with the rules of ``rules/``, grounded part by part.

    Parameters
    ----------
    solver
        A solver made with the rule files loaded.
    scenario
        The scenario.
    weights
        Add each commitment's ``weight/3`` fact (tolerant mode).

    Attributes are those of :class:`~commitlogic.reasoning.clauses.ClauseProgram`.
    """

    def __init__(self, solver: Solver, scenario: Scenario, *, weights: bool) -> None:
        self._solver = solver
        self._encoder = Encoder(weights=weights)
        self.names: list[str] = []
        self.positions: dict[tuple[str, tuple[str, ...]], int] = {}  # by name and arguments
        self.atoms: list[int] = []
        self.active: list[int] = []
        self.triggered: list[int | None] = []
        self.outcomes: list[int | None] = []
        self._ids: list[str] = []
        universe = self._encoder.scenario(scenario)
        self._ground()
        self.maximize = solver.free_external(Function("maximize"))
        # Read the literals of the shown atoms in bulk once; later ones one by one.
        for name, arity in (("true", 1), ("occurs", 1), ("triggered", 1), ("state", 2)):
            solver.literals(name, arity)
        self._register(universe)
        self._statements(scenario.statements)
        for outcome in scenario.outcomes:
            self.outcomes.append(solver.literal(Function("occurs", [String(outcome.id)])))

    def add_statement(self, statement: Statement) -> None:
        """Add one statement, grounding only the new part."""
        self._encoder.statement(statement)
        self._ground()
        self._register(atom for _field, formula in statement.formulas() for atom in formula.atoms())
        self._statements([statement])

    def add_outcome(self, outcome: Outcome) -> None:
        """Add one declared outcome, grounding only the new part."""
        self._encoder.outcome(outcome)
        self._ground()
        self._register(outcome.when.atoms())
        self.outcomes.append(self._solver.literal(Function("occurs", [String(outcome.id)])))

    def literal(self, formula: Formula) -> int | None:
        """Return the literal of ``holds(F)``, or ``None`` when it can never hold."""
        node = self._encoder.node(formula)
        self._ground()
        self._register(formula.atoms())
        return self._solver.literal(Function("holds", [Number(node)]))

    def states(self, place: int) -> tuple[int | None, int | None]:
        """Return the literals of ``state(S,discharged)`` and ``state(S,violated)`` (tolerant)."""
        statement = String(self._ids[place])
        found = (self._state(statement, "discharged"), self._state(statement, "violated"))
        return found

    def _state(self, statement: Symbol, state: str) -> int | None:
        return self._solver.literal(Function("state", [statement, Function(state)]))

    def _ground(self) -> None:
        part, facts = self._encoder.take()
        if facts or part == 0:  # part 0 also declares the external maximize
            self._solver.ground(part, facts)

    def place(self, atom: Atom) -> int:
        """Return the place of a known atom."""
        return self.positions[atom.name, atom.args]

    def _register(self, atoms: Iterable[Atom]) -> None:
        for atom in atoms:
            if (atom.name, atom.args) not in self.positions:
                self.positions[atom.name, atom.args] = len(self.atoms)
                self.names.append(str(atom))
                literal = self._solver.literal(Function("true", [String(str(atom))]))
                assert literal is not None, "an atom of the universe is always a choice"
                self.atoms.append(literal)

    def _statements(self, statements: Iterable[Statement]) -> None:
        solver = self._solver
        for statement in statements:
            sid = String(statement.id)
            self._ids.append(statement.id)
            self.active.append(solver.free_external(Function("active", [sid])))
            self.triggered.append(solver.literal(Function("triggered", [sid])))
