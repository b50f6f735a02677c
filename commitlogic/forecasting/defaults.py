"""The default model and the parameters fitted on the casebook, as shipped with the package.

``defaults.json`` (next to this module) is written by
``python -m commitlogic.forecasting.quality --write`` (the command that also
regenerates ``docs/forecast-quality.md``): the name of the model that the
leave-one-out score chose, and each model's global parameters fitted on
the whole casebook.  When no record applies (no ``credibility`` key, an
actor without a record), these are the numbers a forecast uses.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from commitlogic.forecasting.models import MODELS, Model, Parameters, model_named

__all__ = ["DEFAULTS", "default_model", "fitted_parameters"]

#: The file of fitted defaults.
DEFAULTS = Path(__file__).with_name("defaults.json")


@functools.cache
def _read() -> dict[str, object]:
    try:
        data: dict[str, object] = json.loads(DEFAULTS.read_text(encoding="utf-8"))
    except FileNotFoundError:  # pragma: no cover - the file ships with the package
        return {"default": "independent", "parameters": {}}
    return data


def default_model() -> Model:
    """Return the model that forecasts use when none is named."""
    return model_named(str(_read()["default"]))


def fitted_parameters(model: Model | str) -> Parameters:
    """Return the parameters of ``model`` fitted on the casebook (SPEC's for ``independent``)."""
    name = model if isinstance(model, str) else model.name
    if name == "independent" or name not in MODELS:
        return Parameters()
    table = _read().get("parameters", {})
    assert isinstance(table, dict)
    found = table.get(name, {})
    return Parameters(
        values={str(k): float(v) for k, v in found.get("values", {}).items()},
        actors={str(k): float(v) for k, v in found.get("actors", {}).items()},
        parties={str(k): float(v) for k, v in found.get("parties", {}).items()},
        predicates={str(k): float(v) for k, v in found.get("predicates", {}).items()},
    )
