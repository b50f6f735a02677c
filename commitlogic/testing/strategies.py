"""Hypothesis strategies for formulas, statements, observations and whole scenarios.

Use them to test your own rule set: draw what the news could bring next and
check that a conclusion survives it.  Every strategy here draws valid values
(ids per SPEC section 1, formulas whose ``attends`` atoms name declared
actors and events, ``supersedes`` without cycles), keeps its sizes small by
default, and shrinks well: lists shrink by deleting elements, formulas
towards single atoms, kinds towards the first one asked for, dates towards
the earliest day, texts towards ``None``.  So a failing example is reduced
to a few short statements::

    from hypothesis import given
    from commitlogic import Reasoner, load
    from commitlogic.testing.strategies import observations

    scenario = load("examples/istanbul_2025.toml")

    reasoner = Reasoner(scenario)

    @given(observations(scenario, max_size=2))
    def test_my_rules(observed):
        report = reasoner.status(assume=[fact.subject for fact in observed], at="2025-05-12")
        ...

``commitlogic.testing.assertions`` wraps the common properties (stays consistent,
stays certain, stays impossible, equivalent) in one call each.

The strategies follow the conventions of Hypothesis's own: size bounds are
keyword-only, arguments are checked when the strategy is built and bad ones
raise :class:`hypothesis.errors.InvalidArgument`.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from commitlogic.model.dates import When, parse_when
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import (
    IDENT,
    MAX_DEPTH,
    RESERVED,
    And,
    Atom,
    Formula,
    Not,
    Or,
    parse_formula,
)
from commitlogic.model.scenario import (
    CONDITION_ALLOWED,
    CONDITION_REQUIRED,
    Actor,
    Event,
    Kind,
    Outcome,
    Scenario,
    Statement,
    numbered_id,
)

__all__ = [
    "ACTOR_IDS",
    "EVENT_IDS",
    "OUTCOME_IDS",
    "PROPOSITIONS",
    "assumptions",
    "formulas",
    "identifiers",
    "observations",
    "scenarios",
    "statement_sequences",
    "statements",
    "whens",
]

#: Actor ids that :func:`scenarios` prefers; one starts with a capital letter,
#: which ASP would read as a variable.
ACTOR_IDS = ("putin", "Zelensky", "trump", "erdogan", "medinsky", "rubio")
#: Event ids that :func:`scenarios` prefers.
EVENT_IDS = ("talks", "Summit", "dinner")
#: Outcome ids that :func:`scenarios` prefers.
OUTCOME_IDS = ("leaders_meet", "Deal", "no_show")
#: Free propositions that :func:`scenarios` uses besides attendance atoms.
PROPOSITIONS = ("held", "ceasefire", "Truce", "signs(ukraine,deal)")

#: The first day of drawn dates.
FIRST_DAY = date(2025, 5, 10)
_OFFSETS = (None, UTC, timezone(timedelta(hours=3)), timezone(timedelta(hours=-5)))
_HOURS = (0, 12, 23, 1)
_ID_START = string.ascii_letters
_ID_REST = string.ascii_letters + string.digits + "_"


# --------------------------------------------------------------------------- arguments


def _check_size(name: str, value: object, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidArgument(f"{name}={value!r} must be an integer >= {minimum}")
    return value


def _check_depth(value: object) -> int:
    depth = _check_size("max_depth", value)
    if depth > MAX_DEPTH:
        raise InvalidArgument(f"max_depth={depth} is deeper than formulas may nest ({MAX_DEPTH})")
    return depth


def _check_bounds(what: str, low: object, high: object) -> tuple[int, int]:
    low = _check_size(f"min_{what}", low)
    high = _check_size(f"max_{what}", high)
    if low > high:
        raise InvalidArgument(f"min_{what}={low} is larger than max_{what}={high}")
    return low, high


def _as_atoms(values: Iterable[Atom | str], name: str) -> tuple[Atom, ...]:
    """Return ``values`` as atoms without repetitions, parsing atom text."""
    if isinstance(values, str | Formula):
        raise InvalidArgument(
            f"{name} must be a sequence of atoms, not one {type(values).__name__}"
        )
    found: dict[Atom, None] = {}
    for value in values:
        try:
            formula = parse_formula(value) if isinstance(value, str) else value
        except ScenarioError as error:
            raise InvalidArgument(f"{name}: {error}") from None
        if not isinstance(formula, Atom):
            raise InvalidArgument(f"{name}: {str(value)!r} is not an atom")
        found.setdefault(formula)
    return tuple(found)


def _as_kinds(kinds: Iterable[Kind | str] | None) -> tuple[Kind, ...]:
    if kinds is None:
        return tuple(Kind)
    if isinstance(kinds, str):
        kinds = [kinds]
    result: dict[Kind, None] = {}
    for kind in kinds:
        try:
            result.setdefault(Kind(kind))
        except ValueError:
            names = ", ".join(k.value for k in Kind)
            raise InvalidArgument(f"unknown kind {kind!r} (expected one of: {names})") from None
    if not result:
        raise InvalidArgument("kinds must name at least one kind")
    return tuple(result)


def _check_ids(values: Iterable[str], name: str) -> tuple[str, ...]:
    values = tuple(values)
    for value in values:
        if not isinstance(value, str) or not IDENT.fullmatch(value) or value in RESERVED:
            raise InvalidArgument(f"{name}: {value!r} is not a valid id")
    return values


# --------------------------------------------------------------------------- small parts


_generated_ids = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(_ID_START),
    st.text(alphabet=_ID_REST, max_size=7),
).filter(lambda text: text not in RESERVED)


def identifiers(*, pool: Sequence[str] = ()) -> SearchStrategy[str]:
    """Ids valid per SPEC section 1: ``[A-Za-z][A-Za-z0-9_]*``, never ``not``, ``and``, ``or``.

    Parameters
    ----------
    pool
        Readable ids to prefer: drawn ids come from ``pool`` or are generated
        (such as ``Xq_7``, capitalised about half the time), and shrink
        towards the first id of ``pool``.

    Returns
    -------
    SearchStrategy[str]
    """
    pool = _check_ids(pool, "pool")
    if not pool:
        return _generated_ids
    return st.one_of(st.sampled_from(pool), _generated_ids)


def whens(
    *, first_day: date = FIRST_DAY, days: int = 5, dates: bool = True, datetimes: bool = True
) -> SearchStrategy[When]:
    """Dates and datetimes for ``said`` and ``start``, close together so that order matters.

    Datetimes are naive (UTC for the reasoner) or have an offset: UTC,
    +03:00, -05:00, or any whole number of minutes; some have seconds and
    microseconds.  Every value can be written in TOML and read back equal.

    Parameters
    ----------
    first_day
        The earliest day drawn (what values shrink towards).
    days
        How many consecutive days to draw from.
    dates, datetimes
        Whether to draw plain dates, datetimes, or both.

    Returns
    -------
    SearchStrategy[date | datetime]
    """
    if not isinstance(first_day, date) or isinstance(first_day, datetime):
        raise InvalidArgument(f"first_day={first_day!r} must be a date")
    _check_size("days", days, 1)
    if not (dates or datetimes):
        raise InvalidArgument("dates and datetimes cannot both be False")
    day = st.integers(0, days - 1).map(lambda n: first_day + timedelta(days=n))
    offset = st.one_of(
        st.sampled_from(_OFFSETS),
        st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(
            lambda minutes: timezone(timedelta(minutes=minutes))
        ),
    )
    clock = st.one_of(
        st.builds(time, st.sampled_from(_HOURS), st.sampled_from((0, 30))),
        st.times().map(lambda clock: clock.replace(fold=0)),
    )
    moment = st.builds(
        lambda d, c, tz: datetime.combine(d, c, tzinfo=tz),
        day,
        clock,
        offset,
    )
    if dates and datetimes:
        return st.one_of(day, moment)
    return day if dates else moment


# Strategies are built once and reused: Hypothesis validates each new
# strategy object, which costs far more than drawing from it.  So drawn
# parts refer to actors and atoms by index (cached per count), and become
# ids and formulas afterwards.

_BOOLEANS = st.booleans()
_TEXTS = st.none() | st.text(max_size=24)
_NAMES = st.text(max_size=24)
_WHENS = st.none() | whens()
_WEIGHTS = st.integers(1, 5)
_STYLES = st.one_of(st.sampled_from(("plain", "capital")), _generated_ids)
_BACKS = st.lists(st.integers(1, 3), max_size=2, unique=True).map(tuple)
_ACTOR_ID_STRATEGY = identifiers(pool=ACTOR_IDS)
_EVENT_ID_STRATEGY = identifiers(pool=EVENT_IDS)
_OUTCOME_ID_STRATEGY = identifiers(pool=OUTCOME_IDS)

#: A formula's tree: an atom index, ("not", shape), or ("and" | "or", shapes).
_Tree = int | tuple[str, Any]


@functools.cache
def _index(count: int) -> SearchStrategy[int]:
    return st.integers(0, count - 1)


@functools.cache
def _shapes(count: int, max_depth: int, max_operands: int) -> SearchStrategy[_Tree]:
    leaf: SearchStrategy[_Tree] = _index(count)
    if max_depth == 0:
        return leaf
    sub = _shapes(count, max_depth - 1, max_operands)
    operands = st.lists(sub, min_size=2, max_size=max_operands).map(tuple)
    return st.one_of(
        leaf,
        sub.map(lambda shape: ("not", shape)),
        operands.map(lambda shapes: ("and", shapes)),
        operands.map(lambda shapes: ("or", shapes)),
    )


def _build(shape: _Tree, atoms: Sequence[Atom]) -> Formula:
    """Return the formula of a shape over ``atoms``."""
    if isinstance(shape, int):
        return atoms[shape]
    tag, body = shape
    if tag == "not":
        return Not(_build(body, atoms))
    operands = [_build(item, atoms) for item in body]
    return And(operands) if tag == "and" else Or(operands)


def formulas(
    atoms: Iterable[Atom | str], *, max_depth: int = 2, max_operands: int = 3
) -> SearchStrategy[Formula]:
    """Formulas over ``atoms`` with ``not``, ``and`` and ``or``.

    Parameters
    ----------
    atoms
        The atoms to build from, as :class:`~commitlogic.Atom` or atom text
        (``"attends(putin, talks)"``); for a scenario, ``scenario.atoms()``.
    max_depth
        The deepest nesting of connectives; 0 draws single atoms.
    max_operands
        The most operands of one conjunction or disjunction (at least 2).

    Returns
    -------
    SearchStrategy[Formula]
        Formulas that shrink towards the first atom.
    """
    pool = _as_atoms(atoms, "atoms")
    if not pool:
        raise InvalidArgument("formulas need at least one atom")
    _check_depth(max_depth)
    _check_size("max_operands", max_operands, 2)
    return _shapes(len(pool), max_depth, max_operands).map(lambda shape: _build(shape, pool))


@functools.cache
def _literals(count: int) -> SearchStrategy[tuple[int, bool]]:
    """An atom index and whether the atom holds (shrinking towards "it holds")."""
    return st.tuples(_index(count), _BOOLEANS.map(lambda negated: not negated))


def _literal(item: tuple[int, bool], atoms: Sequence[Atom]) -> Formula:
    index, holds = item
    return atoms[index] if holds else Not(atoms[index])


def _fresh(candidate: str, taken: set[str]) -> str:
    while candidate in taken:
        candidate += "_"
    return candidate


# --------------------------------------------------------------------------- statements


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
        A strategy for ``said`` (default: none, a date or a datetime, see :func:`whens`).
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


# --------------------------------------------------------------------------- observations


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


# --------------------------------------------------------------------------- scenarios


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
