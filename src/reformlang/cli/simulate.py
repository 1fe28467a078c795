"""`reformlang simulate`: run the model of every school on a spec or a config and write the results."""

from __future__ import annotations

import argparse
import sys

EXAMPLE = """examples:
  reformlang simulate examples/npdl.reform -o out/npdl
  reformlang simulate npdl.json --runs 50 --seed 7 --until 2030 -o out/npdl

writes DIR/config.json, DIR/summary.csv, DIR/trajectories.png and DIR/trajectories.svg;
the same seed gives the same files. A tool to explore designs, not a forecast.
"""


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("simulate", help=COMMANDS["simulate"],
                       description="Run the model of every school (docs/simulation.md) on a spec or a config "
                                   "written by `reformlang simconfig`.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("source", metavar="SPEC|CONFIG", help="a .reform file or a .json config")
    p.add_argument("--runs", type=_positive, metavar="N", help="how many runs (default: the config's, 20)")
    p.add_argument("--seed", type=_natural, metavar="S", help="random seed (default: the config's, 0)")
    p.add_argument("--until", type=_natural, metavar="YEAR",
                   help="last year simulated (default: six years after the initiative's period)")
    p.add_argument("--initiative", metavar="ID", help="which initiative of the file (default: the first)")
    p.add_argument("-o", "--output", metavar="DIR",
                   help="folder for the results (default: SOURCE-simulation beside the current folder)")
    p.set_defaults(run=run)


def _positive(text: str) -> int:
    value = _natural(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {text}")
    return value


def _natural(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {text}")
    return value


def load_spec_config(args, source: str) -> dict:
    """Compile a spec and build its simulation config; raises UserError saying why it cannot."""
    from reformlang.simulation.simconfig import build_config, initiative_for
    from reformlang.cli.common import load_spec

    spec = load_spec(args, source)
    chosen = getattr(args, "initiative", None)
    if chosen is None and len(spec.initiatives) > 1:
        others = ", ".join(i.id for i in spec.initiatives[1:])
        print(f"reformlang: note: {source} holds several initiatives; using the first, "
              f"`{spec.initiatives[0].id}` (choose another with --initiative: {others})", file=sys.stderr)
    return build_config(initiative_for(spec, chosen), spec.library)


def run(args) -> int:
    from pathlib import Path

    from reformlang.errors import UserError, require

    require("`reformlang simulate`", "numpy", "matplotlib")
    from reformlang.simulation.config import check_config, parse_config

    source = args.source
    args.current_input = source
    if source.endswith(".json"):
        try:
            text = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"cannot read {source}: {getattr(exc, 'strerror', None) or exc}") from None
        config = parse_config(text, source)
    else:
        config = check_config(load_spec_config(args, source), source)
    from reformlang.simulation.simconfig import unknown_words

    from reformlang.files import display_path

    for note in unknown_words(config):
        print(f"reformlang: note: {display_path(source)}: {note}", file=sys.stderr)

    from reformlang.simulation.progress import ProgressBar
    from reformlang.simulation.runner import run_and_write

    if args.output == "-":
        raise UserError("simulate writes a folder of results, not standard output", help="name it with -o DIR")
    out = Path(args.output) if args.output else Path(f"{Path(source).stem}-simulation")
    if out.exists() and not out.is_dir():
        raise UserError(f"{out} is a file", help="name a folder for the results with -o DIR")
    from reformlang.cli.common import inputs_of
    from reformlang.files import refuse_overwrite
    from reformlang.simulation.runner import OUTPUTS

    inputs = [Path(source)] if source.endswith(".json") else inputs_of(args)
    refuse_overwrite([out / name for name in OUTPUTS], inputs, help="name another folder for the results with -o DIR")
    try:
        written = run_and_write(config, out, runs=args.runs, seed=args.seed, until=args.until,
                                progress=ProgressBar("simulating"))
    except UserError as exc:
        raise exc.stopped(f"nothing was simulated from {source}")
    except OSError as exc:
        raise UserError(f"cannot write into {out}: {exc.strerror or exc}") from None
    for path in written:
        print(path)
    return 0
