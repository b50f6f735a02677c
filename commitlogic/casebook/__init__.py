"""The casebook: real, closed, sourced episodes, shipped with the package.

Each case is a scenario file in ``commitlogic/casebook/cases/`` (see the
README there): a summit or meeting whose attendance was promised, refused,
conditioned or in doubt, with a quote and a source for every statement,
and observed facts that settle every declared outcome.  Forecasts are
scored on them (``commitlogic evaluate``) and the default model's
parameters are fitted on them (``docs/forecast-quality.md``)::

    from commitlogic import casebook

    casebook.names()[:2]              # ['alaska_2025', 'annapolis_2007']
    scenario = casebook.load("hanoi_2019")
    casebook.path()                   # the folder, for any command that reads folders
"""

from __future__ import annotations

from pathlib import Path

from commitlogic.io.loading import load as load_file
from commitlogic.model.errors import ScenarioError
from commitlogic.model.scenario import Scenario

__all__ = ["CASES", "load", "names", "path"]

#: The folder of the cases.
CASES = Path(__file__).resolve().with_name("cases")


def names() -> list[str]:
    """Return the names of the cases (their file names without ``.toml``), sorted."""
    return sorted(item.stem for item in CASES.glob("*.toml"))


def path(name: str | None = None) -> Path:
    """Return the folder of the cases, or the file of the case called ``name``.

    Raises
    ------
    ScenarioError
        When there is no case called ``name`` (the message lists near names).
    """
    if name is None:
        return CASES
    found = CASES / f"{name}.toml"
    if not isinstance(name, str) or "/" in name or not found.is_file():
        near = [known for known in names() if known.split("_")[0] == str(name).split("_")[0]]
        hint = f"; did you mean {', '.join(near)}?" if near else "; see commitlogic casebook list"
        raise ScenarioError(f"no case called {name!r} in the casebook{hint}", field="case")
    return found


def load(name: str) -> Scenario:
    """Return the scenario of the case called ``name`` (``casebook.names()`` lists them)."""
    return load_file(path(name))
