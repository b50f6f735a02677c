"""commitlogic: reasoning about political commitments with Answer Set Programming.

Statements such as "Zelensky will attend only if Putin comes" become
conditional-attendance rules; clingo computes which meeting outcomes stay
consistent as facts arrive.  Start with :func:`load` and :class:`Reasoner`::

    import commitlogic

    scenario = commitlogic.load("examples/istanbul_2025.toml")
    reasoner = commitlogic.Reasoner(scenario)
    report = reasoner.status(assume=["absent(putin, istanbul_talks)"])
    print(report.atoms["attends(zelensky,istanbul_talks)"])   # impossible
"""

from commitlogic.analysis.sweep import sweep
from commitlogic.forecasting import Forecast, forecast
from commitlogic.io.checking import load_with_warnings, loads_with_warnings, warnings
from commitlogic.io.editing import add_statement, observe
from commitlogic.io.export import asp_program
from commitlogic.io.graph import dot_source
from commitlogic.io.loading import load, loads
from commitlogic.io.saving import dump, dumps
from commitlogic.model.dates import When
from commitlogic.model.errors import ScenarioError, SolverLimit
from commitlogic.model.formulas import (
    And,
    Atom,
    Formula,
    FormulaLike,
    Not,
    Or,
    absent,
    atom,
    attends,
    parse_formula,
)
from commitlogic.model.linting import ScenarioWarning
from commitlogic.model.scenario import Actor, Event, Kind, Outcome, Scenario, Statement
from commitlogic.reasoning.reasoner import Reasoner
from commitlogic.reasoning.results import State, Status, StatusReport

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "And",
    "Atom",
    "Event",
    "Formula",
    "Forecast",
    "FormulaLike",
    "Kind",
    "Not",
    "Or",
    "Outcome",
    "Reasoner",
    "Scenario",
    "ScenarioError",
    "ScenarioWarning",
    "SolverLimit",
    "State",
    "Statement",
    "Status",
    "StatusReport",
    "When",
    "__version__",
    "absent",
    "add_statement",
    "asp_program",
    "atom",
    "attends",
    "dot_source",
    "dump",
    "dumps",
    "forecast",
    "load",
    "load_with_warnings",
    "loads",
    "loads_with_warnings",
    "observe",
    "parse_formula",
    "sweep",
    "warnings",
]
