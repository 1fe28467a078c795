"""`reformlang brief`: one printable page for the people who decide."""

from __future__ import annotations

import argparse

EXAMPLE = """the brief holds: the vision; the priorities and their targets; who leads what;
where the money goes; the scorecard (held, not held, not assessed); the three
most important risks in plain language; and what the simulation suggests, with
its caveat: whether its direction holds when every model parameter is varied
(--samples). It fits one A4 or Letter page (--paper).

examples:
  reformlang brief my_reform.reform -o brief.html
  reformlang brief my_reform.reform --format pdf -o brief.pdf     # needs Chromium
  reformlang brief my_reform.reform --format md --paper letter
"""


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("brief", help=COMMANDS["brief"],
                       description="Write a one-page brief of a spec: HTML, Markdown, or PDF printed by headless "
                                   "Chromium. Needs the plan and simulate extras.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("spec", metavar="SPEC", help="a .reform file")
    p.add_argument("--format", choices=("html", "md", "pdf"), default="html", help="output format (default: html)")
    from reformlang.cli.common import add_page_options, add_paper_option
    from reformlang.simulation import SAMPLES, SPAN

    add_page_options(p, "simulation runs")
    p.add_argument("--samples", type=int, default=SAMPLES, metavar="N",
                   help="test the simulation's headline: vary every model parameter at once, within "
                        f"{1 - SPAN:g} to {1 + SPAN:g} times its value, in N samples (N more simulations); 0 "
                        f"skips it (default: {SAMPLES})")
    add_paper_option(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from reformlang.errors import EXIT_USAGE, UserError, require
    from reformlang.i18n import msg

    require("`reformlang brief`", "jinja2", "numpy", "matplotlib")
    if args.format == "pdf" and (not args.output or args.output == "-"):
        raise UserError(msg("a PDF is binary: name a file with -o"),
                        help="reformlang brief SPEC --format pdf -o brief.pdf", exit_code=EXIT_USAGE)
    from reformlang.cli.common import check_runs, inputs_of, load_spec, use_lang, use_paper, write_output

    check_runs(args)
    if args.samples < 0:
        raise UserError(msg("--samples {samples}: 0 or more", samples=args.samples), exit_code=EXIT_USAGE)
    if args.format == "pdf":
        from reformlang.backends.pdf import ChromiumMissing, chromium

        if chromium() is None:
            raise ChromiumMissing("`reformlang brief --format pdf`")
    from reformlang.files import refuse_overwrite

    use_lang(args, args.spec)
    paper = use_paper(args, args.spec)
    spec = load_spec(args, args.spec)
    refuse_overwrite([args.output] if args.output and args.output != "-" else [], inputs_of(args))
    from reformlang.backends.brief import render_brief
    from reformlang.stages import review, simulated

    try:
        data = render_brief(spec, args.format, review(spec), simulated(spec, args.runs, args.seed, args.samples),
                            paper=paper)
    except UserError as exc:
        raise exc.stopped(msg("no brief was written"))
    write_output(args.output, data)
    return 0
