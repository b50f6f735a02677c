"""Hypothesis strategies for formulas, statements, observations and whole scenarios.

Use them to test your own rule set: draw what the news could bring next and
check that a conclusion survives it.  Every strategy here draws valid values
(ids per SPEC section 1, formulas whose ``attends`` atoms name declared
actors and events, ``supersedes`` without cycles), keeps its sizes small by
default, and shrinks well: lists shrink by deleting elements, formulas
towards single atoms, kinds towards the first one asked for, dates towards
the earliest day, texts towards ``None``.  So a failing example is reduced
to a few short statements::

    from hypothesis import given
    from commitlogic import Reasoner, load
    from commitlogic.testing.strategies import observations

    scenario = load("examples/istanbul_2025.toml")

    reasoner = Reasoner(scenario)

    @given(observations(scenario, max_size=2))
    def test_my_rules(observed):
        report = reasoner.status(assume=[fact.subject for fact in observed], at="2025-05-12")
        ...

``commitlogic.testing.assertions`` wraps the common properties (stays consistent,
stays certain, stays impossible, equivalent) in one call each.

The strategies follow the conventions of Hypothesis's own: size bounds are
keyword-only, arguments are checked when the strategy is built and bad ones
raise :class:`hypothesis.errors.InvalidArgument`.
"""

from commitlogic.testing.observations import assumptions, observations
from commitlogic.testing.parts import (
    ACTOR_IDS,
    EVENT_IDS,
    OUTCOME_IDS,
    PROPOSITIONS,
    formulas,
    identifiers,
    whens,
)
from commitlogic.testing.scenarios import scenarios
from commitlogic.testing.statements import statement_sequences, statements

__all__ = [
    "ACTOR_IDS",
    "EVENT_IDS",
    "OUTCOME_IDS",
    "PROPOSITIONS",
    "assumptions",
    "formulas",
    "identifiers",
    "observations",
    "scenarios",
    "statement_sequences",
    "statements",
    "whens",
]
