"""Forecast mode (SPEC section 3): the probability of every atom, outcome and kept commitment.

Each active commitment has a credibility p (``commitlogic.model.credibility``);
observed facts and assumptions are hard; an assignment's weight is the
product of p for each commitment it keeps and 1 - p for each it breaks.
:func:`forecast` computes the probabilities exactly by weighted model
counting (``commitlogic.reasoning.counting``), or estimates them with a
sampler (``commitlogic.reasoning.sampling``) when asked to.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from commitlogic.model.credibility import credibilities
from commitlogic.model.dates import When
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Atom, Formula, Not
from commitlogic.model.query import Assumption, normalise
from commitlogic.model.scenario import Kind, Scenario
from commitlogic.reasoning import tables

__all__ = ["Forecast", "Problem", "forecast", "problem"]


@attrs.frozen(hash=False)
class Forecast:
    """The answer to a forecast query: the JSON object of SPEC section 4 as a value.

    Attributes
    ----------
    consistent
        Whether some assignment satisfies the hard facts (observed statements
        and assumptions).
    atoms
        The probability of every atom of the universe, by canonical text;
        empty when inconsistent.
    outcomes
        The probability of every declared outcome, by id; empty when inconsistent.
    commitments
        For every active commitment, by id in file order, the probability
        that it is kept (not violated); empty when inconsistent.
    conflict
        When inconsistent, a minimal set of observed statements and
        assumptions (``assume:<formula as given>``) that has no model; else ``None``.
    samples
        ``None`` for an exact forecast; for a sampled one, the number of samples.
    errors
        For a sampled forecast, the standard error of each estimate, under
        the same keys: ``{"atoms": {...}, "outcomes": {...}, "commitments": {...}}``;
        ``None`` for an exact forecast.
    """

    consistent: bool
    atoms: Mapping[str, float] = attrs.field(factory=dict)
    outcomes: Mapping[str, float] = attrs.field(factory=dict)
    commitments: Mapping[str, float] = attrs.field(factory=dict)
    conflict: tuple[str, ...] | None = None
    samples: int | None = None
    errors: Mapping[str, Mapping[str, float]] | None = None

    @property
    def exact(self) -> bool:
        """Whether the probabilities are exact (not sampled)."""
        return self.samples is None

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object of ``commitlogic forecast --json``.

        A sampled forecast adds ``"samples": N`` and ``"standard_errors"``,
        an object with the same ``atoms``, ``outcomes`` and ``commitments`` keys.
        """
        result: dict[str, Any] = {
            "consistent": self.consistent,
            "atoms": dict(sorted(self.atoms.items())),
            "outcomes": dict(sorted(self.outcomes.items())),
            "commitments": dict(sorted(self.commitments.items())),
            "conflict": None if self.conflict is None else list(self.conflict),
        }
        if self.samples is not None:
            result["samples"] = self.samples
            result["standard_errors"] = {
                key: dict(sorted((self.errors or {}).get(key, {}).items()))
                for key in ("atoms", "outcomes", "commitments")
            }
        return result

    def _repr_html_(self) -> str:
        """Show the forecast as a table in Jupyter (see ``reasoning.tables``)."""
        if not self.consistent:
            caption = f"inconsistent; conflict of the hard facts: {', '.join(self.conflict or ())}"
        elif self.exact:
            caption = "exact probabilities"
        else:
            caption = f"estimated from {self.samples} samples"
        return tables.html_table(*tables.forecast_rows(self), caption=caption)

    def to_pandas(self) -> Any:
        """Return a ``pandas.DataFrame``: one row per outcome, atom and commitment.

        Columns ``kind``, ``name``, ``probability`` (a commitment's: of being
        kept), and ``standard_error`` when sampled.  Needs the ``pandas`` extra.
        """
        return tables.frame(*tables.forecast_rows(self))

    def error(self, name: str) -> float:
        """Return the standard error of the estimate for an outcome, atom or commitment.

        0 for an exact forecast.
        """
        if self.errors is None:
            return 0.0
        for key in ("outcomes", "atoms", "commitments"):
            if name in self.errors.get(key, {}):
                return self.errors[key][name]
        raise KeyError(name)


@attrs.frozen
class Problem:
    """A forecast query, resolved: the formulas and weights that define its distribution.

    Attributes
    ----------
    hard
        Formulas that must hold: active observed subjects, then assumptions.
    commitments
        Active commitments in file order: ``(id, antecedent or None, consequent, p)``.
    atoms
        The atom universe of the query (with the assumptions' atoms), by text.
    outcomes
        The declared outcomes' formulas, by id.
    """

    hard: tuple[Formula, ...]
    commitments: tuple[tuple[str, Formula | None, Formula, float], ...]
    atoms: Mapping[str, Atom]
    outcomes: Mapping[str, Formula]


def problem(
    scenario: Scenario, assume: Sequence[Assumption] = (), at: When | str | None = None
) -> Problem:
    """Return the :class:`Problem` of a forecast query (checked by ``model.query.normalise``)."""
    request = normalise(scenario, assume, at)
    active = set(scenario.active(request.at))
    weights = credibilities(scenario)
    hard: list[Formula] = []
    commitments: list[tuple[str, Formula | None, Formula, float]] = []
    for statement in scenario.statements:
        if statement.id not in active:
            continue
        kind, subject, condition = statement.kind, statement.subject, statement.condition
        if kind is Kind.OBSERVED:
            hard.append(subject)
        elif kind is Kind.COMMITS:
            commitments.append((statement.id, None, subject, weights[statement.id]))
        elif kind is Kind.REFUSES:
            commitments.append((statement.id, None, Not(subject), weights[statement.id]))
        elif kind is Kind.IF:
            assert condition is not None
            commitments.append((statement.id, condition, subject, weights[statement.id]))
        elif kind is Kind.ONLY_IF:
            assert condition is not None
            commitments.append((statement.id, subject, condition, weights[statement.id]))
    hard.extend(request.formulas)
    atoms = {str(item): item for item in scenario.atoms()}
    for formula in request.formulas:
        for item in formula.atoms():
            atoms.setdefault(str(item), item)
    outcomes = {outcome.id: outcome.when for outcome in scenario.outcomes}
    return Problem(tuple(hard), tuple(commitments), atoms, outcomes)


def forecast(
    scenario: Scenario,
    assume: Sequence[Assumption] = (),
    at: When | str | None = None,
    *,
    samples: int | None = None,
    seed: int = 0,
) -> Forecast:
    """Return the forecast of ``scenario`` (SPEC section 3, *Forecast mode*).

    Parameters
    ----------
    scenario
        The scenario; credibilities come from its ``credibility`` keys.
    assume
        What-if assumptions (formula text or formulas), hard like observations.
    at
        Replay the scenario at this date or datetime (ISO text allowed).
    samples
        ``None`` (the default) for exact probabilities; a positive number
        for estimates from that many samples, each with its standard error.
    seed
        The seed of the sampler, so that a sampled forecast is reproducible.

    Raises
    ------
    ScenarioError
        When an assumption, ``at`` or ``samples`` is not valid.
    TooWide
        When exact counting meets a component too densely tied (sample instead).
    """
    if samples is not None and (
        isinstance(samples, bool) or not isinstance(samples, int) or samples < 1
    ):
        raise ScenarioError(f"samples must be a positive integer, got {samples!r}", field="samples")
    query = problem(scenario, assume, at)
    if samples is None:
        result = _exact(query)
    else:
        from commitlogic.reasoning.sampling import sample

        result = sample(query, samples, seed=seed)
    if result is None:
        return Forecast(False, conflict=_conflict(scenario, assume, at))
    return result


def _exact(query: Problem) -> Forecast | None:
    from commitlogic.reasoning.counting import Network  # numpy: imported when first counted

    network = Network()
    for formula in query.hard:
        network.hard(formula)
    keys = [network.commitment(a, q, p) for _id, a, q, p in query.commitments]
    literals = [network.literal(item) for item in query.atoms.values()]
    literals += [network.literal(formula) for formula in query.outcomes.values()]
    solved = network.solve(literals, keys)
    if solved is None:
        return None
    probabilities, kept = solved
    atoms = dict(zip(query.atoms, probabilities[: len(query.atoms)], strict=True))
    outcomes = dict(zip(query.outcomes, probabilities[len(query.atoms) :], strict=True))
    commitments = {item[0]: value for item, value in zip(query.commitments, kept, strict=True)}
    return Forecast(True, atoms=atoms, outcomes=outcomes, commitments=commitments)


def _conflict(
    scenario: Scenario, assume: Sequence[Assumption], at: When | str | None
) -> tuple[str, ...]:
    """Return the conflict of the hard facts: a tolerant reasoner's, where commitments are soft."""
    from commitlogic.reasoning.reasoner import Reasoner

    conflict = Reasoner(scenario, tolerant=True).conflict(assume, at)
    if conflict is None:  # pragma: no cover - only if every weight underflowed
        raise ArithmeticError("the forecast underflowed: no assignment kept a positive weight")
    return conflict
