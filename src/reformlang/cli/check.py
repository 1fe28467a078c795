"""`reformlang check`: compile specs and report what is wrong with them."""

from __future__ import annotations

import argparse
import sys

EXAMPLE = """examples:
  reformlang check examples/
  reformlang check --format json my_reform.reform
"""


def register(sub) -> None:
    p = sub.add_parser("check", help="check specs for errors and findings",
                       description="Check .reform files (or folders of them, recursively).",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; '-' reads standard input")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(run=run)


def run(args) -> int:
    from reformlang.cli.common import compile_paths, use_colour
    from reformlang.diagnostics import Severity

    diagnostics = []
    io_problem = False
    files = 0
    for _path, comp, err in compile_paths(args, args.paths):
        if err is not None:
            diagnostics.append(err)
            io_problem = True
            continue
        files += 1
        diagnostics.extend(comp.diagnostics)
    diagnostics = _dedupe(diagnostics)
    if args.format == "json":
        from reformlang.render.json_report import render_json

        sys.stdout.write(render_json(diagnostics))
    else:
        from reformlang.render.text import render_text, summary_line

        out = render_text(diagnostics, use_colour(sys.stdout))
        sys.stdout.write(out)
        if out:
            sys.stdout.write("\n")
        sys.stdout.write(summary_line(diagnostics, files) + "\n")
    if io_problem:
        return 2
    return 1 if any(d.severity is Severity.ERROR for d in diagnostics) else 0


def _dedupe(diagnostics):
    """A library file checked on its own and through `use` reports once."""
    seen = set()
    out = []
    for d in sorted(diagnostics, key=lambda d: d.sort_key):
        key = (d.sort_key, d.severity)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
