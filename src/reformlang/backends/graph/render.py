"""Run the real Graphviz `dot` binary to turn DOT text into SVG or PNG."""

from __future__ import annotations

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


def run_dot(dot_text: str, fmt: str, timeout: float = 120) -> bytes:
    """Lay out and draw `dot_text` as `fmt` (svg or png); no shell is involved."""
    binary = dot_binary()
    if binary is None:
        raise GraphvizMissing()
    proc = subprocess.run([binary, f"-T{fmt}"], input=dot_text.encode("utf-8"), capture_output=True,
                          timeout=timeout, check=False)
    if proc.returncode != 0:
        raise GraphvizFailed(proc.stderr.decode("utf-8", "replace").strip() or f"dot exited {proc.returncode}")
    return proc.stdout
