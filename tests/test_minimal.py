"""reasoning/minimal.py against a fake solver: minimal results and O(k log n) solver calls.

The fake knows a family of minimal conflicts over the members ``0..n-1``: a
set has no model when it contains one of them.  Its core is either the
whole set it was given (a solver that does not help) or the first conflict
it contains (a solver with perfect cores).  For a set with a model it says
which members that model breaks: either every member (it cannot tell) or
exactly those outside a maximal satisfiable superset, grown greedily (a
real model).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commitlogic.reasoning.minimal import minimal_subset


class _Everything:
    """A collection that contains every member: "this model may break anything"."""

    def __contains__(self, member: object) -> bool:
        return True


class Fake:
    """A monotone solver over integer members with known minimal conflicts."""

    def __init__(self, conflicts: list[frozenset[int]], helpful: bool, n: int = 0) -> None:
        self.conflicts = conflicts
        self.helpful = helpful
        self.n = n  # with n, models tell which of 0..n-1 they break
        self.calls = 0

    def unsatisfiable(self, members: Collection[int]) -> bool:
        chosen = set(members)
        return any(conflict <= chosen for conflict in self.conflicts)

    def __call__(self, members: Sequence[int]) -> tuple[bool, Collection[int]]:
        self.calls += 1
        chosen = set(members)
        for conflict in self.conflicts:
            if conflict <= chosen:
                return False, (conflict if self.helpful else chosen)
        if not self.n:
            return True, _Everything()  # cannot tell
        for member in range(self.n):  # grow a maximal satisfiable superset
            if member not in chosen and not self.unsatisfiable(chosen | {member}):
                chosen.add(member)
        return True, set(range(self.n)) - chosen


def bound(k: int, n: int) -> int:
    """The call bound of minimal_subset's docstring: per needed member, a binary search."""
    return 1 + (k + 1) * (2 * math.ceil(math.log2(max(n, 2))) + 2)


conflict_families = st.integers(2, 300).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(
            st.sets(st.integers(0, n - 1), min_size=1, max_size=6).map(frozenset),
            min_size=1,
            max_size=4,
        ),
    )
)


@given(conflict_families, st.booleans())
def test_result_is_a_minimal_conflict(
    family: tuple[int, list[frozenset[int]]], helpful: bool
) -> None:
    n, conflicts = family
    fake = Fake(conflicts, helpful)
    found = minimal_subset(list(range(n)), fake)
    assert found == sorted(found)  # in the order of the members
    assert fake.unsatisfiable(found)
    for member in found:
        assert not fake.unsatisfiable([m for m in found if m != member])


@given(conflict_families, st.booleans(), st.booleans())
def test_calls_grow_with_k_log_n(
    family: tuple[int, list[frozenset[int]]], helpful: bool, models: bool
) -> None:
    n, conflicts = family
    fake = Fake(conflicts, helpful, n if models else 0)
    found = minimal_subset(list(range(n)), fake)
    assert fake.calls <= bound(len(found), n)


def test_four_among_a_hundred_thousand() -> None:
    n = 100_000
    fake = Fake([frozenset({17, 40_000, 77_777, 99_999})], helpful=False)
    assert minimal_subset(list(range(n)), fake) == [17, 40_000, 77_777, 99_999]
    # One call per member would be 100,000; a binary search per member is about 4 * 2 * 17.
    assert fake.calls <= bound(4, n) <= 200


def test_models_that_break_one_member_find_it_in_one_call() -> None:
    n = 1000
    fake = Fake([frozenset({3, 500, 900})], helpful=False, n=n)
    assert minimal_subset(list(range(n)), fake) == [3, 500, 900]
    assert fake.calls <= 2 + 3 * 3  # far below the plain bound of about 90


def test_members_in_the_order_given() -> None:
    fake = Fake([frozenset({"b", "z"})], helpful=True)  # type: ignore[list-item]
    assert minimal_subset(["z", "a", "b"], fake) == ["z", "b"]  # type: ignore[arg-type]


def test_members_with_a_model_are_refused() -> None:
    with pytest.raises(ValueError, match="with a model"):
        minimal_subset([1, 2, 3], Fake([frozenset({4})], helpful=True))


def test_an_empty_conflict() -> None:
    # The background alone has no model: nothing is needed.
    assert minimal_subset([1, 2], Fake([frozenset()], helpful=True)) == []
