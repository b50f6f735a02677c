"""The strategy for whole valid scenarios: actors, events, statements and outcomes.

Part of :mod:`commitlogic.testing.strategies` (import it from there, or
from ``commitlogic.strategies``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from commitlogic.model.formulas import MAX_DEPTH, Atom
from commitlogic.model.scenario import Actor, Event, Kind, Outcome, Scenario, Statement
from commitlogic.testing.parts import (
    _ACTOR_ID_STRATEGY,
    _BOOLEANS,
    _EVENT_ID_STRATEGY,
    _NAMES,
    _OUTCOME_ID_STRATEGY,
    _TEXTS,
    _WHENS,
    PROPOSITIONS,
    _as_atoms,
    _as_kinds,
    _build,
    _check_bounds,
    _check_depth,
    _shapes,
    _Tree,
)
from commitlogic.testing.statements import _Config, _Draft, _drafts, _realise

__all__ = ["scenarios"]


@attrs.frozen
class _Shape:
    """The arguments of :func:`scenarios`, checked, and the strategies they need."""

    actors: SearchStrategy[list[str]]
    events: SearchStrategy[list[str]]
    statements: tuple[int, int]
    outcomes: tuple[int, int]
    kinds: tuple[Kind, ...]
    propositions: tuple[Atom, ...]
    max_depth: int
    dates: bool
    supersedes: bool
    texts: bool
    outcome_names: bool = False


@functools.lru_cache(maxsize=1024)
def _statement_lists(config: _Config, sizes: tuple[int, int]) -> SearchStrategy[list[_Draft]]:
    return st.lists(_drafts(config), min_size=sizes[0], max_size=sizes[1])


@functools.lru_cache(maxsize=1024)
def _outcome_lists(
    atoms: int, max_depth: int, sizes: tuple[int, int]
) -> SearchStrategy[list[tuple[str, _Tree]]]:
    return st.lists(
        st.tuples(_OUTCOME_ID_STRATEGY, _shapes(atoms, max_depth, 3)),
        min_size=sizes[0],
        max_size=sizes[1],
        unique_by=lambda item: item[0],
    )


@functools.cache
def _permutations(count: int) -> SearchStrategy[list[int]]:
    return st.permutations(range(count))


@st.composite
def _scenarios(draw: st.DrawFn, shape: _Shape) -> Scenario:
    actor_ids = draw(shape.actors)
    event_ids = draw(shape.events)
    when = _WHENS if shape.dates else st.none()

    def text() -> str | None:
        return draw(_TEXTS) if shape.texts else None

    actors = [Actor(actor_id, name=text(), party=text(), role=text()) for actor_id in actor_ids]
    events = []
    for event_id in event_ids:
        place, start = text(), draw(when) if shape.dates else None
        invited = None
        if draw(_BOOLEANS):
            invited = tuple(actor_id for actor_id in actor_ids if draw(_BOOLEANS))
        events.append(Event(event_id, place=place, start=start, invited=invited))
    attendance = tuple(Atom("attends", (a, e)) for e in event_ids for a in actor_ids)
    pool = attendance + shape.propositions
    statements: tuple[Statement, ...] = ()
    outcomes: list[Outcome] = []
    if pool and shape.outcome_names:
        # Outcomes first, each over the atoms and the names of the outcomes before it
        # (no cycle); then the statements may name any of them (SPEC section 2).
        outcomes = _outcomes(draw, shape, pool, named=True)
        pool = pool + tuple(Atom(outcome.id) for outcome in outcomes)
    kinds = shape.kinds if actor_ids else tuple(k for k in shape.kinds if k is Kind.OBSERVED)
    if pool and kinds:
        config = _Config(
            actors=len(actor_ids),
            atoms=len(pool),
            kinds=kinds,
            max_depth=shape.max_depth,
            said=when,
            weights=True,
            supersedes=shape.supersedes,
            texts=shape.texts,
        )
        drafts = draw(_statement_lists(config, shape.statements))
        statements = _realise(drafts, actor_ids, pool, ())
        if len(statements) > 1 and draw(_BOOLEANS):
            # Supersession points backwards so far; shuffle so that it can
            # point either way in file order (still without a cycle).
            order = draw(_permutations(len(statements)))
            statements = tuple(statements[i] for i in order)
    if pool and not shape.outcome_names:
        outcomes = _outcomes(draw, shape, pool, named=False)
    return Scenario(
        draw(_NAMES) if shape.texts else "random scenario",
        description=text(),
        actors=actors,
        events=events,
        statements=statements,
        outcomes=outcomes,
    )


def _outcomes(draw: st.DrawFn, shape: _Shape, pool: tuple[Atom, ...], named: bool) -> list[Outcome]:
    """Draw the outcomes over ``pool``; with ``named``, also over earlier outcomes' names."""
    extra = shape.outcomes[1] if named else 0
    drawn = draw(_outcome_lists(len(pool) + extra, shape.max_depth, shape.outcomes))
    # An id that is also a bare proposition of the pool would turn it into a name.
    bare = {item.name for item in pool if not item.args}
    outcomes: list[Outcome] = []
    for outcome_id, item in drawn:
        if outcome_id in bare:
            continue
        # Index len(pool) + k names the k-th outcome drawn so far (else wraps to an atom).
        atoms = pool + tuple(Atom(o.id) for o in outcomes)
        atoms += tuple(pool[k % len(pool)] for k in range(len(atoms), len(pool) + extra))
        outcomes.append(Outcome(outcome_id, _build(item, atoms)))
    return outcomes


def scenarios(
    *,
    min_actors: int = 1,
    max_actors: int = 3,
    min_events: int = 1,
    max_events: int = 2,
    min_statements: int = 0,
    max_statements: int = 6,
    min_outcomes: int = 0,
    max_outcomes: int = 2,
    kinds: Iterable[Kind | str] | None = None,
    propositions: Iterable[Atom | str] = PROPOSITIONS,
    max_depth: int = 2,
    dates: bool = True,
    supersedes: bool = True,
    texts: bool = False,
    outcome_names: bool = False,
) -> SearchStrategy[Scenario]:
    """Whole valid scenarios: actors, events, statements of every kind, outcomes.

    Ids follow SPEC section 1 (some start with a capital letter, which ASP
    would read as a variable); events invite everyone or a list of actors;
    statements have dates and datetimes with offsets, weights, and
    ``supersedes`` between them without a cycle; with ``texts``, names,
    quotes and sources are any Unicode text.  Formulas are over the
    attendance atoms of the declared actors and events (invited or not) and
    ``propositions``.  With the default
    bounds the atom universe has at most 3 * 2 + 4 = 10 atoms, small enough
    to check answers by enumerating every outcome.

    Parameters
    ----------
    min_actors, max_actors
        Bounds on the number of actors.
    min_events, max_events
        Bounds on the number of events.
    min_statements, max_statements
        Bounds on the number of statements; shrinking deletes statements.
    min_outcomes, max_outcomes
        Bounds on the number of declared outcomes.
    kinds
        The statement kinds to draw (default: all).
    propositions
        Free propositions to use besides attendance atoms.
    max_depth
        The deepest nesting of connectives in formulas.
    dates
        Draw ``said`` and ``start`` dates (else none).
    supersedes
        Let statements supersede others.
    texts
        Draw names, parties, roles, places, quotes, sources and the
        description, of any Unicode text (by default they are left out and
        the name is fixed: they do not change what the reasoner answers,
        and failing examples shrink better without them).
    outcome_names
        Let formulas name declared outcomes (SPEC section 2): each outcome's
        formula may name the outcomes drawn before it, and statements any
        of them.  Such a scenario's formulas, as written
        (:meth:`~commitlogic.Scenario.written`), mention the names.

    Returns
    -------
    SearchStrategy[Scenario]
    """
    actors = _check_bounds("actors", min_actors, max_actors)
    events = _check_bounds("events", min_events, max_events)
    shape = _Shape(
        actors=st.lists(_ACTOR_ID_STRATEGY, min_size=actors[0], max_size=actors[1], unique=True),
        events=st.lists(_EVENT_ID_STRATEGY, min_size=events[0], max_size=events[1], unique=True),
        statements=_check_bounds("statements", min_statements, max_statements),
        outcomes=_check_bounds("outcomes", min_outcomes, max_outcomes),
        kinds=_as_kinds(kinds),
        propositions=_as_atoms(propositions, "propositions"),
        max_depth=_check_depth(max_depth),
        dates=bool(dates),
        supersedes=bool(supersedes),
        texts=bool(texts),
        outcome_names=bool(outcome_names),
    )
    if shape.outcome_names and shape.max_depth * (shape.outcomes[1] + 1) > MAX_DEPTH:
        raise InvalidArgument(
            f"with outcome_names, max_depth * (max_outcomes + 1) must be at most {MAX_DEPTH}: "
            "names expand to their formulas"
        )
    for item in shape.propositions:
        if item.name == "attends":
            raise InvalidArgument(f"propositions: {item} is an attendance atom, not a proposition")
    needs_atoms = shape.statements[0] > 0 or shape.outcomes[0] > 0
    if needs_atoms and not shape.propositions and 0 in (actors[0], events[0]):
        raise InvalidArgument(
            "min_statements or min_outcomes > 0 needs atoms: at least one actor and one "
            "event, or some propositions"
        )
    if shape.statements[0] > 0 and actors[0] == 0 and Kind.OBSERVED not in shape.kinds:
        raise InvalidArgument("min_statements > 0 with no actors needs kind 'observed'")
    return _scenarios(shape)
