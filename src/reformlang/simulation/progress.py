"""A small progress bar with an ETA on stderr, drawn only when stderr is a terminal (quiet otherwise)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TextIO


def eta(elapsed: float, done: int, total: int) -> str:
    """The time left at the pace so far, as m:ss (h:mm:ss past an hour); `--:--` before anything is done."""
    if done <= 0 or total <= done:
        return "--:--" if done <= 0 else "0:00"
    left = int(round(elapsed / done * (total - done)))
    hours, rest = divmod(left, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class ProgressBar:
    """Call it with (done, total[, what]); it redraws when the percentage or the item changes."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        # A terminal that cannot redraw a line (TERM=dumb, e.g. an editor's shell) gets no bar.
        self.enabled = (hasattr(self.stream, "isatty") and self.stream.isatty()
                        and os.environ.get("TERM") != "dumb")
        self.label, self.width, self.shown = label, width, None
        self.clock = clock
        self.started = clock()
        self.drawn = 0  # width of the last line, to blank what a shorter one leaves

    def __call__(self, done: int, total: int, what: str = "") -> None:
        if not self.enabled or total <= 0:
            return
        percent = done * 100 // total
        if (percent, what) == self.shown:
            return
        self.shown = (percent, what)
        filled = self.width * done // total
        bar = "#" * filled + "-" * (self.width - filled)
        left = eta(self.clock() - self.started, done, total)
        line = f"{self.label} [{bar}] {percent:3d}%  ETA {left}" + (f"  {what}" if what else "")
        self.stream.write("\r" + line + " " * max(0, self.drawn - len(line)))
        self.drawn = len(line)
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
