"""Exact forecasts of small problems for many parameter values at once (for fitting).

A :class:`Enumeration` lists every assignment of a problem's variables
(atoms and latents; at most :data:`MAX_VARIABLES`) once, and keeps, per
assignment, how many factors of each parameter it satisfies and violates
(the sufficient statistics of the family in ``forecasting.models``).  Then
the weight of every assignment under any parameter values is one matrix
product::

    log W(w) = fixed(w) + sum over keys k of  sat_k(w) log θ_k + viol_k(w) log(1 - θ_k)

so fitting can try thousands of parameter values on a case without
building a problem again.  The answers are the same exact weighted model
count as ``forecasting.counting`` computes (tests compare them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from commitlogic.forecasting.problem import Problem, TooWide
from commitlogic.model.formulas import And, Atom, Formula, Not, Or

__all__ = ["MAX_VARIABLES", "Enumeration", "Stack"]

#: The most variables an enumeration lists (2**20 assignments).
MAX_VARIABLES = 20


class Enumeration:
    """Every assignment of one problem, with the counts of its keyed factors.

    Parameters
    ----------
    problem
        A problem built with any values of its keyed parameters (only the
        keys, and the fixed factors' values, matter).
    keys
        The parameter keys to vary, in the order of the value matrices;
        a keyed factor whose key is not listed keeps the value it was built with.
    """

    def __init__(self, problem: Problem, keys: Sequence[str]) -> None:
        variables = problem.variables()
        if len(variables) > MAX_VARIABLES:
            raise TooWide(f"{len(variables)} variables are too many to enumerate")
        self.keys = list(keys)
        column = {item: index for index, item in enumerate(variables)}
        count = 1 << len(variables)
        bits = (np.arange(count)[:, None] >> np.arange(len(variables))[None, :]) & 1
        rows = bits.astype(bool)
        possible = np.ones(count, dtype=bool)
        for _name, formula in problem.hard:
            possible &= _evaluate(formula, rows, column)
        rows = rows[possible]
        self.size = int(rows.shape[0])
        self.fixed = np.zeros(self.size)
        self.sat = np.zeros((self.size, len(self.keys)))
        self.viol = np.zeros((self.size, len(self.keys)))
        position = {key: index for index, key in enumerate(self.keys)}
        for factor in problem.soft:
            applies = (
                np.ones(self.size, dtype=bool)
                if factor.guard is None
                else _evaluate(factor.guard, rows, column)
            )
            kept = _evaluate(factor.consequent, rows, column)
            if factor.antecedent is not None:
                kept = kept | ~_evaluate(factor.antecedent, rows, column)
            if factor.key in position:
                k = position[factor.key]
                self.sat[:, k] += applies & kept
                self.viol[:, k] += applies & ~kept
            else:
                self.fixed += np.where(
                    applies, np.where(kept, np.log(factor.p), np.log1p(-factor.p)), 0.0
                )
        self.outcomes = list(problem.outcomes)
        self.truth = (
            np.stack(
                [_evaluate(formula, rows, column) for formula in problem.outcomes.values()], axis=1
            ).astype(float)
            if problem.outcomes
            else np.zeros((self.size, 0))
        )

    def probabilities(self, values: np.ndarray) -> np.ndarray | None:
        """Return the outcomes' probabilities (outcomes x settings) for parameter ``values``.

        ``values`` is a matrix (keys x settings) of numbers in (0, 1).
        ``None`` when no assignment satisfies the hard facts.
        """
        if self.size == 0:
            return None
        weights = _weights(self.fixed, self.sat, self.viol, values, np.array([0]))
        result: np.ndarray = _product(self.truth.T, weights) / weights.sum(axis=0, keepdims=True)
        return result

    def at(self, values: Mapping[str, float]) -> dict[str, float] | None:
        """Return each outcome's probability for one setting of the keys (by name)."""
        column = np.array([[values[key]] for key in self.keys]).reshape(len(self.keys), 1)
        found = self.probabilities(column)
        if found is None:
            return None
        return {name: float(found[i, 0]) for i, name in enumerate(self.outcomes)}


class Stack:
    """Many enumerations (with the same keys) stacked, to score parameter values on all at once.

    ``truths[i]`` gives the truth of each outcome of ``tables[i]``, in its
    order, and ``groups[i]`` the group (a case) it belongs to, so that
    :meth:`brier` can leave groups out without building the stack again.
    """

    def __init__(
        self, tables: Sequence[Enumeration], truths: Sequence[np.ndarray], groups: Sequence[str]
    ) -> None:
        kept = [
            (t, y, g)
            for t, y, g in zip(tables, truths, groups, strict=True)
            if t.size and t.outcomes
        ]
        width = len(tables[0].keys) if tables else 0
        sizes = [t.size for t, _y, _g in kept]
        self.starts = np.cumsum([0, *sizes[:-1]]).astype(int) if kept else np.zeros(0, int)
        self.fixed = np.concatenate([t.fixed for t, _y, _g in kept]) if kept else np.zeros(0)
        self.sat = np.concatenate([t.sat for t, _y, _g in kept]) if kept else np.zeros((0, width))
        self.viol = np.concatenate([t.viol for t, _y, _g in kept]) if kept else np.zeros((0, width))
        owner: list[int] = []  # per (table, outcome) pair: its table
        truth: list[float] = []
        group: list[str] = []
        rows: list[np.ndarray] = []  # per pair: the rows where its outcome holds
        for number, ((table, found, name), start) in enumerate(zip(kept, self.starts, strict=True)):
            for k in range(len(table.outcomes)):
                owner.append(number)
                truth.append(float(found[k]))
                group.append(name)
                rows.append(start + np.flatnonzero(table.truth[:, k]))
        self.owner = np.array(owner, dtype=int)
        self.truth = np.array(truth)
        self.group = np.array(group, dtype=object)
        self.rows = np.concatenate(rows) if rows else np.zeros(0, dtype=int)
        self.pair_of_row = np.repeat(np.arange(len(rows)), [len(r) for r in rows])

    def brier(self, values: np.ndarray, leave_out: str | None = None) -> np.ndarray:
        """Return the summed squared error per setting of ``values``, less group ``leave_out``."""
        if not self.truth.size:
            return np.zeros(values.shape[1])
        weights = _weights(self.fixed, self.sat, self.viol, values, self.starts)
        totals = np.add.reduceat(weights, self.starts, axis=0)[self.owner]
        holds = np.zeros((self.truth.size, values.shape[1]))
        np.add.at(holds, self.pair_of_row, weights[self.rows])
        errors = (holds / totals - self.truth[:, None]) ** 2
        if leave_out is not None:
            errors = errors[self.group != leave_out]
        result: np.ndarray = errors.sum(axis=0)
        return result


def _weights(
    fixed: np.ndarray, sat: np.ndarray, viol: np.ndarray, values: np.ndarray, starts: np.ndarray
) -> np.ndarray:
    """Return every row's weight (rows x settings), scaled per block (``starts``) to max 1."""
    log_w = fixed[:, None] + _product(sat, np.log(values)) + _product(viol, np.log1p(-values))
    peaks = np.maximum.reduceat(log_w, starts, axis=0)
    sizes = np.diff(np.append(starts, log_w.shape[0]))
    result: np.ndarray = np.exp(log_w - np.repeat(peaks, sizes, axis=0))
    return result


def _product(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Return ``left @ right`` without BLAS (its threads cost more than they save here)."""
    result: np.ndarray = np.einsum("ij,jk->ik", left, right)
    return result


def _evaluate(formula: Formula, rows: np.ndarray, column: Mapping[Atom, int]) -> np.ndarray:
    """Return the formula's value in every row (assignment)."""
    if isinstance(formula, Atom):
        result: np.ndarray = rows[:, column[formula]]
        return result
    if isinstance(formula, Not):
        return ~_evaluate(formula.operand, rows, column)
    parts = [_evaluate(operand, rows, column) for operand in formula.operands]  # type: ignore[attr-defined]
    combined = np.logical_and if isinstance(formula, And) else np.logical_or
    assert isinstance(formula, And | Or)
    result = parts[0]
    for part in parts[1:]:
        result = combined(result, part)
    return result
