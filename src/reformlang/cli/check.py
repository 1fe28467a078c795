"""`reformlang check`: compile specs, hold them to their frameworks, and report in a format CI reads."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reformlang.render.report import FORMATS  # cheap: output libraries load only when used

LEVELS = ("error", "warning", "info")

EXAMPLE = """examples:
  reformlang check examples/
  reformlang check --format json my_reform.reform
  reformlang check --format github specs/              # annotations in a GitHub Actions log
  reformlang check --format sarif -o reformlang.sarif specs/
  reformlang check --select lftm --ignore LM009 --fail-on warning specs/
  reformlang check --write-baseline .reformlang-baseline.json specs/
  reformlang check --baseline .reformlang-baseline.json specs/

configuration: [tool.reformlang] in pyproject.toml, or reformlang.toml, nearest
above each spec; flags replace the file's value for the same key. Folders are
searched for .reform files, skipping .git, .venv, node_modules, build output
and the configuration's `exclude`; a folder with no spec is an error. A spec's
`use` lines reach only files inside its project (the configuration's folder,
else the one holding .git).
exit status: 0 nothing reaches fail-on, 1 something does, 2 usage,
configuration or I/O problems, 3 a bug in reformlang. See docs/ci.md.
"""


def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in text.split(",") if n.strip())


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("check", help=COMMANDS["check"],
                       description="Check .reform files (or folders of them, recursively) against the "
                                   "frameworks they use.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; '-' reads standard input")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write the report to FILE (atomically) instead of standard output")
    p.add_argument("--config", metavar="FILE",
                   help="use this configuration file (pyproject.toml or reformlang.toml) for every spec")
    p.add_argument("--select", type=_names, metavar="NAMES",
                   help="comma-separated rule codes, principle ids or frameworks to run (replaces `select`)")
    p.add_argument("--ignore", type=_names, metavar="NAMES",
                   help="comma-separated rule codes, principle ids or frameworks to skip (replaces `ignore`)")
    p.add_argument("--require", type=_names, metavar="FRAMEWORKS",
                   help="comma-separated frameworks every spec is held to (replaces `require`)")
    p.add_argument("--fail-on", choices=LEVELS, metavar="LEVEL",
                   help="lowest severity that fails the run: error, warning or info (default: error)")
    p.add_argument("--baseline", metavar="FILE", help="report and fail only on findings not recorded in FILE")
    p.add_argument("--write-baseline", metavar="FILE",
                   help="record today's findings in FILE; later runs with --baseline FILE report only new ones")
    p.add_argument("--no-cache", action="store_true",
                   help="check every file afresh; by default a file whose content, uses, configuration and "
                        "reformlang are unchanged since the last check reuses that result "
                        "(REFORMLANG_NO_CACHE=1 turns off every cache)")
    p.set_defaults(run=run)


def run(args) -> int:
    cache = _result_cache(args)
    if cache is not None and not args.write_baseline:
        # An unchanged run is answered from the cache before anything heavy is imported.
        done = _cached_run(args, cache)
        if done is not None:
            return done
    return _check(args, cache)


def _check(args, cache) -> int:
    from reformlang.cli.common import use_colour, write_output
    from reformlang.diagnostics import Severity
    from reformlang.errors import UserError
    from reformlang.lint import baseline as baselines
    from reformlang.lint.config import Overrides
    from reformlang.stages import linter

    overrides = Overrides(args.select, args.ignore, args.require,
                          Severity.parse(args.fail_on) if args.fail_on else None)
    try:
        lint = linter(args.config, overrides)
        base = None
        if args.baseline and not _first_refresh(args):
            base = baselines.Baseline.load(args.baseline)
        # Each file's result from the result cache when nothing it depends on changed, else checked now.
        report, everything = lint.report(_results(args, lint, cache), base)
    except UserError as exc:
        raise exc.stopped("nothing was checked")

    from reformlang.cli.common import inputs_of
    from reformlang.files import refuse_overwrite

    read = [*inputs_of(args), *lint.finder.files]
    refuse_overwrite([p for p in (args.output, args.write_baseline) if p and p != "-"],
                     [*read, *([args.baseline] if args.baseline and args.baseline != args.write_baseline else [])])
    if args.write_baseline:
        try:
            baselines.write(args.write_baseline, everything)
        except OSError as exc:
            raise UserError(f"cannot write baseline {args.write_baseline}: {exc.strerror or exc}") from None
        # What was just recorded is no longer news: report as a run against the new baseline would.
        report.rebase(baselines.Baseline.load(args.write_baseline), everything)
        recorded = sum(1 for d in everything if baselines.recordable(d))
        print(f"reformlang: recorded {recorded} finding{'s' * (recorded != 1)} in {args.write_baseline}",
              file=sys.stderr)

    colour = args.output is None and args.format == "text" and use_colour(sys.stdout)
    from reformlang.render.report import render_report

    out = render_report(args.format, report, colour)
    if cache is not None:
        if not args.write_baseline and args.file_keys is not None:
            cache.store_run(cache.run_key(args.file_keys, _run_settings(args, colour)), args.file_keys, out,
                            report.exit_code)
        cache.finish()
    write_output(args.output, out)
    return report.exit_code


def _result_cache(args):
    """The result cache for this run's settings; None when turned off or there is no cache folder."""
    from reformlang.cache import cache_dir

    if args.no_cache or args.paths == ["-"] or cache_dir() is None:
        return None
    import os

    from reformlang.lint.result_cache import ResultCache

    explicit = os.path.abspath(args.config) if args.config else None
    return ResultCache([explicit, args.select, args.ignore, args.require, args.fail_on])


def _run_settings(args, colour: bool) -> list:
    """What, beyond the files' own keys, shapes a run's output."""
    from reformlang.lint.result_cache import file_digest

    baseline = args.baseline and [args.baseline, file_digest(args.baseline)]
    return [args.format, colour, baseline]


def _read(args) -> None:
    """Find the files as `cli.common.compile_paths` does and read them: sets `args.found` (each file as
    named, as shown, and its bytes or the OSError reading it) and `args.problems` (from `discover`)."""
    from reformlang.files import discover, display_path, read_source

    found = discover(args.paths, args.config)
    args.problems = found.problems
    args.found = []
    for f in found.files:
        try:
            data: bytes | OSError = read_source(f)
        except OSError as exc:
            data = exc
        args.found.append((f, display_path(f), data))


def _cached_run(args, cache) -> int | None:
    """The stored output of this very run, when nothing it depends on has changed."""
    from reformlang.cli.common import use_colour

    _read(args)
    args.file_keys = None
    if args.problems or any(isinstance(data, OSError) for _, _, data in args.found):
        return None
    args.file_keys = [cache.file_key(str(f), data, args.config) for f, _, data in args.found]
    colour = args.output is None and args.format == "text" and use_colour(sys.stdout)
    stored = cache.load_run(cache.run_key(args.file_keys, _run_settings(args, colour)))
    if stored is None:
        return None
    from reformlang.cli.common import write_output
    from reformlang.files import refuse_overwrite

    if args.output and args.output != "-":
        read = [f for f, _, _ in args.found]
        read += [p for f, _, _ in args.found for p in cache.config_paths(str(f), args.config)]
        read += stored["read"]
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
    from reformlang.diagnostics import Diagnostic, Severity
    from reformlang.driver import compile_bytes
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
    for f, shown, data in args.found:
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
