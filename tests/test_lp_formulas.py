"""rules/formulas.lp (with outcomes.lp for true/1): holds/1 follows the connectives."""

from __future__ import annotations

from lp import solve, true_sets

FILES = ["outcomes.lp", "formulas.lp"]

# Nodes: 0 = p, 1 = q, 2 = not p, 3 = p and q, 4 = (not p) or q, 5 = not not p.
FACTS = """
atom(0,"p"). atom(0,"q").
lit(0,0,"p"). lit(0,1,"q").
neg(0,2,0).
conj(0,3). arg(0,3,0). arg(0,3,1).
disj(0,4). arg(0,4,2). arg(0,4,1).
neg(0,5,2).
"""


def _holds(models: list[tuple[str, ...]]) -> dict[frozenset[str], set[int]]:
    result = {}
    for model, true in zip(models, true_sets(models), strict=True):
        nodes = {int(atom[6:-1]) for atom in model if atom.startswith("holds(")}
        result[frozenset(true)] = nodes
    return result


def test_formulas_lp_truth_of_each_connective() -> None:
    models = solve(FILES, FACTS, keep={"true", "holds"})
    # By hand, per assignment: p, q, not p, p and q, not p or q, not not p.
    assert _holds(models) == {
        frozenset(): {2, 4},
        frozenset({"p"}): {0, 5},
        frozenset({"q"}): {1, 2, 4},
        frozenset({"p", "q"}): {0, 1, 3, 4, 5},
    }


def test_formulas_lp_a_later_part_builds_on_earlier_nodes() -> None:
    # Part 1 adds the atom r and node 6 = (p and q) and r, reusing node 3 of part 0.
    facts = FACTS + 'atom(1,"r"). lit(1,7,"r"). conj(1,6). arg(1,6,3). arg(1,6,7).'
    models = solve(FILES, facts, keep={"true", "holds"}, parts=(0, 1))
    holds = _holds(models)
    assert len(holds) == 8
    for true, nodes in holds.items():
        assert (6 in nodes) == (true == {"p", "q", "r"})
        assert (7 in nodes) == ("r" in true)


def test_formulas_lp_an_atom_outside_the_universe_never_holds() -> None:
    models = solve(FILES, 'atom(0,"p"). lit(0,0,"p"). lit(0,1,"z"). neg(0,2,1).', keep={"holds"})
    assert models == [("holds(0)", "holds(2)"), ("holds(2)",)]
