"""Build everything for a set of specs into one folder (check results, diagrams, plans, simulation, index.html), atomically.

The folder is built beside its destination under a temporary name and swapped
in only when every step has succeeded, so a failed build leaves the previous
folder exactly as it was. A marker file says a folder was made by this
command; a folder without it is never replaced, so `-o` cannot wipe a folder
of someone's own by mistake.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import quote

import attrs

from reformlang.diagnostics import Diagnostic
from reformlang.errors import UserError
from reformlang.files import write_atomic
from reformlang.semantics import model

MARKER = ".reformlang-build"
VIEWS = ("system", "logic", "network", "timeline")


class BuildProblem(UserError):
    """Something the user can fix: the output folder, clashing names."""


@attrs.frozen
class Item:
    """One spec to build: where it came from, its model, and what compiling it said."""

    path: str
    spec: model.Spec
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def stem(self) -> str:
        return Path(self.path).stem


def check_destination(out: Path) -> None:
    """Refuse to replace anything but an empty folder or one this command built."""
    if out.exists() and not out.is_dir():
        raise BuildProblem(f"{out} is a file, not a folder; choose another -o")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise BuildProblem(f"{out} already holds files that `reformlang build` did not write; "
                           "choose another -o or empty that folder first")


def build(items: Sequence[Item], out: Path, runs: int = 20, seed: int = 0,
          log: Callable[[Item], None] = lambda _: None, sensitivity: dict | None = None) -> Path:
    """Build every item into out/<stem>/ and out/index.html; on any failure `out` is left untouched.

    `sensitivity` (as `reformlang simulate --sensitivity` takes it) also varies the simulation's parameters,
    so that the plans say whether the simulation's direction holds in every variation."""
    out = Path(os.path.abspath(out))
    check_destination(out)
    stems: dict[str, str] = {}
    for item in items:
        if item.stem in stems:
            raise BuildProblem(f"{stems[item.stem]} and {item.path} would both build into {item.stem}/; "
                               "rename one of them")
        stems[item.stem] = item.path
    out.parent.mkdir(parents=True, exist_ok=True)
    staging: Path | None = None
    with _terminated_as_exception():
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
            entries = []
            for item in items:
                log(item)
                entries.append(build_one(item, staging / item.stem, runs, seed, sensitivity))
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


def build_one(item: Item, folder: Path, runs: int, seed: int, sensitivity: dict | None = None) -> dict:
    """Everything for one spec; returns what the index shows about it."""
    from reformlang.backends import graph
    from reformlang.backends.checking import review
    from reformlang.backends.findings import locate
    from reformlang.backends.plan import render_plan
    from reformlang.driver import Compilation
    from reformlang.lint.report import Linter
    from reformlang.render.report import render_report

    folder.mkdir(parents=True)
    spec = item.spec
    # The check results say exactly what `reformlang check --format text|json` says of this spec.
    report, _ = Linter().lint([(item.path, Compilation(item.path, None, spec, item.diagnostics), None)])
    write_atomic(folder / "check.txt", render_report("text", report))
    write_atomic(folder / "check.json", render_report("json", report))
    checked = review(spec)

    located = locate(spec, checked.findings)
    diagrams = []
    for view in VIEWS:
        dot_text = graph.render(spec, view, "dot", located)
        write_atomic(folder / "diagrams" / f"{view}.dot", dot_text)
        write_atomic(folder / "diagrams" / f"{view}.mmd", graph.render(spec, view, "mermaid", located))
        write_atomic(folder / "diagrams" / f"{view}.svg", graph.run_dot(dot_text, "svg"))
        diagrams.append(view)
    # Simulate first: the plan shows each initiative's simulation beside the design.
    written = simulate(spec, folder / "simulation", runs, seed, sensitivity)
    sim = [p for w in written for p in w.paths]
    said = {w.initiative: {"plot": quote((w.folder / "trajectories.svg").relative_to(folder).as_posix()),
                           "headline": list(w.headline), "notes": list(w.notes), "runs": w.runs,
                           "years": w.years}
            for w in written}
    write_atomic(folder / "plan.md", render_plan(spec, "md", checked, simulation=said))
    write_atomic(folder / "plan.html", render_plan(spec, "html", checked, simulation=said))
    counts = {s: sum(1 for d in report.findings if d.severity.label == s) for s in ("error", "warning", "info")}
    return {
        "stem": item.stem,
        "href": quote(item.stem),
        "path": item.path,
        "titles": [ini.title or ini.id for ini in spec.initiatives],
        "findings": len(report.findings),
        "counts": counts,
        "scorecard": [{"title": c.get("title") or fid, "held": c.get("held", 0), "checked": c.get("checked", 0)}
                      for fid, c in checked.scorecard.items()],
        "diagrams": diagrams,
        "simulation": [{"name": p.relative_to(folder / "simulation").as_posix(),
                        "href": quote(p.relative_to(folder / "simulation").as_posix())} for p in sorted(sim)],
    }


def simulate(spec: model.Spec, folder: Path, runs: int, seed: int, sensitivity: dict | None = None) -> list:
    """The simulation's summary and plots for a spec (the simulator writes them), and what each run said."""
    from reformlang.simulation import simulate_spec

    return simulate_spec(spec, folder, runs=runs, seed=seed, sensitivity=sensitivity)


def render_index(entries: list[dict]) -> str:
    from reformlang.backends.plan import environment

    return environment("html").get_template("index.html.j2").render(entries=entries)
