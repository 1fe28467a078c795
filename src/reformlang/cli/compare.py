"""`reformlang compare`: several designs side by side on one HTML page."""

from __future__ import annotations

import argparse

EXAMPLE = """the page shows, for each design in a column: its scorecard (held, not held, not
assessed), the money each tier receives, its system diagram, and its simulation
(coverage, mean performance and the gap between strong and weak schools) on the
same axes as every other design's, with the band across runs.

examples:
  reformlang compare examples/new_zealand_2014.reform examples/new_zealand_joint_initiative_2015.reform -o nz.html
"""


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("compare", help=COMMANDS["compare"],
                       description="Put two or more designs side by side on one self-contained HTML page. Needs "
                                   "the plan and simulate extras and Graphviz's `dot`.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("specs", metavar="SPEC", nargs="+", help="two or more .reform files")
    from reformlang.cli.common import add_page_options

    add_page_options(p, "simulation runs per design")
    p.set_defaults(run=run)


def run(args) -> int:
    from reformlang.errors import EXIT_USAGE, UserError, require
    from reformlang.i18n import msg

    require("`reformlang compare`", "jinja2", "numpy", "matplotlib")
    if len(args.specs) < 2:
        raise UserError(msg("compare takes two or more specs"),
                        help="reformlang compare a.reform b.reform -o page.html", exit_code=EXIT_USAGE)
    from reformlang.cli.common import check_runs, inputs_of, load_spec, use_lang, write_output

    check_runs(args)
    from reformlang.backends.graph.render import GraphvizMissing, dot_binary

    if dot_binary() is None:
        raise GraphvizMissing("the comparison's diagrams")
    from reformlang.files import refuse_overwrite

    use_lang(args, args.specs[0])
    specs = [load_spec(args, path) for path in args.specs]
    refuse_overwrite([args.output] if args.output and args.output != "-" else [], inputs_of(args))
    from reformlang.backends.compare import render_compare
    from reformlang.stages import linter, simulated

    lint = linter()
    entries = [(spec, lint.review(spec.path, spec), simulated(spec, args.runs, args.seed)) for spec in specs]
    write_output(args.output, render_compare(entries))
    return 0
