"""The model layer: formulas, dates, the scenario and its errors.

Nothing here solves anything; every other layer builds on these values.
"""

from commitlogic.model.dates import When
from commitlogic.model.errors import ScenarioError, SolverLimit
from commitlogic.model.formulas import Formula, FormulaLike
from commitlogic.model.scenario import Actor, Event, Kind, Outcome, Scenario, Statement

__all__ = [
    "Actor",
    "Event",
    "Formula",
    "FormulaLike",
    "Kind",
    "Outcome",
    "Scenario",
    "ScenarioError",
    "SolverLimit",
    "Statement",
    "When",
]
