"""`reformlang`: the command-line entry point.

Each subcommand lives in its own module with `register(subparsers)` and
`run(args) -> int`; modules import heavy libraries inside `run` only, so that
`reformlang check` starts fast.

Exit codes: 0 success, 1 findings at or above the failure level (or files that
`fmt --check` would change), 2 usage or I/O problems, 3 an internal error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback

from reformlang import __version__

COMMANDS = ("check", "fmt", "explain", "rules", "graph", "plan", "simconfig", "simulate", "build", "completion")

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with the usage line
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


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
    for name in (only,) if only in COMMANDS else COMMANDS:
        module = _command(name)
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
        inputs = getattr(args, "current_input", None) or " ".join(getattr(args, "paths", []) or [])
        print(f"reformlang: internal error while running `{args.command}` on {inputs or 'its input'}: "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)
        print("this is a bug in reformlang, not in your spec; please report it with the file above",
              file=sys.stderr)
        if os.environ.get("REFORMLANG_DEBUG"):
            traceback.print_exc()
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
