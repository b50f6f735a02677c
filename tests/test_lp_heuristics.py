"""rules/heuristics.lp (with outcomes.lp): the guidance changes the first model, never the set.

Under --heuristic=Domain, assuming the external ``maximize`` makes the
solver try atoms true first, its negation false first.
"""

from __future__ import annotations

from lp import solve, true_sets

FILES = ["outcomes.lp", "heuristics.lp"]
FACTS = 'atom(0,"p"). atom(0,"q"). atom(0,"r").'
DOMAIN = ("--heuristic=Domain",)


def test_heuristics_lp_maximize_prefers_true_atoms() -> None:
    first = solve(FILES, FACTS, options=DOMAIN, models=1, assumptions=[("maximize", True)])
    assert true_sets(first) == [{"p", "q", "r"}]


def test_heuristics_lp_not_maximize_prefers_false_atoms() -> None:
    first = solve(FILES, FACTS, options=DOMAIN, models=1, assumptions=[("maximize", False)])
    assert true_sets(first) == [set()]


def test_heuristics_lp_a_later_part_is_guided_too() -> None:
    facts = FACTS + 'atom(1,"s").'
    first = solve(
        FILES, facts, options=DOMAIN, models=1, parts=(0, 1), assumptions=[("maximize", True)]
    )
    assert true_sets(first) == [{"p", "q", "r", "s"}]


def test_heuristics_lp_changes_no_answer() -> None:
    plain = solve(["outcomes.lp"], FACTS, keep={"true"})
    assert len(plain) == 8
    for maximize in (True, False):
        guided = solve(
            FILES, FACTS, keep={"true"}, options=DOMAIN, assumptions=[("maximize", maximize)]
        )
        assert guided == plain
