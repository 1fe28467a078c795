"""`reformlang plan`: write an implementation plan of a spec as Markdown or HTML."""

from __future__ import annotations

import argparse

EXAMPLE = """the plan holds: summary and vision; engagement; levels and roles; priorities and
indicators; a timeline; funding; networks against the eight ingredients;
accountability; rollout; the scorecard; the findings as risks with what to add.

examples:
  reformlang plan my_reform.reform -o plan.md
  reformlang plan my_reform.reform --format html -o plan.html
  reformlang plan my_reform.reform -o - | less                  # '-' is standard output
  reformlang plan my_reform.reform --templates my_templates/   # override plan.md.j2 or plan.html.j2
"""


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("plan", help=COMMANDS["plan"],
                       description="Write an implementation plan of a spec. html needs Graphviz's `dot` program "
                                   "for its diagrams.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("spec", metavar="SPEC", help="a .reform file")
    p.add_argument("--format", choices=("md", "html"), default="md", help="output format (default: md)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write here (atomically) instead of standard output; '-' is standard output")
    p.add_argument("--templates", metavar="DIR",
                   help="a folder whose plan.md.j2 / plan.html.j2 replace the shipped ones")
    from reformlang.cli.common import add_lang_option, add_paper_option

    add_lang_option(p)
    add_paper_option(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from pathlib import Path

    from reformlang.cli.common import load_spec, write_output
    from reformlang.errors import UserError, require

    from reformlang.i18n import msg

    require("`reformlang plan`", "jinja2")
    templates = None
    if args.templates:
        templates = Path(args.templates)
        if not templates.is_dir():
            raise UserError(msg("--templates {folder}: no such folder", folder=args.templates))
    if args.format == "html":
        from reformlang.backends.graph.render import GraphvizMissing, dot_binary

        if dot_binary() is None:
            raise GraphvizMissing("the HTML plan's diagrams")
    from reformlang.cli.common import use_lang, use_paper

    use_lang(args, args.spec)
    paper = use_paper(args, args.spec)
    spec = load_spec(args, args.spec)
    from reformlang.cli.common import inputs_of
    from reformlang.files import refuse_overwrite

    used_templates = list(templates.glob("*.j2")) if templates else []
    refuse_overwrite([args.output] if args.output and args.output != "-" else [],
                     [*inputs_of(args), *used_templates])
    from reformlang.backends.plan import render_plan
    from reformlang.stages import review

    try:
        text = render_plan(spec, args.format, review(spec), templates, paper=paper)
    except UserError as exc:
        raise exc.stopped(msg("no plan was written"))
    write_output(args.output, text)
    return 0
