"""The encoding of scenarios into ASP facts, and the rule files they go with.

Facts are clingo symbols built through clingo's API (``Function``,
``String``, ``Number``): no user text is ever formatted into program source.
Atoms, statement ids and outcome ids are ASP strings, so an id that starts
with a capital letter stays a constant.  Formulas become numbered nodes,
shared between equal subformulas.  See the header comments of the files in
``rules/`` for the predicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from importlib.resources.abc import Traversable

import attrs
from clingo import Function, Number, String, Symbol

from commitlogic._memory import paused_gc
from commitlogic.model.formulas import And, Atom, Formula, Not, Or
from commitlogic.model.scenario import Outcome, Scenario, Statement
from commitlogic.reasoning._symbols import add_facts, function_maker

__all__ = [
    "PART",
    "SOLVER_OPTIONS",
    "STRICT_RULES",
    "TOLERANT_RULES",
    "Encoder",
    "add_facts",
    "rule_files",
]

#: The name of the parametrised program part that every rule file defines.
PART = "part"

#: The rule files of strict mode, in the order they are loaded.
STRICT_RULES = (
    "outcomes.lp",
    "formulas.lp",
    "statements.lp",
    "commitments.lp",
    "strict.lp",
    "display.lp",
    "heuristics.lp",
)

#: The rule files of tolerant mode: commitments are soft (rules/tolerant.lp).
TOLERANT_RULES = tuple("tolerant.lp" if name == "strict.lp" else name for name in STRICT_RULES)

#: Solver options the rules are written for (see rules/heuristics.lp).
SOLVER_OPTIONS = ("--heuristic=Domain", "--restart-on-model")


def rules_directory() -> Traversable:
    """Return the folder of the ``.lp`` files, inside the installed package."""
    return resources.files("commitlogic") / "rules"


def rule_files(names: Iterable[str] = STRICT_RULES) -> Iterator[tuple[str, str]]:
    """Yield ``(name, program text)`` for each rule file in ``names``."""
    folder = rules_directory()
    for name in names:
        yield name, (folder / name).read_text(encoding="utf-8")


#: The predicates of the facts, and their arities (see rules/*.lp).
_PREDICATES = {
    "atom": 2,
    "lit": 3,
    "neg": 3,
    "conj": 2,
    "disj": 2,
    "arg": 3,
    "statement": 3,
    "subject": 3,
    "condition": 3,
    "weight": 3,
    "outcome": 3,
}


def atom_symbol(atom: Atom) -> Symbol:
    """Return the ASP term of an atom: its canonical text as a string."""
    return String(str(atom))


@attrs.define
class Encoder:
    """Turns scenario parts into facts, remembering what earlier parts defined.

    Each call to :meth:`take` returns the facts of one new program part:
    only atoms and formula nodes that no earlier part defined are included.
    With ``weights`` set (tolerant mode), each commitment also gets its
    ``weight/3`` fact.
    """

    weights: bool = False
    part: int = 0
    _atoms: dict[Atom, Symbol] = attrs.field(factory=dict)  # atom -> its ASP term
    _nodes: dict[Formula, int] = attrs.field(factory=dict)
    _facts: list[Symbol] = attrs.field(factory=list)
    # Symbols are built through clingo's C API one call at a time, so the
    # numbers and kinds that recur in every fact are built once and reused.
    _numbers: list[Symbol] = attrs.field(factory=list)
    _kinds: dict[str, Symbol] = attrs.field(factory=dict)
    # One maker per predicate and encoder (makers keep buffers: not shared between threads).
    _make: dict[str, Callable[..., Symbol]] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self._make = {name: function_maker(name, arity) for name, arity in _PREDICATES.items()}

    def _number(self, value: int) -> Symbol:
        numbers = self._numbers
        if value >= len(numbers):
            numbers.extend(Number(n) for n in range(len(numbers), value + 1024))
        return numbers[value]

    def node(self, formula: Formula) -> int:
        """Return the node number of ``formula``, adding facts for it if it is new."""
        known = self._nodes.get(formula)
        if known is not None:
            return known
        p, number_of, make = self._number(self.part), self._number, self._make
        if isinstance(formula, Atom):
            term = self._atom_term(formula)
            number = self._new_node(formula)
            self._facts.append(make["lit"](p, number_of(number), term))
        elif isinstance(formula, Not):
            operand = self.node(formula.operand)
            number = self._new_node(formula)
            self._facts.append(make["neg"](p, number_of(number), number_of(operand)))
        elif isinstance(formula, And | Or):
            operands = [self.node(operand) for operand in formula.operands]
            number = self._new_node(formula)
            node = number_of(number)
            self._facts.append(make["conj" if isinstance(formula, And) else "disj"](p, node))
            arg = make["arg"]
            self._facts.extend(arg(p, node, number_of(operand)) for operand in operands)
        else:  # pragma: no cover - the formula classes are closed
            raise TypeError(f"not a formula: {formula!r}")
        return number

    def _new_node(self, formula: Formula) -> int:
        number = len(self._nodes)
        self._nodes[formula] = number
        return number

    def atom(self, atom: Atom) -> None:
        """Add ``atom`` to the universe, unless an earlier part did."""
        self._atom_term(atom)

    def _atom_term(self, atom: Atom) -> Symbol:
        """Return the ASP term of ``atom``, adding its ``atom/2`` fact the first time."""
        term = self._atoms.get(atom)
        if term is None:
            term = self._atoms[atom] = atom_symbol(atom)
            self._facts.append(self._make["atom"](self._number(self.part), term))
        return term

    def _kind(self, name: str) -> Symbol:
        symbol = self._kinds.get(name)
        if symbol is None:
            symbol = self._kinds[name] = Function(name)
        return symbol

    def statement(self, statement: Statement) -> None:
        """Add the facts of one statement."""
        p, sid, facts, make = self._number(self.part), String(statement.id), self._facts, self._make
        facts.append(make["statement"](p, sid, self._kind(statement.kind.value)))
        facts.append(make["subject"](p, sid, self._number(self.node(statement.subject))))
        if statement.condition is not None:
            node = self.node(statement.condition)
            facts.append(make["condition"](p, sid, self._number(node)))
        if self.weights and statement.is_commitment:
            facts.append(make["weight"](p, sid, Number(statement.weight)))

    def outcome(self, outcome: Outcome) -> None:
        """Add the facts of one declared outcome."""
        node = self.node(outcome.when)
        self._facts.append(
            self._make["outcome"](self._number(self.part), String(outcome.id), self._number(node))
        )

    def scenario(self, scenario: Scenario) -> tuple[Atom, ...]:
        """Add the facts of a whole scenario; return its atom universe."""
        with paused_gc():
            universe = scenario.atoms()
            for atom in universe:
                self.atom(atom)
            for statement in scenario.statements:
                self.statement(statement)
            for outcome in scenario.outcomes:
                self.outcome(outcome)
        return universe

    def take(self) -> tuple[int, list[Symbol]]:
        """Return the part number and facts added since the last call, and start a new part."""
        part, facts = self.part, self._facts
        self._facts = []
        self.part += 1
        return part, facts
