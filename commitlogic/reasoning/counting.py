"""Compatibility: exact counting moved to :mod:`commitlogic.forecasting.counting`."""

from commitlogic.forecasting.counting import Network
from commitlogic.forecasting.problem import TooWide

__all__ = ["Network", "TooWide"]
