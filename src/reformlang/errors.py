"""The one error type for problems a user can fix, and the exit codes.

Any stage may raise `UserError` (a bad configuration, a file that cannot be
read or written, a missing optional dependency, a size over a limit); the
command line maps it to its exit code in one place (cli/main.py), rendering
its located diagnostics and its help line. Anything else that escapes a
command is a bug in reformlang (exit 3).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: every command imports this module
if TYPE_CHECKING:
    from collections.abc import Sequence

    from reformlang.diagnostics import Diagnostic

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

# The optional modules and the extra (pyproject.toml's [project.optional-dependencies])
# that installs each; tests/test_wheel.py keeps the two in step.
EXTRAS = {
    "jinja2": "plan",
    "markupsafe": "plan",
    "numpy": "simulate",
    "matplotlib": "simulate",
    "dask": "distributed",
    "distributed": "distributed",
    "pygls": "lsp",
    "lsprotocol": "lsp",
}


class UserError(Exception):
    """A problem the user can fix: says what went wrong and what to do.

    `diagnostics` carry located problems (file, line, column) to be rendered
    like any other finding; `help` is the line that says what to do.
    """

    exit_code = EXIT_USAGE
    outcome: str | None = None  # what the command did not do because of it ("nothing was built")

    def __init__(self, message: str, *, help: str | None = None,
                 diagnostics: Sequence[Diagnostic] = (), exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.help = help
        self.diagnostics = tuple(diagnostics)
        if exit_code is not None:
            self.exit_code = exit_code

    def stopped(self, outcome: str) -> UserError:
        """Note what the command left undone (kept from the innermost command that says so)."""
        if self.outcome is None:
            self.outcome = outcome
        return self

    def __str__(self) -> str:
        return f"{self.message}; {self.outcome}" if self.outcome else self.message


class MissingDependency(UserError):
    """An optional feature whose extra is not installed: names the `pip install` line to run.

    `extra` may name several extras ("plan,simulate") and `module` several modules.
    """

    def __init__(self, feature: str, extra: str, module: str) -> None:
        from reformlang.i18n import msg

        if "," in module:
            message = msg("{feature} needs the Python packages {modules}, which are not installed", feature=feature,
                          modules=_quoted(module))
            help_ = msg("install them with: pip install 'reformlang[{extra}]'", extra=extra)
        else:
            message = msg("{feature} needs the Python package {modules}, which is not installed", feature=feature,
                          modules=_quoted(module))
            help_ = msg("install it with: pip install 'reformlang[{extra}]'", extra=extra)
        super().__init__(message, help=help_)
        self.extra = extra
        self.module = module


def _quoted(modules: str) -> str:
    return ", ".join(f"`{m.strip()}`" for m in modules.split(","))


def require(feature: str, *modules: str) -> None:
    """Raise MissingDependency naming every one of `modules` that is not installed.

    Called where a command starts, before any work, so that a missing extra is
    one clear line rather than a failure half-way. Finds modules without
    importing them (a millisecond, not the import's cost).
    """
    from importlib.util import find_spec

    missing = [m for m in modules if find_spec(m) is None]
    if missing:
        extras = ",".join(dict.fromkeys(EXTRAS[m] for m in missing))
        raise MissingDependency(feature, extras, ", ".join(missing))


def missing_from_import(exc: ModuleNotFoundError, feature: str) -> MissingDependency | None:
    """The MissingDependency an import failure stands for, when it is one of the optional modules."""
    top = (exc.name or "").partition(".")[0]
    if top in EXTRAS:
        return MissingDependency(feature, EXTRAS[top], top)
    return None
