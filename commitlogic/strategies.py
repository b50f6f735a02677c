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
    from commitlogic.strategies import observations

    scenario = load("examples/istanbul_2025.toml")

    @given(observations(scenario, max_size=2))
    def test_my_rules(observed):
        reasoner = Reasoner(scenario)
        report = reasoner.status(assume=[fact.subject for fact in observed], at="2025-05-12")
        ...

:mod:`commitlogic.testing` wraps the common properties (stays consistent,
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

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from commitlogic.dates import When, parse_when
from commitlogic.errors import ScenarioError
from commitlogic.formulas import IDENT, RESERVED, And, Atom, Formula, Not, Or, parse_formula
from commitlogic.model import (
    CONDITION_ALLOWED,
    CONDITION_REQUIRED,
    Actor,
    Event,
    Kind,
    Outcome,
    Scenario,
    Statement,
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


_texts = st.none() | st.text(max_size=24)


@functools.lru_cache(maxsize=256)
def _formula_strategy(
    atoms: tuple[Atom, ...], max_depth: int, max_operands: int
) -> SearchStrategy[Formula]:
    leaf: SearchStrategy[Formula] = st.sampled_from(atoms)
    if max_depth == 0:
        return leaf
    sub = _formula_strategy(atoms, max_depth - 1, max_operands)
    return st.one_of(
        leaf,
        sub.map(Not),
        st.lists(sub, min_size=2, max_size=max_operands).map(And),
        st.lists(sub, min_size=2, max_size=max_operands).map(Or),
    )


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
    _check_size("max_depth", max_depth)
    _check_size("max_operands", max_operands, 2)
    return _formula_strategy(pool, max_depth, max_operands)


def _literals(atoms: tuple[Atom, ...]) -> SearchStrategy[tuple[Atom, bool]]:
    """An atom and whether it holds (shrinking towards "it holds")."""
    return st.tuples(st.sampled_from(atoms), st.booleans().map(lambda negated: not negated))


def _literal(item: tuple[Atom, bool]) -> Formula:
    atom, holds = item
    return atom if holds else Not(atom)


# --------------------------------------------------------------------------- statements


@attrs.frozen
class _Draft:
    """A statement before its id and its ``supersedes`` are fixed."""

    kind: Kind
    subject: Formula
    condition: Formula | None
    by: str | None
    to: str | None
    said: When | None
    quote: str | None
    source: str | None
    weight: int
    style: str  # "plain", "capital" or a generated id
    back: tuple[int, ...]  # supersede the statements this many places earlier


@attrs.frozen
class _Config:
    """What a statement draft may contain."""

    actors: tuple[str, ...]
    atoms: tuple[Atom, ...]
    kinds: tuple[Kind, ...]
    max_depth: int
    said: SearchStrategy[When | None]
    weights: bool
    supersedes: bool
    texts: bool


def _usable_kinds(kinds: tuple[Kind, ...], actors: tuple[str, ...]) -> tuple[Kind, ...]:
    """Drop the kinds that need an actor (``by``) when there is none."""
    if actors:
        return kinds
    usable = tuple(kind for kind in kinds if kind is Kind.OBSERVED)
    if not usable:
        raise InvalidArgument(
            "statements of kinds other than observed need an actor for 'by', and there is none"
        )
    return usable


@st.composite
def _drafts(draw: st.DrawFn, config: _Config) -> _Draft:
    kind = draw(st.sampled_from(config.kinds))
    formula = _formula_strategy(config.atoms, config.max_depth, 3)
    subject = draw(formula)
    condition = None
    if kind in CONDITION_REQUIRED or (kind in CONDITION_ALLOWED and draw(st.booleans())):
        condition = draw(formula)
    by = None
    if config.actors and (kind is not Kind.OBSERVED or draw(st.booleans())):
        by = draw(st.sampled_from(config.actors))
    to = draw(st.none() | st.sampled_from(config.actors)) if config.actors else None
    texts = _texts if config.texts else st.none()
    return _Draft(
        kind=kind,
        subject=subject,
        condition=condition,
        by=by,
        to=to,
        said=draw(config.said),
        quote=draw(texts),
        source=draw(texts),
        weight=draw(st.integers(1, 5)) if config.weights else 1,
        style=draw(st.one_of(st.sampled_from(("plain", "capital")), _generated_ids)),
        back=tuple(draw(st.lists(st.integers(1, 3), max_size=2, unique=True)))
        if config.supersedes
        else (),
    )


def _fresh(candidate: str, taken: set[str]) -> str:
    while candidate in taken:
        candidate += "_"
    return candidate


def _realise(
    drafts: Sequence[_Draft],
    prefix: str,
    earlier: Sequence[str],
    taken: Iterable[str],
    start: int = 1,
) -> tuple[Statement, ...]:
    """Give drafts unique ids and turn their back references into ``supersedes``.

    ``earlier`` are the ids that come before the drafts (a scenario's
    statements); a draft may supersede any statement before it, so there is
    never a cycle.
    """
    taken = set(taken)
    order = list(earlier)
    statements = []
    for index, draft in enumerate(drafts, start=start):
        plain = f"{prefix}{index}"
        if draft.style == "plain":
            wanted = plain
        elif draft.style == "capital":
            wanted = plain[0].upper() + plain[1:]
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
                draft.subject,
                condition=draft.condition,
                by=draft.by,
                to=draft.to,
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


def _said_strategy(said: SearchStrategy[When | None] | None) -> SearchStrategy[When | None]:
    if said is None:
        return st.none() | whens()
    if not isinstance(said, SearchStrategy):
        raise InvalidArgument(f"said={said!r} must be a strategy (such as st.none())")
    return said


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
    _check_size("max_depth", max_depth)
    config = _Config(
        actors=actors,
        atoms=pool,
        kinds=_usable_kinds(_as_kinds(kinds), actors),
        max_depth=max_depth,
        said=_said_strategy(said),
        weights=bool(weights),
        supersedes=bool(supersedes) and known is not None,
        texts=bool(texts),
    )
    earlier = () if known is None else tuple(s.id for s in known.statements)
    return _drafts(config).map(
        lambda draft: _realise([draft], "s", earlier, earlier, start=len(earlier) + 1)[0]
    )


@st.composite
def _sequences(
    draw: st.DrawFn,
    config: _Config,
    earlier: tuple[str, ...],
    sizes: tuple[int, int],
    start: When,
    max_gap: int,
    datetimes: bool,
) -> tuple[Statement, ...]:
    drafts = draw(st.lists(_drafts(config), min_size=sizes[0], max_size=sizes[1]))
    gaps = draw(st.lists(st.integers(0, max_gap), min_size=len(drafts), max_size=len(drafts)))
    if datetimes:
        first = start if isinstance(start, datetime) else datetime.combine(start, time(), UTC)
        step = timedelta(hours=1)
    else:
        first = start.date() if isinstance(start, datetime) else start
        step = timedelta(days=1)
    dated = []
    moment = first
    for draft, gap in zip(drafts, gaps, strict=True):
        moment = moment + gap * step
        dated.append(attrs.evolve(draft, said=moment))
    return _realise(dated, "s", earlier, earlier, start=len(earlier) + 1)


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
        Say statements at datetimes (UTC, an hour apart per step) instead of dates.

    Returns
    -------
    SearchStrategy[tuple[Statement, ...]]
    """
    known, actors, pool = _context(scenario, atoms)
    sizes = _check_bounds("size", min_size, max_size)
    if not pool and sizes[1] > 0:
        raise InvalidArgument("statements need at least one atom to build formulas from")
    if not pool:
        return st.just(())
    _check_size("max_depth", max_depth)
    _check_size("max_gap", max_gap)
    if start is None:
        dates = () if known is None else known.dates()
        first: When = dates[-1] if dates else FIRST_DAY
    else:
        try:
            first = parse_when(start)
        except ScenarioError as error:
            raise InvalidArgument(f"start: {error}") from None
    config = _Config(
        actors=actors,
        atoms=pool,
        kinds=_usable_kinds(_as_kinds(kinds), actors),
        max_depth=max_depth,
        said=st.none(),
        weights=bool(weights),
        supersedes=bool(supersedes),
        texts=bool(texts),
    )
    earlier = () if known is None else tuple(s.id for s in known.statements)
    return _sequences(config, earlier, sizes, first, max_gap, bool(datetimes))


# --------------------------------------------------------------------------- observations


def _fact_strategy(
    pool: tuple[Atom, ...], sizes: tuple[int, int], max_depth: int
) -> SearchStrategy[list[Formula]]:
    if max_depth == 0:
        if sizes[0] > len(pool):
            raise InvalidArgument(
                f"min_size={sizes[0]} distinct literals cannot be drawn from {len(pool)} atoms"
            )
        literals = st.lists(
            _literals(pool), min_size=sizes[0], max_size=sizes[1], unique_by=lambda item: item[0]
        )
        return literals.map(lambda items: [_literal(item) for item in items])
    return st.lists(
        _formula_strategy(pool, max_depth, 3), min_size=sizes[0], max_size=sizes[1], unique=True
    )


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
    _check_size("max_depth", max_depth)
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
    taken = {statement.id for statement in scenario.statements}

    def as_statements(facts: list[Formula]) -> tuple[Statement, ...]:
        result = []
        used = set(taken)
        for index, fact in enumerate(facts, start=1):
            sid = _fresh(f"observed_{index}", used)
            used.add(sid)
            result.append(Statement(sid, Kind.OBSERVED, fact, said=moment))
        return tuple(result)

    return _fact_strategy(pool, sizes, max_depth).map(as_statements)


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
    _check_size("max_depth", max_depth)
    if not pool:
        if sizes[0]:
            raise InvalidArgument("there are no atoms to make assumptions about")
        return st.just([])
    return _fact_strategy(pool, sizes, max_depth)


# --------------------------------------------------------------------------- scenarios


@attrs.frozen
class _Shape:
    """The arguments of :func:`scenarios`, checked."""

    actors: tuple[int, int]
    events: tuple[int, int]
    statements: tuple[int, int]
    outcomes: tuple[int, int]
    kinds: tuple[Kind, ...]
    propositions: tuple[Atom, ...]
    max_depth: int
    dates: bool
    supersedes: bool
    texts: bool


@st.composite
def _scenarios(draw: st.DrawFn, shape: _Shape) -> Scenario:
    actor_ids = draw(
        st.lists(
            identifiers(pool=ACTOR_IDS),
            min_size=shape.actors[0],
            max_size=shape.actors[1],
            unique=True,
        )
    )
    event_ids = draw(
        st.lists(
            identifiers(pool=EVENT_IDS),
            min_size=shape.events[0],
            max_size=shape.events[1],
            unique=True,
        )
    )
    texts = _texts if shape.texts else st.none()
    when = (st.none() | whens()) if shape.dates else st.none()
    actors = [
        Actor(actor_id, name=draw(texts), party=draw(texts), role=draw(texts))
        for actor_id in actor_ids
    ]
    invited = st.none() | st.lists(st.sampled_from(actor_ids), unique=True).map(tuple)
    if not actor_ids:
        invited = st.none() | st.just(())
    events = [
        Event(event_id, place=draw(texts), start=draw(when), invited=draw(invited))
        for event_id in event_ids
    ]
    attendance = tuple(Atom("attends", (a, e)) for e in event_ids for a in actor_ids)
    pool = attendance + shape.propositions
    statements: tuple[Statement, ...] = ()
    outcomes: list[Outcome] = []
    if pool:
        kinds = shape.kinds if actor_ids else tuple(k for k in shape.kinds if k is Kind.OBSERVED)
        if kinds:
            config = _Config(
                actors=tuple(actor_ids),
                atoms=pool,
                kinds=kinds,
                max_depth=shape.max_depth,
                said=when,
                weights=True,
                supersedes=shape.supersedes,
                texts=shape.texts,
            )
            drafts = draw(
                st.lists(
                    _drafts(config),
                    min_size=shape.statements[0],
                    max_size=shape.statements[1],
                )
            )
            statements = _realise(drafts, "s", (), ())
            if len(statements) > 1:
                # Supersession only points backwards so far; shuffle so that
                # it can point either way in file order (still without cycles).
                statements = tuple(draw(st.permutations(statements)))
        named = draw(
            st.lists(
                st.tuples(
                    identifiers(pool=OUTCOME_IDS),
                    _formula_strategy(pool, shape.max_depth, 3),
                ),
                min_size=shape.outcomes[0],
                max_size=shape.outcomes[1],
                unique_by=lambda item: item[0],
            )
        )
        outcomes = [Outcome(outcome_id, formula) for outcome_id, formula in named]
    name = draw(st.text(max_size=24)) if shape.texts else "random scenario"
    return Scenario(
        name,
        description=draw(texts),
        actors=actors,
        events=events,
        statements=statements,
        outcomes=outcomes,
    )


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
    texts: bool = True,
) -> SearchStrategy[Scenario]:
    """Whole valid scenarios: actors, events, statements of every kind, outcomes.

    Ids follow SPEC section 1 (some start with a capital letter, which ASP
    would read as a variable); events invite everyone or a list of actors;
    statements have dates and datetimes with offsets, weights, quotes and
    sources of any Unicode text, and ``supersedes`` between them without a
    cycle.  Formulas are over the attendance atoms of the declared actors
    and events (invited or not) and ``propositions``.  With the default
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
        description (else they are left out and the name is fixed).

    Returns
    -------
    SearchStrategy[Scenario]
    """
    shape = _Shape(
        actors=_check_bounds("actors", min_actors, max_actors),
        events=_check_bounds("events", min_events, max_events),
        statements=_check_bounds("statements", min_statements, max_statements),
        outcomes=_check_bounds("outcomes", min_outcomes, max_outcomes),
        kinds=_as_kinds(kinds),
        propositions=_as_atoms(propositions, "propositions"),
        max_depth=_check_size("max_depth", max_depth),
        dates=bool(dates),
        supersedes=bool(supersedes),
        texts=bool(texts),
    )
    for item in shape.propositions:
        if item.name == "attends":
            raise InvalidArgument(f"propositions: {item} is an attendance atom, not a proposition")
    needs_atoms = shape.statements[0] > 0 or shape.outcomes[0] > 0
    if needs_atoms and not shape.propositions and 0 in (shape.actors[0], shape.events[0]):
        raise InvalidArgument(
            "min_statements or min_outcomes > 0 needs atoms: at least one actor and one "
            "event, or some propositions"
        )
    if shape.statements[0] > 0 and shape.actors[0] == 0 and Kind.OBSERVED not in shape.kinds:
        raise InvalidArgument("min_statements > 0 with no actors needs kind 'observed'")
    return _scenarios(shape)
