"""rules/strict.lp (with the files it builds on): no outcome violates an active statement."""

from __future__ import annotations

import pytest
from lp import solve, true_sets
from test_lp_statements import FACTS

FILES = ["outcomes.lp", "formulas.lp", "statements.lp", "strict.lp"]


@pytest.mark.parametrize(
    ("active", "outcomes"),
    [
        ((), [set(), {"p"}, {"p", "q"}, {"q"}]),  # nothing active: every assignment
        (("m",), [set(), {"p"}, {"p", "q"}, {"q"}]),  # might never restricts
        (("o",), [set(), {"p", "q"}, {"q"}]),  # p only if q
        (("If",), [set(), {"p"}, {"p", "q"}]),  # p if q
        (("c", "o"), [{"p", "q"}]),  # p, and p only if q
        (("r", "If"), [set()]),  # not p, and p if q
        (("b",), [{"p"}, {"p", "q"}]),  # observed p
        (("c", "r"), []),  # p and not p: no outcome
        (("b", "r"), []),  # an observed fact against a refusal
    ],
)
def test_strict_lp_outcomes_satisfy_every_active_statement(
    active: tuple[str, ...], outcomes: list[set[str]]
) -> None:
    assert true_sets(solve(FILES, FACTS, keep={"true"}, active=active)) == outcomes
