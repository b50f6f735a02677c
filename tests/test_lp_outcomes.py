"""rules/outcomes.lp on its own: one candidate outcome per truth assignment of the universe."""

from __future__ import annotations

from lp import solve, true_sets

FILES = ["outcomes.lp"]


def test_outcomes_lp_every_assignment_is_an_answer_set() -> None:
    models = solve(FILES, 'atom(0,"p"). atom(0,"q").', keep={"true"})
    assert true_sets(models) == [set(), {"p"}, {"p", "q"}, {"q"}]


def test_outcomes_lp_no_atoms_one_empty_outcome() -> None:
    assert solve(FILES, "", keep={"true"}) == [()]


def test_outcomes_lp_atoms_are_strings_whatever_their_case() -> None:
    # "Putin" would be a variable if it were not a string; as a string it is a constant.
    models = solve(FILES, 'atom(0,"attends(Putin,talks)").', keep={"true"})
    assert true_sets(models) == [set(), {"attends(Putin,talks)"}]


def test_outcomes_lp_each_part_opens_only_its_own_atoms() -> None:
    facts = 'atom(0,"p"). atom(1,"r").'
    assert true_sets(solve(FILES, facts, keep={"true"})) == [set(), {"p"}]
    grown = solve(FILES, facts, keep={"true"}, parts=(0, 1))
    assert true_sets(grown) == [set(), {"p"}, {"p", "r"}, {"r"}]
