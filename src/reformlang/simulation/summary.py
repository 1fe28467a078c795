"""The yearly summary of a simulation as CSV: means over runs, with bands across runs."""

from __future__ import annotations

import numpy as np

from reformlang.simulation.model import Trajectories

# The measures, in column order: (column, Trajectories field).
MEASURES = (("coverage", "coverage"), ("mean_performance", "performance"), ("gap", "gap"),
            ("commitment", "commitment"))
BAND = (10, 90)  # the band is the 10th to the 90th percentile across runs


def bands(tr: Trajectories, field: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean over runs, and the low and high edges of the band, for each year."""
    values = getattr(tr, field)
    low, high = np.percentile(values, BAND, axis=0)
    return values.mean(axis=0), low, high


def summary_csv(tr: Trajectories) -> str:
    """One row per year: year, then each measure's mean over runs and its band (`_low`, `_high`)."""
    header = ["year"]
    for column, _ in MEASURES:
        header += [column, f"{column}_low", f"{column}_high"]
    columns = [bands(tr, field) for _, field in MEASURES]
    lines = [",".join(header)]
    for i, year in enumerate(tr.years):
        cells = [str(year)]
        for mean, low, high in columns:
            cells += [_fmt(mean[i]), _fmt(low[i]), _fmt(high[i])]
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def _fmt(value: float) -> str:
    text = f"{value:.4f}"
    return "0.0000" if text == "-0.0000" else text
