"""`reformlang simconfig`: write the simulation config of a spec, or print the config's JSON Schema."""

from __future__ import annotations

import argparse

EXAMPLE = """examples:
  reformlang simconfig examples/npdl.reform -o npdl.json
  reformlang simconfig examples/npdl.reform -o - | jq .levels   # '-' is standard output
  reformlang simconfig --schema > simconfig.schema.json
"""


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("simconfig", help=COMMANDS["simconfig"],
                       description="Write the versioned JSON config that `reformlang simulate` runs, derived "
                                   "from the spec as docs/simulation.md describes.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("spec", nargs="?", metavar="SPEC", help="a .reform file ('-' reads standard input)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the config here (default, or '-': standard output)")
    p.add_argument("--initiative", metavar="ID", help="which initiative of the file (default: the first)")
    p.add_argument("--schema", action="store_true", help="print the JSON Schema of the config and exit")
    p.set_defaults(run=run)


def run(args) -> int:
    from reformlang.simulation.simconfig import schema_text
    from reformlang.cli.common import write_output
    from reformlang.errors import UserError

    if args.schema:
        write_output(args.output, schema_text())
        return 0
    if not args.spec:
        from reformlang.i18n import msg

        raise UserError(msg("simconfig needs a spec"),
                        help=msg("name one (e.g. `reformlang simconfig my_reform.reform`) or use --schema"))
    from reformlang.simulation.simconfig import dumps
    from reformlang.cli.simulate import load_spec_config

    config = load_spec_config(args, args.spec)
    from reformlang.cli.common import inputs_of
    from reformlang.files import refuse_overwrite

    refuse_overwrite([args.output] if args.output and args.output != "-" else [], inputs_of(args))
    write_output(args.output, dumps(config))
    return 0
