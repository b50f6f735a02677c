"""A helper for building large scenarios: the cyclic garbage collector paused."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic objects.

    Loading or encoding a large scenario allocates millions of objects that
    live on, so the collector would walk them again and again (a quarter of
    the time at 100,000 statements); reference counting still frees what dies.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
