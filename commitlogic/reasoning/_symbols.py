"""Building many clingo symbols and facts quickly, for the encoding of large scenarios.

clingo's Python API builds each symbol through several cffi allocations and
a generic error wrapper: about 2.7 µs for ``Function("arg", [p, n, m])``,
and as much again to add a fact through a backend.  A scenario of 100,000
statements has about 600,000 facts, so this overhead alone used to take
seconds.  The functions here call the same C functions of clingo's library
(through the cffi handles of clingo's own Python package), with their
buffers allocated once per maker instead of once per call.  Where those
handles are missing (another clingo release), or a maker would build a
different symbol than the public API (checked once, at import), the public
API is used instead: the symbols and facts are the same either way.

The makers keep buffers: use one per thread (an :class:`~commitlogic.reasoning.encoding.Encoder`
makes its own).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from clingo import Function, Number, String, Symbol
from clingo.backend import Backend

__all__ = ["add_facts", "function_maker"]

try:  # the cffi handles that clingo's own Python modules use
    from clingo._internal import _ffi, _lib
    from clingo.symbol import Symbol as _SymbolClass
except ImportError:  # pragma: no cover - a clingo without them: the public API
    _ffi = _lib = None


def _public_maker(name: str) -> Callable[..., Symbol]:
    def make(*arguments: Symbol) -> Symbol:
        return Function(name, list(arguments))

    return make


def _fast_maker(name: str, arity: int) -> Callable[..., Symbol]:
    c_name = name.encode()
    arguments = _ffi.new("clingo_symbol_t[]", max(arity, 1))
    out = _ffi.new("clingo_symbol_t*")
    create = _lib.clingo_symbol_create_function

    def make(*given: Symbol) -> Symbol:
        for index, argument in enumerate(given):
            arguments[index] = argument._rep
        if len(given) != arity or not create(c_name, arguments, arity, True, out):
            return Function(name, list(given))  # the public API raises the right error
        return _SymbolClass(out[0])

    return make


def _fast_works() -> bool:
    if _lib is None:
        return False  # pragma: no cover
    try:
        sample = (Number(3), String("attends(a,b)"), Function("x"))
        return _fast_maker("f", 3)(*sample) == Function("f", list(sample))
    except Exception:  # pragma: no cover - any surprise: the public API
        return False


_FAST = _fast_works()


def function_maker(name: str, arity: int) -> Callable[..., Symbol]:
    """Return a function ``make(*arguments)`` that builds the symbol ``name(arguments)``.

    Parameters
    ----------
    name
        The function name, such as ``"lit"``.
    arity
        The number of arguments each call passes.
    """
    return _fast_maker(name, arity) if _FAST else _public_maker(name)


def add_facts(backend: Backend, facts: Iterable[Symbol]) -> None:
    """Add each symbol of ``facts`` as a fact through ``backend`` (an open ``Control.backend()``).

    The same as ``backend.add_rule([backend.add_atom(fact)])`` for each fact.
    """
    if not _FAST:  # another clingo release: the public API (tests/test_symbols.py)
        for fact in facts:
            backend.add_rule([backend.add_atom(fact)])
        return
    handle: Any = backend._rep  # type: ignore[attr-defined]
    symbol = _ffi.new("clingo_symbol_t*")
    head = _ffi.new("clingo_atom_t[1]")
    add_atom, add_rule = _lib.clingo_backend_add_atom, _lib.clingo_backend_rule
    for fact in facts:
        symbol[0] = fact._rep
        if not (add_atom(handle, symbol, head) and add_rule(handle, False, head, 1, _ffi.NULL, 0)):
            backend.add_rule([backend.add_atom(fact)])  # raises clingo's own error
