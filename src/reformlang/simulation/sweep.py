"""Where a simulation's independent tasks run: in this process, a local process pool, or a Dask cluster.

A task is a top-level function and its arguments (picklable), so it runs the
same anywhere; every task carries its own seed, derived from the run's seed
and the task's place, never from where or when it runs. Results come back in
the tasks' order, so the same tasks give the same bytes whichever scheduler
ran them.

Schedulers (`--scheduler`):
  (absent)        in this process, one task after another
  processes:N     a pool of N local processes (the standard library's)
  local:N         a Dask LocalCluster of N workers (the `distributed` extra)
  tcp://HOST:PORT an existing Dask scheduler; its workers need reformlang installed
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from reformlang.errors import MissingDependency, UserError

_FORM = re.compile(r"(?:(?P<kind>processes|local):(?P<n>\d+)|(?P<address>(?:tcp|tls)://\S+))\Z")


def parse_scheduler(text: str | None) -> tuple[str, Any] | None:
    """('processes', N), ('local', N), ('address', URL) or None for in-process; ValueError says what is wrong."""
    if text is None or text in ("", "inprocess", "in-process"):
        return None
    m = _FORM.match(text.strip())
    if not m:
        raise ValueError(f"unknown scheduler {text!r}: use processes:N, local:N or tcp://HOST:PORT")
    if m["address"]:
        return ("address", m["address"])
    n = int(m["n"])
    if n < 1:
        raise ValueError(f"{text!r}: a scheduler needs 1 worker or more")
    return (m["kind"], n)


def run_tasks(fn: Callable, tasks: Sequence[tuple], scheduler: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> list:
    """fn(*task) for every task, in the tasks' order, on the scheduler named; `progress(done, total)` per task."""
    chosen = parse_scheduler(scheduler)
    total = len(tasks)
    if chosen is None or total == 0:
        out = []
        for i, task in enumerate(tasks):
            out.append(fn(*task))
            if progress is not None:
                progress(i + 1, total)
        return out
    kind, value = chosen
    if kind == "processes":
        return _processes(fn, tasks, value, progress)
    return _dask(fn, tasks, kind, value, progress)


def _processes(fn: Callable, tasks: Sequence[tuple], workers: int, progress) -> list:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # spawn, not fork: a forked child of a process that holds threads (BLAS, a progress bar) can hang
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(fn, *task): i for i, task in enumerate(tasks)}
        out: list = [None] * len(tasks)
        for done, future in enumerate(as_completed(futures), 1):
            out[futures[future]] = future.result()
            if progress is not None:
                progress(done, len(tasks))
    return out


# glibc's malloc settings for the workers of a local cluster (see _dask)
_WORKER_MALLOC = {"MALLOC_TRIM_THRESHOLD_": 256 << 20, "MALLOC_MMAP_THRESHOLD_": 32 << 20}


def _dask(fn: Callable, tasks: Sequence[tuple], kind: str, value: Any, progress) -> list:
    try:
        import distributed
    except ImportError:
        raise MissingDependency("running on a Dask scheduler (--scheduler local:N or tcp://...)", "distributed",
                                "distributed") from None
    import logging

    cluster = None
    try:
        if kind == "local":
            import dask

            # Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536 (to give memory back to the OS),
            # which turns off glibc's adaptive mmap threshold: every array of the model (400 KB at 100,000
            # schools) was then mmap'd, zero-filled and unmapped anew, and the workers spent 5-6x the
            # in-process CPU, most of it in the kernel. The model's arrays stay under 32 MiB up to about
            # 8 million schools: they come from the heap, which is kept.
            with dask.config.set({"distributed.nanny.pre-spawn-environ": _WORKER_MALLOC}):
                cluster = distributed.LocalCluster(n_workers=value, threads_per_worker=1, processes=True,
                                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = distributed.Client(cluster)
        else:
            client = distributed.Client(value, timeout="5s")
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise UserError(f"cannot reach the Dask scheduler at {value}: {exc}",
                        help="start one with `dask scheduler` and `dask worker ADDRESS`, "
                             "or use --scheduler local:N") from None
    try:
        # pure=False: two equal tasks are still two tasks (each is counted, none is cached away)
        import uuid

        run_id = uuid.uuid4().hex  # keys only name the tasks on a shared scheduler; results never depend on them
        futures = [client.submit(fn, *task, pure=False, key=f"reformlang-{run_id}-{i}") for i, task in enumerate(tasks)]
        index = {f.key: i for i, f in enumerate(futures)}
        out: list = [None] * len(tasks)
        for done, future in enumerate(distributed.as_completed(futures), 1):
            out[index[future.key]] = future.result()
            if progress is not None:
                progress(done, len(tasks))
        return out
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
