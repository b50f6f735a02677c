"""rules/display.lp (with the files it builds on): declared outcomes and the #show whitelist."""

from __future__ import annotations

from lp import solve

from commitlogic.reasoning.encoding import STRICT_RULES

FILES = ["outcomes.lp", "formulas.lp", "statements.lp", "display.lp"]

# Outcome "Meet" is node 2 = p and q, "never" node 4 = p and not p; "c" commits to p.
FACTS = """
atom(0,"p"). atom(0,"q"). lit(0,0,"p"). lit(0,1,"q"). conj(0,2). arg(0,2,0). arg(0,2,1).
neg(0,3,0). conj(0,4). arg(0,4,0). arg(0,4,3).
outcome(0,"Meet",2). outcome(0,"never",4).
statement(0,"c",commits). subject(0,"c",0).
"""


def test_display_lp_shows_true_occurs_and_triggered_only() -> None:
    models = solve(FILES, FACTS + 'outcome(0,"any",0).', active=["c"], shown=True)
    assert models == [
        ('occurs("Meet")', 'occurs("any")', 'triggered("c")', 'true("p")', 'true("q")'),
        ('occurs("any")', 'triggered("c")', 'true("p")'),
        ('triggered("c")',),
        ('triggered("c")', 'true("q")'),
    ]


def test_display_lp_occurs_follows_the_outcome_formula() -> None:
    models = solve(FILES, FACTS, keep={"occurs", "true"})
    assert models == [
        (),
        ('occurs("Meet")', 'true("p")', 'true("q")'),
        ('true("p")',),
        ('true("q")',),
    ]


def test_display_lp_the_whole_program_shows_the_same_three_predicates() -> None:
    models = solve(list(STRICT_RULES), FACTS, active=["c"], shown=True)
    names = {atom.split("(")[0] for model in models for atom in model}
    assert names == {"true", "occurs", "triggered"}
