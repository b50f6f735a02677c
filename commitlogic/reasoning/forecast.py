"""Compatibility: forecast mode moved to :mod:`commitlogic.forecasting`.

``from commitlogic.reasoning.forecast import forecast, Forecast`` keeps working.
"""

from commitlogic.forecasting.engine import forecast
from commitlogic.forecasting.result import Forecast

__all__ = ["Forecast", "forecast"]
