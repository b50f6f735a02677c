"""Hypothesis strategies for scenarios, statements and formulas.

The public home of ``commitlogic.testing.strategies``, kept as
``commitlogic.strategies`` so that ``from commitlogic.strategies import
scenarios`` works.
"""

from commitlogic.testing.strategies import *  # noqa: F403  # the module's own __all__
from commitlogic.testing.strategies import __all__ as __all__
