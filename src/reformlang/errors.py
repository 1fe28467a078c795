"""The one error type for problems a user can fix, and the exit codes.

Any stage may raise `UserError` (a bad configuration, a file that cannot be
read or written, a missing optional dependency, a size over a limit); the
command line maps it to its exit code in one place (cli/main.py). Anything
else that escapes a command is a bug in reformlang (exit 3).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reformlang.diagnostics import Diagnostic

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UserError(Exception):
    """A problem the user can fix: says what went wrong and what to do.

    `diagnostics` carry located problems (file, line, column) to be rendered
    like any other finding; `help` is the line that says what to do.
    """

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, help: str | None = None,
                 diagnostics: Sequence[Diagnostic] = (), exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.help = help
        self.diagnostics = tuple(diagnostics)
        if exit_code is not None:
            self.exit_code = exit_code


class MissingDependency(UserError):
    """An optional feature whose extra is not installed: names the `pip install` line to run."""

    def __init__(self, feature: str, extra: str, module: str) -> None:
        super().__init__(
            f"{feature} needs the Python package `{module}`, which is not installed",
            help=f"install it with: pip install 'reformlang[{extra}]'",
        )
        self.extra = extra
        self.module = module
