"""Scoring forecasts against what happened: leave-one-out over closed cases.

For each closed case, every model learns from all the *other* cases
(``analysis.learning.learn``; never from the held-out one) and forecasts
the held-out case's declared outcomes at each of its cut-offs.  Each
forecast is scored against the truth (what the observed facts settled in
the end) with the Brier score ``(p - y)²`` and the log loss
``-log p`` (or ``-log (1 - p)``), probabilities clipped to
``[EPSILON, 1 - EPSILON]`` for the log loss only.  Baselines are scored
the same way:

- ``strict``: the strict reading at the cut-off, certain / possible /
  impossible as 1 / 0.5 / 0 (0.5 for every outcome when the scenario is
  inconsistent at the cut-off: strict mode then has no answer);
- ``base_rate``: the share of the training cases' outcomes that held;
- ``coin``: 0.5.

``independent`` (SPEC's model, credibility 0.8) is one of the models.
Every (case, cut-off, outcome) counts once in the means.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import attrs

from commitlogic.analysis.learning import Case, Tables, learn
from commitlogic.forecasting.engine import forecast
from commitlogic.forecasting.models import MODELS, model_named
from commitlogic.model.errors import ScenarioError
from commitlogic.reasoning.reasoner import Reasoner
from commitlogic.reasoning.results import Status

__all__ = ["BASELINES", "EPSILON", "Evaluation", "Item", "Score", "evaluate"]

#: The baselines, scored like the models.
BASELINES = ("strict", "base_rate", "coin")
#: Probabilities are clipped to [EPSILON, 1 - EPSILON] for the log loss.
EPSILON = 0.001
#: The calibration bins: [0, 0.1), [0.1, 0.2), ... [0.9, 1].
BINS = 10


@attrs.frozen
class Item:
    """One forecast target: an outcome of a case at a cut-off, and what each forecaster said."""

    case: str
    at: date
    outcome: str
    truth: float
    forecasts: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        """Return the item as a JSON object."""
        return {
            "case": self.case,
            "at": self.at.isoformat(),
            "outcome": self.outcome,
            "truth": self.truth,
            "forecasts": self.forecasts,
        }


@attrs.frozen
class Score:
    """How one forecaster did: Brier score, log loss, and calibration in bins.

    ``calibration`` has one ``(low, high, count, mean forecast, frequency)``
    per non-empty bin of forecasts.
    """

    name: str
    brier: float
    log_loss: float
    count: int
    calibration: tuple[tuple[float, float, int, float, float], ...]

    def to_json(self) -> dict[str, Any]:
        """Return the score as a JSON object."""
        return {
            "brier": self.brier,
            "log_loss": self.log_loss,
            "count": self.count,
            "calibration": [
                {"low": lo, "high": hi, "count": n, "forecast": p, "frequency": f}
                for lo, hi, n, p, f in self.calibration
            ],
        }


def score(name: str, pairs: Sequence[tuple[float, float]]) -> Score:
    """Return the :class:`Score` of ``(forecast, truth)`` pairs."""
    count = len(pairs)
    brier = sum((p - y) ** 2 for p, y in pairs) / max(count, 1)

    def loss(p: float, y: float) -> float:
        p = min(max(p, EPSILON), 1 - EPSILON)
        return -math.log(p if y else 1 - p)

    log_loss = sum(loss(p, y) for p, y in pairs) / max(count, 1)
    bins: list[list[tuple[float, float]]] = [[] for _ in range(BINS)]
    for p, y in pairs:
        bins[min(int(p * BINS), BINS - 1)].append((p, y))
    calibration = tuple(
        (
            k / BINS,
            (k + 1) / BINS,
            len(members),
            sum(p for p, _y in members) / len(members),
            sum(y for _p, y in members) / len(members),
        )
        for k, members in enumerate(bins)
        if members
    )
    return Score(name, brier, log_loss, count, calibration)


@attrs.frozen
class Evaluation:
    """The leave-one-out scores of the models and baselines on a set of closed cases.

    Attributes
    ----------
    cases
        The names of the cases scored (each held out once).
    skipped
        ``(name, reason)`` for each scenario that could not be a case.
    items
        Every forecast target with every forecaster's probability.
    scores
        Per forecaster (models, then baselines): its :class:`Score`, best Brier first.
    """

    cases: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]
    items: tuple[Item, ...]
    scores: dict[str, Score]

    @property
    def best_model(self) -> str:
        """The model (not a baseline) with the lowest leave-one-out Brier score."""
        models = [name for name in self.scores if name in MODELS]
        return min(models, key=lambda name: (self.scores[name].brier, name))

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object of ``commitlogic evaluate --json``."""
        return {
            "cases": list(self.cases),
            "skipped": [{"scenario": name, "reason": why} for name, why in self.skipped],
            "best_model": self.best_model,
            "scores": {name: found.to_json() for name, found in self.scores.items()},
            "items": [item.to_json() for item in self.items],
        }


def evaluate(
    cases: Sequence[Case],
    models: Sequence[str] = tuple(MODELS),
    *,
    skipped: Sequence[tuple[str, str]] = (),
    progress: Callable[[str], None] | None = None,
) -> Evaluation:
    """Score ``models`` and the baselines by leave-one-out over ``cases``.

    Raises
    ------
    ScenarioError
        When a model name is unknown.
    ValueError
        When fewer than two cases are given (nothing to learn from).
    """
    chosen = [model_named(name) for name in models]
    if len(cases) < 2:
        raise ScenarioError(
            f"leave-one-out needs at least two closed cases, got {len(cases)}"
            + "".join(f"; skipped {name}: {why}" for name, why in skipped)
        )
    tables = Tables(cases)
    items: list[Item] = []
    for held_out in cases:
        if progress is not None:
            progress(held_out.name)
        training = [case for case in cases if case.name != held_out.name]
        learned = {model.name: learn(model, training, tables) for model in chosen}
        truths = [y for case in training for y in case.truth.values()]
        base_rate = sum(truths) / len(truths) if truths else 0.5
        strict = Reasoner(held_out.scenario)
        for at in held_out.cutoffs:
            said: dict[str, dict[str, float]] = {}
            for model in chosen:
                found = forecast(
                    held_out.scenario, at=at, model=model, parameters=learned[model.name]
                )
                said[model.name] = dict(found.outcomes) if found.consistent else {}
            report = strict.status(at=at)
            for outcome, truth in held_out.truth.items():
                forecasts = {name: said[name].get(outcome, 0.5) for name in said}
                forecasts["strict"] = _strict(report.outcomes.get(outcome))
                forecasts["base_rate"] = base_rate
                forecasts["coin"] = 0.5
                items.append(Item(held_out.name, at, outcome, truth, forecasts))
    names = [model.name for model in chosen] + list(BASELINES)
    scores = {
        name: score(name, [(item.forecasts[name], item.truth) for item in items]) for name in names
    }
    ordered = dict(sorted(scores.items(), key=lambda pair: (pair[1].brier, pair[0])))
    return Evaluation(tuple(case.name for case in cases), tuple(skipped), tuple(items), ordered)


def _strict(status: Status | None) -> float:
    """The strict reading as a probability: 1, 0.5 or 0 (0.5 without an answer)."""
    if status is Status.CERTAIN:
        return 1.0
    if status is Status.IMPOSSIBLE:
        return 0.0
    return 0.5
