"""`reformlang fmt`: rewrite specs in the canonical layout, keeping every comment."""

from __future__ import annotations

import argparse
import sys

EXAMPLE = """examples:
  reformlang fmt examples/                 rewrite every .reform file under examples/
  reformlang fmt --check my_reform.reform  exit 1 (and name the file) if it would change
  reformlang fmt --diff my_reform.reform   show the change, write nothing
  reformlang fmt --check --diff specs/     in CI: fail if any file would change, and show how
  reformlang fmt - < my_reform.reform      read standard input, write standard output

exit status: 0 nothing to do or all rewritten; 1 a file does not parse, or
would change under --check / --diff; 2 a path does not exist.
"""


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("fmt", help=COMMANDS["fmt"],
                       description="Rewrite .reform files (or folders of them, recursively) in one canonical "
                                   "layout. Every comment is kept and the meaning never changes; a file that "
                                   "does not parse is reported and left untouched.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; '-' reads standard input")
    p.add_argument("--check", action="store_true",
                   help="write nothing; list the files that would change and exit 1 if any would")
    p.add_argument("--diff", action="store_true",
                   help="write nothing; print a unified diff of the changes and exit 1 if any (with --check: "
                        "the diff on standard output, the file names on standard error)")
    p.set_defaults(run=run)


def run(args) -> int:
    from reformlang.cli.common import io_error, use_colour
    from reformlang.diagnostics import Diagnostic, Severity, Sink
    from reformlang.files import discover, display_path, read_source, write_atomic
    from reformlang.format import format_source
    from reformlang.render.text import render_text
    from reformlang.source import decode_source

    colour = use_colour(sys.stderr)
    broken = changed = unchanged = 0

    def report(sink: Sink) -> None:
        sys.stderr.write(render_text(sink.sorted(), colour))

    if "-" in args.paths:
        if args.paths != ["-"]:
            from reformlang.errors import UserError

            from reformlang.i18n import msg

            raise UserError(msg("fmt: '-' (standard input) cannot be mixed with paths"))
        args.current_input = "<stdin>"
        try:
            data = read_source(None)
        except OSError as exc:
            sys.stderr.write(render_text([io_error("<stdin>", exc.strerror or str(exc))], colour))
            return 2
        source, bad = decode_source(data, "<stdin>")
        sink = Sink()
        out = format_source(source, sink, bad)
        if out is None:
            report(sink)
            return 1
        if args.diff:
            sys.stdout.write(_diff(source.text, out, "<stdin>"))
        if args.check and out != source.text:
            print("would reformat <stdin>", file=sys.stderr)
        if args.check or args.diff:
            return 1 if out != source.text else 0
        sys.stdout.write(out)
        return 0

    found = discover(args.paths)
    missing = [shown for shown, _, _ in found.problems]
    if found.problems:
        sys.stderr.write(render_text([Diagnostic("E900", Severity.ERROR, message, None, help_, path=shown)
                                      for shown, message, help_ in found.problems], colour))
    for path in found.files:
        name = display_path(path)
        args.current_input = name
        try:
            data = read_source(path)
        except OSError as exc:
            sys.stderr.write(render_text([io_error(name, exc.strerror or str(exc))], colour))
            missing.append(name)
            continue
        source, bad = decode_source(data, name)
        sink = Sink()
        out = format_source(source, sink, bad)
        if out is None:
            report(sink)
            broken += 1
            continue
        # Compare bytes, so that a byte-order mark or CRLF line ends count as a change.
        if out.encode("utf-8") == data:
            unchanged += 1
            continue
        changed += 1
        if args.diff:
            sys.stdout.write(_diff(source.text, out, name))
            if args.check:
                print(f"would reformat {name}", file=sys.stderr)
        elif args.check:
            print(f"would reformat {name}")
        else:
            try:
                write_atomic(path, out)
            except OSError as exc:
                from reformlang.i18n import msg

                message = msg("cannot write {path}: {reason}", path=name, reason=exc.strerror or str(exc))
                sys.stderr.write(render_text([Diagnostic("E900", Severity.ERROR, message, None, path=name)], colour))
                missing.append(name)
                continue
            print(f"reformatted {name}")
    print(_summary(changed, unchanged, broken, args.check or args.diff), file=sys.stderr)
    if missing:
        return 2
    if broken or ((args.check or args.diff) and changed):
        return 1
    return 0


def _diff(before: str, after: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(_lines(before), _lines(after),
                                 fromfile=f"{name} (before)", tofile=f"{name} (formatted)")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    # Not str.splitlines: a spec's lines end at "\n" only (form feeds and U+2028 may sit inside comments).
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    return lines + [parts[-1]] if parts[-1] else lines


def _summary(changed: int, unchanged: int, broken: int, dry_run: bool) -> str:
    def files(n: int) -> str:
        return f"{n} file{'s' * (n != 1)}"

    verb = "would be reformatted" if dry_run else "reformatted"
    bits = [f"{files(changed)} {verb}", f"{files(unchanged)} already formatted"]
    if broken:
        bits.append(f"{files(broken)} not parsed (left as they were)")
    return "fmt: " + ", ".join(bits)
