"""`reformlang`: the command-line entry point.

Each subcommand lives in its own module with `register(subparsers)` and
`run(args) -> int`; modules import heavy libraries inside `run` only, so that
`reformlang check` starts fast.

Exit codes: 0 success, 1 findings at or above the failure level (or files that
`fmt --check` would change), 2 usage, configuration or I/O problems and missing
optional dependencies, 3 an internal error. This module is the one place that
maps errors to exit codes: a command raises `reformlang.errors.UserError` (or
returns its code), and anything else is reported as a bug.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from reformlang import __version__
from reformlang.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UserError, missing_from_import

# Each command, with the line `reformlang --help` shows for it (its module says the rest).
COMMANDS = {
    "check": "check specs for errors and findings",
    "fmt": "rewrite specs in the canonical layout",
    "explain": "explain a rule or a principle of the research",
    "rules": "list the rules of the checker",
    "graph": "draw a diagram of a spec",
    "plan": "write an implementation plan of a spec",
    "simconfig": "write the simulation config (JSON) of a spec",
    "simulate": "simulate a design across every school",
    "build": "build check results, diagrams, plans and a simulation into a folder",
    "completion": "print a shell completion script (bash, zsh or fish)",
    "lsp": "run the language server for editors (needs reformlang[lsp])",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with the usage line
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")

    def _get_formatter(self):
        # argparse makes a formatter for every argument added, and each one imports shutil (and
        # through it bz2 and lzma) to ask for the terminal's width: ask for it here instead.
        return self.formatter_class(prog=self.prog, width=_help_width())


def _help_width() -> int:
    """What argparse's formatter computes with shutil.get_terminal_size(): $COLUMNS, the terminal, or 80; less 2."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns if columns > 0 else 80) - 2


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with `only`, just that command is registered (a faster start)."""
    parser = _Parser(
        prog="reformlang",
        description="A language and compiler for designing reforms of a school system.",
        epilog="example: reformlang check examples/\n\nrun `reformlang COMMAND --help` for each command",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reformlang {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    if only not in COMMANDS:
        # No command to run (`reformlang --help`, or a mistake): list them all without importing any.
        for name, summary in COMMANDS.items():
            sub.add_parser(name, help=summary)
        return parser
    module = _command(only)
    if module is not None:
        module.register(sub)
    return parser


def _command(name: str):
    try:
        return importlib.import_module(f"reformlang.cli.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"reformlang.cli.{name}":
            return None  # a command not built yet
        raise


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv[0] if argv else None)
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args) or 0)
    except UserError as exc:
        return report_user_error(exc)
    except ModuleNotFoundError as exc:
        missing = missing_from_import(exc, f"`reformlang {args.command}`")
        if missing is None:
            return _internal_error(args, exc)
        return report_user_error(missing)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # e.g. `reformlang check | head`: not an error of ours.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except Exception as exc:  # an internal bug: say so, name the input, exit 3
        return _internal_error(args, exc)


def run_reporting(run) -> int:
    """Run one pass of a command and report a UserError as main would, without ending the process:
    what `--watch` does with each run (the next save may fix the problem)."""
    try:
        return int(run() or 0)
    except UserError as exc:
        return report_user_error(exc)


def report_user_error(exc: UserError) -> int:
    """Show a user error (its located diagnostics, what went wrong, what to do) and give its exit code."""
    from reformlang.cli.common import use_colour
    from reformlang.render.text import render_text
    from reformlang.visible import visible  # a message may quote a spec's text or a file's name

    colour = use_colour(sys.stderr)
    if exc.diagnostics:
        sys.stderr.write(render_text(exc.diagnostics, colour))
    if str(exc):
        print(f"reformlang: {visible(str(exc), keep=chr(10))}", file=sys.stderr)
    if exc.help:
        print(f"  help: {visible(exc.help, keep=chr(10))}", file=sys.stderr)
    return exc.exit_code


def _internal_error(args, exc: BaseException) -> int:
    inputs = getattr(args, "current_input", None) or " ".join(_inputs(args))
    print(f"reformlang: internal error while running `{args.command}` on {inputs or 'its input'}: "
          f"{type(exc).__name__}: {exc}", file=sys.stderr)
    print("this is a bug in reformlang, not in your spec; please report it with the file above",
          file=sys.stderr)
    if os.environ.get("REFORMLANG_DEBUG"):
        import traceback

        traceback.print_exception(exc)
    return EXIT_INTERNAL


def _inputs(args) -> list[str]:
    for name in ("paths", "spec", "source"):
        value = getattr(args, name, None)
        if value:
            return list(value) if isinstance(value, list) else [str(value)]
    return []


if __name__ == "__main__":
    raise SystemExit(main())
