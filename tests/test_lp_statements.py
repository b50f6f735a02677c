"""rules/statements.lp (with outcomes.lp and formulas.lp): what each kind asks of an outcome.

Nodes 0 = p and 1 = q; each statement has subject p, and condition q where it has one.
"""

from __future__ import annotations

from lp import solve, true_sets

FILES = ["outcomes.lp", "formulas.lp", "statements.lp"]

FACTS = """
atom(0,"p"). atom(0,"q"). lit(0,0,"p"). lit(0,1,"q").
statement(0,"c",commits).  subject(0,"c",0).
statement(0,"r",refuses).  subject(0,"r",0).
statement(0,"If",if).      subject(0,"If",0). condition(0,"If",1).
statement(0,"o",only_if).  subject(0,"o",0).  condition(0,"o",1).
statement(0,"m",might).    subject(0,"m",0).  condition(0,"m",1).
statement(0,"b",observed). subject(0,"b",0).
"""
EVERY = ("c", "r", "If", "o", "m", "b")


def _by_outcome(models: list[tuple[str, ...]], predicate: str) -> dict[frozenset[str], set[str]]:
    prefix = f'{predicate}("'
    return {
        frozenset(true): {atom[len(prefix) : -2] for atom in model if atom.startswith(prefix)}
        for model, true in zip(models, true_sets(models), strict=True)
    }


NONE, P, Q, PQ = frozenset(), frozenset({"p"}), frozenset({"q"}), frozenset({"p", "q"})


def test_statements_lp_antecedents() -> None:
    models = solve(FILES, FACTS, active=EVERY)
    # commits, refuses, observed: always; if: when q; only_if: when p; might: never.
    assert _by_outcome(models, "triggered") == {
        NONE: {"c", "r", "b"},
        P: {"c", "r", "b", "o"},
        Q: {"c", "r", "b", "If"},
        PQ: {"c", "r", "b", "If", "o"},
    }


def test_statements_lp_consequents() -> None:
    models = solve(FILES, FACTS, active=EVERY)
    # commits, if, observed: p; refuses: not p; only_if: q; might: never.
    assert _by_outcome(models, "fulfilled") == {
        NONE: {"r"},
        P: {"c", "If", "b"},
        Q: {"r", "o"},
        PQ: {"c", "If", "b", "o"},
    }


def test_statements_lp_violations_of_active_statements() -> None:
    models = solve(FILES, FACTS, active=EVERY)
    assert _by_outcome(models, "violated") == {
        NONE: {"c", "b"},  # p is false
        P: {"r", "o"},  # p without q breaks only_if
        Q: {"c", "b", "If"},  # q without p breaks if
        PQ: {"r"},
    }
    inactive = solve(FILES, FACTS, active=["c"])
    assert _by_outcome(inactive, "violated") == {NONE: {"c"}, P: set(), Q: {"c"}, PQ: set()}


def test_statements_lp_commitments_and_externals() -> None:
    models = solve(FILES, FACTS, keep={"commitment", "active"}, active=["o", "m"])
    expected = (
        'active("m")',
        'active("o")',
        'commitment("If")',
        'commitment("c")',
        'commitment("o")',
        'commitment("r")',
    )
    assert models == [expected] * 4
