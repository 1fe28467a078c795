"""Run a config and write what a planner reads: config.json, summary.csv and the plots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reformlang.simulation.simconfig import dumps
from reformlang.files import write_atomic

CONFIG, SUMMARY, PLOT = "config.json", "summary.csv", "trajectories"
OUTPUTS = (CONFIG, SUMMARY, f"{PLOT}.png", f"{PLOT}.svg")  # the files written into the folder


def run_and_write(config: dict, out_dir: Path, *, runs: int | None = None, seed: int | None = None,
                  until: int | None = None, progress: Callable[[int, int], None] | None = None,
                  plots: tuple[str, ...] = ("png", "svg")) -> list[Path]:
    """Simulate a complete config and write its outputs into out_dir; returns the paths written.
    `plots` are the formats the trajectories are drawn in (png, svg).

    The config.json written holds the runs, seed and horizon actually used, so
    running it again gives the same files.
    """
    from reformlang.simulation.model import simulate
    from reformlang.simulation.plots import render
    from reformlang.simulation.summary import summary_csv

    run = dict(config["run"])
    for key, value in (("runs", runs), ("seed", seed), ("until", until)):
        if value is not None:
            run[key] = int(value)
    config = {**config, "run": run}
    tr = simulate(config, progress=progress)
    init = config.get("initiative") or {}
    title = init.get("title") or init.get("id") or "Simulation"
    drawn = render(tr, title, tuple(f for f in ("png", "svg") if f in plots))
    out_dir = Path(out_dir)
    written = []
    for name, data in ((CONFIG, dumps(config)), (SUMMARY, summary_csv(tr)),
                       *((f"{PLOT}.{fmt}", picture) for fmt, picture in drawn.items())):
        path = out_dir / name
        write_atomic(path, data)
        written.append(path)
    return written
