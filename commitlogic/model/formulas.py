"""Propositional formulas over attendance atoms and free propositions.

Formulas are immutable values.  They are written in the grammar of SPEC
section 2 (``not`` binds tighter than ``and``, which binds tighter than
``or``) and can be combined in Python with ``~``, ``&`` and ``|``::

    >>> f = attends("zelensky", "istanbul_talks") & ~attends("putin", "istanbul_talks")
    >>> str(f)
    'attends(zelensky,istanbul_talks) and not attends(putin,istanbul_talks)'
    >>> parse_formula(str(f)) == f
    True

``absent(a, e)`` is sugar for ``not attends(a, e)``.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import NoReturn, TypeAlias

import attrs

from commitlogic.model.errors import ScenarioError

__all__ = [
    "MAX_DEPTH",
    "And",
    "Atom",
    "Formula",
    "FormulaLike",
    "Not",
    "Or",
    "absent",
    "as_formula",
    "atom",
    "attends",
    "parse_formula",
]

IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
RESERVED = frozenset({"not", "and", "or"})
#: Predicates with a fixed meaning: two arguments, a declared actor and event.
ATTENDANCE = frozenset({"attends", "absent"})
#: How deep formulas may nest: ``not``, ``and``, ``or`` and parentheses count one
#: level each.  Deeper input is rejected with a located error, so that no walk over
#: a formula (printing, hashing, encoding, pickling) can exhaust Python's stack.
MAX_DEPTH = 100


def _too_deep() -> ScenarioError:
    return ScenarioError(f"the formula is nested more than {MAX_DEPTH} deep")


class Formula:
    """Base class of formulas; use :func:`parse_formula` or the helpers to build one."""

    __slots__ = ()

    #: How deeply the formula nests: 0 for an atom, one more per ``not``, ``and``, ``or``.
    depth: int

    def __and__(self, other: Formula) -> Formula:
        return And((self, as_formula(other)))

    def __or__(self, other: Formula) -> Formula:
        return Or((self, as_formula(other)))

    def __invert__(self) -> Formula:
        return Not(self)

    def atoms(self) -> Iterator[Atom]:
        """Yield the atoms of this formula, left to right, with repetitions."""
        raise NotImplementedError

    def evaluate(self, true_atoms: Mapping[Atom, bool] | frozenset[Atom] | set[Atom]) -> bool:
        """Return the truth value of the formula when exactly ``true_atoms`` hold.

        Parameters
        ----------
        true_atoms
            The atoms that are true, as a set, or a mapping from atoms to truth values
            (missing atoms count as false).
        """
        raise NotImplementedError

    def _text(self, precedence: int) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self._text(0)


# Precedences used when printing: a sub-formula gets parentheses when its own
# precedence is lower than the one its context asks for.
_OR, _AND, _NOT = 1, 2, 3


def _check_ident(value: str, what: str) -> None:
    if not isinstance(value, str) or not IDENT.fullmatch(value):
        raise ScenarioError(f"{what} {value!r} is not an identifier ([A-Za-z][A-Za-z0-9_]*)")
    if value in RESERVED:
        raise ScenarioError(f"{what} {value!r} is a reserved word")


def _check_name(_instance: object, _attribute: object, value: str) -> None:
    _check_ident(value, "predicate name")
    if value == "absent":
        raise ScenarioError("absent(a, e) is sugar for not attends(a, e); build it with absent()")


def _check_args(instance: Atom, _attribute: object, value: tuple[str, ...]) -> None:
    for arg in value:
        _check_ident(arg, "argument")
    if instance.name == "attends" and len(value) != 2:
        raise ScenarioError(
            f"attends takes exactly two arguments (an actor and an event), got {len(value)}"
        )


@attrs.frozen(str=False)
class Atom(Formula):
    """An atom: ``attends(putin, istanbul_talks)`` or a free proposition such as ``held``."""

    name: str = attrs.field(validator=_check_name)
    args: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=_check_args)

    @property
    def depth(self) -> int:
        """0: an atom does not nest."""
        return 0

    def atoms(self) -> Iterator[Atom]:
        yield self

    def evaluate(self, true_atoms: Mapping[Atom, bool] | frozenset[Atom] | set[Atom]) -> bool:
        if isinstance(true_atoms, Mapping):
            return bool(true_atoms.get(self, False))
        return self in true_atoms

    def _text(self, precedence: int) -> str:
        return f"{self.name}({','.join(self.args)})" if self.args else self.name


@attrs.frozen(str=False)
class Not(Formula):
    """Negation: true when ``operand`` is false."""

    operand: Formula = attrs.field(converter=lambda f: as_formula(f))
    depth: int = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        depth = self.operand.depth + 1
        if depth > MAX_DEPTH:
            raise _too_deep()
        object.__setattr__(self, "depth", depth)

    def atoms(self) -> Iterator[Atom]:
        return self.operand.atoms()

    def evaluate(self, true_atoms: Mapping[Atom, bool] | frozenset[Atom] | set[Atom]) -> bool:
        return not self.operand.evaluate(true_atoms)

    def _text(self, precedence: int) -> str:
        return f"not {self.operand._text(_NOT)}"


def _flatten(operands: Iterable[FormulaLike], kind: type) -> tuple[Formula, ...]:
    flat: list[Formula] = []
    for operand in operands:
        formula = as_formula(operand)
        if type(formula) is kind:
            flat.extend(formula.operands)  # type: ignore[attr-defined]
        else:
            flat.append(formula)
    return tuple(flat)


def _at_least_two(_instance: object, _attribute: object, value: tuple[Formula, ...]) -> None:
    if len(value) < 2:
        raise ScenarioError(f"a conjunction or disjunction needs two operands, got {len(value)}")


class _Junction(Formula):
    """What conjunctions and disjunctions share; subclasses set the connective."""

    __slots__ = ()
    operands: tuple[Formula, ...]
    _word: str
    _precedence: int
    _combine: Callable[[Iterable[bool]], bool]

    def __attrs_post_init__(self) -> None:
        depth = max(operand.depth for operand in self.operands) + 1
        if depth > MAX_DEPTH:
            raise _too_deep()
        object.__setattr__(self, "depth", depth)

    def atoms(self) -> Iterator[Atom]:
        for operand in self.operands:
            yield from operand.atoms()

    def evaluate(self, true_atoms: Mapping[Atom, bool] | frozenset[Atom] | set[Atom]) -> bool:
        return type(self)._combine(operand.evaluate(true_atoms) for operand in self.operands)

    def _text(self, precedence: int) -> str:
        inner = self._precedence + 1
        text = f" {self._word} ".join(operand._text(inner) for operand in self.operands)
        return f"({text})" if precedence > self._precedence else text


@attrs.frozen(str=False)
class And(_Junction):
    """Conjunction of two or more formulas; nested conjunctions are flattened."""

    _word, _precedence, _combine = "and", _AND, all
    operands: tuple[Formula, ...] = attrs.field(
        converter=lambda operands: _flatten(operands, And), validator=_at_least_two
    )
    depth: int = attrs.field(init=False, eq=False, repr=False)


@attrs.frozen(str=False)
class Or(_Junction):
    """Disjunction of two or more formulas; nested disjunctions are flattened."""

    _word, _precedence, _combine = "or", _OR, any
    operands: tuple[Formula, ...] = attrs.field(
        converter=lambda operands: _flatten(operands, Or), validator=_at_least_two
    )
    depth: int = attrs.field(init=False, eq=False, repr=False)


FormulaLike: TypeAlias = Formula | str


def as_formula(value: FormulaLike) -> Formula:
    """Return ``value`` as a formula, parsing it when it is text."""
    if isinstance(value, Formula):
        return value
    if isinstance(value, str):
        return parse_formula(value)
    raise ScenarioError(f"expected a formula or formula text, got {type(value).__name__}")


def atom(name: str, *args: str) -> Atom:
    """Return the atom ``name(args...)``; ``atom("held")`` is a free proposition."""
    return Atom(name, args)


def attends(actor: str, event: str) -> Atom:
    """Return the atom ``attends(actor, event)``."""
    return Atom("attends", (actor, event))


def absent(actor: str, event: str) -> Formula:
    """Return ``not attends(actor, event)``."""
    return Not(attends(actor, event))


# --------------------------------------------------------------------------- parsing

_TOKEN = re.compile(r"\s*(?:(?P<ident>[A-Za-z][A-Za-z0-9_]*)|(?P<punct>[(),]))")


class _Parser:
    """Recursive descent over the grammar of SPEC section 2."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[tuple[str, int]] = []  # (token, offset)
        pos = 0
        while True:
            match = _TOKEN.match(text, pos)
            if match is None:
                rest = text[pos:]
                if rest.strip():
                    bad = pos + len(rest) - len(rest.lstrip())
                    self._fail(f"unexpected character {text[bad]!r}", bad)
                break
            self.tokens.append(
                (match.group("ident") or match.group("punct"), match.start(match.lastgroup))
            )
            pos = match.end()
        self.tokens.append(("", len(text)))
        self.index = 0
        self.nesting = 0  # "not"s and "("s open at the current token

    def _fail(self, reason: str, offset: int) -> NoReturn:
        text = self.text
        if len(text) > 120:  # a long formula is quoted around the spot at fault
            text = text[max(0, offset - 40) : offset + 40]
            reason += f" (near {text!r})"
            raise ScenarioError(f"{reason} at column {offset + 1}", offset=offset)
        raise ScenarioError(f"{reason} in formula {text!r} at column {offset + 1}", offset=offset)

    def peek(self) -> str:
        return self.tokens[self.index][0]

    def offset(self) -> int:
        return self.tokens[self.index][1]

    def take(self) -> str:
        token = self.tokens[self.index][0]
        self.index += 1
        return token

    def expect(self, token: str, what: str) -> None:
        if self.peek() != token:
            found = repr(self.peek()) if self.peek() else "end of formula"
            self._fail(f"expected {what}, found {found}", self.offset())
        self.take()

    def parse(self) -> Formula:
        if self.peek() == "":
            self._fail("empty formula", 0)
        formula = self.disjunction()
        if self.peek() != "":
            self._fail(f"unexpected {self.peek()!r}", self.offset())
        return formula

    def _node(self, build: Callable[[], Formula], start: int) -> Formula:
        """Build a node; a formula nested too deep is an error at ``start``."""
        try:
            return build()
        except ScenarioError as error:
            self._fail(error.reason, start)

    def disjunction(self) -> Formula:
        start = self.offset()
        operands = [self.conjunction()]
        while self.peek() == "or":
            self.take()
            operands.append(self.conjunction())
        return operands[0] if len(operands) == 1 else self._node(lambda: Or(operands), start)

    def conjunction(self) -> Formula:
        start = self.offset()
        operands = [self.unary()]
        while self.peek() == "and":
            self.take()
            operands.append(self.unary())
        return operands[0] if len(operands) == 1 else self._node(lambda: And(operands), start)

    def unary(self) -> Formula:
        # A run of "not"s is read in a loop, and every "(" counts against the
        # nesting limit before it recurses: no input can exhaust the stack.
        negations: list[int] = []
        while self.peek() == "not":
            negations.append(self.offset())
            self._enter(self.offset())
            self.take()
        token, start = self.peek(), self.offset()
        if token == "(":
            self._enter(start)
            self.take()
            formula = self.disjunction()
            self.expect(")", "')'")
            self.nesting -= 1
        elif token == "" or not IDENT.fullmatch(token) or token in RESERVED:
            found = repr(token) if token else "end of formula"
            self._fail(f"expected an atom, 'not' or '(', found {found}", start)
        else:
            formula = self.atom()
        for offset in reversed(negations):
            formula = self._node(functools.partial(Not, formula), offset)
            self.nesting -= 1
        return formula

    def _enter(self, offset: int) -> None:
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            self._fail(f"the formula is nested more than {MAX_DEPTH} deep", offset)

    def atom(self) -> Formula:
        name, start = self.take(), self.tokens[self.index - 1][1]
        args: list[str] = []
        if self.peek() == "(":
            self.take()
            while True:
                token = self.peek()
                if not IDENT.fullmatch(token or "-") or token in RESERVED:
                    found = repr(token) if token else "end of formula"
                    self._fail(f"expected an argument, found {found}", self.offset())
                args.append(self.take())
                if self.peek() == ",":
                    self.take()
                    continue
                self.expect(")", "',' or ')'")
                break
        if name in ATTENDANCE and len(args) != 2:
            self._fail(
                f"{name} takes exactly two arguments (an actor and an event), got {len(args)}",
                start,
            )
        if name == "absent":
            return absent(*args)
        return Atom(name, args)


_NAME = r"[A-Za-z][A-Za-z0-9_]*"
#: A plain atom, ``name`` or ``name(a, b, ...)``, with the blanks the tokens allow.
_PLAIN_ATOM = re.compile(rf"\s*({_NAME})\s*(?:\(\s*({_NAME}(?:\s*,\s*{_NAME})*)\s*\))?\s*")
_COMMA = re.compile(r"\s*,\s*")
#: The commonest plain atom of all, read without splitting its arguments.
_ATTENDS = re.compile(rf"\s*attends\s*\(\s*({_NAME})\s*,\s*({_NAME})\s*\)\s*")


def _valid_atom(name: str, args: tuple[str, ...]) -> Atom:
    """Return ``Atom(name, args)`` for names and arguments already known valid."""
    made = object.__new__(Atom)
    object.__setattr__(made, "name", name)
    object.__setattr__(made, "args", args)
    return made


def _plain_atom(text: str) -> Formula | None:
    """The fast path of :func:`parse_formula`: a valid plain atom or ``absent``, else None.

    One regular expression, no tokens, no validators; ``None`` whenever the
    text is anything else, or a plain atom with a fault, so that the parser
    reads it and reports the fault as it always has.
    """
    match = _ATTENDS.fullmatch(text)
    if match is not None:
        actor, event = match.groups()
        if actor in RESERVED or event in RESERVED:
            return None
        made = object.__new__(Atom)
        object.__setattr__(made, "name", "attends")
        object.__setattr__(made, "args", (sys.intern(actor), sys.intern(event)))
        return made
    match = _PLAIN_ATOM.fullmatch(text)
    if match is None:
        return None
    name, inner = match.groups()
    # Interned: a large file names each actor and event in thousands of atoms.
    args = () if inner is None else tuple(map(sys.intern, _COMMA.split(inner)))
    if name in RESERVED or not RESERVED.isdisjoint(args):
        return None
    if name in ATTENDANCE:
        if len(args) != 2:
            return None
        if name == "absent":
            return Not(_valid_atom("attends", args))
    return _valid_atom(name, args)


def parse_formula(text: str) -> Formula:
    """Parse formula text in the grammar of SPEC section 2.

    A plain atom (most formulas in large files) takes a fast path with the
    same result.

    Raises
    ------
    ScenarioError
        When the text is not a formula; ``offset`` holds the 0-based position.
    """
    if not isinstance(text, str):
        raise ScenarioError(f"expected formula text, got {type(text).__name__}")
    plain = _plain_atom(text)
    return _Parser(text).parse() if plain is None else plain
