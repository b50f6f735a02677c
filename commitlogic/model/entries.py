"""The entries of a scenario: actors, events, statements and outcomes.

Every class is an immutable attrs value that validates what it can see on
its own (SPEC section 1); :class:`~commitlogic.Scenario` checks the
references between them.  Errors are :class:`~commitlogic.errors.ScenarioError`
naming the entry and the field.  Import the classes from
:mod:`commitlogic.model.scenario` or from ``commitlogic``.
"""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from commitlogic.model.dates import When, check_when, is_on_or_before, parse_when
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import IDENT, RESERVED, Formula, FormulaLike, as_formula

__all__ = ["MAX_WEIGHT", "Actor", "Event", "Kind", "Outcome", "Statement"]


def numbered_id(stem: str, taken: set[str]) -> str:
    """Return the first of ``stem_1``, ``stem_2``... not in ``taken``, and add it to ``taken``."""
    number = 1
    while f"{stem}_{number}" in taken:
        number += 1
    taken.add(f"{stem}_{number}")
    return f"{stem}_{number}"


class Kind(enum.StrEnum):
    """The kind of a statement (SPEC section 3)."""

    COMMITS = "commits"
    """The speaker commits to the subject: true → subject."""
    REFUSES = "refuses"
    """The speaker rules the subject out: true → not subject."""
    IF = "if"
    """The subject holds if the condition holds: condition → subject."""
    ONLY_IF = "only_if"
    """The subject holds only if the condition holds: subject → condition."""
    MIGHT = "might"
    """Recorded and reported, never restricts outcomes."""
    OBSERVED = "observed"
    """An observed fact: the subject holds (hard, not a commitment)."""

    @property
    def is_commitment(self) -> bool:
        """Whether statements of this kind are commitments (listed with their states)."""
        return self not in (Kind.MIGHT, Kind.OBSERVED)


#: Kinds that need a condition, and kinds that may have one.
CONDITION_REQUIRED = frozenset({Kind.IF, Kind.ONLY_IF})
CONDITION_ALLOWED = CONDITION_REQUIRED | {Kind.MIGHT}


def _fail(reason: str, field: str | None = None, **where: Any) -> ScenarioError:
    return ScenarioError(reason, field=field, **where)


def _ident(_instance: object, attribute: attrs.Attribute, value: object) -> None:
    if not isinstance(value, str) or not IDENT.fullmatch(value):
        raise _fail(
            f"{value!r} is not a valid id ([A-Za-z][A-Za-z0-9_]*)",
            attribute.name,
        )


def _name_id(instance: object, attribute: attrs.Attribute, value: object) -> None:
    """Validate the id of an actor or event, which formulas use as an argument."""
    _ident(instance, attribute, value)
    if value in RESERVED:
        raise _fail(f"{value!r} is a reserved word of formulas and cannot name it", attribute.name)


def _text(_instance: object, attribute: attrs.Attribute, value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise _fail(f"expected text, got {type(value).__name__}", attribute.name)


def _optional_ident(instance: object, attribute: attrs.Attribute, value: object) -> None:
    if value is not None:
        _ident(instance, attribute, value)


def _idents(instance: object, attribute: attrs.Attribute, value: tuple[object, ...]) -> None:
    for item in value:
        _ident(instance, attribute, item)


def _converting(field: str, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Wrap a converter so that its errors name ``field``."""

    def converter(value: Any) -> Any:
        try:
            return convert(value)
        except ScenarioError as error:
            raise error.located(field=field) from None

    return converter


def _optional_when(value: object) -> When | None:
    if value is None:
        return None
    if isinstance(value, str):
        return parse_when(value)
    return check_when(value)


def _id_tuple(value: Iterable[str] | None) -> tuple[str, ...]:
    if isinstance(value, str):
        raise ScenarioError(f"expected a list of ids, got the string {value!r}")
    if value is None:
        return ()
    try:
        return tuple(value)
    except TypeError:
        raise ScenarioError(f"expected a list of ids, got {type(value).__name__}") from None


def _optional_id_tuple(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else _id_tuple(value)


def _optional_formula(value: FormulaLike | None) -> Formula | None:
    return None if value is None else as_formula(value)


def _kind(value: object) -> Kind:
    try:
        return Kind(value)
    except ValueError:
        kinds = ", ".join(kind.value for kind in Kind)
        raise ScenarioError(f"unknown kind {value!r} (expected one of: {kinds})") from None


#: The largest weight of a statement (SPEC section 1): sums of weights stay far from
#: the 32-bit integers of the solver's optimisation, even over a million statements.
MAX_WEIGHT = 1_000_000


def _weight(_instance: object, _attribute: attrs.Attribute, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_WEIGHT:
        raise _fail(
            f"weight must be an integer from 1 to {MAX_WEIGHT}, got {shown(value)}", "weight"
        )


def shown(value: object) -> str:
    """Return a value as a scenario file writes it: ``true``, ``"high"``, ``1.5``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(shown(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key} = {shown(item)}" for key, item in value.items()) + "}"
    return repr(value)


def _credibility(_instance: object, _attribute: attrs.Attribute, value: object) -> None:
    """Validate an optional credibility: a number strictly between 0 and 1 (forecast mode)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        raise _fail(
            f"credibility must be a number strictly between 0 and 1, got {shown(value)}",
            "credibility",
        )


@attrs.frozen
class Actor:
    """Someone who makes statements or attends events."""

    id: str = attrs.field(validator=_name_id)
    name: str | None = attrs.field(default=None, validator=_text, kw_only=True)
    party: str | None = attrs.field(default=None, validator=_text, kw_only=True)
    role: str | None = attrs.field(default=None, validator=_text, kw_only=True)
    credibility: float | None = attrs.field(default=None, validator=_credibility, kw_only=True)


@attrs.frozen
class Event:
    """A meeting; ``invited`` is ``None`` when every actor is invited."""

    id: str = attrs.field(validator=_name_id)
    place: str | None = attrs.field(default=None, validator=_text, kw_only=True)
    start: When | None = attrs.field(
        default=None, converter=_converting("start", _optional_when), kw_only=True
    )
    invited: tuple[str, ...] | None = attrs.field(
        default=None,
        converter=_converting("invited", _optional_id_tuple),
        validator=attrs.validators.optional(_idents),
        kw_only=True,
    )


@attrs.frozen
class Statement:
    """Something an actor said, or a fact that was observed (SPEC sections 1 and 3).

    ``subject`` and ``condition`` accept formula text or formula objects.
    """

    id: str = attrs.field(validator=_ident)
    kind: Kind = attrs.field(converter=_converting("kind", _kind))
    subject: Formula = attrs.field(converter=_converting("subject", as_formula))
    condition: Formula | None = attrs.field(
        default=None, converter=_converting("condition", _optional_formula), kw_only=True
    )
    by: str | None = attrs.field(default=None, validator=_optional_ident, kw_only=True)
    to: str | None = attrs.field(default=None, validator=_optional_ident, kw_only=True)
    said: When | None = attrs.field(
        default=None, converter=_converting("said", _optional_when), kw_only=True
    )
    quote: str | None = attrs.field(default=None, validator=_text, kw_only=True)
    source: str | None = attrs.field(default=None, validator=_text, kw_only=True)
    weight: int = attrs.field(default=1, validator=_weight, kw_only=True)
    credibility: float | None = attrs.field(default=None, validator=_credibility, kw_only=True)
    supersedes: tuple[str, ...] = attrs.field(
        default=(), converter=_converting("supersedes", _id_tuple), validator=_idents, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if self.kind in CONDITION_REQUIRED and self.condition is None:
            raise _fail(f"a statement of kind {self.kind.value!r} needs a condition", "condition")
        if self.kind not in CONDITION_ALLOWED and self.condition is not None:
            raise _fail(
                f"a statement of kind {self.kind.value!r} cannot have a condition", "condition"
            )
        if self.by is None and self.kind is not Kind.OBSERVED:
            raise _fail(f"a statement of kind {self.kind.value!r} needs 'by' (an actor id)", "by")

    @property
    def is_commitment(self) -> bool:
        """Whether this statement is a commitment (not ``observed`` or ``might``)."""
        return self.kind.is_commitment

    def formulas(self) -> Iterator[tuple[str, Formula]]:
        """Yield ``(field, formula)`` for the subject and, if any, the condition."""
        yield "subject", self.subject
        if self.condition is not None:
            yield "condition", self.condition

    def is_present(self, at: When | None) -> bool:
        """Whether the statement had been said by ``at`` (always, without ``at`` or ``said``)."""
        return at is None or self.said is None or is_on_or_before(self.said, at)


_KINDS = {kind.value: kind for kind in Kind}
#: The keys :func:`quick_statement` takes; any other key (or a fault) is the slow path's.
_QUICK_KEYS = frozenset(
    ("id", "kind", "subject", "condition", "by", "to", "said", "quote", "source", "weight")
)


_FULL_IDENT = IDENT.fullmatch


def _quick_ident(value: object) -> bool:
    return type(value) is str and _FULL_IDENT(value) is not None


_ACTOR_KEYS = frozenset(("id", "name", "party", "role"))


def quick_actor(item: dict[str, Any]) -> Actor | None:
    """``Actor(**item)`` for the common, valid case (no credibility); else None."""
    actor_id = item.get("id")
    if not item.keys() <= _ACTOR_KEYS or not _quick_ident(actor_id) or actor_id in RESERVED:
        return None
    texts = [item.get(key) for key in ("name", "party", "role")]
    if any(text is not None and type(text) is not str for text in texts):
        return None
    made = object.__new__(Actor)
    put = object.__setattr__
    put(made, "id", sys.intern(actor_id))  # formulas and invitations share it
    put(made, "name", texts[0])
    put(made, "party", texts[1])
    put(made, "role", texts[2])
    put(made, "credibility", None)
    return made


def quick_statement(item: dict[str, Any], subject: object, condition: object) -> Statement | None:
    """``Statement(**item)`` for the common, valid case, without the per-field calls.

    ``subject`` and ``condition`` are ``item``'s formulas, already parsed
    (``None`` for no condition).  ``None`` means "build it the usual way",
    which accepts what this does not (supersedes, credibility, formula text)
    and raises every fault.
    """
    if not item.keys() <= _QUICK_KEYS:
        return None
    kind = item.get("kind")
    kind = _KINDS.get(kind) if type(kind) is str else None
    by, to = item.get("by"), item.get("to")
    if kind is None or not _quick_ident(item.get("id")) or not isinstance(subject, Formula):
        return None
    if condition is None:
        if kind in CONDITION_REQUIRED:
            return None
    elif not isinstance(condition, Formula) or kind not in CONDITION_ALLOWED:
        return None
    if (by is None and kind is not Kind.OBSERVED) or (by is not None and not _quick_ident(by)):
        return None
    if to is not None and not _quick_ident(to):
        return None
    quote, source, weight = item.get("quote"), item.get("source"), item.get("weight", 1)
    if (quote is not None and type(quote) is not str) or (
        source is not None and type(source) is not str
    ):
        return None
    if type(weight) is not int or not 1 <= weight <= MAX_WEIGHT:
        return None
    said = item.get("said")
    if said is not None:
        try:
            said = _optional_when(said)
        except ScenarioError:
            return None
    made = object.__new__(Statement)
    put = object.__setattr__  # the frozen class's own __setattr__ refuses it
    put(made, "id", item["id"])
    put(made, "kind", kind)
    put(made, "subject", subject)
    put(made, "condition", condition)
    put(made, "by", by if by is None else sys.intern(by))  # one copy of each actor's id
    put(made, "to", to if to is None else sys.intern(to))
    put(made, "said", said)
    put(made, "quote", quote)
    put(made, "source", source)
    put(made, "weight", weight)
    put(made, "credibility", None)
    put(made, "supersedes", ())
    return made


@attrs.frozen
class Outcome:
    """A named formula whose status the reasoner reports, such as ``leaders_meet``."""

    id: str = attrs.field(validator=_ident)
    when: Formula = attrs.field(converter=_converting("when", as_formula))
