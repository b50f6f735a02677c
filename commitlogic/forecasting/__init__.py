"""Forecast mode: models, exact weighted model counting, sampling, and learning from cases.

The modules, from the bottom up:

- ``problem``: a query as hard formulas and soft factors (latent variables too);
- ``models``: the forecasting models (``independent`` is SPEC's) and their parameters;
- ``counting``: exact weighted model counting by tensor contraction;
- ``sampling``: MC-SAT, with standard errors;
- ``defaults``: the default model and the parameters fitted on the casebook;
- ``engine``: :func:`forecast`, the conflict of hard facts;
- ``enumeration``: fast exact forecasts of small cases for many parameters at once (fitting);
- ``learning``: fitting a model on closed cases, partial pooling of credibilities.

No module here imports the reasoner: ``Reasoner.forecast`` calls :func:`forecast`.
"""

from commitlogic.forecasting.defaults import default_model, fitted_parameters
from commitlogic.forecasting.engine import forecast
from commitlogic.forecasting.models import MODELS, Model, Parameters
from commitlogic.forecasting.problem import TooWide
from commitlogic.forecasting.result import Forecast

__all__ = [
    "MODELS",
    "Forecast",
    "Model",
    "Parameters",
    "TooWide",
    "default_model",
    "fitted_parameters",
    "forecast",
]
