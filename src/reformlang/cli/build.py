"""`reformlang build`: check, draw, plan and simulate specs into one folder with an index.html."""

from __future__ import annotations

import argparse
import sys

EXAMPLE = """layout of the folder:
  DIR/index.html                       links to everything below
  DIR/<spec>/check.txt, check.json     check results and the scorecard
  DIR/<spec>/diagrams/<view>.svg|.dot|.mmd   system, logic, network, timeline
  DIR/<spec>/plan.html, plan.md        the implementation plan
  DIR/<spec>/simulation/               config.json, summary.csv, plots

The folder is replaced whole, and only when every step succeeded.

examples:
  reformlang build examples/*.reform -o build
  reformlang build my_reform.reform -o out --runs 50 --seed 7
"""


def register(sub) -> None:
    p = sub.add_parser("build", help="build check results, diagrams, plans and a simulation into a folder",
                       description="Build everything for each spec into DIR/<spec name>/, with DIR/index.html "
                                   "linking it all. Needs Graphviz's `dot` program.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="SPEC", help=".reform files, or folders of them")
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="the folder to build (replaced whole)")
    p.add_argument("--runs", type=int, default=20, help="simulation runs per spec (default: 20)")
    p.add_argument("--seed", type=int, default=0, help="simulation seed (default: 0)")
    p.set_defaults(run=run)


def run(args) -> int:
    from pathlib import Path

    from reformlang.cli.common import compile_paths, use_colour
    from reformlang.diagnostics import Severity
    from reformlang.render.text import render_text

    if args.runs < 1:
        print("reformlang: --runs must be at least 1", file=sys.stderr)
        return 2
    from reformlang.backends.graph.render import INSTALL_HINT, dot_binary

    if dot_binary() is None:
        print(f"reformlang: build draws its diagrams with Graphviz's `dot`, which was not found; {INSTALL_HINT}",
              file=sys.stderr)
        return 2
    from reformlang.backends.build import BuildProblem, Item, Terminated, build
    from reformlang.cli.common import config_problem
    from reformlang.lint.config import ConfigError

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
    if problems:
        sys.stderr.write(render_text(problems, use_colour(sys.stderr)) + "\n")
        print(f"reformlang: nothing was built; {args.output} is as it was", file=sys.stderr)
        return 2 if io_problem else 1
    if not items:
        print("reformlang: no spec with an initiative to build", file=sys.stderr)
        return 2
    from reformlang.cli.common import inputs_of
    from reformlang.files import refuse_replace_folder

    refuse_replace_folder(args.output, inputs_of(args))
    try:
        index = build(items, Path(args.output), args.runs, args.seed, log=lambda item: _progress(args, item))
    except BuildProblem as exc:
        print(f"reformlang: {exc}", file=sys.stderr)
        return 2
    except Terminated:
        print(f"reformlang: build stopped by SIGTERM; {args.output} is as it was", file=sys.stderr)
        return Terminated.exit_code
    except ConfigError as exc:
        return config_problem(exc, f"nothing was built; {args.output} is as it was")
    except OSError as exc:
        print(f"reformlang: cannot write {exc.filename or args.output}: {exc.strerror or exc}; "
              f"{args.output} is as it was", file=sys.stderr)
        return 2
    print(f"wrote {index}", file=sys.stderr)
    return 0


def _progress(args, item) -> None:
    args.current_input = item.path  # named if an internal error stops the build
    print(f"building {item.path} -> {args.output.rstrip('/')}/{item.stem}/", file=sys.stderr, flush=True)
