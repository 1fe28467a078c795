"""Simulation of a design: a vectorised model of every school, run from a simulation config.

The model reads configs (see simulation/simconfig.py), never the spec, so a
config written by hand runs too. NumPy and matplotlib are imported inside the
functions that need them, so that `reformlang check` never loads them.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from reformlang.records import record

if TYPE_CHECKING:
    from reformlang.semantics.model import Spec


# A quick test of a headline (the brief's): every model parameter varied at once, each within (1 - SPAN)
# to (1 + SPAN) times its value as `simulate --sensitivity` does, in this many Latin hypercube samples.
SAMPLES = 8
SPAN = 0.5


@record
class Written:
    """What simulating one initiative wrote and said."""

    initiative: str
    folder: Path
    paths: tuple[Path, ...]
    headline: tuple[str, ...]  # the direction of mean performance and of the gap (and whether it holds)
    notes: tuple[str, ...]  # facts the design does not state, and the neutral lever each gave
    runs: int
    years: str  # e.g. "2003-2021"
    summary: dict = attrs.field(factory=dict, eq=False)  # summary.digest: the trajectories, for the brief


def simulate_spec(spec: Spec, out_dir: Path, runs: int | None = None, seed: int | None = None,
                  sensitivity: dict | None = None, note: Callable[[str], None] | None = None,
                  plots: tuple[str, ...] = ("png", "svg")) -> list[Written]:
    """Simulate each initiative of a spec into out_dir, and say what each run said.

    A spec with one initiative writes into out_dir itself; with several, into
    out_dir/<initiative id>/. `runs` and `seed` default to the spec's
    `simulation` block, then to 20 runs and seed 0. `sensitivity` (keys
    `span`, `lhs`, `names`) also varies the parameters (runner.run_and_write).
    `note` hears of each fact the design does not state and each word the
    model does not know (the neutral lever each gives). `plots` are the
    formats the charts are drawn in (png, svg).
    """
    from reformlang.simulation.simconfig import build_config, complete
    from reformlang.simulation.levers import levers
    from reformlang.simulation.model import prepare
    from reformlang.simulation.runner import run_and_write
    from reformlang.simulation.summary import digest

    out_dir = Path(out_dir)
    many = len(spec.initiatives) > 1
    out: list[Written] = []
    for init in spec.initiatives:
        config, _, _ = prepare(complete(build_config(init, spec.library)), runs=runs, seed=seed)
        folder = out_dir / init.id if many else out_dir
        said: list[str] = []
        seen: dict = {}
        notes = levers(config).notes
        for message in notes if note else ():
            note(message)
        paths = run_and_write(config, folder, report=said.append, sensitivity=sensitivity, plots=plots,
                              seen=lambda c, tr, result: seen.update(summary=digest(c, tr, result)))
        run = config["run"]
        out.append(Written(init.id, folder, tuple(paths), tuple(said), notes, run["runs"],
                           f"{run['start']}-{run['until']}", seen["summary"]))
    return out


def write_simulation(spec: Spec, out_dir: Path, runs: int | None = None, seed: int | None = None,
                     note: Callable[[str], None] | None = None,
                     plots: tuple[str, ...] = ("png", "svg")) -> list[Path]:
    """Simulate each initiative of a spec into out_dir (config.json, summary.csv, the trajectories drawn
    in each of `plots`, README.md); see simulate_spec. Returns the paths written."""
    return [p for w in simulate_spec(spec, out_dir, runs, seed, note=note, plots=plots) for p in w.paths]


__all__ = ["Written", "simulate_spec", "write_simulation"]
