"""What ``commitlogic credibility`` learns from closed scenarios, and what ``--write`` writes.

From the closed scenarios given: each actor's record (commitments kept and
broken), the credibilities pooled per actor and party
(``analysis.learning.pool``: actor, else party, else everyone), and the
default model's global parameters fitted on those scenarios.  ``--write``
sets, in another scenario, the ``credibility`` key of each of its actors
that has a pooled credibility (their own record, else their party's);
an actor with neither gets no key, so the model's fitted numbers apply to
them.  Forecasts read an actor's key before the model's numbers.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import attrs

from commitlogic.analysis.learning import Case, fit, pool, read_cases
from commitlogic.analysis.record import write_credibilities
from commitlogic.forecasting.engine import resolve_model
from commitlogic.io.loading import load
from commitlogic.model.errors import ScenarioError

__all__ = ["Learned", "learn_credibilities", "write_learned"]


@attrs.frozen
class Learned:
    """What a set of closed scenarios teaches: records, pooled credibilities, fitted parameters.

    Attributes
    ----------
    model
        The model whose global parameters were fitted (the default one unless asked).
    values
        Its global parameters, fitted on the closed scenarios.
    records
        Per actor of the closed scenarios: ``(kept, broken, party)``.
    actors, parties
        The pooled credibility of each actor and party with a record.
    everyone, strength
        Everyone's rate and the pooling strength.
    closed
        The closed scenarios counted (file paths).
    skipped
        ``(file, reason)`` for each scenario that was not closed.
    predicates
        The pooled share of the atoms of each free-proposition predicate that
        held (the pooled models' priors; the scenario format has no key for
        them, so ``--write`` cannot write them: the package ships those
        learned on the casebook).
    """

    model: str
    values: dict[str, float]
    records: dict[str, tuple[int, int, str | None]]
    actors: dict[str, float]
    parties: dict[str, float]
    everyone: float
    strength: float
    closed: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]
    predicates: dict[str, float] = attrs.field(factory=dict)

    def credibility_of(self, actor: str, party: str | None) -> tuple[float, str] | None:
        """Return the credibility to write for an actor, and where it comes from; or None."""
        if actor in self.actors:
            return self.actors[actor], "own record"
        if party is not None and party in self.parties:
            return self.parties[party], f"party {party}"
        return None

    @property
    def counted(self) -> int:
        """How many commitments the observed facts settled, in all."""
        return sum(kept + broken for kept, broken, _party in self.records.values())

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object of ``commitlogic credibility --json``."""
        return {
            "model": self.model,
            "parameters": dict(sorted(self.values.items())),
            "pooling": {
                "everyone": self.everyone,
                "strength": self.strength,
                "parties": self.parties,
                "predicates": self.predicates,
            },
            "actors": {
                actor: {
                    "party": party,
                    "kept": kept,
                    "broken": broken,
                    "credibility": self.actors.get(actor),
                }
                for actor, (kept, broken, party) in sorted(self.records.items())
            },
            "closed": list(self.closed),
            "skipped": [{"scenario": name, "reason": why} for name, why in self.skipped],
        }


def learn_credibilities(
    sources: Iterable[str | os.PathLike[str]], *, model: str | None = None, strict: bool = False
) -> Learned:
    """Learn from the closed scenarios among ``sources`` (files or folders).

    Raises
    ------
    ScenarioError
        When a file is not a valid scenario, or when no scenario is closed.
    """
    items = [os.fspath(source) for source in sources]
    cases, skipped = read_cases(items, strict=strict)
    if not cases:
        detail = "; ".join(f"{name}: {why}" for name, why in skipped) or "no scenario files found"
        raise ScenarioError(
            "no closed scenario (one whose observed facts settle every declared outcome): "
            + detail,
            file=", ".join(items) or None,
        )
    chosen, _parameters = resolve_model(model)
    pooled = pool(cases)
    return Learned(
        chosen.name,
        fit(chosen, cases),
        _records(cases),
        pooled.actors,
        pooled.parties,
        pooled.everyone,
        pooled.strength,
        tuple(case.source or case.name for case in cases),
        tuple(skipped),
        pooled.predicates,
    )


def _records(cases: list[Case]) -> dict[str, tuple[int, int, str | None]]:
    found: dict[str, tuple[int, int, str | None]] = {}
    for case in cases:
        for actor in case.parties:
            kept, broken, party = found.get(actor, (0, 0, None))
            more_kept, more_broken = case.record.get(actor, (0, 0))
            found[actor] = (kept + more_kept, broken + more_broken, case.parties[actor] or party)
    return dict(sorted(found.items()))


def write_learned(path: str | os.PathLike[str], learned: Learned) -> dict[str, tuple[float, str]]:
    """Write the pooled credibilities of the scenario's actors into it; return what was written.

    Returns
    -------
    dict
        Per actor written: the credibility and where it comes from (own record, party).
    """
    scenario = load(path)
    chosen = {}
    for actor in scenario.actors:
        found = learned.credibility_of(actor.id, actor.party)
        if found is not None:
            chosen[actor.id] = found
    if chosen:
        write_credibilities(path, {actor: value for actor, (value, _why) in chosen.items()})
    return chosen
