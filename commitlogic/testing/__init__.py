"""Property-based testing of rule sets: Hypothesis strategies and assertions.

The assertions are here (``commitlogic.testing.assert_certain`` and friends);
the strategies are ``commitlogic.strategies``, or
``commitlogic.testing.strategies``: the same module.
"""

from commitlogic.testing.assertions import (
    Addition,
    CounterExample,
    assert_certain,
    assert_consistent,
    assert_equivalent,
    assert_impossible,
    assert_possible,
)

__all__ = [
    "Addition",
    "CounterExample",
    "assert_certain",
    "assert_consistent",
    "assert_equivalent",
    "assert_impossible",
    "assert_possible",
]
