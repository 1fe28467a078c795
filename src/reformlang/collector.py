"""When Python's cyclic garbage collector runs: not while a one-shot command works.

A syntax tree and its model are hundreds of thousands of small objects that
live as long as the run and form no cycles worth collecting; left on, the
collector rescans them at every generation threshold, which took about 40% of
`check` on a large spec and made its cost grow faster than the file. Even on
a small spec it ran some 35 times (5 ms of an 85 ms `check`), mostly over the
modules and classes being imported. What survives a pause is frozen (moved
out of the collector's sight, and out of the full collection Python makes as
it exits).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused(collect: bool = False):
    """Run the block without the collector; a pause inside a pause is part of it. `collect`: collect
    once before freezing, for a process that goes on after the block (`--watch`), so that the cycles
    the block left behind are not frozen for good."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if collect:
            gc.collect()
        gc.freeze()
        gc.enable()
