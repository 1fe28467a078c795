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


def digest(config: dict, tr: Trajectories, sensitivity=None) -> dict:
    """One initiative's simulated trajectories as plain data for the brief and the comparison: its id,
    title and period, the years, the runs, and for each measure (coverage, performance, gap, commitment, on
    the model's 0-1 scale) the mean over runs and the band (10th to 90th percentile), rounded so the same
    spec gives the same bytes; with `sensitivity` (a sensitivity.Sensitivity) what it says
    (sensitivity.verdict), else None."""
    from reformlang.simulation.sensitivity import verdict

    init = config.get("initiative") or {}
    measures = {}
    for column, field in MEASURES:
        mean, low, high = bands(tr, field)
        measures[column] = {"mean": [round(float(x), 4) for x in mean], "low": [round(float(x), 4) for x in low],
                            "high": [round(float(x), 4) for x in high]}
    return {"id": init.get("id") or "config", "title": init.get("title") or init.get("id") or "config",
            "period": list(tr.period), "years": [int(y) for y in tr.years], "runs": int(config["run"]["runs"]),
            "measures": measures, "sensitivity": None if sensitivity is None else verdict(sensitivity)}
