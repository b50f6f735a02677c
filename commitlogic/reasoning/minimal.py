"""Minimal unsatisfiable subsets by divide-and-conquer deletion over unsatisfiable cores.

Conflicts and explanations both ask the same question: which members (active
statements, assumptions) are needed, all together, for "no outcome"?  The
answer must be minimal: dropping any one member restores an outcome
(SPEC section 3).

:func:`minimal_subset` starts from the solver's core and deletes members in
halves (as QuickXplain and the progression of MUSer2 do), narrowing the
candidates to each new core: a set of k needed members among n candidates
costs O(k log n) solver calls, not one call per candidate.  It talks to the
solver through one callable, so it can be tested with a fake.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Sequence
from typing import TypeVar

__all__ = ["Check", "minimal_subset"]

M = TypeVar("M", bound=Hashable)

#: ``check(members)`` tells whether ``members`` (with whatever background the
#: caller keeps) has a model.  When it has none, it also returns a core: a
#: collection that contains every member (at least) needed for that; it may
#: name other things too (they are ignored) and need not be minimal.  When
#: it has one, it returns the members (of all, not only those given) that
#: this model falsifies, or any collection that contains them all (such as
#: every member) when the caller cannot tell.
Check = Callable[[Sequence[M]], tuple[bool, Collection[M]]]


def minimal_subset(
    members: Sequence[M], check: Check[M], core: Collection[M] | None = None
) -> list[M]:
    """Return a minimal subset of ``members`` that has no model, in the order of ``members``.

    Parameters
    ----------
    members
        The members; all together they must have no model.
    check
        The solver (see :data:`Check`).  Subsets of a set with a model must
        have a model too (monotonicity), as for statements and assumptions.
    core
        A core of ``members`` already known (from the call that found no
        model), which saves the first call.

    Raises
    ------
    ValueError
        When ``members`` all together have a model.

    Notes
    -----
    The invariant is that ``needed + candidates`` has no model.  Each round
    tries to drop a chunk of candidates: if the rest still has no model, the
    candidates shrink to the rest's core; if it has one, the chunk holds a
    needed member, and the chunk is halved until a single member is shown
    needed.  Then the chunk size starts again from half the candidates.
    A member shown needed stays needed, since later trials only remove.

    The model of a satisfiable trial narrows the search (model rotation, as
    in MUSer2): it satisfies every member of the chunk but those it
    falsifies, so one of those is needed; they move to the front and the
    chunk shrinks to them, and a single falsified member is needed at once.
    """
    if core is None:
        satisfiable, core = check(members)
        if satisfiable:
            raise ValueError("members with a model have no minimal unsatisfiable subset")
    in_core = set(core)
    candidates = [member for member in members if member in in_core]
    needed: list[M] = []
    chunk = max(1, len(candidates) // 2)
    while candidates:
        chunk = min(chunk, len(candidates))
        head, rest = candidates[:chunk], candidates[chunk:]
        satisfiable, core = check([*needed, *rest])
        if not satisfiable:  # the chunk is not needed: drop it, and what the core leaves out
            in_core = set(core)
            candidates = [member for member in rest if member in in_core]
            continue
        falsified = [member for member in head if member in core]  # core: what the model breaks
        if not falsified:  # the caller's model information does not fit: plain halving
            falsified = head
        if len(falsified) == 1:  # everything but this member has a model: it is needed
            needed.append(falsified[0])
            candidates = [member for member in candidates if member != falsified[0]]
            chunk = max(1, len(candidates) // 2)
        else:  # one of the falsified members is needed: search them first
            kept = set(falsified)
            candidates = falsified + [member for member in candidates if member not in kept]
            chunk = len(falsified) // 2
    order = {member: index for index, member in enumerate(members)}
    return sorted(needed, key=order.__getitem__)
