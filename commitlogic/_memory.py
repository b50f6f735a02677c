"""A helper for building large scenarios: the cyclic garbage collector paused."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]

#: Objects left in the youngest generation at the end of a pause beyond which
#: they go straight to the oldest one (see :func:`paused_gc`).
PROMOTE = 100_000


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic objects.

    Loading or encoding a large scenario allocates millions of objects that
    live on, so the collector would walk them again and again (a quarter of
    the time at 100,000 statements); reference counting still frees what dies.

    Every object made during the pause is still in the youngest generation
    when it ends, and the first young collection after it would walk them
    all, then the middle one again: 1.5 to 2 s at 1,000,000 statements.  So
    when more than :data:`PROMOTE` are pending, they move to the oldest
    generation at once (``gc.freeze`` then ``gc.unfreeze``, two list splices),
    where only full collections look at them; cyclic garbage among them is
    still collected then.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_count()[0] > PROMOTE:
                gc.freeze()  # every tracked object into the permanent generation...
                gc.unfreeze()  # ...and back into the oldest one
            gc.enable()
