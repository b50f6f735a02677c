"""What-if sweeps: the status under each candidate fact, ranked by how much it decides.

A sweep replays the live reasoner's ground program under one more solver
assumption per candidate (see :class:`~commitlogic.reasoner.Reasoner`);
nothing is grounded again, except the formula nodes of candidates never
seen before.  Part of :mod:`commitlogic.analysis.timelines` (import the
names from there, or from ``commitlogic.analysis``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from commitlogic.analysis.changes import Change, changes
from commitlogic.model.formulas import FormulaLike
from commitlogic.model.query import assumption_list, normalise
from commitlogic.model.scenario import Scenario
from commitlogic.reasoning.reasoner import Assumption, Reasoner
from commitlogic.reasoning.results import StatusReport

__all__ = ["WhatIf", "absence_candidates", "what_if"]


@attrs.frozen
class WhatIf:
    """The answer under one candidate fact, compared with the answer without it.

    Attributes
    ----------
    candidate
        The candidate fact, as given.
    report
        The status report with the candidate assumed (on top of the sweep's
        own assumptions).
    changes
        Every outcome, atom and commitment whose answer the candidate changes.
    """

    candidate: str
    report: StatusReport
    changes: tuple[Change, ...]

    @property
    def outcomes_changed(self) -> tuple[str, ...]:
        """The declared outcomes whose status the candidate changes."""
        return tuple(change.name for change in self.changes if change.kind == "outcome")

    @property
    def decided(self) -> int:
        """How many open outcomes and atoms the candidate settles (possible -> decided)."""
        return sum(1 for change in self.changes if change.decided)

    def rank(self) -> tuple[int, int, int, int]:
        """Sort key: consistent first, then most outcomes changed, most settled, most changes."""
        return (
            0 if self.report.consistent else 1,
            -len(self.outcomes_changed),
            -self.decided,
            -len(self.changes),
        )

    def to_json(self) -> dict[str, object]:
        """Return the object of this candidate in ``commitlogic whatif --json``."""
        return {
            "candidate": self.candidate,
            "consistent": self.report.consistent,
            "changes": [change.to_json() for change in self.changes],
            "conflict": None if self.report.conflict is None else list(self.report.conflict),
        }


def absence_candidates(scenario: Scenario) -> list[str]:
    """Return ``absent(a, e)`` for each event ``e`` and each actor ``a`` invited to it."""
    return [f"absent({actor}, {event})" for actor, event in scenario.invitations()]


def what_if(
    reasoner: Reasoner,
    candidates: FormulaLike | Iterable[FormulaLike] | None = None,
    assume: Assumption | Iterable[Assumption] = (),
    at: date | str | None = None,
) -> list[WhatIf]:
    """Ask, for each candidate fact, what it would change; rank by how much it decides.

    Parameters
    ----------
    reasoner
        The live reasoner; every candidate is a solver assumption on its
        ground program.
    candidates
        Candidate facts (formula text or formulas); by default each invited
        actor absent from each event (:func:`absence_candidates`).
    assume, at
        The query the candidates are compared with (as in ``status``).

    Returns
    -------
    list[WhatIf]
        Consistent candidates first, those changing the most outcomes
        first, then those settling the most open questions; ties keep the
        order of ``candidates``.  A candidate that contradicts the scenario
        comes last, with its conflict in ``report.conflict``.
    """
    query = normalise(reasoner.scenario, assume, at)  # errors name assume or at, once
    assume = assumption_list(assume)
    if candidates is None:
        chosen: list[FormulaLike] = list(absence_candidates(reasoner.scenario))
    else:
        chosen = assumption_list(candidates)
    base = reasoner.status(assume=assume, at=query.at)
    answers = []
    for candidate in chosen:
        report = reasoner.status(assume=[*assume, candidate], at=query.at)
        answers.append(WhatIf(str(candidate), report, changes(base, report)))
    return sorted(answers, key=WhatIf.rank)
