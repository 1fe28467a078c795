"""`reformlang plan`: write an implementation plan of a spec as Markdown or HTML."""

from __future__ import annotations

import argparse
import sys

EXAMPLE = """the plan holds: summary and vision; engagement; levels and roles; priorities and
indicators; a timeline; funding; networks against the eight ingredients;
accountability; rollout; the scorecard; the findings as risks with what to add.

examples:
  reformlang plan my_reform.reform -o plan.md
  reformlang plan my_reform.reform --format html -o plan.html
  reformlang plan my_reform.reform --templates my_templates/   # override plan.md.j2 or plan.html.j2
"""


def register(sub) -> None:
    p = sub.add_parser("plan", help="write an implementation plan of a spec",
                       description="Write an implementation plan of a spec. html needs Graphviz's `dot` program "
                                   "for its diagrams.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("spec", metavar="SPEC", help="a .reform file")
    p.add_argument("--format", choices=("md", "html"), default="md", help="output format (default: md)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write here (atomically) instead of standard output; '-' is standard output")
    p.add_argument("--templates", metavar="DIR",
                   help="a folder whose plan.md.j2 / plan.html.j2 replace the shipped ones")
    p.set_defaults(run=run)


def run(args) -> int:
    from pathlib import Path

    from reformlang.cli.graph import load_spec, write_output

    templates = None
    if args.templates:
        templates = Path(args.templates)
        if not templates.is_dir():
            print(f"reformlang: --templates {args.templates}: no such folder", file=sys.stderr)
            return 2
    spec, code = load_spec(args, args.spec)
    if spec is None:
        return code
    from reformlang.backends.checking import review
    from reformlang.backends.graph import GraphvizMissing
    from reformlang.backends.plan import TemplateProblem, render_plan
    from reformlang.cli.common import config_problem
    from reformlang.lint.config import ConfigError

    try:
        text = render_plan(spec, args.format, review(spec), templates)
    except GraphvizMissing as exc:
        print(f"reformlang: the HTML plan draws its diagrams with Graphviz: {exc}", file=sys.stderr)
        return 2
    except TemplateProblem as exc:
        print(f"reformlang: {exc}", file=sys.stderr)
        return 2
    except ConfigError as exc:
        return config_problem(exc, "no plan was written")
    return write_output(args.output, text)
