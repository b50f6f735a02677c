"""The parts of the strategies: checked arguments, ids, dates and formulas.

Part of :mod:`commitlogic.testing.strategies` (import them from there, or
from ``commitlogic.strategies``): the preferred ids and propositions, the
checks of strategy arguments, and the small strategies the others build
on (:func:`identifiers`, :func:`whens`, :func:`formulas`).
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from commitlogic.model.dates import When
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
from commitlogic.model.scenario import Kind

__all__ = [
    "ACTOR_IDS",
    "EVENT_IDS",
    "OUTCOME_IDS",
    "PROPOSITIONS",
    "formulas",
    "identifiers",
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
