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
  reformlang graph my_reform.reform --view timeline --format mermaid --findings
"""


def register(sub) -> None:
    p = sub.add_parser("graph", help="draw a diagram of a spec",
                       description="Draw one view of a spec. svg and png need Graphviz's `dot` program.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("spec", metavar="SPEC", help="a .reform file")
    p.add_argument("--view", choices=VIEWS, default="system", help="what to draw (default: system)")
    p.add_argument("--format", choices=FORMATS, default="dot", help="output format (default: dot)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write here (atomically) instead of standard output; '-' is standard output (png needs -o)")
    p.add_argument("--findings", action="store_true", help="mark in red the parts the checker has findings on")
    p.set_defaults(run=run)


def load_spec(args, path: str):
    """Compile one spec for a backend: the model, or (None, exit code) after reporting why not."""
    from reformlang.cli.common import compile_paths, use_colour
    from reformlang.diagnostics import Severity
    from reformlang.render.text import render_text

    results = list(compile_paths(args, [path]))
    if not results:
        print(f"reformlang: {path} holds no .reform file", file=sys.stderr)
        return None, 2
    if len(results) > 1:
        print(f"reformlang: {path} is a folder; name one .reform file", file=sys.stderr)
        return None, 2
    _, comp, err = results[0]
    if err is not None:
        sys.stderr.write(render_text([err], use_colour(sys.stderr)) + "\n")
        return None, 2
    errors = [d for d in comp.diagnostics if d.severity is Severity.ERROR]
    if comp.spec is None or errors:
        sys.stderr.write(render_text(errors or list(comp.diagnostics), use_colour(sys.stderr)) + "\n")
        print(f"reformlang: {path} has errors; fix them first (run `reformlang check {path}`)", file=sys.stderr)
        return None, 1
    if comp.spec.is_library:
        print(f"reformlang: {path} is a library file (vocabularies or frameworks); name a spec with an "
              "initiative", file=sys.stderr)
        return None, 2
    return comp.spec, 0


def write_output(output: str | None, data: str | bytes) -> int:
    """Write to a file atomically, or to standard output."""
    from reformlang.files import write_atomic

    if output and output != "-":
        try:
            write_atomic(output, data)
        except OSError as exc:
            print(f"reformlang: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        return 0
    if isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)
    return 0


def run(args) -> int:
    from reformlang.backends import graph
    from reformlang.backends.findings import NONE, locate

    if args.format == "png" and not args.output:
        print("reformlang: png is binary; name a file with -o FILE (or `-o -` to pipe it)", file=sys.stderr)
        return 2
    spec, code = load_spec(args, args.spec)
    if spec is None:
        return code
    located = NONE
    if args.findings:
        from reformlang.backends.checking import review
        from reformlang.cli.common import config_problem
        from reformlang.lint.config import ConfigError

        try:
            located = locate(spec, review(spec).findings)
        except ConfigError as exc:
            return config_problem(exc, "nothing was drawn")
    try:
        data = graph.render(spec, args.view, args.format, located)
    except graph.GraphvizMissing as exc:
        print(f"reformlang: {exc}", file=sys.stderr)
        return 2
    return write_output(args.output, data)
