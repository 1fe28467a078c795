"""`reformlang check`: compile specs, hold them to their frameworks, and report in a format CI reads."""

from __future__ import annotations

import argparse
import sys

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
    p = sub.add_parser("check", help="check specs for errors and findings",
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
    p.set_defaults(run=run)


def run(args) -> int:
    from reformlang.cli.common import compile_paths, use_colour, write_output
    from reformlang.diagnostics import Severity
    from reformlang.errors import UserError
    from reformlang.lint import baseline as baselines
    from reformlang.lint.config import Overrides
    from reformlang.stages import check, linter

    overrides = Overrides(args.select, args.ignore, args.require,
                          Severity.parse(args.fail_on) if args.fail_on else None)
    try:
        lint = linter(args.config, overrides)
        base = None
        if args.baseline and not _first_refresh(args):
            base = baselines.Baseline.load(args.baseline)
        report, everything = check(compile_paths(args, args.paths), lint, base)
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

    write_output(args.output, render_report(args.format, report, colour))
    return report.exit_code


def _first_refresh(args) -> bool:
    """`--baseline F --write-baseline F` before F exists: nothing to compare with yet, so record."""
    from pathlib import Path

    if not args.write_baseline:
        return False
    same = Path(args.baseline).resolve() == Path(args.write_baseline).resolve()
    return same and not Path(args.baseline).exists()
