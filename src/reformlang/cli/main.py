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

import os
import sys

from reformlang import __version__
from reformlang.cli import _help
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
    "diff": "show what a change to a spec does to the design",
    "brief": "write a one-page brief of a spec for the people who decide",
    "compare": "put several designs side by side on one HTML page",
    "build": "build check results, diagrams, plans and a simulation into a folder",
    "completion": "print a shell completion script (bash, zsh or fish)",
    "lsp": "run the language server for editors (needs reformlang[lsp])",
}


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


def _parser_class():
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # usage errors exit 2 with the usage line
            from reformlang.visible import visible

            self.print_usage(sys.stderr)
            # the message echoes what was typed: a control character in it must not drive the terminal
            self.exit(EXIT_USAGE, f"{self.prog}: error: {visible(message)}\n")

        def _get_formatter(self):
            # argparse makes a formatter for every argument added, and each one imports shutil (and
            # through it bz2 and lzma) to ask for the terminal's width: ask for it here instead.
            return self.formatter_class(prog=self.prog, width=_help_width())

    return _Parser


def build_parser(only: str | None = None):
    """The argument parser (argparse's); with `only`, just that command is registered (a faster start)."""
    import argparse

    _Parser = _parser_class()
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
    import importlib

    try:
        return importlib.import_module(f"reformlang.cli.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"reformlang.cli.{name}":
            return None  # a command not built yet
        raise


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv in ([], ["-h"], ["--help"]) and _help_width() == _help.WIDTH:
        # The list of commands, as argparse renders it (cli/_help.py, generated from build_parser() and
        # tested to be current) without importing argparse: most of what `reformlang --help` cost.
        sys.stdout.write(_help.TEXT)
        if argv:
            raise SystemExit(EXIT_OK)  # as argparse's help action does
        return EXIT_USAGE
    if len(argv) == 2 and argv[1] in ("-h", "--help") and argv[0] in _help.COMMAND_HELP \
            and _help_width() == _help.WIDTH:
        sys.stdout.write(_help.COMMAND_HELP[argv[0]])  # `reformlang COMMAND --help`, the same way
        raise SystemExit(EXIT_OK)
    plain = _plain_check(argv[1:]) if argv[:1] == ["check"] else None
    if plain is not None:
        args = plain  # the commonest runs, `check [--no-cache] PATH...`, parsed without argparse
    else:
        parser = build_parser(argv[0] if argv else None)
        args = parser.parse_args(argv)
        if not getattr(args, "command", None):
            parser.print_help()
            return EXIT_USAGE
    try:
        if getattr(args, "lang", None):
            # Known before anything is read: a problem with the configuration or a spec is said in it too.
            # (`lang` in the configuration takes effect once the configuration is read; see docs/french.md.)
            from reformlang import i18n

            i18n.use(args.lang)
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


def _plain_check(argv: list[str]):
    """What argparse makes of `check PATH...` with none but the on/off options (`--no-cache`, `-q`, ...),
    spelled in full, before or after the paths: the parser's defaults (cli/_help.py, generated from
    build_parser("check") and tested to be the same) with those options and the paths. None for anything
    else (an option with a value, an abbreviation, '-', no path), which argparse parses."""
    flags = {}
    paths: list[str] = []
    ended = False  # paths come in one run, as argparse takes them
    for arg in argv:
        if arg in _help.CHECK_FLAGS:
            flags[_help.CHECK_FLAGS[arg]] = True
            ended = bool(paths)
        elif arg[:1] in ("", "-") or ended:
            return None
        else:
            paths.append(arg)
    if not paths:
        return None
    from reformlang.cli import check

    return _Namespace(**{**_help.CHECK_DEFAULTS, **flags}, command="check", paths=paths, run=check.run)


class _Namespace:
    """The attributes argparse's Namespace gives a command (types.SimpleNamespace, without importing types)."""

    def __init__(self, **values) -> None:
        self.__dict__.update(values)


def command_help(name: str) -> str:
    """`reformlang NAME --help` as argparse prints it."""
    import argparse

    sub = next(a for a in build_parser(name)._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices[name].format_help()


def check_defaults() -> dict:
    """The values argparse gives `check`'s options when none is given (for cli/_help.py)."""
    values = vars(build_parser("check").parse_args(["check"]))
    return {k: v for k, v in sorted(values.items()) if k not in ("command", "paths", "run")}


def check_flags() -> dict:
    """`check`'s on/off options (argparse's store_true), each spelling to what it sets (for cli/_help.py)."""
    import argparse

    sub = next(a for a in build_parser("check")._actions if isinstance(a, argparse._SubParsersAction))
    return {spelling: action.dest for action in sub.choices["check"]._actions
            if isinstance(action, argparse._StoreTrueAction) for spelling in sorted(action.option_strings)}


def run_reporting(run) -> int:
    """Run one pass of a command and report a UserError as main would, without ending the process:
    what `--watch` does with each run (the next save may fix the problem)."""
    try:
        return int(run() or 0)
    except UserError as exc:
        return report_user_error(exc)


def report_user_error(exc: UserError) -> int:
    """Show a user error (its located diagnostics, what went wrong, what to do) and give its exit code,
    in the language of the run (its message and help are English for anything else that reads them)."""
    from reformlang.cli.common import use_colour
    from reformlang.i18n import _, colon
    from reformlang.render.text import render_text
    from reformlang.visible import visible  # a message may quote a spec's text or a file's name

    colour = use_colour(sys.stderr)
    if exc.diagnostics:
        sys.stderr.write(render_text(exc.diagnostics, colour))
    if str(exc):
        said = f"{_(exc.message)}; {_(exc.outcome)}" if exc.outcome else _(exc.message)
        print(f"reformlang: {visible(said, keep=chr(10))}", file=sys.stderr)
    if exc.help:
        print(f"  {_('help')}{colon()}{visible(_(exc.help), keep=chr(10))}", file=sys.stderr)
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


def help_module(width: int = 78) -> str:
    """The text of cli/_help.py: the top-level help as build_parser() renders it at `width` (`make docs`)."""
    os.environ["COLUMNS"] = str(width + 2)
    text = build_parser().format_help()
    return (f'"""`reformlang --help` and each `reformlang COMMAND --help` as argparse renders them at width {width}\n'
            '(80 columns, or not a terminal), and the defaults of `check`, so that none needs argparse.\n\n'
            "Generated from cli/main.py's build_parser() by `python -m reformlang.cli.main --write-help`\n"
            '(`make docs`); tests/test_cli_help.py checks it is current. Do not edit."""\n\n'
            f"WIDTH = {width}\nTEXT = {text!r}\n\n"
            "# `reformlang COMMAND --help`, at the same width.\n"
            "COMMAND_HELP = {\n" + "".join(f"    {n!r}: {command_help(n)!r},\n" for n in COMMANDS) + "}\n\n"
            "# What argparse makes of `reformlang check PATH...` besides the paths (cli/main.py's _plain_check).\n"
            f"CHECK_DEFAULTS = {check_defaults()!r}\n"
            "# `check`'s on/off options, each spelling to the value it turns on (cli/main.py's _plain_check).\n"
            f"CHECK_FLAGS = {check_flags()!r}\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write-help"]:
        from pathlib import Path

        from reformlang.files import write_atomic

        write_atomic(str(Path(__file__).with_name("_help.py")), help_module())
        raise SystemExit(0)
    raise SystemExit(main())
