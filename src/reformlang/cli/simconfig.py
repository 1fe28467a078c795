"""`reformlang simconfig`: write the simulation config of a spec, or print the config's JSON Schema."""

from __future__ import annotations

import argparse
import sys

EXAMPLE = """examples:
  reformlang simconfig examples/npdl.reform -o npdl.json
  reformlang simconfig --schema > simconfig.schema.json
"""


def register(sub) -> None:
    p = sub.add_parser("simconfig", help="write the simulation config (JSON) of a spec",
                       description="Write the versioned JSON config that `reformlang simulate` runs, derived "
                                   "from the spec as docs/simulation.md describes.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("spec", nargs="?", metavar="SPEC", help="a .reform file ('-' reads standard input)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the config here (default, or '-': standard output)")
    p.add_argument("--initiative", metavar="ID", help="which initiative of the file (default: the first)")
    p.add_argument("--schema", action="store_true", help="print the JSON Schema of the config and exit")
    p.set_defaults(run=run)


def run(args) -> int:
    from reformlang.backends.simconfig import schema_text

    if args.schema:
        return _emit(schema_text(), args.output)
    if not args.spec:
        print("reformlang simconfig: name a spec (e.g. `reformlang simconfig my_reform.reform`) or use --schema",
              file=sys.stderr)
        return 2
    from reformlang.cli.simulate import load_spec_config

    config, code = load_spec_config(args, args.spec)
    if config is None:
        return code
    from reformlang.backends.simconfig import dumps

    return _emit(dumps(config), args.output)


def _emit(text: str, output: str | None) -> int:
    if output and output != "-":  # '-' is standard output
        from reformlang.files import write_atomic

        try:
            write_atomic(output, text)
        except OSError as exc:
            print(f"reformlang simconfig: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    return 0
