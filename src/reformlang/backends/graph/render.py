"""Run the real Graphviz `dot` binary to turn DOT text into SVG or PNG."""

from __future__ import annotations

import os
import shutil
import subprocess

from reformlang.errors import UserError

INSTALL_HINT = ("install Graphviz to draw SVG and PNG: `apt-get install graphviz` (Debian, Ubuntu), "
                "`brew install graphviz` (macOS); the dot and mermaid formats work without it")


class GraphvizMissing(UserError):
    """`dot` is not on the PATH (a system program, not a Python package: exit 2 with how to install it)."""

    def __init__(self, needed_for: str = "drawing SVG and PNG") -> None:
        super().__init__(f"{needed_for} needs Graphviz's `dot` program, which was not found", help=INSTALL_HINT)


class GraphvizFailed(Exception):
    """`dot` ran and refused the input (a bug in our DOT, since every title is escaped)."""


def dot_binary() -> str | None:
    return shutil.which("dot")


DEFAULT_TIMEOUT = 120.0  # seconds; REFORMLANG_DOT_TIMEOUT changes it


class GraphvizTimeout(UserError):
    """`dot` did not finish in time: a layout too large to draw, which the user can change."""


def dot_timeout() -> float:
    raw = os.environ.get("REFORMLANG_DOT_TIMEOUT", "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if 0 < value < float("inf") else DEFAULT_TIMEOUT


# What `dot` drew, by format and DOT text, for the life of the process: a build draws each view for
# its diagrams folder and again for the HTML plan (nothing is drawn twice). Bounded, oldest out first.
_DRAWN: dict[tuple[str, str], bytes] = {}
_DRAWN_KEEP = 64


def run_dot(dot_text: str, fmt: str, timeout: float | None = None) -> bytes:
    """Lay out and draw `dot_text` as `fmt` (svg or png); no shell is involved. `dot` runs under a time
    limit (dot_timeout()); running over it raises GraphvizTimeout, and `dot` is stopped. The same
    text drawn again in the same process is not drawn twice."""
    binary = dot_binary()
    if binary is None:
        raise GraphvizMissing()
    drawn = _DRAWN.get((fmt, dot_text))
    if drawn is not None:
        return drawn
    drawn = _run_dot(binary, dot_text, fmt, timeout)
    if len(_DRAWN) >= _DRAWN_KEEP:
        del _DRAWN[next(iter(_DRAWN))]
    _DRAWN[(fmt, dot_text)] = drawn
    return drawn


def _run_dot(binary: str, dot_text: str, fmt: str, timeout: float | None) -> bytes:
    timeout = dot_timeout() if timeout is None else timeout
    try:
        proc = subprocess.run([binary, f"-T{fmt}"], input=dot_text.encode("utf-8"), capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        lines = dot_text.count("\n") + 1
        raise GraphvizTimeout(
            f"Graphviz's `dot` did not finish drawing this diagram ({lines:,} lines of DOT) within its time "
            f"limit of {timeout:g} seconds, and was stopped",
            help="draw it as --format dot or mermaid (no layout needed), draw a smaller view, or allow dot more "
                 "time with REFORMLANG_DOT_TIMEOUT=SECONDS") from None
    if proc.returncode != 0:
        raise GraphvizFailed(proc.stderr.decode("utf-8", "replace").strip() or f"dot exited {proc.returncode}")
    return proc.stdout
