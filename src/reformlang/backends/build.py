"""The build folder: written beside its destination and swapped in whole, with its index.html.

What goes into it (check results, diagrams, plans, simulation) is the stage
driver's business (reformlang/stages.py); this module only makes the folder
appear at once. It is built under a temporary name and swapped in only when
every step has succeeded, so a failed build leaves the previous folder
exactly as it was. A marker file says a folder was made by this
command; a folder without it is never replaced, so `-o` cannot wipe a folder
of someone's own by mistake.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import quote

from reformlang.errors import UserError
from reformlang.files import write_atomic

MARKER = ".reformlang-build"


class BuildProblem(UserError):
    """Something the user can fix: the output folder, clashing names."""


def check_destination(out: Path) -> None:
    """Refuse to replace anything but an empty folder or one this command built."""
    if out.exists() and not out.is_dir():
        raise BuildProblem(f"{out} is a file, not a folder; choose another -o")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise BuildProblem(f"{out} already holds files that `reformlang build` did not write; "
                           "choose another -o or empty that folder first")


def build(names: Sequence[tuple[str, str]], out: Path,
          write: Callable[[int, Path], dict], jobs: int = 1,
          progress: Callable[[int, int], None] = lambda _done, _total: None) -> Path:
    """Build into `out` one folder per (source path, folder name), each filled by `write(index, folder)`,
    and out/index.html listing what each returned; on any failure `out` is left untouched. Up to
    `jobs` folders are filled at once, in processes of their own (`each`); `progress(done, total)` hears,
    in this process, of each folder filled (a progress bar)."""
    out = Path(os.path.abspath(out))
    check_destination(out)
    stems: dict[str, str] = {}
    for path, stem in names:
        if stem in stems:
            raise BuildProblem(f"{stems[stem]} and {path} would both build into {stem}/; rename one of them")
        stems[stem] = path
    out.parent.mkdir(parents=True, exist_ok=True)
    staging: Path | None = None
    with _terminated_as_exception():
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
            building = staging

            def one(n: int) -> dict:
                stem = names[n][1]
                folder = building / stem
                folder.mkdir(parents=True)
                return {"stem": stem, "href": quote(stem), **write(n, folder)}

            entries = each(one, len(names), jobs,
                           lambda n: shutil.rmtree(building / names[n][1], ignore_errors=True), progress)
            write_atomic(staging / "index.html", render_index(entries))
            write_atomic(staging / MARKER, "This folder was written by `reformlang build`; it is replaced whole "
                                           "on the next build.\n")
            os.chmod(staging, 0o755)
            _swap(staging, out)
        except BaseException:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
            raise
    return out / "index.html"


def jobs_available() -> int:
    """The processors this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


_JOB: Callable[[int], dict] | None = None  # what forked workers run (they inherit it; nothing is pickled)


def _worker_starts() -> None:
    """A worker dies quietly on SIGTERM (the pool ends its workers so): the parent's handler, inherited
    through fork, would raise Terminated inside the worker's copy of the parent's build."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run_job(n: int) -> tuple[dict, str]:
    """One job in a worker, what it says on standard error kept to be said by the parent, in order."""
    import io

    assert _JOB is not None
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        result = _JOB(n)
    return result, said.getvalue()


def each(job: Callable[[int], dict], count: int, jobs: int, undo: Callable[[int], None],
         progress: Callable[[int, int], None] = lambda _done, _total: None) -> list[dict]:
    """[job(0), ..., job(count - 1)], run by up to `jobs` forked processes where the system forks.

    Each job writes its own folder and returns plain data; the results, and what each job wrote to
    standard error, come back in order, so a build is the same however many run at once. When any
    job fails in a worker, every job's folder is undone and they run again here, one after the
    other: the failure is then raised as itself, not as a worker's copy of it.
    """
    global _JOB
    import multiprocessing

    def in_turn() -> list[dict]:
        results = []
        for n in range(count):
            results.append(job(n))
            progress(n + 1, count)
        return results

    if jobs <= 1 or count <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return in_turn()
    _JOB = job
    # Everything alive now (the models, the modules) is moved out of the collector's sight before forking:
    # its passes would otherwise touch every object in each worker and copy every page the two share.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, count), initializer=_worker_starts) as pool:
            done = []
            for result in pool.imap(_run_job, range(count), chunksize=1):  # in order, as each finishes
                done.append(result)
                progress(len(done), count)
    except Exception:  # noqa: BLE001 -- run again in-process: the real error, raised where it happens
        for n in range(count):
            undo(n)
        return in_turn()
    finally:
        _JOB = None
        gc.unfreeze()
    for _, said in done:
        sys.stderr.write(said)
    return [result for result, _ in done]


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM, as CI runners and `timeout` send) in the middle of a build.

    A BaseException, like KeyboardInterrupt, so that only the clean-up on the way out catches it."""

    exit_code = 128 + signal.SIGTERM


@contextlib.contextmanager
def _terminated_as_exception():
    """While building, SIGTERM raises Terminated, so that the staging folder is removed on the way out
    (by default SIGTERM ends the process on the spot and leaves `.out.building-*` behind)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def stop(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # the clean-up is not interrupted in its turn
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _swap(staging: Path, out: Path) -> None:
    """Put the new folder where the old one was; if that fails, put the old one back."""
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the previous build
        return
    # Without an atomic exchange there is a moment with no folder at all, but never a half-built one.
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(old)
    os.rename(out, old)
    try:
        os.rename(staging, out)
    except BaseException:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux's renameat2 with RENAME_EXCHANGE); False where the system cannot."""
    if sys.platform != "linux":
        return False
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def render_index(entries: list[dict]) -> str:
    from reformlang.backends.plan import environment

    from reformlang import i18n

    from reformlang.backends.graph.views import VIEW_NAMES

    return environment("html").get_template("index.html.j2").render(entries=entries, lang=i18n.current(),
                                                                    view_names=VIEW_NAMES)
