"""`reformlang build`: check, draw, plan and simulate specs into one folder with an index.html."""

from __future__ import annotations

import argparse
import sys

EXAMPLE = """layout of the folder:
  DIR/index.html                       links to everything below
  DIR/<spec>/check.txt, check.json     check results and the scorecard
  DIR/<spec>/diagrams/<view>.svg|.dot|.mmd   system, logic, network, timeline
  DIR/<spec>/plan.html, plan.md        the implementation plan
  DIR/<spec>/simulation/               config.json, summary.csv, trajectories.svg (--plots)

The folder is replaced whole, and only when every step succeeded.

On a terminal a progress bar with an ETA shows on standard error; in a log,
one line per spec.

examples:
  reformlang build examples/*.reform -o build
  reformlang build my_reform.reform -o out --runs 50 --seed 7
  reformlang build my_reform.reform -o out --plots png,svg
  reformlang build specs/ -o build --watch     # build again on every save
"""


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("build", help=COMMANDS["build"],
                       description="Build everything for each spec into DIR/<spec name>/, with DIR/index.html "
                                   "linking it all. Needs Graphviz's `dot` program.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="SPEC", help=".reform files, or folders of them")
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="the folder to build (replaced whole)")
    p.add_argument("--runs", type=int, default=20, help="simulation runs per spec (default: 20)")
    p.add_argument("--seed", type=int, default=0, help="simulation seed (default: 0)")
    p.add_argument("--plots", type=_plot_formats, default=("svg",), metavar="FORMATS",
                   help="formats of the simulation's plots, comma-separated: svg, png or png,svg (default: svg)")
    p.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                   help="build up to N specs at once, each in a process of its own (default: one per processor)")
    p.add_argument("--brief", action="store_true",
                   help="also write each spec's one-page brief (brief.html, brief.md; see `reformlang brief`)")
    from reformlang.cli.common import add_lang_option, add_paper_option, add_watch_option

    add_watch_option(p, "build")
    p.add_argument("--sensitivity", action="store_true",
                   help="also vary every simulation parameter to 0.5x and 1.5x (as `reformlang simulate "
                        "--sensitivity`), so that each plan says whether the simulation's direction holds; "
                        "about 70 times the simulation's work")
    add_lang_option(p)
    add_paper_option(p)
    p.set_defaults(run=run)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes (1 or more), not {text!r}")
    return value


def _plot_formats(text: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    if not formats or any(f not in ("png", "svg") for f in formats):
        raise argparse.ArgumentTypeError(f"expected svg, png or png,svg, not {text!r}")
    return formats


def run(args) -> int:
    from reformlang.cli.common import run_or_watch

    return run_or_watch(args, lambda: _build(args))


def _build(args) -> int:
    from pathlib import Path

    from reformlang.cli.common import compile_paths
    from reformlang.diagnostics import Severity
    from reformlang.errors import EXIT_FAIL, EXIT_USAGE, UserError, require

    from reformlang.i18n import msg

    if args.runs < 1:
        raise UserError(msg("--runs must be at least 1"))
    from reformlang.cli.common import use_lang, use_paper

    use_lang(args, args.paths[0])
    paper = use_paper(args, args.paths[0])
    if args.output == "-":
        raise UserError(msg("build writes a folder of files, not standard output"), help=msg("name it with -o DIR"))
    require("`reformlang build`", "jinja2", "numpy", "matplotlib")
    from reformlang.backends.graph.render import GraphvizMissing, dot_binary

    if dot_binary() is None:
        raise GraphvizMissing("`reformlang build`'s diagrams")
    from reformlang.backends.build import Terminated, jobs_available
    from reformlang.stages import Item, build

    items, problems, io_problem = [], [], False
    for path, comp, err in compile_paths(args, args.paths):
        if err is not None:
            problems.append(err)
            io_problem = True
            continue
        errors = [d for d in comp.diagnostics if d.severity is Severity.ERROR]
        if comp.spec is None or errors:
            problems.extend(errors or comp.diagnostics)
            continue
        if comp.spec.is_library:
            continue  # a library file brought in by `use`: nothing to draw or plan
        items.append(Item(path, comp.spec, tuple(comp.diagnostics)))
    unchanged = msg("nothing was built; {folder} is as it was", folder=args.output)
    if problems:
        raise UserError(msg("the specs have errors") if not io_problem else msg("some specs cannot be read"),
                        diagnostics=problems, exit_code=EXIT_USAGE if io_problem else EXIT_FAIL).stopped(unchanged)
    if not items:
        raise UserError(msg("no spec with an initiative to build"))
    from reformlang.cli.common import inputs_of
    from reformlang.files import refuse_replace_folder

    refuse_replace_folder(args.output, inputs_of(args))

    from reformlang.simulation.progress import ProgressBar

    # On a terminal, a bar with an ETA, moved as each spec is done (by whichever process built it);
    # in a log, one line per spec as it starts.
    bar = ProgressBar("building")
    bar(0, len(items))

    def log(item) -> None:
        args.current_input = item.path  # named if an internal error stops the build
        if not bar.enabled:
            from reformlang.files import display_path

            from reformlang.i18n import _

            print(_("building %(spec)s -> %(folder)s") % {
                "spec": display_path(item.path),
                "folder": f"{display_path(args.output.rstrip('/'))}/{display_path(item.stem)}/"},
                file=sys.stderr, flush=True)

    try:
        index = build(items, Path(args.output), args.runs, args.seed, log=log, note=_note, plots=args.plots,
                      jobs=args.jobs or jobs_available(), progress=bar, brief=args.brief,
                      sensitivity={"span": 0.5} if args.sensitivity else None, paper=paper)
    except UserError as exc:
        raise exc.stopped(unchanged)
    except Terminated:
        from reformlang.i18n import _

        print("reformlang: " + _("build stopped by SIGTERM; %(folder)s is as it was") % {"folder": args.output},
              file=sys.stderr)
        return Terminated.exit_code
    except OSError as exc:
        from reformlang.cli.common import cannot_write

        raise cannot_write(exc.filename or args.output, exc).stopped(unchanged) from None
    from reformlang.i18n import _

    print(_("wrote %(path)s") % {"path": index}, file=sys.stderr)
    return 0


def _note(item, message: str) -> None:
    from reformlang.files import display_path

    from reformlang.i18n import _

    print(f"reformlang: {_('note')}: {display_path(item.path)}: {_(message)}", file=sys.stderr)
