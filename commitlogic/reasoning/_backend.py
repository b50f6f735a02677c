"""Adding many rules through clingo's backend, and reading many literals of a model, quickly.

The clause encoding (:mod:`commitlogic.reasoning.clauses`) adds a few
program atoms, rules and heuristics per statement and per atom: about
600,000 backend calls at 100,000 statements.  clingo's Python API wraps each
call in an allocation and an error check (about 2 µs a call); the
:class:`Builder` here calls the same C functions of clingo's library through
the cffi handles of clingo's own Python package, with buffers allocated once
(about half the time).  :func:`true_among` reads the truth of many program
literals in one model the same way.  Where those handles are missing
(another clingo release), the public API is used: the program and the
answers are the same either way (as in :mod:`commitlogic.reasoning._symbols`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import clingo
from clingo import HeuristicType, TruthValue
from clingo.backend import Backend

__all__ = ["Builder", "true_among"]

try:  # the cffi handles that clingo's own Python modules use
    from clingo._internal import _ffi, _lib  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a clingo without them: the public API
    _ffi = _lib = None

_FAST = _lib is not None and all(
    hasattr(_lib, name)
    for name in (
        "clingo_backend_add_atom",
        "clingo_backend_rule",
        "clingo_backend_external",
        "clingo_backend_heuristic",
        "clingo_model_is_true",
    )
)

#: The longest rule body the fast path writes into its buffer (longer ones use the API).
_BODY = 64
# Enum values, read once (an enum member's ``value`` is a Python-level property).
_FREE = TruthValue.Free.value
_TRUE, _FALSE = HeuristicType.True_.value, HeuristicType.False_.value
_KINDS = {kind: kind.value for kind in HeuristicType}


class Builder:
    """Adds atoms and rules through one open backend (``with control.backend() as backend``).

    Parameters
    ----------
    backend
        The open backend.
    maximize
        The literal of the external that chooses the preferred sign of the
        choice atoms (see :meth:`choice`), or ``None`` for choice atoms without
        heuristics.
    """

    def __init__(self, backend: Backend, maximize: int | None = None) -> None:
        self._backend, self._maximize = backend, maximize
        self._fast = _FAST
        if self._fast:
            self._handle: Any = backend._rep
            self._out = _ffi.new("clingo_atom_t*")
            self._head = _ffi.new("clingo_atom_t[1]")
            self._body = _ffi.new("clingo_literal_t[]", _BODY)
            if maximize is not None:
                self._up = _ffi.new("clingo_literal_t[1]", [maximize])
                self._down = _ffi.new("clingo_literal_t[1]", [-maximize])

    def atom(self) -> int:
        """Return a new program atom."""
        if self._fast and _lib.clingo_backend_add_atom(self._handle, _ffi.NULL, self._out):
            return int(self._out[0])
        return self._backend.add_atom()

    def external(self) -> int:
        """Return a new free external atom: assumptions may set it either way."""
        atom = self.atom()
        if not (self._fast and _lib.clingo_backend_external(self._handle, atom, _FREE)):
            self._backend.add_external(atom, TruthValue.Free)
        return atom

    def constraint(self, body: Sequence[int]) -> None:
        """Add ``:- body`` (the hot path of the clause encoding: one per statement)."""
        if self._fast and len(body) <= _BODY:
            self._body[0 : len(body)] = body
            if _lib.clingo_backend_rule(self._handle, False, _ffi.NULL, 0, self._body, len(body)):
                return
        self._backend.add_rule([], list(body))

    def rule(self, head: int | None, body: Sequence[int], choice: bool = False) -> None:
        """Add ``head :- body`` (``None``: a constraint; ``choice``: ``{head} :- body``)."""
        if self._fast and len(body) <= _BODY:
            buffer = self._body
            buffer[0 : len(body)] = body
            heads = 0 if head is None else 1
            if heads:
                self._head[0] = head
            if _lib.clingo_backend_rule(
                self._handle, choice, self._head if heads else _ffi.NULL, heads, buffer, len(body)
            ):
                return
        self._backend.add_rule([] if head is None else [head], list(body), choice)

    def heuristic(
        self, atom: int, kind: HeuristicType, bias: int, priority: int, condition: int
    ) -> None:
        """Add ``#heuristic atom : condition. [bias@priority, kind]`` (one condition literal)."""
        if self._fast:
            self._body[0] = condition
            value = _KINDS[kind]
            if _lib.clingo_backend_heuristic(
                self._handle, atom, value, bias, priority, self._body, 1
            ):
                return
        self._backend.add_heuristic(atom, kind, bias, priority, [condition])

    def choice(self) -> int:
        """Return a new atom with the choice rule ``{atom}``, of the sign ``maximize`` prefers.

        Its heuristics are those of rules/heuristics.lp: level 1, sign true
        while ``maximize`` holds and false while it does not.
        """
        atom = self.atom()
        self.rule(atom, (), choice=True)
        if self._maximize is None:
            return atom
        if not (
            self._fast
            and _lib.clingo_backend_heuristic(self._handle, atom, _TRUE, 1, 1, self._up, 1)
            and _lib.clingo_backend_heuristic(self._handle, atom, _FALSE, 1, 1, self._down, 1)
        ):
            self._backend.add_heuristic(atom, HeuristicType.True_, 1, 1, [self._maximize])
            self._backend.add_heuristic(atom, HeuristicType.False_, 1, 1, [-self._maximize])
        return atom


def true_among(model: clingo.Model, literals: Sequence[int]) -> list[int]:
    """Return the program literals of ``literals`` that are true in ``model``, in order."""
    if not _FAST:
        return [literal for literal in literals if model.is_true(literal)]
    handle: Any = model._rep
    out = _ffi.new("bool*")
    is_true = _lib.clingo_model_is_true
    return [
        literal
        for literal in literals
        if (is_true(handle, literal, out) or _failed(model, literal)) and out[0]
    ]


def _failed(model: clingo.Model, literal: int) -> bool:
    """Raise clingo's own error for a literal the fast call could not read."""
    model.is_true(literal)  # raises
    raise RuntimeError(f"cannot read literal {literal}")  # pragma: no cover
