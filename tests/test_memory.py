"""commitlogic._memory.paused_gc: the collector paused, and many new objects promoted at once."""

from __future__ import annotations

import gc
import weakref

from commitlogic._memory import PROMOTE, paused_gc


class _Node:
    def __init__(self) -> None:
        self.other: object = self  # a cycle: only the cyclic collector frees it


def test_the_collector_is_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # a collector paused before stays paused
    finally:
        gc.enable()


def test_many_new_objects_skip_the_young_generations_and_cycles_still_die() -> None:
    gc.collect()
    with paused_gc():
        kept = [[index] for index in range(PROMOTE + 1_000)]
        cycle = _Node()
        dead = weakref.ref(cycle)
        del cycle
        assert gc.get_count()[0] > PROMOTE
    assert gc.get_count()[0] < 1_000  # promoted: no young collection walks them all
    assert dead() is not None  # cyclic garbage waits for a full collection...
    gc.collect()
    assert dead() is None  # ...which frees it
    assert len(kept) == PROMOTE + 1_000


def test_few_new_objects_stay_young() -> None:
    thresholds = gc.get_threshold()
    gc.set_threshold(10**7)  # no young collection before the count is read
    try:
        gc.collect()
        with paused_gc():
            kept = [[index] for index in range(1_000)]
        assert gc.get_count()[0] >= 1_000
        assert len(kept) == 1_000
    finally:
        gc.set_threshold(*thresholds)
