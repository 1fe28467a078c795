"""`reformlang graph`: draw one view of a spec as DOT, SVG, PNG or Mermaid."""

from __future__ import annotations

import argparse
import sys

VIEWS = ("system", "logic", "network", "timeline")
FORMATS = ("dot", "svg", "png", "mermaid")

EXAMPLE = """views:
  system    levels as bands (top, middle, bottom) with counts and leaders; links and money
  logic     funding -> strategies -> indicators -> priorities -> vision, with owners
  network   each network: members, size, joining, facilitator, cadence, goals, partners
  timeline  the initiative's years: strategies, rollout phases, funding, indicator targets

examples:
  reformlang graph my_reform.reform | dot -Tsvg > system.svg
  reformlang graph my_reform.reform --view logic --format svg -o logic.svg
  reformlang graph my_reform.reform --format png -o - > system.png   # '-' is standard output
  reformlang graph my_reform.reform --view timeline --format mermaid --findings
"""


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("graph", help=COMMANDS["graph"],
                       description="Draw one view of a spec. svg and png need Graphviz's `dot` program, which "
                                   "runs under a time limit (120 s; REFORMLANG_DOT_TIMEOUT=SECONDS changes it).",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("spec", metavar="SPEC", help="a .reform file")
    p.add_argument("--view", choices=VIEWS, default="system", help="what to draw (default: system)")
    p.add_argument("--format", choices=FORMATS, default="dot", help="output format (default: dot)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write here (atomically) instead of standard output; '-' is standard output (png needs -o)")
    p.add_argument("--findings", action="store_true", help="mark in red the parts the checker has findings on")
    p.add_argument("--max-nodes", type=_budget, default=None, metavar="N",
                   help="draw a view of more than N boxes as counts per tier, column or kind of box "
                        "(default: 250; 0 draws every box, however many)")
    from reformlang.cli.common import add_lang_option

    add_lang_option(p)
    p.set_defaults(run=run)


def _budget(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number of boxes (0 for no limit), not {text!r}")
    return value


def run(args) -> int:
    from reformlang.backends import graph
    from reformlang.backends.findings import NONE, locate, marked
    from reformlang.cli.common import load_spec, write_output
    from reformlang.errors import UserError

    from reformlang.i18n import msg

    if args.format == "png" and not args.output:
        raise UserError(msg("png is binary"), help=msg("name a file with -o FILE (or `-o -` to pipe it)"))
    from reformlang.cli.common import use_lang

    use_lang(args, args.spec)
    spec = load_spec(args, args.spec)
    from reformlang.cli.common import inputs_of
    from reformlang.files import refuse_overwrite

    refuse_overwrite([args.output] if args.output and args.output != "-" else [], inputs_of(args))
    located = NONE
    if args.findings:
        from reformlang.stages import review

        try:
            located = locate(spec, marked(review(spec).findings))
        except UserError as exc:
            raise exc.stopped(msg("nothing was drawn"))
    budget = graph.NODE_BUDGET if args.max_nodes is None else (args.max_nodes or None)
    drawn = graph.render(spec, args.view, args.format, located, budget,
                         note=lambda said: print(f"reformlang: {said}", file=sys.stderr))
    write_output(args.output, drawn)
    return 0
