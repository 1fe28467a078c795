"""Simulation of a design: a vectorised model of every school, run from a simulation config.

The model reads configs (see backends/simconfig.py), never the spec, so a
config written by hand runs too. NumPy and matplotlib are imported inside the
functions that need them, so that `reformlang check` never loads them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reformlang.semantics.model import Spec


def write_simulation(spec: Spec, out_dir: Path, runs: int | None = None, seed: int | None = None) -> list[Path]:
    """Simulate each initiative of a spec into out_dir (config.json, summary.csv, trajectories.png/.svg).

    A spec with one initiative writes into out_dir itself; with several, into
    out_dir/<initiative id>/. `runs` and `seed` default to the spec's
    `simulation` block, then to 20 runs and seed 0. Returns the paths written.
    """
    from reformlang.backends.simconfig import build_config, complete
    from reformlang.simulation.runner import run_and_write

    out_dir = Path(out_dir)
    written: list[Path] = []
    many = len(spec.initiatives) > 1
    for init in spec.initiatives:
        config = complete(build_config(init, spec.library))
        written += run_and_write(config, out_dir / init.id if many else out_dir, runs=runs, seed=seed)
    return written


__all__ = ["write_simulation"]
