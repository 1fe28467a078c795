"""Helpers shared by the commands: compiling the files named on the command line, writing outputs."""

from __future__ import annotations

import sys

from reformlang.errors import EXIT_FAIL, UserError
from reformlang.files import discover, display_path, read_source

TYPE_CHECKING = False  # as typing.TYPE_CHECKING: a check answered from the cache imports no more than it needs
if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from reformlang.diagnostics import Diagnostic
    from reformlang.driver import Compilation


def use_colour(stream) -> bool:
    import os

    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":  # a terminal that shows escape codes as text
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def io_error(path: str, message: str) -> Diagnostic:
    from reformlang.diagnostics import Diagnostic, Severity
    from reformlang.i18n import msg

    return Diagnostic("E900", Severity.ERROR, msg("cannot read {path}: {reason}", path=path, reason=message), None,
                      None, path=path)


def compile_paths(args, paths: list[str]) -> Iterator[tuple[str, Compilation | None, Diagnostic | None]]:
    """Compile each file named or found under `paths`; '-' reads standard input.

    Yields (path, compilation, I/O error). Records the file in hand on `args`
    so that an internal error can name it. Each spec's `use` lines reach only
    files inside its project root (project.py), found from `--config` when given.
    """
    from pathlib import Path

    from reformlang.diagnostics import Diagnostic, Severity
    from reformlang.driver import compile_path, compile_source
    from reformlang.project import config_file, project_root
    from reformlang.source import decode_source

    config = getattr(args, "config", None)
    inputs = inputs_of(args)
    if config:
        inputs.append(Path(config))
    if paths == ["-"]:
        # `--stdin-filename` names the file the text stands for: its folder, configuration and path in reports.
        name = getattr(args, "stdin_filename", None) or "<stdin>"
        spec = None if name == "<stdin>" else name
        args.current_input = name
        try:
            data = read_source(None)
        except OSError as exc:
            yield name, None, io_error(name, exc.strerror or str(exc))
            return
        source, bad = decode_source(data, name)
        base = Path(name).resolve().parent if spec else None
        comp = compile_source(source, bad, base=base, root=project_root(spec, config))
        inputs.extend(comp.inputs)
        yield name, comp, None
        return
    found = discover(paths, config)
    for shown, message, help_ in found.problems:
        yield shown, None, Diagnostic("E900", Severity.ERROR, message, None, help_, path=shown)
    for f in found.files:
        shown = display_path(f)
        args.current_input = shown
        try:
            comp = compile_path(f, shown, root=project_root(f, config))
        except OSError as exc:
            yield shown, None, io_error(shown, exc.strerror or str(exc))
            continue
        inputs.extend((f, *comp.inputs))
        found_config = config_file(f, config)
        if found_config is not None:
            inputs.append(found_config)
        yield str(f), comp, None


def inputs_of(args) -> list[Path]:
    """Every file this command has read so far (specs, the files they use, configurations): what
    no output may overwrite (files.refuse_overwrite)."""
    if not hasattr(args, "inputs"):
        args.inputs = []
    return args.inputs


def load_spec(args, path: str):
    """Compile the one spec a backend works on; raises UserError (with the diagnostics) when it cannot.

    A spec with language errors is exit 1, like `check`; a missing or unreadable
    file, a folder or a library file is exit 2.
    """
    from reformlang.i18n import msg

    results = list(compile_paths(args, [path]))
    if not results:
        raise UserError(msg("{path} holds no .reform file", path=path), help=msg("name one .reform file"))
    if len(results) > 1:
        raise UserError(msg("{path} is a folder", path=path), help=msg("name one .reform file"))
    _, comp, err = results[0]
    if err is not None:
        raise UserError("", diagnostics=[err])
    from reformlang.diagnostics import Severity

    errors = [d for d in comp.diagnostics if d.severity is Severity.ERROR]
    if comp.spec is None or errors:
        raise UserError(msg("{path} has errors", path=path), diagnostics=errors or comp.diagnostics,
                        exit_code=EXIT_FAIL, help=msg("fix them first (run `reformlang check {path}`)", path=path))
    if comp.spec.is_library:
        raise UserError(msg("{path} is a library file (vocabularies or frameworks)", path=path),
                        help=msg("name a spec with an initiative"))
    return comp.spec


def write_output(output: str | None, data: str | bytes) -> None:
    """Write to a file atomically, or to standard output ('-' or no file)."""
    from reformlang.files import write_atomic

    if output and output != "-":
        try:
            write_atomic(output, data)
        except OSError as exc:
            raise cannot_write(output, exc) from None
        return
    if isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)


def cannot_write(path, exc: OSError) -> UserError:
    """The error for a file that cannot be written: its name and the system's reason."""
    from reformlang.i18n import msg

    return UserError(msg("cannot write {path}: {reason}", path=str(path), reason=exc.strerror or str(exc)))


def add_lang_option(parser) -> None:
    """`--lang`: the language of what people read (machine formats stay English)."""
    from reformlang.i18n import LANGUAGES

    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of the text for people: en or fr (default: `lang` in the configuration, "
                             "else en); JSON, SARIF and other machine formats stay English")


def use_lang(args, spec: str | None = None) -> str:
    """Switch to the language `--lang` names, else the one the configuration for `spec` (or the
    current folder) sets, else English; returns it."""
    from reformlang import i18n

    lang = getattr(args, "lang", None)
    if lang is None:
        from reformlang.lint.config import configured_lang

        lang = configured_lang(_configured_for(spec), getattr(args, "config", None))
    return i18n.use(lang)


def _configured_for(spec: str | None) -> str | None:
    """What to find the configuration of: a spec, or for a folder of specs a spec in it (the folder's own
    configuration, not the one above it)."""
    import os

    if spec is not None and spec != "-" and os.path.isdir(spec):
        return os.path.join(spec, "spec.reform")
    return spec


def add_watch_option(parser, verb: str) -> None:
    """`--watch`, for `check` and `build` (`verb`: what they do again)."""
    parser.add_argument("--watch", action="store_true",
                        help=f"{verb} again whenever a spec, a file it uses or a configuration file changes "
                             "(Ctrl-C stops)")


def run_or_watch(args, once) -> int:
    """`once()`, or with `--watch`, again after every change to what it read (cli/watch.py)."""
    if not getattr(args, "watch", False):
        return once()
    from reformlang.cli.watch import watch

    return watch(args, once)


def add_page_options(parser, runs_help: str) -> None:
    """What `brief` and `compare` share: where the page goes, the simulation's runs and seed, its language."""
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    parser.add_argument("--runs", type=int, default=20, metavar="N", help=f"{runs_help} (default: 20)")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="simulation seed (default: 0)")
    add_lang_option(parser)


def add_paper_option(parser) -> None:
    """`--paper`: the paper a printable page is laid out for."""
    from reformlang.paper import PAPERS

    parser.add_argument("--paper", choices=PAPERS, default=None,
                        help="the paper printed pages are laid out for: a4 or letter (default: `paper` in the "
                             "configuration, else a4)")


def use_paper(args, spec: str | None = None) -> str:
    """The paper `--paper` names, else the one the configuration for `spec` sets, else A4."""
    paper = getattr(args, "paper", None)
    if paper is None:
        from reformlang.lint.config import configured_paper

        paper = configured_paper(_configured_for(spec), getattr(args, "config", None))
    from reformlang.paper import DEFAULT

    return paper or DEFAULT


def check_runs(args) -> None:
    from reformlang.errors import EXIT_USAGE

    from reformlang.i18n import msg

    if args.runs < 1:
        raise UserError(msg("--runs {runs}: at least one run", runs=args.runs), exit_code=EXIT_USAGE)
