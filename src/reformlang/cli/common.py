"""Helpers shared by the commands: compiling the files named on the command line."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from reformlang.diagnostics import Diagnostic, Severity
from reformlang.driver import Compilation, compile_path, compile_source
from reformlang.files import discover
from reformlang.source import decode_source


def use_colour(stream) -> bool:
    import os

    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":  # a terminal that shows escape codes as text
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def config_problem(exc, consequence: str) -> int:
    """Report a broken project configuration (a ConfigError) and give the exit code for it."""
    from reformlang.render.text import render_text

    sys.stderr.write(render_text(exc.diagnostics, use_colour(sys.stderr)))
    sys.stderr.write(f"reformlang: the configuration has problems; {consequence}\n")
    return 2


def io_error(path: str, message: str) -> Diagnostic:
    return Diagnostic("E900", Severity.ERROR, f"cannot read {path}: {message}", None, None, path=path)


def compile_paths(args, paths: list[str]) -> Iterator[tuple[str, Compilation | None, Diagnostic | None]]:
    """Compile each file named or found under `paths`; '-' reads standard input.

    Yields (path, compilation, I/O error). Records the file in hand on `args`
    so that an internal error can name it.
    """
    if paths == ["-"]:
        # `--stdin-filename` names the file the text stands for: its folder, configuration and path in reports.
        name = getattr(args, "stdin_filename", None) or "<stdin>"
        args.current_input = name
        source, bad = decode_source(sys.stdin.buffer.read(), name)
        base = Path(name).resolve().parent if name != "<stdin>" else None
        yield name, compile_source(source, bad, base), None
        return
    files, missing = discover(paths)
    for m in missing:
        yield m, None, io_error(m, "no such file or folder")
    for f in files:
        args.current_input = str(f)
        try:
            comp = compile_path(f, str(f))
        except OSError as exc:
            yield str(f), None, io_error(str(f), exc.strerror or str(exc))
            continue
        yield str(f), comp, None
