"""Strategies for observed facts and what-if assumptions about a scenario.

Part of :mod:`commitlogic.testing.strategies` (import them from there, or
from ``commitlogic.strategies``).
"""

from __future__ import annotations

from collections.abc import Iterable

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from commitlogic.model.dates import When, parse_when
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Atom, Formula
from commitlogic.model.scenario import Kind, Scenario, Statement, numbered_id
from commitlogic.testing.parts import (
    _build,
    _check_bounds,
    _check_depth,
    _literal,
    _literals,
    _shapes,
)
from commitlogic.testing.statements import _context

__all__ = ["assumptions", "observations"]


def _facts(
    pool: tuple[Atom, ...], sizes: tuple[int, int], max_depth: int
) -> SearchStrategy[list[Formula]]:
    if max_depth == 0:
        if sizes[0] > len(pool):
            raise InvalidArgument(
                f"min_size={sizes[0]} distinct literals cannot be drawn from {len(pool)} atoms"
            )
        literals = st.lists(
            _literals(len(pool)),
            min_size=sizes[0],
            max_size=sizes[1],
            unique_by=lambda item: item[0],
        )
        return literals.map(lambda items: [_literal(item, pool) for item in items])
    shapes = st.lists(
        _shapes(len(pool), max_depth, 3), min_size=sizes[0], max_size=sizes[1], unique=True
    )
    return shapes.map(lambda items: [_build(item, pool) for item in items])


def observations(
    scenario: Scenario,
    *,
    atoms: Iterable[Atom | str] | None = None,
    min_size: int = 0,
    max_size: int = 3,
    max_depth: int = 0,
    said: When | str | None = None,
) -> SearchStrategy[tuple[Statement, ...]]:
    """Sets of observed facts about ``scenario``, as ``observed`` statements.

    By default each fact is an atom of the scenario's universe or its
    negation (``attends(trump,talks)``, ``not attends(putin,talks)``), at
    most one per atom.  The statements have new ids (``observed_1``...) and
    no ``by``, so they can be added to the scenario; or use their subjects
    as assumptions, which means the same (``observed`` facts are hard):
    ``reasoner.status(assume=[fact.subject for fact in drawn])``.

    Parameters
    ----------
    scenario
        The scenario the facts are about.
    atoms
        Observe only these atoms (default: the scenario's universe,
        ``scenario.atoms()``), for example only the other leaders' attendance.
    min_size, max_size
        Bounds on the number of facts; shrinking deletes facts.
    max_depth
        0 (the default) draws literals; larger values draw formulas over the
        atoms, such as ``attends(a,e) or attends(b,e)``.
    said
        The ``said`` date of every fact (default: none, so always present).

    Returns
    -------
    SearchStrategy[tuple[Statement, ...]]
    """
    if not isinstance(scenario, Scenario):
        raise InvalidArgument(f"expected a Scenario, got {type(scenario).__name__}")
    _known, _actors, pool = _context(scenario, atoms)
    sizes = _check_bounds("size", min_size, max_size)
    _check_depth(max_depth)
    moment = None
    if said is not None:
        try:
            moment = parse_when(said)
        except ScenarioError as error:
            raise InvalidArgument(f"said: {error}") from None
    if not pool:
        if sizes[0]:
            raise InvalidArgument("the scenario has no atoms to observe")
        return st.just(())
    taken = frozenset(statement.id for statement in scenario.statements)

    def as_statements(facts: list[Formula]) -> tuple[Statement, ...]:
        used = set(taken)
        return tuple(
            Statement(numbered_id("observed", used), Kind.OBSERVED, fact, said=moment)
            for fact in facts
        )

    return _facts(pool, sizes, max_depth).map(as_statements)


def assumptions(
    scenario: Scenario | Iterable[Atom | str],
    *,
    atoms: Iterable[Atom | str] | None = None,
    min_size: int = 0,
    max_size: int = 3,
    max_depth: int = 0,
) -> SearchStrategy[list[Formula]]:
    """Lists of what-if assumptions for ``Reasoner.status(assume=...)`` and friends.

    The same facts as :func:`observations`, as formulas: literals by default
    (at most one per atom), formulas with ``max_depth`` > 0.

    Parameters
    ----------
    scenario
        A scenario (its universe is the default pool) or the atoms themselves.
    atoms, min_size, max_size, max_depth
        As for :func:`observations`.

    Returns
    -------
    SearchStrategy[list[Formula]]
    """
    _known, _actors, pool = _context(scenario, atoms)
    sizes = _check_bounds("size", min_size, max_size)
    _check_depth(max_depth)
    if not pool:
        if sizes[0]:
            raise InvalidArgument("there are no atoms to make assumptions about")
        return st.just([])
    return _facts(pool, sizes, max_depth)
