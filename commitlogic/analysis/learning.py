"""Learning a forecasting model from closed cases: fitted parameters and pooled credibilities.

A :class:`Case` is a closed scenario (its observed facts settle every
declared outcome) with what learning and scoring need: the truth of each
outcome, the *cut-offs* at which it is forecast (the day before its last
statement, and the day before each event's ``start`` that comes earlier),
and each actor's record (commitments kept and broken, as
``analysis.record`` counts them).

:func:`fit` chooses a model's global parameters (``Model.free``) to
minimise the Brier score of its forecasts of the training cases' outcomes
at their cut-offs: coordinate descent over a grid, each forecast exact
(``forecasting.enumeration``).  :func:`pool` learns per-actor
credibilities by partial pooling: everyone's rate ``μ = (K + 1) / (N + 2)``,
a party's ``(k_P + m μ) / (n_P + m)``, an actor's ``(k_a + m ρ_P) / (n_a + m)``,
with the strength ``m`` that maximises the beta-binomial likelihood of the
actors' records.  :func:`learn` does both, for the models that pool.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

import attrs
import numpy as np

from commitlogic.analysis.record import scenario_paths, settled_record
from commitlogic.forecasting.enumeration import Enumeration, Stack
from commitlogic.forecasting.models import Model, Parameters, build
from commitlogic.io.checking import load_with_warnings
from commitlogic.io.loading import load
from commitlogic.model.errors import ScenarioError
from commitlogic.model.scenario import Scenario
from commitlogic.reasoning.results import Status

__all__ = [
    "GRID",
    "Case",
    "Pooled",
    "Tables",
    "case_of",
    "cutoffs",
    "fit",
    "learn",
    "pool",
    "read_cases",
]

#: The values fitting tries for each parameter, coordinate by coordinate.
GRID = (0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999)
#: The pooling strengths tried (pseudo-counts of the level above).
STRENGTHS = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0)
#: The parameters that are credibilities of commitments (fitted at least 1/2).
CREDIBILITIES = ("credibility", "commits", "refuses", "if", "only_if")
#: Rounds of coordinate descent (it stops earlier when a round changes nothing).
ROUNDS = 4


@attrs.frozen
class Case:
    """A closed scenario, ready for learning and scoring.

    Attributes
    ----------
    name
        Its name (file stem, or the scenario's name).
    scenario
        The scenario.
    truth
        Each declared outcome: whether it held (1.0) or not (0.0) in the end.
    cutoffs
        The dates at which it is forecast, sorted.
    record
        Per actor: ``(kept, broken)`` commitments in the end.
    parties
        Per actor: their party (``None`` when not given).
    source
        The file it was read from, if any.
    atoms
        Each atom that the observed facts settle in the end, by text: 1.0 or 0.0.
    """

    name: str
    scenario: Scenario
    truth: Mapping[str, float]
    cutoffs: tuple[date, ...]
    record: Mapping[str, tuple[int, int]]
    parties: Mapping[str, str | None]
    source: str = ""
    atoms: Mapping[str, float] = attrs.field(factory=dict)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def cutoffs(scenario: Scenario) -> tuple[date, ...]:
    """Return the cut-offs: the day before the last statement, before each earlier event start."""
    said = [_day(s.said) for s in scenario.statements if s.said is not None]
    if not said:
        return ()
    last = max(said)
    found = {last - timedelta(days=1)}
    for event in scenario.events:
        if event.start is not None:
            day = _day(event.start) - timedelta(days=1)
            if day < last:
                found.add(day)
    return tuple(sorted(found))


def case_of(name: str, scenario: Scenario) -> Case | str:
    """Return the :class:`Case` of a scenario, or why it cannot be one (it is not closed)."""
    record, reason, report = settled_record(scenario)
    if reason is not None:
        return reason
    points = cutoffs(scenario)  # none without dates: such a case only teaches its record
    truth = {o: 1.0 if s is Status.CERTAIN else 0.0 for o, s in report.outcomes.items()}
    parties = {actor.id: actor.party for actor in scenario.actors}
    atoms = {
        text: 1.0 if status is Status.CERTAIN else 0.0
        for text, status in report.atoms.items()
        if status is not Status.POSSIBLE
    }
    return Case(name, scenario, truth, points, record, parties, atoms=atoms)


class Tables:
    """The enumerations of every case at every cut-off, per model structure, made once.

    Each depends on its own case only, so the folds of a leave-one-out
    share them: :meth:`stack` stacks those of all ``cases`` once per model,
    and :func:`fit` leaves the held-out case's rows out of every sum.
    """

    def __init__(self, cases: Sequence[Case] = ()) -> None:
        self.cases = list(cases)
        self._made: dict[tuple[str, str, date], Enumeration] = {}
        self._stacks: dict[str, Stack] = {}

    def stack(self, model: Model) -> Stack:
        """Return the stacked enumerations of every case of these tables under ``model``."""
        if model.name not in self._stacks:
            tables, truths, groups = [], [], []
            for case in self.cases:
                for at in case.cutoffs:
                    table = self.of(model, case, at)
                    tables.append(table)
                    truths.append(np.array([case.truth[o] for o in table.outcomes]))
                    groups.append(case.name)
            self._stacks[model.name] = Stack(tables, truths, groups)
        return self._stacks[model.name]

    def of(self, model: Model, case: Case, at: date) -> Enumeration:
        """Return the enumeration of ``case`` at ``at`` under ``model``, varying ``model.free``."""
        shape = f"{model.kinds}{model.priors}{model.latent}{model.free}"
        key = (shape, case.name, at)
        if key not in self._made:
            problem = build(case.scenario, model, Parameters(), at=at)
            self._made[key] = Enumeration(problem, model.free)
        return self._made[key]


def fit(model: Model, cases: Sequence[Case], tables: Tables | None = None) -> dict[str, float]:
    """Return the values of ``model.free`` that minimise the training Brier score on ``cases``.

    Coordinate descent: each parameter in turn takes the value of :data:`GRID`
    that scores best with the others fixed, for at most :data:`ROUNDS`
    rounds.  A parameter that no case uses keeps its neutral value.
    ``tables`` (made for ``cases`` plus at most one more case, the held-out
    one) is reused; that case's forecasts are left out of every sum.
    """
    free = list(model.free)
    current = {name: Parameters().get(name) for name in free}
    if not free:
        return current
    names = {case.name for case in cases}
    if tables is None or not names <= {case.name for case in tables.cases}:
        tables = Tables(cases)
    others = [case.name for case in tables.cases if case.name not in names]
    if len(others) > 1:
        raise ValueError("the tables hold more than one case that is not being learned from")
    stack = tables.stack(model)
    leave_out = others[0] if others else None

    def losses(name: str) -> np.ndarray:
        grid = _grid(name)
        values = np.array([[current[k]] * len(grid) for k in free])
        values[free.index(name)] = grid
        return stack.brier(values, leave_out)

    for _round in range(ROUNDS):
        changed = False
        for name in free:
            grid = _grid(name)
            scores = losses(name)
            here = scores[int(np.argmin(np.abs(grid - current[name])))]
            best = int(np.argmin(scores))
            if scores[best] < here - 1e-12 and grid[best] != current[name]:
                current[name] = float(grid[best])
                changed = True
        if not changed:
            break
    return current


def _grid(name: str) -> np.ndarray:
    """The values a parameter may take: a credibility is at least 1/2 (a promise is evidence)."""
    if name in CREDIBILITIES:
        return np.array([value for value in GRID if value >= 0.5])
    return np.array(GRID)


@attrs.frozen
class Pooled:
    """Credibilities learned by partial pooling (actor, party, everyone).

    Attributes
    ----------
    actors, parties
        The pooled credibility of each actor and party with a record.
    everyone
        Everyone's rate ``μ = (K + 1) / (N + 2)``.
    strength
        The pseudo-count ``m`` of each level above.
    predicates
        For free propositions (not ``attends``): how often the atoms of each
        predicate held, pooled the same way towards how often all of them held.
    """

    actors: dict[str, float]
    parties: dict[str, float]
    everyone: float
    strength: float
    predicates: dict[str, float] = attrs.field(factory=dict)


def pool(cases: Iterable[Case]) -> Pooled:
    """Return the pooled credibilities of the actors and parties with a record in ``cases``."""
    actors: dict[str, list[int]] = {}
    party_of: dict[str, str | None] = {}
    for case in cases:
        for actor, (kept, broken) in case.record.items():
            entry = actors.setdefault(actor, [0, 0])
            entry[0] += kept
            entry[1] += broken
            party_of[actor] = case.parties.get(actor) or party_of.get(actor)
    kept_all = sum(k for k, _b in actors.values())
    total = sum(k + b for k, b in actors.values())
    mu = (kept_all + 1) / (total + 2)
    strength = _strength(actors.values(), mu)
    parties: dict[str, list[int]] = {}
    for actor, (kept, broken) in actors.items():
        party = party_of.get(actor)
        if party is not None:
            entry = parties.setdefault(party, [0, 0])
            entry[0] += kept
            entry[1] += broken
    party_rate = {
        party: (kept + strength * mu) / (kept + broken + strength)
        for party, (kept, broken) in parties.items()
    }
    actor_rate = {}
    for actor, (kept, broken) in actors.items():
        prior = party_rate.get(party_of.get(actor) or "", mu)
        actor_rate[actor] = (kept + strength * prior) / (kept + broken + strength)
    return Pooled(
        dict(sorted(actor_rate.items())),
        dict(sorted(party_rate.items())),
        mu,
        strength,
        _predicates(cases),
    )


def _predicates(cases: Iterable[Case]) -> dict[str, float]:
    """Return, per predicate of free propositions, the pooled share of its atoms that held."""
    counts: dict[str, list[int]] = {}
    for case in cases:
        for text, value in case.atoms.items():
            name = text.split("(")[0]
            if name != "attends":
                entry = counts.setdefault(name, [0, 0])
                entry[0 if value else 1] += 1
    held = sum(k for k, _n in counts.values())
    total = sum(k + n for k, n in counts.values())
    mu = (held + 1) / (total + 2)
    strength = _strength(counts.values(), mu)
    return {
        name: (k + strength * mu) / (k + n + strength) for name, (k, n) in sorted(counts.items())
    }


def _strength(records: Iterable[list[int]], mu: float) -> float:
    """Return the strongest pooling whose beta-binomial likelihood is as good as the best.

    (Records of one item each say nothing about how the members differ: pool fully then.)
    """
    found = list(records)
    likelihood = {m: _marginal(found, mu, m) for m in STRENGTHS}
    best = max(likelihood.values())
    return max(m for m, value in likelihood.items() if value >= best - 1e-9)


def _marginal(records: Iterable[list[int]], mu: float, strength: float) -> float:
    """Return the beta-binomial log likelihood of the records under Beta(m μ, m (1 - μ))."""
    a, b = strength * mu, strength * (1 - mu)
    total = 0.0
    for kept, broken in records:
        total += _log_beta(kept + a, broken + b) - _log_beta(a, b)
    return total


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def learn(model: Model, cases: Sequence[Case], tables: Tables | None = None) -> Parameters:
    """Return ``model``'s parameters learned from ``cases``: fitted, and pooled if it pools."""
    values = fit(model, cases, tables)
    if not model.pooled:
        return Parameters(values=values)
    pooled = pool(cases)
    return Parameters(
        values=values,
        actors=pooled.actors,
        parties=pooled.parties,
        predicates=pooled.predicates,
    )


def read_cases(
    sources: Iterable[str | os.PathLike[str]], *, strict: bool = False
) -> tuple[list[Case], list[tuple[str, str]]]:
    """Read scenario files or folders of them; return the closed cases and the skipped files.

    Each case is named by its file's stem.  ``strict``: a warning in a file
    is an input error, as with ``--strict``.

    Raises
    ------
    ScenarioError
        When a file is not a valid scenario (located), or two files have the same stem.
    """
    cases: list[Case] = []
    skipped: list[tuple[str, str]] = []
    for path in scenario_paths(sources):
        if strict:
            scenario, found = load_with_warnings(path)
            if found:
                raise found[0].as_error()
        else:
            scenario = load(path)
        made = case_of(path.stem, scenario)
        if not isinstance(made, str):
            made = attrs.evolve(made, source=os.fspath(path))
        if isinstance(made, str):
            skipped.append((os.fspath(path), made))
        elif any(case.name == made.name for case in cases):
            raise ScenarioError(f"two scenario files are called {made.name}", file=str(path))
        else:
            cases.append(made)
    return cases, skipped
