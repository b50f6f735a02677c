"""Strategies for statements: one at a time, or a dated sequence as the news brings them.

Part of :mod:`commitlogic.testing.strategies` (import them from there, or
from ``commitlogic.strategies``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time, timedelta

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from commitlogic.model.dates import When, parse_when
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Atom
from commitlogic.model.scenario import (
    CONDITION_ALLOWED,
    CONDITION_REQUIRED,
    Kind,
    Scenario,
    Statement,
)
from commitlogic.testing.parts import (
    _BACKS,
    _BOOLEANS,
    _STYLES,
    _TEXTS,
    _WEIGHTS,
    _WHENS,
    FIRST_DAY,
    _as_atoms,
    _as_kinds,
    _build,
    _check_bounds,
    _check_depth,
    _check_size,
    _fresh,
    _index,
    _shapes,
    _Tree,
)

__all__ = ["statement_sequences", "statements"]


@attrs.frozen
class _Draft:
    """A statement before its id, actors, atoms and ``supersedes`` are fixed.

    Actors and atoms are indices; formulas are shapes (see :func:`_build`).
    """

    kind: Kind
    subject: _Tree
    condition: _Tree | None
    by: int | None
    to: int | None
    said: When | None
    quote: str | None
    source: str | None
    weight: int
    style: str  # "plain", "capital" or a generated id
    back: tuple[int, ...]  # supersede the statements this many places earlier


@attrs.frozen
class _Config:
    """What statement drafts may contain: counts of actors and atoms, and options."""

    actors: int
    atoms: int
    kinds: tuple[Kind, ...]
    max_depth: int
    said: SearchStrategy[When | None]
    weights: bool
    supersedes: bool
    texts: bool


def _usable_kinds(kinds: tuple[Kind, ...], actors: int) -> tuple[Kind, ...]:
    """Drop the kinds that need an actor (``by``) when there is none."""
    if actors:
        return kinds
    usable = tuple(kind for kind in kinds if kind is Kind.OBSERVED)
    if not usable:
        raise InvalidArgument(
            "statements of kinds other than observed need an actor for 'by', and there is none"
        )
    return usable


@functools.lru_cache(maxsize=1024)
def _drafts(config: _Config) -> SearchStrategy[_Draft]:
    kinds = st.sampled_from(config.kinds)
    shapes = _shapes(config.atoms, config.max_depth, 3)
    actor = _index(config.actors) if config.actors else st.none()

    @st.composite
    def draft(draw: st.DrawFn) -> _Draft:
        kind = draw(kinds)
        subject = draw(shapes)
        condition = None
        if kind in CONDITION_REQUIRED or (kind in CONDITION_ALLOWED and draw(_BOOLEANS)):
            condition = draw(shapes)
        by = None
        if config.actors and (kind is not Kind.OBSERVED or draw(_BOOLEANS)):
            by = draw(actor)
        to = draw(actor) if config.actors and draw(_BOOLEANS) else None
        return _Draft(
            kind=kind,
            subject=subject,
            condition=condition,
            by=by,
            to=to,
            said=draw(config.said),
            quote=draw(_TEXTS) if config.texts else None,
            source=draw(_TEXTS) if config.texts else None,
            weight=draw(_WEIGHTS) if config.weights else 1,
            style=draw(_STYLES),
            back=draw(_BACKS) if config.supersedes else (),
        )

    return draft()


def _realise(
    drafts: Sequence[_Draft],
    actors: Sequence[str],
    atoms: Sequence[Atom],
    earlier: Sequence[str],
) -> tuple[Statement, ...]:
    """Turn drafts into statements with unique ids, after the statements ``earlier``.

    A draft may supersede any statement before it (``earlier`` come first),
    so there is never a cycle.
    """
    taken = set(earlier)
    order = list(earlier)
    statements = []
    for draft in drafts:
        plain = f"s{len(order) + 1}"
        if draft.style == "plain":
            wanted = plain
        elif draft.style == "capital":
            wanted = plain.upper()
        else:
            wanted = draft.style
        sid = _fresh(wanted, taken)
        taken.add(sid)
        supersedes = tuple(
            dict.fromkeys(order[len(order) - back] for back in draft.back if back <= len(order))
        )
        statements.append(
            Statement(
                sid,
                draft.kind,
                _build(draft.subject, atoms),
                condition=None if draft.condition is None else _build(draft.condition, atoms),
                by=None if draft.by is None else actors[draft.by],
                to=None if draft.to is None else actors[draft.to],
                said=draft.said,
                quote=draft.quote,
                source=draft.source,
                weight=draft.weight,
                supersedes=supersedes,
            )
        )
        order.append(sid)
    return tuple(statements)


def _context(
    scenario: Scenario | Iterable[Atom | str], atoms: Iterable[Atom | str] | None
) -> tuple[Scenario | None, tuple[str, ...], tuple[Atom, ...]]:
    """Return the scenario (if any), the actor ids and the atoms to draw statements from."""
    if isinstance(scenario, Scenario):
        pool = scenario.atoms() if atoms is None else _as_atoms(atoms, "atoms")
        actors = tuple(actor.id for actor in scenario.actors)
        if atoms is not None:
            try:
                for atom in pool:
                    scenario.check_formula(atom)
            except ScenarioError as error:
                raise InvalidArgument(f"atoms: {error.reason}") from None
        return scenario, actors, pool
    if atoms is not None:
        raise InvalidArgument("pass atoms either as the first argument or as atoms=, not both")
    pool = _as_atoms(scenario, "atoms")
    actors = tuple(dict.fromkeys(a.args[0] for a in pool if a.name == "attends"))
    return None, actors, pool


def statements(
    scenario: Scenario | Iterable[Atom | str],
    *,
    kinds: Iterable[Kind | str] | None = None,
    atoms: Iterable[Atom | str] | None = None,
    max_depth: int = 2,
    said: SearchStrategy[When | None] | None = None,
    weights: bool = True,
    supersedes: bool = True,
    texts: bool = False,
) -> SearchStrategy[Statement]:
    """One statement of any kind that fits into ``scenario``.

    With a scenario, the statement's id is new to it, ``by`` and ``to``
    name its actors, its formulas are over its atom universe, and it may
    supersede some of its statements, so ``scenario.with_statement(drawn)``
    is valid.  To draw several statements for one scenario, use
    :func:`statement_sequences`, which keeps their ids apart.

    Parameters
    ----------
    scenario
        A scenario, or just the atoms to build formulas from (then ``by``
        and ``to`` are the actors of the ``attends`` atoms).
    kinds
        The kinds to draw, in order of preference when shrinking
        (default: every kind).  Kinds other than ``observed`` need an actor.
    atoms
        With a scenario: draw formulas over these atoms instead of its universe.
    max_depth
        The deepest nesting of connectives in ``subject`` and ``condition``.
    said
        A strategy for ``said`` (default: none, a date or a datetime, see
        :func:`~commitlogic.testing.strategies.whens`).
    weights
        Draw weights from 1 to 5 (else always 1).
    supersedes
        Let the statement supersede some of the scenario's statements.
    texts
        Draw quotes and sources as well (any Unicode text).

    Returns
    -------
    SearchStrategy[Statement]
    """
    known, actors, pool = _context(scenario, atoms)
    if not pool:
        raise InvalidArgument("statements need at least one atom to build formulas from")
    if said is not None and not isinstance(said, SearchStrategy):
        raise InvalidArgument(f"said={said!r} must be a strategy (such as st.none())")
    config = _Config(
        actors=len(actors),
        atoms=len(pool),
        kinds=_usable_kinds(_as_kinds(kinds), len(actors)),
        max_depth=_check_depth(max_depth),
        said=_WHENS if said is None else said,
        weights=bool(weights),
        supersedes=bool(supersedes) and known is not None,
        texts=bool(texts),
    )
    earlier = () if known is None else tuple(s.id for s in known.statements)
    return _drafts(config).map(lambda draft: _realise([draft], actors, pool, earlier)[0])


def statement_sequences(
    scenario: Scenario | Iterable[Atom | str],
    *,
    min_size: int = 0,
    max_size: int = 4,
    kinds: Iterable[Kind | str] | None = None,
    atoms: Iterable[Atom | str] | None = None,
    max_depth: int = 2,
    start: When | str | None = None,
    max_gap: int = 2,
    datetimes: bool = False,
    weights: bool = True,
    supersedes: bool = True,
    texts: bool = False,
) -> SearchStrategy[tuple[Statement, ...]]:
    """Statements said one after another, as the news brings them.

    Every statement has a ``said`` date, in order; ids are unique and new to
    ``scenario``; a statement may supersede the scenario's statements or
    earlier ones of the sequence (never a later one, so there is no cycle).
    Add them with ``attrs.evolve(scenario, statements=(*scenario.statements,
    *drawn))`` or one by one with :meth:`~commitlogic.Reasoner.add`.

    Parameters
    ----------
    scenario
        A scenario, or just the atoms to build formulas from.
    min_size, max_size
        Bounds on the number of statements; shrinking deletes statements.
    kinds, atoms, max_depth, weights, supersedes, texts
        As for :func:`statements`.
    start
        The ``said`` date of the first statement at the earliest (default:
        the scenario's last ``said`` date, or 2025-05-10).
    max_gap
        The most days (hours, with ``datetimes``) between two statements; 0
        is allowed, and is what gaps shrink towards.
    datetimes
        Say statements at datetimes (UTC, whole hours apart) instead of dates.

    Returns
    -------
    SearchStrategy[tuple[Statement, ...]]
    """
    known, actors, pool = _context(scenario, atoms)
    sizes = _check_bounds("size", min_size, max_size)
    _check_depth(max_depth)
    _check_size("max_gap", max_gap)
    if not pool:
        if sizes[0] > 0:
            raise InvalidArgument("statements need at least one atom to build formulas from")
        return st.just(())
    if start is None:
        dates = () if known is None else known.dates()
        first: When = dates[-1] if dates else FIRST_DAY
    else:
        try:
            first = parse_when(start)
        except ScenarioError as error:
            raise InvalidArgument(f"start: {error}") from None
    if datetimes:
        first = first if isinstance(first, datetime) else datetime.combine(first, time(), UTC)
        step = timedelta(hours=1)
    else:
        first = first.date() if isinstance(first, datetime) else first
        step = timedelta(days=1)
    config = _Config(
        actors=len(actors),
        atoms=len(pool),
        kinds=_usable_kinds(_as_kinds(kinds), len(actors)),
        max_depth=max_depth,
        said=st.none(),
        weights=bool(weights),
        supersedes=bool(supersedes),
        texts=bool(texts),
    )
    earlier = () if known is None else tuple(s.id for s in known.statements)

    def dated(items: list[tuple[_Draft, int]]) -> tuple[Statement, ...]:
        drafts = []
        moment = first
        for draft, gap in items:
            moment = moment + gap * step
            drafts.append(attrs.evolve(draft, said=moment))
        return _realise(drafts, actors, pool, earlier)

    element = st.tuples(_drafts(config), st.integers(0, max_gap))
    return st.lists(element, min_size=sizes[0], max_size=sizes[1]).map(dated)
