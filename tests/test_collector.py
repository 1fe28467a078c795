"""The collector is paused over a one-shot run, and a run that goes on (--watch) leaves no cycle frozen."""

from __future__ import annotations

import gc
import weakref

from reformlang.collector import paused


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_pause_inside_a_pause_is_part_of_it():
    assert gc.isenabled()
    try:
        with paused():
            with paused():
                pass
            assert not gc.isenabled()  # the inner pause did not turn it back on
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_what_outlives_a_pause_is_frozen():
    before = gc.get_freeze_count()
    try:
        with paused():
            kept = [_Cycle() for _ in range(10)]
        assert gc.get_freeze_count() >= before + len(kept)
    finally:
        gc.unfreeze()


def test_a_pause_that_collects_frees_the_cycles_it_made():
    try:
        with paused(collect=True):
            dropped = weakref.ref(_Cycle())  # unreachable at once, kept alive only by its own cycle
            assert dropped() is not None
        assert dropped() is None
    finally:
        gc.unfreeze()
