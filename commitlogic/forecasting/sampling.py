"""Sampled forecasts: MC-SAT (Poon and Domingos 2006) with standard errors.

The distribution of every forecasting model is a Markov logic network:
each soft factor (``Problem.plain()``: a commitment, a prior, a latent's
tie) is a soft formula A -> Q with weight ln(p / (1 - p)), observed facts
and assumptions are hard.  MC-SAT is a slice sampler for it.  Each step,
given the current assignment x (of the atoms and the latent variables):

1. every soft formula whose weight favours the way x has it (true with
   p > 1/2, false with p < 1/2) joins the set M, with probability
   1 - (1 - p) / p (or 1 - p / (1 - p)), as a constraint "stay so";
2. x moves within the *slice*: the assignments that satisfy the hard facts
   and M.

MC-SAT draws the new x uniformly from the slice with SampleSAT.  Here the
move is a Markov step that leaves the uniform distribution on the slice
invariant, which keeps the sampler exact in the limit (the slice-sampling
argument needs only that invariance): a heat-bath sweep over the atoms
(each flips with probability 1/2 when the flip stays in the slice), plus,
for each group of hard facts that share atoms, a flip of a random subset of
its atoms, accepted when it stays in the slice.  Since M is empty with
positive probability and a subset flip reaches every assignment of a group,
the chain can reach every assignment that satisfies the hard facts.  The
sweep goes one colour class at a time: atoms are coloured so that no
formula has two atoms of one colour, so the atoms of a class are
independent given the rest and all flip at once, and every formula is
evaluated for every chain by a few NumPy operations on a circuit of
``and`` gates.

Every sample satisfies the hard facts: each chain starts from a model of
them that clingo finds (random signs, a seed per chain; no model: the
forecast is inconsistent), and no move leaves them.  Independent chains
run side by side as NumPy arrays; the standard error of an estimate is the
spread of the chains' means (batch means), so it accounts for the
correlation between the samples of a chain, and never less than the error
of as many independent samples (with the frequency smoothed, so that an
event never seen still has an error).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import clingo
import numpy as np

from commitlogic.forecasting.problem import Deadline, Problem, kept_formula
from commitlogic.forecasting.result import Forecast
from commitlogic.model.formulas import And, Atom, Formula, Not, Or

__all__ = ["CHAINS", "HardFacts", "sample"]

#: The most chains run side by side; the standard error comes from their means.
CHAINS = 16

#: A literal of the circuit: a variable (column) and whether it is negated.
_Literal = tuple[int, bool]


class _Circuit:
    """Formulas as binary ``and`` gates over atom columns, evaluated level by level.

    Columns ``0 .. atoms - 1`` are the atoms; each gate adds a column.  All
    gates of one level are computed by one NumPy operation for every chain
    at once, so evaluating every formula costs a few array operations.
    """

    def __init__(self, atoms: int) -> None:
        self.size = atoms
        self._gates: dict[tuple[_Literal, _Literal], int] = {}
        self._level: list[int] = [0] * atoms
        self._by_level: list[list[tuple[int, _Literal, _Literal]]] = []
        self._plan: list[tuple[np.ndarray, ...]] | None = None

    def literal(self, formula: Formula, index: dict[Atom, int]) -> _Literal:
        """Return the literal of ``formula``, adding gates as needed."""
        if isinstance(formula, Atom):
            return (index[formula], False)
        if isinstance(formula, Not):
            column, negated = self.literal(formula.operand, index)
            return (column, not negated)
        operands: list[_Literal] = [
            self.literal(operand, index)
            for operand in formula.operands  # type: ignore[attr-defined]
        ]
        disjunction = isinstance(formula, Or)
        if disjunction:  # a or b = not (not a and not b)
            operands = [(column, not negated) for column, negated in operands]
        current = operands[0]
        for following in operands[1:]:
            current = (self._and(current, following), False)
        return (current[0], not current[1]) if disjunction else current

    def _and(self, left: _Literal, right: _Literal) -> int:
        key = (min(left, right), max(left, right))
        found = self._gates.get(key)
        if found is None:
            found = self._gates[key] = self.size
            self.size += 1
            level = 1 + max(self._level[left[0]], self._level[right[0]])
            self._level.append(level)
            while len(self._by_level) < level:
                self._by_level.append([])
            self._by_level[level - 1].append((found, left, right))
            self._plan = None
        return found

    def evaluate(self, atoms: np.ndarray) -> np.ndarray:
        """Return every column's value (chains x columns) for the atoms' values."""
        if self._plan is None:
            self._plan = [
                tuple(
                    np.array(values)
                    for values in zip(
                        *[(out, a[0], a[1], b[0], b[1]) for out, a, b in gates], strict=True
                    )
                )
                for gates in self._by_level
            ]
        values = np.zeros((atoms.shape[0], self.size), dtype=bool)
        values[:, : atoms.shape[1]] = atoms
        for out, left, left_negated, right, right_negated in self._plan:
            values[:, out] = (values[:, left] ^ left_negated) & (values[:, right] ^ right_negated)
        return values


def _values(values: np.ndarray, literals: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Return the values (chains x literals) of literals given as (columns, negated)."""
    columns, negated = literals
    result: np.ndarray = values[:, columns] ^ negated
    return result


def _colours(touching: list[set[int]], atoms: int) -> list[np.ndarray]:
    """Colour the atoms so that no constraint has two atoms of one colour (greedy)."""
    neighbours: list[set[int]] = [set() for _ in range(atoms)]
    for group in touching:
        for atom in group:
            neighbours[atom] |= group
    colour = [-1] * atoms
    for atom in sorted(range(atoms), key=lambda a: -len(neighbours[a])):
        taken = {colour[other] for other in neighbours[atom] if other != atom}
        colour[atom] = next(c for c in range(atoms + 1) if c not in taken)
    classes: dict[int, list[int]] = {}
    for atom, c in enumerate(colour):
        classes.setdefault(c, []).append(atom)
    return [np.array(members, dtype=int) for _c, members in sorted(classes.items())]


def _classes(
    touching: list[set[int]], atoms: int
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Return per colour class: its atoms, and how to gather its atoms' constraints.

    ``(members, constraint of each pair, start of each constrained atom's
    pairs, positions of the constrained atoms among the members)``: the
    pairs (atom, constraint) sorted by atom, for ``numpy.logical_or.reduceat``.
    """
    found = []
    for members in _colours(touching, atoms):
        position = {int(atom): k for k, atom in enumerate(members)}
        pairs = sorted(
            (position[atom], j)
            for j, group in enumerate(touching)
            for atom in group
            if atom in position
        )
        starts: list[int] = []
        constrained: list[int] = []
        for i, (k, _j) in enumerate(pairs):
            if not constrained or constrained[-1] != k:
                constrained.append(k)
                starts.append(i)
        found.append(
            (
                members,
                np.array([j for _k, j in pairs], dtype=int),
                np.array(starts, dtype=int),
                np.array(constrained, dtype=int),
            )
        )
    return found


class HardFacts:
    """The hard formulas of a problem as a clingo program: one choice per variable.

    Each hard formula is required when its guard (a solver literal, one per
    formula) is assumed, so that :meth:`satisfiable` can ask about any
    subset of them (for a conflict) and :meth:`models` draws models of all
    of them with random signs (the sampler's starting points).
    """

    def __init__(self, hard: list[Formula], index: dict[Atom, int]) -> None:
        self.control = clingo.Control(["--sign-def=rnd", "--rand-freq=0.2"], message_limit=0)
        with self.control.backend() as backend:
            self.atoms = [
                backend.add_atom(clingo.Function("x", [clingo.Number(i)])) for i in index.values()
            ]
            for literal in self.atoms:
                backend.add_rule([literal], choice=True)

            def literal_of(formula: Formula) -> int:
                if isinstance(formula, Atom):
                    return int(self.atoms[index[formula]])
                if isinstance(formula, Not):
                    return -literal_of(formula.operand)
                operands = [literal_of(operand) for operand in formula.operands]  # type: ignore[attr-defined]
                head: int = backend.add_atom()
                if isinstance(formula, And):
                    backend.add_rule([head], operands)
                else:
                    for operand in operands:
                        backend.add_rule([head], [operand])
                return head

            self.guards: list[int] = []
            for number, formula in enumerate(hard):
                guard = backend.add_atom(clingo.Function("hard", [clingo.Number(number)]))
                backend.add_rule([guard], choice=True)
                backend.add_rule([], [guard, -literal_of(formula)])
                self.guards.append(guard)
        self.control.ground([])

    def satisfiable(self, members: Sequence[int]) -> tuple[bool, list[int]]:
        """Whether the hard formulas numbered ``members`` have a model; else a core (numbers)."""
        wanted = [self.guards[m] for m in members]
        number = {guard: m for m, guard in enumerate(self.guards)}
        core: list[int] = []
        result = self.control.solve(assumptions=wanted, on_core=core.extend)
        if result.satisfiable:  # (which members this model breaks is not read: say all)
            return True, list(range(len(self.guards)))
        return False, [number[literal] for literal in core if literal in number]

    def models(self, chains: int, seed: int) -> np.ndarray | None:
        """Return one model of all hard formulas per chain (random signs), or None if none."""
        states = np.zeros((chains, len(self.atoms)), dtype=bool)
        for chain in range(chains):
            self.control.configuration.solver.seed = str(seed * 7919 + chain + 1)  # type: ignore[union-attr]
            with self.control.solve(assumptions=self.guards, yield_=True) as handle:
                model = next(iter(handle), None)
                if model is None:
                    return None
                states[chain] = [model.is_true(literal) for literal in self.atoms]
        return states


def _groups(problem: Problem, index: dict[Atom, int]) -> list[list[int]]:
    """Return the atoms of each group of hard facts that share atoms (for subset flips)."""
    parent = list(range(len(index)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    touched: set[int] = set()
    for _name, formula in problem.hard:
        columns = [index[item] for item in formula.atoms()]
        touched.update(columns)
        for column in columns[1:]:
            parent[find(column)] = find(columns[0])
    groups: dict[int, list[int]] = {}
    for column in sorted(touched):
        groups.setdefault(find(column), []).append(column)
    return [group for group in groups.values() if len(group) > 1]


def sample(
    problem: Problem, samples: int, *, seed: int = 0, deadline: Deadline | None = None
) -> Forecast | None:
    """Estimate the forecast of ``problem`` from ``samples`` MC-SAT samples.

    Returns ``None`` when the hard facts have no model.  The samples are
    split over up to :data:`CHAINS` chains (lengths differing by at most
    one); each chain first takes a burn-in of a quarter of its length, at
    least 10 steps, that is not counted.  ``deadline`` is checked every step.
    """
    deadline = deadline or Deadline(None)
    index = {item: column for column, item in enumerate(problem.variables())}
    plain = problem.plain()
    chains = max(1, min(CHAINS, samples))
    steps = -(-samples // chains)
    # Chain c keeps lengths[c] samples: they add up to exactly ``samples``.
    lengths = np.full(chains, samples // chains)
    lengths[: samples % chains] += 1
    rng = np.random.default_rng(seed)
    hard_formulas = [formula for _name, formula in problem.hard]
    x = HardFacts(hard_formulas, index).models(chains, seed)
    if x is None:
        return None
    circuit = _Circuit(len(index))

    def literals(formulas: list[Formula]) -> tuple[np.ndarray, np.ndarray]:
        found = [circuit.literal(formula, index) for formula in formulas]
        return (
            np.array([column for column, _ in found], dtype=int),
            np.array([negated for _, negated in found], dtype=bool),
        )

    soft_formulas = [kept_formula(antecedent, consequent) for antecedent, consequent, _p in plain]
    hard = literals(hard_formulas)
    kept = literals(soft_formulas)
    asked = literals(list(problem.kept.values())) if problem.kept else None
    outcomes = literals(list(problem.outcomes.values()))
    p = np.array([item[2] for item in plain])
    # Probability of joining M: for p > 1/2 when kept, for p < 1/2 when broken.
    join = np.where(p >= 0.5, 1 - (1 - p) / p, 1 - p / np.maximum(1 - p, 1e-300))
    # The atoms of each constraint: the hard facts, then the commitments.
    touching = [{index[item] for item in formula.atoms()} for formula in hard_formulas]
    touching += [{index[item] for item in formula.atoms()} for formula in soft_formulas]
    classes = _classes(touching, len(index))
    groups = _groups(problem, index)
    burn = max(10, steps // 4)
    columns = len(problem.atoms)
    totals_atoms = np.zeros((chains, columns))
    totals_outcomes = np.zeros((chains, len(problem.outcomes)))
    totals_kept = np.zeros((chains, len(problem.kept)))

    def satisfied(values: np.ndarray, must_keep: np.ndarray, must_break: np.ndarray) -> np.ndarray:
        """Per chain and constraint (hard facts, then commitments): does the slice hold?"""
        now = _values(values, kept)
        keeps = ~(must_keep & ~now) & ~(must_break & now)
        return np.concatenate([_values(values, hard), keeps], axis=1)

    for step in range(burn + steps):
        deadline.check()
        # 1. The slice: which commitments must stay kept (or broken) in each chain.
        now = _values(circuit.evaluate(x), kept)
        chosen = rng.random(now.shape) < join
        must_keep = chosen & now & (p > 0.5)
        must_break = chosen & ~now & (p < 0.5)
        # 2. Moves that keep the uniform distribution on the slice: subset
        # flips of each group of hard facts, then a heat-bath sweep, one
        # colour class at a time (no constraint has two atoms of a class, so
        # its atoms are updated independently, all at once).
        for group in groups:
            y = x.copy()
            y[:, group] ^= rng.random((chains, len(group))) < 0.5
            accept = satisfied(circuit.evaluate(y), must_keep, must_break).all(axis=1)
            x[accept] = y[accept]
        for members, constraint_of, starts, constrained in classes:
            flips = rng.random((chains, len(members))) < 0.5
            if len(constraint_of):
                y = x.copy()
                y[:, members] ^= flips
                broken = ~satisfied(circuit.evaluate(y), must_keep, must_break)
                bad = np.zeros((chains, len(members)), dtype=bool)
                bad[:, constrained] = np.logical_or.reduceat(
                    broken[:, constraint_of], starts, axis=1
                )
                flips &= ~bad
            x[:, members] ^= flips
        if step >= burn:
            counted = (lengths > step - burn)[:, None]
            values = circuit.evaluate(x)
            totals_atoms += x[:, :columns] & counted
            totals_outcomes += _values(values, outcomes) & counted
            if asked is not None:
                totals_kept += _values(values, asked) & counted

    def estimate(totals: np.ndarray, names: list[str]) -> tuple[dict[str, float], dict[str, float]]:
        means = totals / lengths[:, None]
        overall = totals.sum(axis=0) / samples
        count = samples
        # Never less than the error of as many independent draws, with the
        # frequency smoothed (Jeffreys: (k + 1/2) / (n + 1)) so that an event
        # not seen at all does not claim to be known exactly.
        smoothed = (overall * count + 0.5) / (count + 1)
        independent = np.sqrt(smoothed * (1 - smoothed) / count)
        if chains > 1:
            spread = means.std(axis=0, ddof=1) / math.sqrt(chains)
            errors = np.maximum(spread, independent)
        else:  # one chain: no spread to measure; the largest a Bernoulli can have
            errors = np.full(len(names), 0.5)
        return (
            {name: float(v) for name, v in zip(names, overall, strict=True)},
            {name: float(e) for name, e in zip(names, errors, strict=True)},
        )

    atom_p, atom_errors = estimate(totals_atoms, list(problem.atoms))
    outcome_p, outcome_errors = estimate(totals_outcomes, list(problem.outcomes))
    kept_p, kept_errors = estimate(totals_kept, list(problem.kept))
    return Forecast(
        True,
        atoms=atom_p,
        outcomes=outcome_p,
        commitments=kept_p,
        samples=samples,
        errors={"atoms": atom_errors, "outcomes": outcome_errors, "commitments": kept_errors},
        model=problem.model,
        credibilities=dict(problem.credibilities),
    )
