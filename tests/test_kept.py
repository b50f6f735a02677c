"""Kept outcomes (reasoning/resolved.py): the truth of an outcome, from its true atoms."""

from __future__ import annotations

from commitlogic.model.formulas import parse_formula
from commitlogic.reasoning.resolved import _Truth, holds


def test_the_truth_of_a_kept_outcome_is_a_mapping_of_its_true_atoms() -> None:
    truth = _Truth({"attends(putin,talks)", "held"})
    assert dict(truth) == {parse_formula("attends(putin,talks)"): True, parse_formula("held"): True}
    assert truth[parse_formula("signs(a,b)")] is False and len(truth) == 2
    assert holds(parse_formula("held and not signs(a, b)"), {"held"})
