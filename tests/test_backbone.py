"""reasoning/backbone.py against a brute-force oracle: the keys true in some and in all models.

The fake oracle holds a small propositional formula in clause form over the
keys ``0..n-1`` and answers by trying every assignment, so the search is
checked on its own, apart from clingo (the reasoner's differential tests in
test_consequences.py check it on clingo).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from commitlogic.reasoning.backbone import consequences

Clause = frozenset[int]  # literals: k + 1 for key k true, -(k + 1) for false


class Fake:
    """Every model of a clause set, tried in an order that follows the preference."""

    def __init__(self, n: int, clauses: list[Clause]) -> None:
        self.n = n
        self.models = [
            {k for k in range(n) if bits[k]}
            for bits in itertools.product((False, True), repeat=n)
            if all(any((lit > 0) == bits[abs(lit) - 1] for lit in c) for c in clauses)
        ]
        self.calls = 0

    def _first(self, prefer: bool | None, wanted) -> set[int] | None:  # type: ignore[no-untyped-def]
        self.calls += 1
        order = sorted(self.models, key=len, reverse=prefer is True)
        return next((model for model in order if wanted(model)), None)

    def model(self, prefer: bool | None) -> set[int] | None:
        return self._first(prefer, lambda model: True)

    def flipped(
        self, up: Sequence[int], down: Sequence[int], prefer: bool | None
    ) -> set[int] | None:
        return self._first(
            prefer, lambda m: any(k in m for k in up) or any(k not in m for k in down)
        )


def clause_sets(n: int) -> st.SearchStrategy[list[Clause]]:
    literal = st.integers(1, n).flatmap(lambda v: st.sampled_from([v, -v]))
    return st.lists(st.frozensets(literal, min_size=1, max_size=3), max_size=2 * n)


@given(st.integers(1, 8).flatmap(lambda n: st.tuples(st.just(n), clause_sets(n))))
def test_consequences_equal_brute_force(problem: tuple[int, list[Clause]]) -> None:
    n, clauses = problem
    fake = Fake(n, clauses)
    found = consequences(range(n), fake)
    if not fake.models:
        assert found is None
        return
    assert found is not None
    assert found.brave == set().union(*fake.models)
    assert found.cautious == set(range(n)).intersection(*fake.models)


def test_exactly_one_of_k_needs_a_model_per_alternative() -> None:
    # The hostile case of model-based backbones: k mutually exclusive keys.
    k = 6
    clauses = [frozenset(range(1, k + 1))]
    clauses += [frozenset({-a, -b}) for a, b in itertools.combinations(range(1, k + 1), 2)]
    fake = Fake(k, clauses)
    found = consequences(range(k), fake)
    assert found is not None
    assert found.brave == set(range(k)) and found.cautious == set()
    assert fake.calls <= k + 3
