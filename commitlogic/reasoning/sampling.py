"""Sampled forecasts: MC-SAT (Poon and Domingos 2006) with standard errors.

The distribution of forecast mode is a Markov logic network: each
commitment is a soft formula (kept, with weight ln(p / (1 - p))), observed
facts and assumptions are hard.  MC-SAT is a slice sampler for it.  Each
step, given the current assignment x:

1. every commitment whose weight favours the way x has it (kept with
   p > 1/2, broken with p < 1/2) joins the set M, with probability
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
the chain can reach every assignment that satisfies the hard facts.

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
from collections.abc import Callable

import clingo
import numpy as np

from commitlogic.model.formulas import And, Atom, Formula, Not, Or
from commitlogic.reasoning.forecast import Forecast, Problem

__all__ = ["CHAINS", "sample"]

#: The most chains run side by side; the standard error comes from their means.
CHAINS = 16

_Evaluator = Callable[[np.ndarray], np.ndarray]


def _compile(formula: Formula, index: dict[Atom, int]) -> _Evaluator:
    """Return a function from assignments (chains x atoms, bool) to the formula's truth."""
    if isinstance(formula, Atom):
        column = index[formula]
        return lambda x: x[:, column]
    if isinstance(formula, Not):
        inner = _compile(formula.operand, index)
        return lambda x: ~inner(x)
    parts = [_compile(operand, index) for operand in formula.operands]  # type: ignore[attr-defined]
    if isinstance(formula, And):
        return lambda x: np.logical_and.reduce([part(x) for part in parts])
    assert isinstance(formula, Or)
    return lambda x: np.logical_or.reduce([part(x) for part in parts])


def _implication(when: _Evaluator, then: _Evaluator) -> _Evaluator:
    """Return the evaluator of ``when -> then``."""
    return lambda x: ~when(x) | then(x)


def _starts(problem: Problem, index: dict[Atom, int], chains: int, seed: int) -> np.ndarray | None:
    """Return one model of the hard facts per chain (clingo, random signs), or None if none."""
    control = clingo.Control(["--sign-def=rnd", "--rand-freq=0.2"], message_limit=0)
    with control.backend() as backend:
        atoms = [backend.add_atom(clingo.Function("x", [clingo.Number(i)])) for i in index.values()]
        for literal in atoms:
            backend.add_rule([literal], choice=True)

        def literal_of(formula: Formula) -> int:
            if isinstance(formula, Atom):
                return int(atoms[index[formula]])
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

        for formula in problem.hard:
            backend.add_rule([], [-literal_of(formula)])
    control.ground([])
    states = np.zeros((chains, len(atoms)), dtype=bool)
    for chain in range(chains):
        control.configuration.solver.seed = str(seed * 7919 + chain + 1)  # type: ignore[union-attr]
        with control.solve(yield_=True) as handle:
            model = next(iter(handle), None)
            if model is None:
                return None
            states[chain] = [model.is_true(literal) for literal in atoms]
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
    for formula in problem.hard:
        columns = [index[item] for item in formula.atoms()]
        touched.update(columns)
        for column in columns[1:]:
            parent[find(column)] = find(columns[0])
    groups: dict[int, list[int]] = {}
    for column in sorted(touched):
        groups.setdefault(find(column), []).append(column)
    return [group for group in groups.values() if len(group) > 1]


class _Slice:
    """One step's slice: the hard facts, and the commitments M holds kept or broken per chain."""

    def __init__(
        self,
        hard: list[_Evaluator],
        kept: list[_Evaluator],
        must_keep: np.ndarray,
        must_break: np.ndarray,
    ) -> None:
        self.hard, self.kept = hard, kept
        self.must_keep, self.must_break = must_keep, must_break

    def allows(self, y: np.ndarray, constraints: list[tuple[str, int]]) -> np.ndarray:
        """Tell, per chain, whether ``y`` satisfies these constraints of the slice."""
        ok = np.ones(len(y), dtype=bool)
        for what, i in constraints:
            if what == "h":
                ok &= self.hard[i](y)
            else:
                value = self.kept[i](y)
                ok &= ~(self.must_keep[:, i] & ~value) & ~(self.must_break[:, i] & value)
        return ok


def sample(problem: Problem, samples: int, *, seed: int = 0) -> Forecast | None:
    """Estimate the forecast of ``problem`` from ``samples`` MC-SAT samples.

    Returns ``None`` when the hard facts have no model.  The samples are
    split evenly over up to :data:`CHAINS` chains, so their number is rounded
    up to a multiple of the number of chains (the forecast's ``samples``
    says how many were drawn); each chain first takes a burn-in of a
    quarter of its length, at least 10 steps, that is not counted.
    """
    index = {item: column for column, item in enumerate(problem.atoms.values())}
    for formula in (*problem.hard, *problem.outcomes.values()):
        for item in formula.atoms():
            index.setdefault(item, len(index))
    for _id, antecedent, consequent, _p in problem.commitments:
        for part in (antecedent, consequent):
            for item in () if part is None else part.atoms():
                index.setdefault(item, len(index))
    chains = max(1, min(CHAINS, samples))
    steps = -(-samples // chains)
    rng = np.random.default_rng(seed)
    x = _starts(problem, index, chains, seed)
    if x is None:
        return None
    hard = [_compile(formula, index) for formula in problem.hard]
    kept: list[_Evaluator] = []
    for _id, antecedent, consequent, _p in problem.commitments:
        then = _compile(consequent, index)
        if antecedent is None:
            kept.append(then)
        else:
            kept.append(_implication(_compile(antecedent, index), then))
    p = np.array([item[3] for item in problem.commitments])
    # Probability of joining M: for p > 1/2 when kept, for p < 1/2 when broken.
    join = np.where(p >= 0.5, 1 - (1 - p) / p, 1 - p / np.maximum(1 - p, 1e-300))
    outcomes = [_compile(formula, index) for formula in problem.outcomes.values()]
    # The constraints each atom takes part in: ("h", i) hard, ("c", j) commitment.
    touching: list[list[tuple[str, int]]] = [[] for _ in index]
    for i, formula in enumerate(problem.hard):
        for column in {index[item] for item in formula.atoms()}:
            touching[column].append(("h", i))
    for j, (_id, antecedent, consequent, _p) in enumerate(problem.commitments):
        atoms = {index[item] for item in consequent.atoms()}
        if antecedent is not None:
            atoms |= {index[item] for item in antecedent.atoms()}
        for column in atoms:
            touching[column].append(("c", j))
    groups = _groups(problem, index)
    group_touching = [sorted({c for column in group for c in touching[column]}) for group in groups]
    burn = max(10, steps // 4)
    columns = len(problem.atoms)
    totals_atoms = np.zeros((chains, columns))
    totals_outcomes = np.zeros((chains, len(outcomes)))
    totals_kept = np.zeros((chains, len(kept)))
    for step in range(burn + steps):
        # 1. The slice: which commitments must stay kept (or broken) in each chain.
        now = np.stack([k(x) for k in kept], axis=1) if kept else np.zeros((chains, 0), bool)
        chosen = rng.random(now.shape) < join
        must_keep = chosen & now & (p > 0.5)
        must_break = chosen & ~now & (p < 0.5)

        slice_ = _Slice(hard, kept, must_keep, must_break)
        # 2. Moves that keep the uniform distribution on the slice.
        for group, constraints in zip(groups, group_touching, strict=True):
            flips = rng.random((chains, len(group))) < 0.5
            y = x.copy()
            y[:, group] ^= flips
            accept = slice_.allows(y, constraints)
            x[accept] = y[accept]
        for column in rng.permutation(len(index)):
            y = x.copy()
            y[:, column] = ~y[:, column]
            accept = (rng.random(chains) < 0.5) & slice_.allows(y, touching[column])
            x[accept] = y[accept]
        if step >= burn:
            totals_atoms += x[:, :columns]
            if outcomes:
                totals_outcomes += np.stack([o(x) for o in outcomes], axis=1)
            if kept:
                totals_kept += np.stack([k(x) for k in kept], axis=1)

    def estimate(totals: np.ndarray, names: list[str]) -> tuple[dict[str, float], dict[str, float]]:
        means = totals / steps
        overall = means.mean(axis=0)
        count = chains * steps
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
    commitment_ids = [item[0] for item in problem.commitments]
    kept_p, kept_errors = estimate(totals_kept, commitment_ids)
    return Forecast(
        True,
        atoms=atom_p,
        outcomes=outcome_p,
        commitments=kept_p,
        samples=chains * steps,
        errors={"atoms": atom_errors, "outcomes": outcome_errors, "commitments": kept_errors},
    )
