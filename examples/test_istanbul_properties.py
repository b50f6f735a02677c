"""Properties of the Istanbul talks of May 2025, tested with Hypothesis.

Copy this file next to your own scenario and change the properties: each
test says what must stay true whatever the news brings next, and
Hypothesis looks for news that breaks it.  Run it with::

    pytest examples/test_istanbul_properties.py

A failing property raises ``commitlogic.testing.CounterExample``, whose
message shows the smallest news that breaks it, as a readable scenario and
as a TOML file to check with ``commitlogic status``.  See
docs/howto-testing.md for a walk-through.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from commitlogic import Reasoner, Statement, Status, load
from commitlogic.strategies import observations, statement_sequences
from commitlogic.testing import (
    CounterExample,
    assert_certain,
    assert_consistent,
    assert_impossible,
)

SCENARIO = load(Path(__file__).with_name("istanbul_2025.toml"))
REASONER = Reasoner(SCENARIO)

#: The attendance of everyone but Putin, at both meetings.
OTHERS = [atom for atom in SCENARIO.atoms() if atom.args[0] != "putin"]


def test_no_leaders_meeting_without_putin() -> None:
    """Whatever is observed about the others, if Putin is absent the leaders do not meet."""
    assert_impossible(
        SCENARIO,
        "leaders_meet",
        under=observations(SCENARIO, atoms=OTHERS),
        assume=["absent(putin, istanbul_talks)"],
        at="2025-05-12",
    )


def test_russia_is_represented_whatever_is_observed_about_the_others() -> None:
    """Putin proposed the talks: he or Medinsky will be there, whatever else happens."""
    assert_certain(
        SCENARIO, "russia_represented", under=observations(SCENARIO, atoms=OTHERS), at="2025-05-12"
    )


def test_the_ankara_meeting_stays_settled_whatever_is_said_next() -> None:
    """New statements that withdraw nothing cannot unsettle an observed meeting."""
    assert_certain(
        SCENARIO,
        "zelensky_meets_erdogan",
        under=statement_sequences(SCENARIO, supersedes=False),
        at="2025-05-15",
    )


@settings(deadline=None)  # solver times vary from run to run
@given(observations(SCENARIO, atoms=OTHERS, max_size=2))
def test_zelensky_never_meets_putin_alone(observed: tuple[Statement, ...]) -> None:
    """The same kind of property, written with a strategy and the reasoner directly."""
    assume = [fact.subject for fact in observed]
    if REASONER.is_consistent(assume, at="2025-05-12"):
        status = REASONER.query(
            "attends(zelensky, istanbul_talks) and absent(putin, istanbul_talks)",
            assume,
            at="2025-05-12",
        )
        assert status is Status.IMPOSSIBLE


def test_some_news_contradicts_the_picture_of_12_may() -> None:
    """A property that does NOT hold, kept to show what a counter-example looks like.

    On 12 May, Putin has proposed the talks (he or Medinsky will attend),
    and Zelensky goes to Istanbul only if Putin does.  Observing Putin and
    Medinsky both absent, say, leaves no outcome.  No single observation
    does that, so Hypothesis shrinks the news to exactly two facts.
    """
    with pytest.raises(CounterExample) as failure:
        assert_consistent(SCENARIO, under=observations(SCENARIO), at="2025-05-12")
    counter_example = failure.value
    print(counter_example)  # what pytest shows when the property is expected to hold
    assert len(counter_example.added) == 2
    assert not Reasoner(counter_example.scenario).is_consistent()
