"""Forecasts: a model's weighted model count, exact or sampled, and the conflict of hard facts.

:func:`forecast` is what ``commitlogic forecast``, ``Reasoner.forecast``
and ``commitlogic.forecast`` run.  It builds the model's
:class:`~commitlogic.forecasting.problem.Problem`
(``forecasting.models``), counts it exactly (``forecasting.counting``) or
samples it (``forecasting.sampling``), and when the hard facts (observed
statements and assumptions) have no model at all, names a minimal set of
them that conflict (``reasoning.minimal`` over a small clingo program of
the hard facts alone; commitments are soft, so they never conflict).
NumPy (counting, sampling) is imported when a forecast is first computed,
so that commands that never forecast start fast.
"""

from __future__ import annotations

from collections.abc import Sequence

from commitlogic.forecasting.defaults import default_model, fitted_parameters
from commitlogic.forecasting.models import Model, Parameters, build, model_named
from commitlogic.forecasting.problem import Deadline, Problem
from commitlogic.forecasting.result import Forecast
from commitlogic.model.dates import When
from commitlogic.model.errors import ScenarioError
from commitlogic.model.query import Assumption
from commitlogic.model.scenario import Scenario
from commitlogic.reasoning.minimal import minimal_subset

__all__ = ["conflict", "exact", "forecast", "resolve_model"]


def resolve_model(
    model: Model | str | None, parameters: Parameters | None = None
) -> tuple[Model, Parameters]:
    """Return the model named (the default one for ``None``) and its parameters.

    Without ``parameters``, the model's parameters fitted on the casebook.
    """
    chosen = default_model() if model is None else model
    if isinstance(chosen, str):
        chosen = model_named(chosen)
    return chosen, fitted_parameters(chosen) if parameters is None else parameters


def forecast(
    scenario: Scenario,
    assume: Sequence[Assumption] = (),
    at: When | str | None = None,
    *,
    model: Model | str | None = None,
    parameters: Parameters | None = None,
    samples: int | None = None,
    seed: int = 0,
    time_limit: float | None = None,
) -> Forecast:
    """Return the forecast of ``scenario`` (SPEC section 3, *Forecast mode*).

    Parameters
    ----------
    scenario
        The scenario; ``credibility`` keys take precedence over the model's numbers.
    assume
        What-if assumptions (formula text or formulas), hard like observations.
    at
        Replay the scenario at this date or datetime (ISO text allowed).
    model
        A model name (``commitlogic.forecasting.MODELS``); ``None`` for the
        default model, ``"independent"`` for exactly SPEC's formula.
    parameters
        The model's parameters; ``None`` for those fitted on the casebook.
    samples
        ``None`` (the default) for exact probabilities; a positive number
        for estimates from that many samples, each with its standard error.
    seed
        The seed of the sampler, so that a sampled forecast is reproducible.
    time_limit
        Seconds the forecast may take; beyond, ``SolverLimit``.

    Raises
    ------
    ScenarioError
        When an assumption, ``at``, ``model`` or ``samples`` is not valid.
    TooWide
        When exact counting meets a component too densely tied (sample instead).
    SolverLimit
        When ``time_limit`` passed.
    """
    if samples is not None and (
        isinstance(samples, bool) or not isinstance(samples, int) or samples < 1
    ):
        raise ScenarioError(f"samples must be a positive integer, got {samples!r}", field="samples")
    chosen, values = resolve_model(model, parameters)
    deadline = Deadline(time_limit)
    query = build(scenario, chosen, values, assume, at)
    if samples is None:
        result = exact(query, deadline)
    else:
        from commitlogic.forecasting.sampling import sample

        result = sample(query, samples, seed=seed, deadline=deadline)
    if result is None:
        return Forecast(False, conflict=conflict(query), model=chosen.name)
    return result


def exact(query: Problem, deadline: Deadline | None = None) -> Forecast | None:
    """Return the exact forecast of ``query`` by weighted model counting; ``None`` if no model."""
    from commitlogic.forecasting.counting import Network

    network = Network(deadline)
    for _name, formula in query.hard:
        network.hard(formula)
    for factor in query.soft:
        network.soft(factor.antecedent, factor.consequent, factor.p, factor.guard)
    asked = [*query.atoms.values(), *query.outcomes.values(), *query.kept.values()]
    solved = network.solve([network.literal(formula) for formula in asked])
    if solved is None:
        return None
    atoms_end = len(query.atoms)
    outcomes_end = atoms_end + len(query.outcomes)
    return Forecast(
        True,
        atoms=dict(zip(query.atoms, solved[:atoms_end], strict=True)),
        outcomes=dict(zip(query.outcomes, solved[atoms_end:outcomes_end], strict=True)),
        commitments=dict(zip(query.kept, solved[outcomes_end:], strict=True)),
        model=query.model,
        credibilities=dict(query.credibilities),
    )


def conflict(query: Problem) -> tuple[str, ...]:
    """Return a minimal set of the hard facts' names that has no model (they must have none)."""
    from commitlogic.forecasting.sampling import HardFacts

    index = {item: column for column, item in enumerate(query.variables())}
    program = HardFacts([formula for _name, formula in query.hard], index)
    members = list(range(len(query.hard)))
    found = minimal_subset(members, program.satisfiable)
    return tuple(query.hard[number][0] for number in found)
