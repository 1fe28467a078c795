"""`reformlang check`: compile specs, hold them to their frameworks, and report in a format CI reads."""

from __future__ import annotations

import os
import sys

# Nothing else at the top: `check PATH...` answered from the result cache runs on this module, cli/main.py,
# reformlang.cache and lint/result_cache.py, files.py and project.py, none of which imports pathlib, re,
# json's Python modules or argparse at the top (benchmarks/README.md, issue 13).

LEVELS = ("error", "warning", "info")

EXAMPLE = """examples:
  reformlang check examples/
  reformlang check --format json my_reform.reform
  reformlang check --format github specs/              # annotations in a GitHub Actions log
  reformlang check --format sarif -o reformlang.sarif specs/
  reformlang check --format gitlab -o gl-code-quality.json specs/
  reformlang check --format json -o - specs/           # '-' is standard output
  reformlang check --select lftm --ignore LM009 --fail-on warning specs/
  reformlang check --config ci/reformlang.toml --require big_ideas specs/
  reformlang check --extend-select networks --extend-ignore LM009 specs/   # add to the configuration
  reformlang check --fix specs/                        # apply the safe fixes, re-format, check again
  reformlang check --fix --unsafe-fixes specs/         # also the fixes that state new facts
  reformlang check --diff specs/                       # show the fixes, write nothing
  reformlang check --statistics specs/                 # how many of each finding
  reformlang check --quiet specs/                      # findings only: no scorecard or summary
  reformlang check --lang fr specs/                    # the text report in French
  reformlang check --exit-zero specs/                  # report, but never fail on findings
  reformlang check --show-settings specs/npdl.reform   # the configuration in force, and where from
  reformlang check --stdin-filename specs/new.reform - < draft.reform
  reformlang check --format sarif --root . specs/      # SARIF paths relative to this folder
  reformlang check --watch specs/                      # check again whenever a file changes
  reformlang check --no-cache specs/                   # check every file afresh (no result cache)
  reformlang check --write-baseline .reformlang-baseline.json specs/
  reformlang check --baseline .reformlang-baseline.json specs/

configuration: [tool.reformlang] in pyproject.toml, or reformlang.toml, nearest
above each spec; --select/--ignore/--require/--fail-on replace the file's value,
--extend-select/--extend-ignore add to it. Folders are searched for .reform
files, skipping .git, .venv, node_modules, build output and the configuration's
`exclude`; a folder with no spec is an error. A spec's `use` lines reach only
files inside its project (the configuration's folder, else the one holding .git).
exit status: 0 nothing reaches fail-on (or --exit-zero), 1 something does (or
--diff has fixes to show), 2 usage, configuration or I/O problems, 3 a bug in
reformlang. See docs/ci.md.
"""


def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in text.split(",") if n.strip())


def register(sub) -> None:
    import argparse

    from reformlang.cli.main import COMMANDS
    from reformlang.render.report import FORMATS  # cheap: output libraries load only when used

    p = sub.add_parser("check", help=COMMANDS["check"],
                       description="Check .reform files (or folders of them, recursively) against the "
                                   "frameworks they use.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; '-' reads standard input")
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    from reformlang.cli.common import add_lang_option

    add_lang_option(out)
    out.add_argument("-o", "--output", metavar="FILE",
                     help="write the report to FILE (atomically) instead of standard output; '-' is standard "
                          "output")
    out.add_argument("-q", "--quiet", action="store_true",
                     help="print the findings only: no scorecard, no summary, no notes on standard error")
    out.add_argument("--statistics", action="store_true",
                     help="print how many findings of each code instead of the findings")
    out.add_argument("--root", metavar="DIR",
                     help="the project root that SARIF and GitLab paths are relative to (default: the folder "
                          "of the configuration, else of .git, else of the spec)")
    out.add_argument("--exit-zero", action="store_true",
                     help="exit 0 even when findings reach fail-on (usage and I/O problems still exit 2)")
    sel = p.add_argument_group("configuration")
    sel.add_argument("--config", metavar="FILE",
                     help="use this configuration file (pyproject.toml or reformlang.toml) for every spec")
    sel.add_argument("--select", type=_names, metavar="NAMES",
                     help="comma-separated rule codes, principle ids or frameworks to run (replaces `select`)")
    sel.add_argument("--ignore", type=_names, metavar="NAMES",
                     help="comma-separated rule codes, principle ids or frameworks to skip (replaces `ignore`)")
    sel.add_argument("--extend-select", type=_names, metavar="NAMES", default=(),
                     help="run these as well as those `select` picks (adds to `select`)")
    sel.add_argument("--extend-ignore", type=_names, metavar="NAMES", default=(),
                     help="skip these as well as those `ignore` names (adds to `ignore`)")
    sel.add_argument("--require", type=_names, metavar="FRAMEWORKS",
                     help="comma-separated frameworks every spec is held to (replaces `require`)")
    sel.add_argument("--fail-on", choices=LEVELS, metavar="LEVEL",
                     help="lowest severity that fails the run: error, warning or info (default: error)")
    sel.add_argument("--show-settings", action="store_true",
                     help="print the configuration in force for each file, and where each value comes from; "
                          "check nothing")
    sel.add_argument("--stdin-filename", metavar="PATH",
                     help="read the spec from standard input, as if it were the file PATH (for its "
                          "configuration, per-file-ignores and the paths in the report)")
    fix = p.add_argument_group("fixes")
    fix.add_argument("--fix", action="store_true",
                     help="apply the safe fixes, re-format the files, and report what remains")
    fix.add_argument("--unsafe-fixes", action="store_true",
                     help="with --fix or --diff, also apply the fixes that state a fact the spec did not "
                          "(a meeting frequency, a joining rule, a fund, a link)")
    fix.add_argument("--diff", action="store_true",
                     help="print the fixes as a unified diff and write nothing; exit 1 if there is one")
    base = p.add_argument_group("baseline")
    base.add_argument("--baseline", metavar="FILE", help="report and fail only on findings not recorded in FILE")
    base.add_argument("--write-baseline", metavar="FILE",
                      help="record today's findings in FILE; later runs with --baseline FILE report only new ones")
    p.add_argument("--no-cache", action="store_true",
                   help="check every file afresh; by default a file whose content, uses, configuration and "
                        "reformlang are unchanged since the last check reuses that result "
                        "(REFORMLANG_NO_CACHE=1 turns off every cache)")
    from reformlang.cli.common import add_watch_option

    add_watch_option(p, "check")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.stdin_filename is not None:
        if args.paths not in ([], ["-"]):
            from reformlang.i18n import msg

            return _usage(msg("--stdin-filename reads standard input: give no PATH, or '-'"))
        args.paths = ["-"]
    if not args.paths:
        from reformlang.i18n import msg

        return _usage(msg("give the specs to check: reformlang check PATH... (or '-' for standard input)"))
    if "-" in args.paths and args.paths != ["-"]:
        from reformlang.i18n import msg

        return _usage(msg("'-' (standard input) cannot be mixed with paths"))
    if args.watch and args.paths == ["-"]:
        from reformlang.i18n import msg

        return _usage(msg("--watch needs files to watch, not standard input"))
    from reformlang.cli.common import run_or_watch

    return run_or_watch(args, lambda: _run(args))


def _run(args) -> int:
    cache = _result_cache(args)
    if cache is not None and not args.write_baseline:
        # An unchanged run is answered from the cache before anything heavy is imported.
        done = _cached_run(args, cache)
        if done is not None:
            return 0 if (args.exit_zero and done == 1) else done
    from reformlang.collector import paused

    # A run makes no garbage cycles worth a collection, and unless it watches, the process ends with it.
    with paused(collect=args.watch, one_shot=not args.watch):
        return _check(args, cache)


def _usage(message: str) -> int:
    from reformlang.errors import UserError
    from reformlang.i18n import msg

    raise UserError(message, help=msg("see `reformlang check --help`"))


def _note(args, message: str) -> None:
    """A note on standard error (in the language of the run), unless --quiet."""
    if not args.quiet:
        print(f"reformlang: {message}", file=sys.stderr, flush=True)


def _check(args, cache=None) -> int:
    from reformlang.cli.common import use_colour
    from reformlang.diagnostics import Severity
    from reformlang.errors import UserError
    from reformlang.lint import baseline as baselines
    from reformlang.lint.config import Overrides
    from reformlang.stages import linter

    overrides = Overrides(args.select, args.ignore, args.require,
                          Severity.parse(args.fail_on) if args.fail_on else None,
                          tuple(args.extend_select), tuple(args.extend_ignore))
    try:
        lint = linter(args.config, overrides, args.stdin_filename)
        if args.show_settings:
            return _show_settings(args, lint)
        _use_lang(args, lint)
        base = None
        if args.baseline and not _first_refresh(args):
            base = baselines.Baseline.load(args.baseline)
        fixed = 0
        stdin_text = None
        if args.fix or args.diff:
            fixed, stdin_text, changed = _fix(args, lint)
            if args.diff:
                return 1 if changed and not args.exit_zero else 0
            if changed:
                from reformlang.driver import loader

                loader().forget_user_files()  # a fixed file may be one that another `use`s
        if stdin_text is not None:  # standard input was read (and fixed) already
            results = [lint.result(*_stdin_compilation(args, stdin_text))]
        else:
            # Each file's result from the result cache when nothing it depends on changed, else checked now.
            results = _results(args, lint, cache)
        report, everything = lint.report(results, base)
    except UserError as exc:
        from reformlang.i18n import msg

        raise exc.stopped(msg("nothing was checked"))

    from reformlang.cli.common import inputs_of
    from reformlang.files import refuse_overwrite

    read = [*inputs_of(args), *lint.finder.files]
    refuse_overwrite([p for p in (args.output, args.write_baseline) if p and p != "-"],
                     [*read, *([args.baseline] if args.baseline and args.baseline != args.write_baseline else [])])
    if args.write_baseline:
        try:
            baselines.write(args.write_baseline, everything)
        except OSError as exc:
            from reformlang.i18n import msg

            raise UserError(msg("cannot write baseline {path}: {reason}", path=args.write_baseline,
                                reason=exc.strerror or str(exc))) from None
        # What was just recorded is no longer news: report as a run against the new baseline would.
        report.rebase(baselines.Baseline.load(args.write_baseline), everything)
        recorded = sum(1 for d in everything if baselines.recordable(d))
        from reformlang.i18n import ngettext

        _note(args, ngettext("recorded %(num)d finding in %(path)s", "recorded %(num)d findings in %(path)s",
                             recorded) % {"num": recorded, "path": args.write_baseline})

    to_stdout = args.output in (None, "-")
    # With --fix on standard input, standard output carries the fixed spec: the report goes to stderr.
    stream = sys.stderr if (stdin_text is not None and to_stdout) else sys.stdout
    colour = to_stdout and args.format == "text" and use_colour(stream)
    if args.statistics:
        from reformlang.render.statistics import render_statistics

        out = render_statistics(report.findings, args.format == "json", colour)
    else:
        from reformlang.render.report import render_report

        from pathlib import Path

        root = Path(args.root).resolve() if args.root else None
        out = render_report(args.format, report, colour, root=root, quiet=args.quiet, fixed=fixed)
    if cache is not None:
        if not args.write_baseline and args.file_keys is not None:
            cache.store_run(cache.run_key(args.file_keys, _run_settings(args, colour)), args.file_keys, out,
                            report.exit_code)
        cache.finish()
    _write(args, out, stream)
    from reformlang.collector import keep

    keep((report, everything), 0)  # freed with the process (collector.keep): the model, the findings
    if args.exit_zero and report.exit_code == 1:
        return 0
    return report.exit_code


def _write(args, out: str, stream) -> None:
    """The report to its file (atomically), or to `stream` for no file or '-'."""
    from reformlang.cli.common import write_output

    if args.output in (None, "-"):
        stream.write(out)
        stream.flush()
    else:
        write_output(args.output, out)


def _stdin_compilation(args, text: str):
    from pathlib import Path

    from reformlang.driver import compile_source
    from reformlang.source import SourceFile

    name = args.stdin_filename or "<stdin>"
    base = Path(name).resolve().parent if args.stdin_filename else None
    return name, compile_source(SourceFile(name, text), None, base), None


def _fix(args, linter) -> tuple[int, str | None, bool]:
    """Apply the fixes (--fix) or show them (--diff). Returns (findings fixed, the text of standard input
    after fixing, whether anything changed); a file that cannot be written is a UserError."""
    from pathlib import Path

    from reformlang.cli.common import compile_paths
    from reformlang.cli.fmt import _diff
    from reformlang.driver import compile_source
    from reformlang.files import write_atomic
    from reformlang.lint.fixes import applicable, fix_text
    from reformlang.source import SourceFile

    unsafe = args.unsafe_fixes
    stdin = args.paths == ["-"]
    fixed = 0
    changed = False
    stdin_text = None
    for path, comp, err in compile_paths(args, args.paths):
        if err is not None or comp is None:
            continue
        if stdin:
            stdin_text = comp.source.text  # read once: the report below checks this text again
        _, everything = linter.lint([(path, comp, None)])
        if not any(applicable(d, unsafe) and d.file == comp.path for d in everything):
            continue
        folder = Path(path).resolve().parent if path != "<stdin>" else None

        def findings_of(text: str, _path=path, _folder=folder):
            again = compile_source(SourceFile(_path, text), None, _folder)
            return linter.lint([(_path, again, None)])[1]

        result = fix_text(comp.path, comp.source.text, findings_of, unsafe)
        if not result.changed:
            continue
        changed = True
        fixed += len(result.fixed)
        if args.diff:
            sys.stdout.write(_diff(result.before, result.after, comp.path).replace(
                f"{comp.path} (formatted)", f"{comp.path} (fixed)"))
            continue
        if stdin:
            stdin_text = result.after
            continue
        try:
            write_atomic(path, result.after)
        except OSError as exc:
            from reformlang.cli.common import cannot_write

            raise cannot_write(path, exc) from None
        from reformlang.i18n import ngettext

        _note(args, ngettext("fixed %(num)d finding in %(path)s", "fixed %(num)d findings in %(path)s",
                             len(result.fixed)) % {"num": len(result.fixed), "path": path})
    if args.diff:
        from reformlang.i18n import _, ngettext

        _note(args, ngettext("%(num)d fix would be applied", "%(num)d fixes would be applied", fixed) % {"num": fixed}
              if fixed else _("no fixes to apply"))
    elif stdin_text is not None:
        sys.stdout.write(stdin_text)  # as ruff does: the fixed spec on standard output, the report on stderr
        sys.stdout.flush()
    return fixed, stdin_text, changed


def _show_settings(args, linter) -> int:
    """The configuration in force for each file named, one value a line with where it comes from."""
    from reformlang.files import discover
    from reformlang.render.settings import render_settings

    if args.paths == ["-"]:
        targets = [args.stdin_filename] if args.stdin_filename else [None]
    else:
        found = discover(args.paths, args.config)
        if found.problems:
            from reformlang.errors import UserError

            _, message, help_ = found.problems[0]
            raise UserError(message, help=help_)
        targets = [str(f) for f in found.files]
    out = []
    for target in targets:
        config = linter.finder.for_path(target)
        out.append(render_settings(target or "<stdin>", config, linter.finder.root_for(target), args))
    sys.stdout.write("\n".join(out))
    return 0


def _result_cache(args):
    """The result cache for this run's settings; None when turned off or there is no cache folder."""
    from reformlang.cache import cache_dir

    # A run that writes specs (--fix), shows fixes or settings, or reads standard input is never answered
    # from the cache.
    if (args.no_cache or args.paths == ["-"] or cache_dir() is None or args.fix or args.diff
            or args.show_settings):
        return None
    from reformlang.lint.result_cache import ResultCache

    explicit = os.path.abspath(args.config) if args.config else None
    return ResultCache([explicit, args.select, args.ignore, args.require, args.fail_on,
                        list(args.extend_select), list(args.extend_ignore)])


def _run_settings(args, colour: bool) -> list:
    """What, beyond the files' own keys, shapes a run's output."""
    from reformlang.lint.result_cache import file_digest

    baseline = args.baseline and [args.baseline, file_digest(args.baseline)]
    root = args.root and os.path.realpath(args.root)  # as Path(args.root).resolve()
    return [args.format, colour, baseline, args.statistics, args.quiet, root, getattr(args, "lang", None)]


def _use_lang(args, lint) -> None:
    """The language of the text report: --lang, else the configuration's `lang` for the first spec."""
    from reformlang import i18n

    paths = getattr(args, "paths", None)
    first = getattr(args, "stdin_filename", None) or (paths[0] if paths and paths != ["-"] else None)
    if first is not None and paths and first == paths[0] and os.path.isdir(first):
        first = os.path.join(first, "spec.reform")  # a folder's specs: its configuration, not its parent's
    i18n.use(getattr(args, "lang", None) or lint.finder.for_path(first).lang)


def _read(args) -> None:
    """Find the files as `cli.common.compile_paths` does and read them: sets `args.found` (each file's
    path, as a string, and its bytes or the OSError reading it) and `args.problems` (from `discover`)."""
    from reformlang.files import discover, read_source

    found = discover(args.paths, args.config)
    args.problems = found.problems
    args.found = []
    for f in found.names:
        try:
            data: bytes | OSError = read_source(f)
        except OSError as exc:
            data = exc
        args.found.append((f, data))


def _cached_run(args, cache) -> int | None:
    """The stored output of this very run, when nothing it depends on has changed."""
    from reformlang.cli.common import use_colour

    _read(args)
    args.file_keys = None
    if args.problems or any(isinstance(data, OSError) for _, data in args.found):
        return None
    args.file_keys = [cache.file_key(f, data, args.config) for f, data in args.found]
    colour = args.output is None and args.format == "text" and use_colour(sys.stdout)
    stored = cache.load_run(cache.run_key(args.file_keys, _run_settings(args, colour)))
    if stored is None:
        return None
    from reformlang.cli.common import inputs_of, write_output

    read = [f for f, _ in args.found]
    read += [p for f, _ in args.found for p in cache.config_paths(f, args.config)]
    read += stored["read"]
    # What this run depends on, as a fresh run records it: `--watch` watches these (the `use`d files too).
    inputs_of(args).extend(read)
    if args.config:
        inputs_of(args).append(args.config)
    if args.output and args.output != "-":
        from reformlang.files import refuse_overwrite

        refuse_overwrite([args.output], [*read, *([args.baseline] if args.baseline else [])])
    write_output(args.output, stored["output"])
    return stored["exit"]


def _results(args, linter, cache):
    """Each file's result: from the result cache when nothing it depends on has changed, else checked now.
    Also records what was read on `args` (cli.common.inputs_of), as compile_paths does."""
    from reformlang.cli.common import compile_paths, inputs_of, io_error

    if cache is None:
        args.file_keys = None
        for path, comp, err in compile_paths(args, args.paths):
            yield linter.result(path, comp, err)
        return
    from pathlib import Path

    from reformlang.diagnostics import Diagnostic, Severity
    from reformlang.driver import compile_bytes
    from reformlang.files import display_path
    from reformlang.lint import results
    from reformlang.project import config_file, project_root

    if getattr(args, "found", None) is None:
        _read(args)
        args.file_keys = None
    inputs = inputs_of(args)
    if args.config:
        inputs.append(Path(args.config))
    for shown, message, help_ in args.problems:
        yield linter.result(shown, None, Diagnostic("E900", Severity.ERROR, message, None, help_, path=shown))
    for name, data in args.found:
        f, shown = Path(name), display_path(name)
        args.current_input = shown
        if isinstance(data, OSError):
            yield linter.result(shown, None, io_error(shown, data.strerror or str(data)))
            continue
        key = cache.file_key(str(f), data, args.config)
        raw = cache.load_file(key)
        result = None
        if raw is not None:
            try:
                result = results.from_json(raw, shown, data)
            except (KeyError, TypeError, ValueError, IndexError, AttributeError):
                result = None  # a damaged entry: check the file again
        if result is None:
            comp = compile_bytes(data, f, shown, root=project_root(f, args.config))
            result = linter.result(str(f), comp, None)
            try:
                stored = results.to_json(result, comp.source)
            except TypeError:  # a diagnostic holding something JSON cannot: check it afresh next time
                stored = None
            if stored is not None:
                cache.store_file(key, stored, comp.inputs, comp.tried)
        inputs.extend((f, *cache.read_by(key)))
        found_config = config_file(f, args.config)
        if found_config is not None:
            inputs.append(found_config)
        yield result


def _first_refresh(args) -> bool:
    """`--baseline F --write-baseline F` before F exists: nothing to compare with yet, so record."""
    from pathlib import Path

    if not args.write_baseline:
        return False
    same = Path(args.baseline).resolve() == Path(args.write_baseline).resolve()
    return same and not Path(args.baseline).exists()
