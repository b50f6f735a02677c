"""rules/commitments.lp (with the files it builds on): the state of each active commitment."""

from __future__ import annotations

from lp import solve, true_sets
from test_lp_statements import FACTS, NONE, PQ, P, Q

FILES = ["outcomes.lp", "formulas.lp", "statements.lp", "commitments.lp"]


def _states(models: list[tuple[str, ...]]) -> dict[frozenset[str], set[str]]:
    return {
        frozenset(true): {atom for atom in model if atom.startswith("state(")}
        for model, true in zip(models, true_sets(models), strict=True)
    }


def test_commitments_lp_one_state_per_active_commitment() -> None:
    models = solve(FILES, FACTS, active=["c", "r", "If", "o", "m", "b"])
    # might and observed statements are not commitments: no state.
    assert _states(models) == {
        NONE: {
            'state("c",violated)',
            'state("r",discharged)',
            'state("If",expired)',
            'state("o",expired)',
        },
        P: {
            'state("c",discharged)',
            'state("r",violated)',
            'state("If",expired)',
            'state("o",violated)',
        },
        Q: {
            'state("c",violated)',
            'state("r",discharged)',
            'state("If",violated)',
            'state("o",expired)',
        },
        PQ: {
            'state("c",discharged)',
            'state("r",violated)',
            'state("If",discharged)',
            'state("o",discharged)',
        },
    }


def test_commitments_lp_inactive_commitments_have_no_state() -> None:
    models = solve(FILES, FACTS, active=["If"])
    assert _states(models) == {
        NONE: {'state("If",expired)'},
        P: {'state("If",expired)'},
        Q: {'state("If",violated)'},
        PQ: {'state("If",discharged)'},
    }
