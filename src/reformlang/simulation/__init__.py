"""Simulation of a design: a vectorised model of every school, run from a simulation config.

The model reads configs (see simulation/simconfig.py), never the spec, so a
config written by hand runs too. NumPy and matplotlib are imported inside the
functions that need them, so that `reformlang check` never loads them.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reformlang.semantics.model import Spec


def write_simulation(spec: Spec, out_dir: Path, runs: int | None = None, seed: int | None = None,
                     note: Callable[[str], None] | None = None,
                     plots: tuple[str, ...] = ("png", "svg")) -> list[Path]:
    """Simulate each initiative of a spec into out_dir (config.json, summary.csv, and the trajectories
    drawn in each of `plots`: trajectories.png, trajectories.svg).

    A spec with one initiative writes into out_dir itself; with several, into
    out_dir/<initiative id>/. `runs` and `seed` default to the spec's
    `simulation` block, then to 20 runs and seed 0. `note` hears of each word
    the model does not know. Returns the paths written.
    """
    from reformlang.simulation.simconfig import build_config, complete, unknown_words
    from reformlang.simulation.runner import run_and_write

    out_dir = Path(out_dir)
    written: list[Path] = []
    many = len(spec.initiatives) > 1
    for init in spec.initiatives:
        config = complete(build_config(init, spec.library))
        for message in unknown_words(config) if note else ():
            note(message)
        written += run_and_write(config, out_dir / init.id if many else out_dir, runs=runs, seed=seed,
                                 plots=plots)
    return written


__all__ = ["write_simulation"]
