"""`reformlang simulate`: run the model of every school on a spec or a config and write the results."""

from __future__ import annotations

import argparse
import sys

EXAMPLE = """examples:
  reformlang simulate examples/npdl.reform -o out/npdl
  reformlang simulate npdl.json --runs 50 --seed 7 --until 2030 -o out/npdl
  reformlang simulate examples/npdl.reform --sensitivity --lhs 50 -o out/npdl
  reformlang simulate examples/npdl.reform --runs 2000 --scheduler local:2 -o out/npdl

writes DIR/config.json, DIR/summary.csv, DIR/trajectories.png and .svg, and DIR/README.md
(what each file and column is); with --sensitivity also DIR/sensitivity.csv and
DIR/tornado.png and .svg (and DIR/lhs.csv with --lhs). The same seed gives the same
files, wherever the runs ran. A tool to explore designs, not a forecast: the model,
its sources and its assumptions are in `reformlang explain simulation`.
"""


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("simulate", help=COMMANDS["simulate"],
                       description="Run the model of every school (`reformlang explain simulation`) on a spec or a config "
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
    s = p.add_argument_group("sensitivity: how much of the answer is assumption")
    s.add_argument("--sensitivity", action="store_true",
                   help="also vary every model parameter one at a time (low and high) and write sensitivity.csv "
                        "and tornado.png/.svg; the headline says whether the direction of mean performance and "
                        "of the gap holds in every variation")
    s.add_argument("--range", type=_fraction, default=0.5, metavar="R", dest="span",
                   help="vary each parameter to (1 - R) and (1 + R) times its value (default: 0.5)")
    s.add_argument("--lhs", type=_natural, default=0, metavar="N",
                   help="add a Latin hypercube sample of N variations of all parameters at once (writes lhs.csv)")
    s.add_argument("--parameters", metavar="NAME,...",
                   help="vary only these parameters (default: every one; see `reformlang explain simulation`)")
    p.add_argument("--scheduler", metavar="WHERE", type=_scheduler,
                   help="where the runs go: processes:N (a local process pool), local:N (a Dask cluster of N "
                        "workers on this machine) or tcp://HOST:8786 (an existing Dask cluster); default: in "
                        "this process. Dask needs `pip install 'reformlang[distributed]'`. The results are the "
                        "same, byte for byte, wherever they ran")
    from reformlang.cli.common import add_lang_option

    add_lang_option(p)  # README.md and the plots' words; config.json and the CSV files stay English
    p.set_defaults(run=run)


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, got {text!r}") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1 (0.5 is +-50%), got {text}")
    return value


def _scheduler(text: str) -> str:
    from reformlang.simulation.sweep import parse_scheduler

    try:
        parse_scheduler(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


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
    from reformlang.i18n import msg

    require("`reformlang simulate`", "numpy", "matplotlib")
    from reformlang.simulation.config import check_config, parse_config

    source = args.source
    args.current_input = source
    from reformlang.cli.common import use_lang

    use_lang(args, source)
    if source.endswith(".json"):
        try:
            text = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(msg("cannot read {path}: {reason}", path=source,
                                reason=str(getattr(exc, "strerror", None) or exc))) from None
        config = parse_config(text, source)
    else:
        config = check_config(load_spec_config(args, source), source)

    sensitivity = None
    if args.sensitivity or args.lhs or args.parameters:
        names = None
        if args.parameters:
            names = [n.strip() for n in args.parameters.split(",") if n.strip()]
            known = sorted(config["parameters"])
            unknown = [n for n in names if n not in known]
            if unknown:
                from reformlang.diagnostics import suggestion

                hint = suggestion(unknown[0], known)
                raise UserError(msg("--parameters: no model parameter `{name}`", name=unknown[0]),
                                help=hint or msg("run `reformlang explain simulation` for the parameters"))
        sensitivity = {"span": args.span, "lhs": args.lhs, "names": names}

    from reformlang.simulation.levers import levers
    from reformlang.simulation.progress import ProgressBar
    from reformlang.files import display_path
    from reformlang.simulation.runner import OUTPUTS, run_and_write

    # The notes: words the model does not know, and facts the design does not state (neutral levers).
    for note in levers(config).notes:
        print(f"reformlang: note: {display_path(source)}: {note}", file=sys.stderr)

    if args.output == "-":
        raise UserError(msg("simulate writes a folder of results, not standard output"),
                        help=msg("name it with -o DIR"))
    out = Path(args.output) if args.output else Path(f"{Path(source).stem}-simulation")
    if out.exists() and not out.is_dir():
        raise UserError(msg("{path} is a file", path=str(out)), help=msg("name a folder for the results with -o DIR"))
    from reformlang.cli.common import inputs_of
    from reformlang.files import refuse_overwrite

    inputs = [Path(source)] if source.endswith(".json") else inputs_of(args)
    refuse_overwrite([out / name for name in OUTPUTS], inputs,
                     help=msg("name another folder for the results with -o DIR"))
    said: list[str] = []
    try:
        written = run_and_write(config, out, runs=args.runs, seed=args.seed, until=args.until,
                                progress=ProgressBar("simulating"), scheduler=args.scheduler,
                                sensitivity=sensitivity, report=said.append)
    except UserError as exc:
        raise exc.stopped(msg("nothing was simulated from {path}", path=source))
    except OSError as exc:
        raise UserError(msg("cannot write into {path}: {reason}", path=str(out),
                            reason=exc.strerror or str(exc))) from None
    for path in written:
        print(path)
    for line in said:
        print(f"reformlang: {line}", file=sys.stderr)
    return 0
