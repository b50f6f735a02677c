"""Brave and cautious consequences as a backbone, without enumerating models.

A *key* is an atom the reasoner reads back (``true(A)``, ``occurs(O)``,
``triggered(S)``...).  Across the models of a query, a key is true in some
(brave) and/or in all (cautious).  :func:`consequences` finds both sets the
way backbone solvers do (Janota, Lynce and Marques-Silva, "Algorithms for
computing backbones of propositional formulae", 2015; Biere, Froleyks and
Wang, CadiBack, 2023):

1. Two models, one preferring true atoms and one preferring false ones, give
   each key the values it has been seen to take.  A key seen both ways is
   neither in every model nor in none: it is settled.
2. The keys seen one way only are candidates for the backbone.  One solver
   call asks for a model in which *at least one* candidate takes its other
   value.  When there is none, every candidate is backbone at once (most
   queries end here, after three calls).  Otherwise that model settles every
   candidate it flips, and the search goes on, one direction at a time with
   the matching preference, until such a call finds no model.

Every model settles all the keys it flips, across independent parts of the
program at once, so the number of calls does not grow with the number of
undecided atoms; it grows only with the number of models needed to show
mutually exclusive alternatives possible (``exactly one of k`` needs k).

A search may also start from what an earlier query showed (see
:mod:`commitlogic.reasoning.witnesses`): *seeds*, models of this query
already known, stand in for the two first calls, and keys known to be true
in no model (``never``) or in every model (``always``) are not asked about.
When the seeds settle every other key, the search makes no call at all.

The search talks to the solver through the small :class:`Oracle` protocol,
so it can be tested against a brute-force oracle.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Sequence
from typing import Generic, Protocol, TypeVar

import attrs

__all__ = ["Consequences", "Oracle", "consequences"]

K = TypeVar("K", bound=Hashable)


class Oracle(Protocol[K]):
    """What the backbone search needs from a solver, for one query."""

    def model(self, prefer: bool | None) -> Iterable[K] | None:
        """Return the true keys of one model (preferring true or false atoms), or ``None``."""

    def flipped(
        self, up: Sequence[K], down: Sequence[K], prefer: bool | None
    ) -> Iterable[K] | None:
        """Return the true keys of a model where a key of ``up`` is true or one of ``down`` false.

        ``None`` when no such model exists.
        """


@attrs.frozen
class Consequences(Generic[K]):
    """The keys true in some model (``brave``) and in every model (``cautious``)."""

    brave: set[K]
    cautious: set[K]


def consequences(
    keys: Collection[K],
    oracle: Oracle[K],
    seeds: Sequence[Iterable[K]] = (),
    never: Collection[K] = frozenset(),
    always: Collection[K] = frozenset(),
) -> Consequences[K] | None:
    """Return the brave and cautious consequences among ``keys``, or ``None`` without a model.

    Parameters
    ----------
    keys
        The keys to classify.
    oracle
        The solver for one query (see :class:`Oracle`).
    seeds
        The true keys of models of this query known already; with any, the
        search starts from them and the query is known to have a model.
    never, always
        Keys known to be true in no model, and in every model, of this query
        if it has one: the search does not ask the solver about them.
    """
    wanted = set(keys)
    some: set[K] = set()  # seen true
    every: set[K] | None = None  # never seen false

    def seen(model: Iterable[K]) -> None:
        nonlocal every
        true = wanted.intersection(model)
        some.update(true)
        every = true if every is None else every & true

    for seed in seeds:
        seen(seed)
    if every is None:
        first = oracle.model(True)
        if first is None:
            return None
        seen(first)
        second = oracle.model(False)
        assert second is not None, "a query with a model lost it"
        seen(second)
    assert every is not None
    while True:
        up = [key for key in keys if key not in some and key not in never]  # can it be true?
        down = [key for key in keys if key in every and key not in always]  # can it be false?
        if not up and not down:
            break
        model = oracle.flipped(up, down, None)
        if model is None:  # every candidate left is backbone
            break
        seen(model)
        assert every is not None
    return Consequences(some, every)
