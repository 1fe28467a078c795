"""`--watch` for `check` and `build`: run again whenever a spec, a file it uses or a configuration changes.

Polls modification times (no file-system notification library: the lean
install stays lean, and polling works on every platform and network folder).
A change starts a run only once the files have been quiet for the debounce
interval, so an editor's save-in-several-writes or a `git checkout` of many
files gives one run, not several.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reformlang.i18n import _

POLL = float(os.environ.get("REFORMLANG_WATCH_POLL", "0.3"))  # seconds between looks
DEBOUNCE = float(os.environ.get("REFORMLANG_WATCH_DEBOUNCE", "0.2"))  # quiet time before a run

CONFIG_NAMES = ("reformlang.toml", "pyproject.toml")


def watched(paths: list[str], config: str | None = None, inputs: list[Path] = ()) -> set[Path]:
    """What a run depends on: the specs under `paths`, what the last run read (`inputs`: the files the specs
    `use`, the configuration files), and every configuration file that could apply (existing or not:
    creating one counts as a change)."""
    from reformlang.files import discover

    found = discover(paths, config)
    files = found.files
    out = {f.resolve() for f in files} | {Path(p).resolve() for p in paths}
    out |= {Path(p).resolve() for p in inputs}
    if config:
        out.add(Path(config).resolve())
    else:
        folders = {f.resolve().parent for f in files} | {Path(p).resolve() for p in paths if Path(p).is_dir()}
        for folder in folders:
            for here in (folder, *folder.parents):
                out.update(here / name for name in CONFIG_NAMES)
                if (here / ".git").exists():
                    break
    return out


def snapshot(paths: list[str], config: str | None = None, inputs: list[Path] = ()) -> dict[Path, int | None]:
    """Modification time of each watched file (None when it does not exist), and of each folder named
    (a new spec in it changes the folder)."""
    state: dict[Path, int | None] = {}
    for p in watched(paths, config, inputs):
        try:
            state[p] = p.stat().st_mtime_ns
        except OSError:
            state[p] = None
    for p in paths:
        for folder in ([Path(p)] if Path(p).is_dir() else []):
            for sub in (folder, *(d for d in folder.rglob("*") if d.is_dir())):
                try:
                    state[sub.resolve()] = sub.stat().st_mtime_ns
                except OSError:
                    pass
    return state


def _changed(before: dict, after: dict) -> list[Path]:
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


def watch(args, once: Callable[[], int], clock: Callable[[], float] = time.monotonic,
          sleep: Callable[[float], None] = time.sleep, rounds: int | None = None) -> int:
    """Run `once`, then again after each settled change, until interrupted (Ctrl-C exits 0).

    `rounds` bounds the number of runs (for tests); by default it runs until stopped.
    """
    from reformlang.driver import loader

    paths, config = list(args.paths), getattr(args, "config", None)
    runs = 0
    try:
        while True:
            loader().forget_user_files()  # a `use`d file may have changed
            args.inputs = []  # what this run reads (cli.common.inputs_of)
            _once(once)
            runs += 1
            if rounds is not None and runs >= rounds:
                return 0
            inputs = list(args.inputs)
            state = snapshot(paths, config, inputs)
            count = len(watched(paths, config, inputs))
            print("reformlang: " + _("watching %(num)d files for changes (Ctrl-C to stop)") % {"num": count},
                  file=sys.stderr, flush=True)
            while True:
                sleep(POLL)
                now = snapshot(paths, config, inputs)
                if now == state:
                    continue
                # Debounce: wait until nothing has changed for DEBOUNCE seconds.
                settled_at = clock()
                while clock() - settled_at < DEBOUNCE:
                    sleep(min(POLL, DEBOUNCE))
                    later = snapshot(paths, config, inputs)
                    if later != now:
                        now, settled_at = later, clock()
                changed = _changed(state, now)
                names = ", ".join(_display(p) for p in changed[:3]) + (" ..." if len(changed) > 3 else "")
                print("\nreformlang: " + _("%(files)s changed; running again") % {"files": names}, file=sys.stderr,
                      flush=True)
                break
    except KeyboardInterrupt:
        print("reformlang: " + _("stopped watching"), file=sys.stderr)
        return 0


def _once(once: Callable[[], int]) -> None:
    """One run; a problem the user can fix (a spec that does not compile, a bad configuration) is reported
    and the watch goes on."""
    from reformlang.cli.main import run_reporting

    run_reporting(once)


def _display(path: Path) -> str:
    cwd = Path.cwd().resolve()
    return str(path.relative_to(cwd)) if path.is_relative_to(cwd) else str(path)
