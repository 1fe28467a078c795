"""Plots of a simulation's trajectories with their uncertainty bands, as byte-stable PNG and SVG."""

from __future__ import annotations

import io
import warnings

from reformlang.simulation.model import Trajectories
from reformlang.simulation.summary import BAND, bands
from reformlang.visible import visible

PANELS = (
    ("coverage", "Coverage (share of schools taking part)"),
    ("performance", "Mean school performance"),
    ("gap", "Gap (90th - 10th percentile of schools)"),
    ("commitment", "Mean commitment"),
)


FORMATS = ("png", "svg")


def render(tr: Trajectories, title: str, formats: tuple[str, ...] = FORMATS) -> dict[str, bytes]:
    """The trajectories in each of `formats` (png, svg), as bytes; the same trajectories give the same
    bytes, whichever formats are drawn together (each is drawn afresh from the same figure)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    style = {"svg.hashsalt": "reformlang", "svg.fonttype": "path", "font.family": "DejaVu Sans",
             "axes.titlesize": 10, "font.size": 9}
    with matplotlib.rc_context(style), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a title glyph missing from the font is drawn as a box, not an error
        fig = Figure(figsize=(10, 7), dpi=100)
        FigureCanvasAgg(fig)
        axes = fig.subplots(2, 2, sharex=True)
        start, end = tr.period
        for ax, (field, label) in zip(axes.flat, PANELS):
            mean, low, high = bands(tr, field)
            ax.axvspan(start, end + 1, color="#dddddd", alpha=0.6, lw=0, label="initiative period")
            ax.fill_between(tr.years, low, high, color="#4c72b0", alpha=0.25, lw=0,
                            label=f"{BAND[0]}th-{BAND[1]}th percentile of runs")
            ax.plot(tr.years, mean, color="#4c72b0", lw=2, label="mean over runs")
            ax.set_title(label)
            ax.set_ylim(0, 1.0)
            ax.grid(True, color="#eeeeee")
        for ax in axes[1]:
            ax.set_xlabel("year (state at the start of the year)")
        axes[0][0].legend(loc="lower right", fontsize=8)
        fig.suptitle(_plain(title))
        fig.text(0.5, 0.005, "A model to explore designs, not a forecast (see docs/simulation.md)",
                 ha="center", fontsize=8, color="#555555")
        fig.subplots_adjust(left=0.06, right=0.98, bottom=0.09, top=0.91, wspace=0.15, hspace=0.18)
        out = {}
        for fmt in formats:
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, metadata=_METADATA[fmt])
            out[fmt] = buf.getvalue()
    return out


# No date or software version: the same trajectories give the same bytes.
_METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}


def _plain(text: str) -> str:
    """Text as matplotlib should show it literally: `$` would otherwise start mathematics, and a
    control character (an escape, a bell) would reach the SVG raw, which no XML reader accepts;
    bidirectional controls are made visible as everywhere else."""
    return visible(text).replace("\\", "\\\\").replace("$", r"\$")
