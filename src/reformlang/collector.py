"""When Python's cyclic garbage collector runs: not while a one-shot command works.

A syntax tree and its model are hundreds of thousands of small objects that
live as long as the run and form no cycles worth collecting; left on, the
collector rescans them at every generation threshold, which took about 40% of
`check` on a large spec and made its cost grow faster than the file. Even on
a small spec it ran some 35 times (5 ms of an 85 ms `check`), mostly over the
modules and classes being imported. What survives a pause is frozen (moved
out of the collector's sight, and out of the full collection Python makes as
it exits).

A one-shot run also keeps each file's syntax tree until the process ends
(`keep`) instead of freeing it once the model is built: freeing the 100,000
nodes of a 36,000-line spec one by one took 13-18 ms of a 440 ms `check`,
and a frozen object is not freed at exit either (Python's finalisation took
5 ms with or without the trees kept). The memory is not reused by the later
stages, so the kept trees have a budget.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


# How much source (in characters) the syntax trees one run keeps may come from, beyond the first file's:
# a tree takes about 25 bytes of memory per character, so about 100 MB. The first file's is always kept,
# as it was in memory beside its model anyway (keeping the 360,000-line spec's tree costs 6% more peak
# memory and saves 5% of the time). Past the budget, trees are freed as usual.
KEEP_BUDGET = 4_000_000

_kept: list = []
_budget: int | None = None  # what the run in progress may still keep; None outside a one-shot run


@contextmanager
def paused(collect: bool = False, one_shot: bool = False):
    """Run the block without the collector; a pause inside a pause is part of it. `collect`: collect
    once before freezing, for a process that goes on after the block (`--watch`), so that the cycles
    the block left behind are not frozen for good. `one_shot`: the process ends with the block, and
    what it builds may be `keep`-ed until then."""
    global _budget
    if not gc.isenabled():
        yield
        return
    gc.disable()
    if one_shot:
        _budget = KEEP_BUDGET
        del _kept[:]  # what an earlier run in this process kept is its own: freed now
    try:
        yield
    finally:
        _budget = None
        if collect:
            gc.collect()
        gc.freeze()
        gc.enable()


def keep(obj: object, size: int) -> None:
    """Hold `obj`, built from `size` characters of source, until the process ends, when a one-shot run
    is in progress and its budget allows (or it is the run's first); otherwise it is freed as usual with
    its last reference."""
    global _budget
    if _budget is None:
        return
    if not _kept:
        _kept.append(obj)
    elif size <= _budget:
        _budget -= size
        _kept.append(obj)
