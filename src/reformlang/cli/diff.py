"""`reformlang diff`: what a change to a spec does to the reform design."""

from __future__ import annotations

import argparse

EXAMPLE = """blocks are matched by kind and id (two files with one initiative each are compared
initiative to initiative whatever their ids); the diff lists what changed in
the design (levels, links, priorities, strategies, funding, rollout), the
money each tier receives before and after, the findings resolved and
introduced, and the scorecard before and after.

examples:
  reformlang diff old.reform new.reform
  reformlang diff --rev HEAD~1 my_reform.reform --format md   # for a pull-request comment
  reformlang diff old.reform new.reform --format json
"""


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("diff", help=COMMANDS["diff"],
                       description="Compare two versions of a spec: two files, or a file and its version at "
                                   "a git revision (--rev).",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("specs", metavar="SPEC", nargs="+", help="OLD NEW, or one SPEC with --rev")
    p.add_argument("--rev", metavar="REV", help="compare SPEC as it was at this git revision with SPEC as it is")
    p.add_argument("--format", choices=("text", "md", "json"), default="text", help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    from reformlang.cli.common import add_lang_option

    add_lang_option(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from reformlang.errors import EXIT_USAGE, UserError, require
    from reformlang.i18n import msg

    if args.format != "json":
        require("`reformlang diff`", "jinja2")
    if args.rev is not None and len(args.specs) != 1:
        raise UserError(msg("--rev takes one SPEC"), help="reformlang diff --rev HEAD~1 my_reform.reform",
                        exit_code=EXIT_USAGE)
    if args.rev is None and len(args.specs) != 2:
        raise UserError(msg("diff takes two specs, OLD and NEW (or one SPEC with --rev REV)"),
                        help="reformlang diff old.reform new.reform", exit_code=EXIT_USAGE)
    from reformlang.backends.diff import diff, render
    from reformlang.cli.common import inputs_of, load_spec, use_lang, write_output

    use_lang(args, args.specs[-1])
    from reformlang.files import refuse_overwrite
    from reformlang.stages import linter

    lint = linter()
    if args.rev is not None:
        new = load_spec(args, args.specs[0])
        old = _at_revision(args.rev, args.specs[0])
        old_name = f"{args.specs[0]}@{args.rev}"
    else:
        old = load_spec(args, args.specs[0])
        new = load_spec(args, args.specs[1])
        old_name = None
    refuse_overwrite([args.output] if args.output and args.output != "-" else [], inputs_of(args))
    import contextlib

    from reformlang import i18n

    # JSON is for machines: English and the same bytes whatever the language (its words are chosen as
    # the diff is worked out, so it is worked out in English).
    with i18n.english() if args.format == "json" else contextlib.nullcontext():
        d = diff(old, lint.review(old.path, old), new, lint.review(new.path, new), old_name)
    write_output(args.output, render(d, args.format))
    return 0


def _at_revision(rev: str, path: str):
    """The spec at `path` as it was at git revision `rev`, compiled beside the file as it is now."""
    import subprocess
    from pathlib import Path

    from reformlang.diagnostics import Severity
    from reformlang.driver import compile_bytes
    from reformlang.errors import EXIT_FAIL, UserError
    from reformlang.i18n import msg

    file = Path(path).resolve()
    if rev.startswith("-"):
        raise UserError(msg("--rev {rev}: not a revision", rev=rev), help=msg("name a commit, e.g. --rev HEAD~1"))
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=file.parent, capture_output=True,
                             text=True, check=False)
    except OSError as exc:
        raise UserError(msg("cannot run git: {reason}", reason=exc.strerror or str(exc)),
                        help=msg("install git, or compare two files")) from None
    if top.returncode != 0:
        raise UserError(msg("{path} is not in a git repository", path=path),
                        help=msg("compare two files: reformlang diff OLD NEW"))
    relative = file.relative_to(Path(top.stdout.strip()).resolve()).as_posix()
    shown = subprocess.run(["git", "show", f"{rev}:{relative}"], cwd=top.stdout.strip(), capture_output=True,
                           check=False)
    if shown.returncode != 0:
        message = shown.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UserError(msg("cannot read {path} at revision {rev}: {reason}", path=path, rev=rev,
                            reason=message[-1] if message else msg("git failed")),
                        help=msg("name a revision at which the file existed, e.g. --rev HEAD~1"))
    comp = compile_bytes(shown.stdout, file, display=f"{path}@{rev}")
    errors = [d for d in comp.diagnostics if d.severity is Severity.ERROR]
    if comp.spec is None or errors:
        raise UserError(msg("{path} at {rev} has errors", path=path, rev=rev), diagnostics=errors or comp.diagnostics,
                        exit_code=EXIT_FAIL, help=msg("pick a revision at which the spec compiled"))
    return comp.spec
