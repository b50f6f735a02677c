"""Exact weighted model counting for forecast mode, as tensor-network contraction.

A forecast (SPEC section 3, *Forecast mode*) is a weighted model count:
every assignment of the atoms that satisfies the hard facts weighs the
product, over the active commitments, of ``p`` when kept and ``1 - p`` when
broken.  :class:`Network` turns a query into a factor graph over Boolean
variables:

* each atom is a variable;
* each ``and`` of a formula is a gate, a new variable tied to its two inputs
  by a 0/1 table (``or`` is an ``and`` of negations, ``not`` only flips a
  literal), so no table has more than three variables however long a formula is;
* a soft factor (``forecasting.problem.Soft``: a commitment, a prior, a
  latent's tie) with antecedent A, consequent Q and guard G is a table over
  their variables: 1 unless G holds, then ``p`` unless A holds and Q
  fails, then ``1 - p``;
* a hard fact (an observed subject, an assumption) is a 0/1 table on its literal.

The partition function Z is the contraction of all tables, which
:mod:`opt_einsum` orders pairwise (variable elimination; the cost grows with
the width of the order it finds, not with the number of assignments).  The
graph falls apart into connected components, each contracted on its own.
Every probability of a component is a ratio to its Z with one unary
``[0, 1]`` table added on the literal asked about (an atom, an outcome, a
commitment's "kept" formula).  All of these ride along one contraction as
a batch index, so a component costs one ordering and one pass (per batch
when the intermediates would grow too large).  A ``deadline`` (from
``time.monotonic``, :class:`Deadline`) is checked between the pairwise steps.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import opt_einsum  # type: ignore[import-untyped]

from commitlogic.forecasting.problem import Deadline, TooWide
from commitlogic.model.formulas import And, Atom, Formula, Not, Or

__all__ = ["Deadline", "Literal", "Network", "TooWide"]

#: A literal: a variable and whether it is taken positively.
Literal = tuple[int, bool]

#: The largest intermediate table (entries) that one batched contraction may build.
_BUDGET = 1 << 22
#: The largest intermediate table (entries, without the batch) before exact counting gives up.
_LIMIT = 1 << 24


class Network:
    """The factor graph of one forecast query; see the module docstring.

    Tables are added with :meth:`hard`, :meth:`soft` and literals
    with :meth:`literal`; :meth:`solve` computes the asked probabilities.
    A :class:`Deadline` stops :meth:`solve` with
    :class:`~commitlogic.model.errors.SolverLimit` when it passes.
    """

    def __init__(self, deadline: Deadline | None = None) -> None:
        self.deadline = deadline or Deadline(None)
        self.size = 0
        self._atoms: dict[Atom, int] = {}
        self._gates: dict[tuple[Literal, Literal], Literal] = {}
        self._formulas: dict[Formula, Literal] = {}
        self._tables: list[tuple[tuple[int, ...], np.ndarray]] = []  # (variables, array)

    # ------------------------------------------------------------------ building

    def atom(self, item: Atom) -> int:
        """Return the variable of ``item``, making it on first use."""
        found = self._atoms.get(item)
        if found is None:
            found = self._atoms[item] = self._variable()
        return found

    def _variable(self) -> int:
        self.size += 1
        return self.size - 1

    def literal(self, formula: Formula) -> Literal:
        """Return a literal equivalent to ``formula``, adding gates as needed."""
        found = self._formulas.get(formula)
        if found is not None:
            return found
        if isinstance(formula, Atom):
            result: Literal = (self.atom(formula), True)
        elif isinstance(formula, Not):
            inner = self.literal(formula.operand)
            result = (inner[0], not inner[1])
        elif isinstance(formula, And):
            result = self._fold([self.literal(f) for f in formula.operands])
        elif isinstance(formula, Or):
            negated = self._fold([_negate(self.literal(f)) for f in formula.operands])
            result = _negate(negated)
        else:  # pragma: no cover - the formula classes are closed
            raise TypeError(f"not a formula: {formula!r}")
        self._formulas[formula] = result
        return result

    def _fold(self, literals: Sequence[Literal]) -> Literal:
        current = literals[0]
        for following in literals[1:]:
            current = self._and(current, following)
        return current

    def _and(self, left: Literal, right: Literal) -> Literal:
        key = (min(left, right), max(left, right))
        found = self._gates.get(key)
        if found is None:
            out = self._variable()
            self._table(
                (left[0], right[0], out),
                lambda v: float(v[out] == (_value(left, v) and _value(right, v))),
            )
            found = self._gates[key] = (out, True)
        return found

    def _table(self, variables: Iterable[int], weight: Callable[[dict[int, bool]], float]) -> int:
        """Add the table of ``weight`` over the distinct ``variables``; return its index."""
        distinct = tuple(dict.fromkeys(variables))
        self._tables.append((distinct, _tabulate(distinct, weight)))
        return len(self._tables) - 1

    def hard(self, formula: Formula) -> None:
        """Require ``formula`` to hold (an observed fact or an assumption)."""
        literal = self.literal(formula)
        self._table((literal[0],), lambda v: float(_value(literal, v)))

    def soft(
        self,
        antecedent: Formula | None,
        consequent: Formula,
        p: float,
        guard: Formula | None = None,
    ) -> None:
        """Add a factor: 1 unless ``guard``, else ``p`` if ``antecedent -> consequent``, else 1 - p.

        ``antecedent`` and ``guard`` ``None`` are *true* (commits, refuses).
        """
        condition = None if antecedent is None else self.literal(antecedent)
        outcome = self.literal(consequent)
        gate = None if guard is None else self.literal(guard)
        # Scaled by 1 / max(p, 1 - p) (every entry, the guard's 1 too): the
        # ratios, hence the probabilities, are unchanged, and long products
        # stay far from underflow.
        scale = max(p, 1 - p)
        kept, broken = p / scale, (1 - p) / scale

        def weight(v: dict[int, bool]) -> float:
            if gate is not None and not _value(gate, v):
                return 1.0 / scale
            violated = (condition is None or _value(condition, v)) and not _value(outcome, v)
            return broken if violated else kept

        variables = tuple(item[0] for item in (gate, condition, outcome) if item is not None)
        self._table(variables, weight)

    # ------------------------------------------------------------------ solving

    def solve(self, literals: Sequence[Literal]) -> list[float] | None:
        """Return the probability of each literal.

        ``None`` when the hard facts have no model (some component's Z is 0).

        Raises
        ------
        TooWide
            When a component cannot be contracted within memory.
        SolverLimit
            When the deadline passed.
        """
        parent = list(range(self.size))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for variables, _table in self._tables:
            for other in variables[1:]:
                parent[find(other)] = find(variables[0])
        # Per component: its tables, and its queries as (position, literal).
        groups: dict[int, tuple[list[int], list[tuple[int, Literal]]]] = {}
        for index, (variables, _table) in enumerate(self._tables):
            groups.setdefault(find(variables[0]), ([], []))[0].append(index)
        found = [0.5] * len(literals)  # a variable in no table is free: 1/2
        for position, literal in enumerate(literals):
            root = find(literal[0])
            if root in groups:
                groups[root][1].append((position, literal))
        for tables, queries in groups.values():
            answers = self._component(tables, [literal for _position, literal in queries])
            if answers is None:
                return None
            for (position, _literal), value in zip(queries, answers, strict=True):
                found[position] = value
        return found

    def _component(self, tables: list[int], queries: list[Literal]) -> list[float] | None:
        """Contract one component for its Z and every query; ``None`` when Z is 0."""
        symbol: dict[int, str] = {}

        def letters(variables: Iterable[int]) -> str:
            return "".join(
                symbol.setdefault(v, opt_einsum.get_symbol(len(symbol) + 1)) for v in variables
            )

        batch = opt_einsum.get_symbol(0)
        terms = [letters(self._tables[index][0]) for index in tables]
        extra = [letters((literal[0],)) for literal in queries]  # one unary term per query
        shapes = [self._tables[index][1].shape for index in tables] + [(2,)] * len(queries)
        path, info = opt_einsum.contract_path(
            ",".join(terms + extra) + "->", *shapes, shapes=True, optimize="auto"
        )
        width = int(info.largest_intermediate)
        if width > _LIMIT:
            raise TooWide(f"a component of {len(symbol)} variables is too densely tied")
        # The unary terms carry the batch index; the pairwise steps of that
        # batched contraction follow the same path.
        steps = _steps(terms + [batch + term for term in extra], batch, path)
        # Slot 0 of every batch is Z (nothing changed); slot s is query start + s - 1.
        per_batch = max(1, min(len(queries), _BUDGET // max(width, 1) - 1))
        answers: list[float] = []
        for start in range(0, max(len(queries), 1), per_batch):
            size = min(per_batch, len(queries) - start) + 1
            operands = [self._tables[index][1] for index in tables]
            for number, literal in enumerate(queries):
                stacked = np.ones((size, 2))
                if start <= number < start + size - 1:
                    stacked[number - start + 1] = (0.0, 1.0) if literal[1] else (1.0, 0.0)
                operands.append(stacked)
            result = _contract(steps, operands, self.deadline)
            if not result[0] > 0:
                return None
            answers.extend(float(value) for value in np.clip(result[1:] / result[0], 0.0, 1.0))
        return answers


def _steps(
    terms: list[str], output: str, path: Sequence[tuple[int, ...]]
) -> list[tuple[tuple[int, ...], str]]:
    """Return the pairwise einsum steps of ``path``: the positions taken, and the equation.

    Positions are popped in decreasing order from the current list of
    operands, and each result is appended (opt_einsum's convention).  An
    index stays in a result while another operand or the output still has it.
    """
    counts: dict[str, int] = {}
    for term in terms:
        for symbol in set(term):
            counts[symbol] = counts.get(symbol, 0) + 1
    current = list(terms)
    steps = []
    for positions in path:
        order = tuple(sorted(positions, reverse=True))
        taken = [current.pop(position) for position in order]
        symbols: set[str] = set()
        for term in taken:
            for symbol in set(term):
                counts[symbol] -= 1
            symbols.update(term)
        result = "".join(sorted(s for s in symbols if s in output or counts[s] > 0))
        for symbol in result:
            counts[symbol] += 1
        current.append(result)
        steps.append((order, f"{','.join(taken)}->{result}"))
    return steps


def _contract(
    steps: list[tuple[tuple[int, ...], str]], operands: list[np.ndarray], deadline: Deadline
) -> np.ndarray:
    """Contract ``operands`` pairwise by opt_einsum's ``steps``, rescaling each to max 1.

    Every entry of the result shares one scale (each step divides a whole
    table, batch included), so the ratios to slot 0 are exact while nothing
    overflows or underflows, however many variables a component has.
    """
    current = list(operands)
    for positions, step in steps:
        deadline.check()
        taken = [current.pop(position) for position in positions]
        result = np.einsum(opt_einsum.parser.convert_to_valid_einsum_chars(step), *taken)
        largest = float(np.max(np.abs(result))) if result.size else 0.0
        current.append(result / largest if largest > 0 else result)
    (final,) = current
    return np.asarray(final)


def _negate(literal: Literal) -> Literal:
    return (literal[0], not literal[1])


def _value(literal: Literal, values: dict[int, bool]) -> bool:
    return values[literal[0]] is literal[1]


def _tabulate(variables: tuple[int, ...], weight: Callable[[dict[int, bool]], float]) -> np.ndarray:
    table = np.empty((2,) * len(variables))
    for bits in itertools.product((False, True), repeat=len(variables)):
        table[tuple(int(bit) for bit in bits)] = weight(dict(zip(variables, bits, strict=True)))
    return table
