"""Plots of a simulation's trajectories with their uncertainty bands, as byte-stable PNG and SVG."""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Sequence

from reformlang.i18n import N_, _
from reformlang.simulation.model import Trajectories
from reformlang.simulation.summary import BAND, bands
from reformlang.visible import visible

PANELS = (
    ("coverage", N_("Coverage (share of schools taking part)")),
    ("performance", N_("Mean school performance")),
    ("gap", N_("Gap (90th - 10th percentile of schools)")),
    ("commitment", N_("Mean commitment")),
)


STYLE = {"svg.hashsalt": "reformlang", "svg.fonttype": "path", "font.family": "DejaVu Sans",
         "axes.titlesize": 10, "font.size": 9}
FOOTER = N_("A model to explore designs, not a forecast (see `reformlang explain simulation`)")


FORMATS = ("png", "svg")
# The panels' titles at the top of their axes, where matplotlib would put them anyway (the panels have
# nothing above them): finding that out costs it the extent of every tick label at each drawing, an
# eighth of the chart's time. The same bytes either way (tests/test_simulation.py).
TITLES_IN_PLACE = {"axes.titley": 1.0}


def render(tr: Trajectories, title: str, formats: tuple[str, ...] = FORMATS,
           targets: Sequence[dict] = ()) -> dict[str, bytes]:
    """The trajectories in each of `formats` (png, svg), as bytes; the same trajectories give the same
    bytes, whichever formats are drawn together (each is drawn afresh from the same figure).

    `targets` (the config's achievement targets: indicator, value 0..1, year)
    are drawn on the mean performance panel.
    """
    import matplotlib
    from matplotlib.ticker import MaxNLocator

    with _LOCK, matplotlib.rc_context({**STYLE, **TITLES_IN_PLACE}), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a title glyph missing from the font is drawn as a box, not an error
        fig, axes = _blank_figure()
        start, end = tr.period
        for ax, (field, label) in zip(axes.flat, PANELS):
            mean, low, high = bands(tr, field)
            ax.axvspan(start, end + 1, color="#dddddd", alpha=0.6, lw=0, label=_("initiative period (%(start)s-%(end)s)") % {"start": start, "end": end})
            ax.fill_between(tr.years, low, high, color="#4c72b0", alpha=0.25, lw=0,
                            label=_("%(low)sth-%(high)sth percentile of runs") % {"low": BAND[0], "high": BAND[1]})
            ax.plot(tr.years, mean, color="#4c72b0", lw=2, label=_("mean over runs"))
            ax.set_title(_(label))
            if field == "performance":
                for k, t in enumerate(targets):
                    ax.plot([t["year"] + 1], [t["value"]], marker="*", ms=11, color="#c44e52", ls="none",
                            label=_("target (state at the end of its year)") if k == 0 else None)
                    ax.annotate(plain(t["indicator"]), (t["year"] + 1, t["value"]), xytext=(4, 4),
                                textcoords="offset points", fontsize=7, color="#c44e52")
            ax.set_ylim(0, 1.0)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years, not 2002.5
            ax.grid(True, color="#eeeeee")
        for ax in axes[1]:
            ax.set_xlabel(_("year (state at the start of the year)"))
        axes[0][0].legend(loc="lower right", fontsize=8)
        if targets:
            axes[0][1].legend(loc="lower right", fontsize=8)
        fig.suptitle(plain(title))
        footer(fig)
        fig.subplots_adjust(left=0.06, right=0.98, bottom=0.09, top=0.91, wspace=0.15, hspace=0.18)
        return saved(fig, formats)


_LOCK = threading.Lock()  # one figure, drawn by one thread at a time
_KEPT: list = []  # [(rcParams it was made under, figure, axes)]: the figure of the last chart


def _blank_figure():
    """A figure of four panels with nothing drawn on it: the one the last chart was drawn on, emptied, or a new
    one. Making the figure, its axes and their ticks is a third of a chart's time in matplotlib, and a
    build draws a chart per initiative; emptied, the figure draws the same bytes as a new one
    (tests/test_simulation.py), and a new one is made whenever matplotlib's settings differ."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    settings = dict(matplotlib.rcParams)
    if _KEPT and _KEPT[0][0] == settings:
        _, fig, axes = _KEPT[0]
        for t in list(fig.texts):  # the title and the footer, made again by the caller
            t.remove()
        for ax in axes.flat:
            for artist in [*ax.lines, *ax.collections, *ax.patches, *ax.texts]:
                artist.remove()
            if ax.get_legend() is not None:
                ax.get_legend().remove()
            ax.relim()  # the data limits of an empty panel, as a new one has
        return fig, axes
    fig = Figure(figsize=(10, 7), dpi=100)
    FigureCanvasAgg(fig)
    axes = fig.subplots(2, 2, sharex=True)
    _KEPT[:] = [(settings, fig, axes)]
    return fig, axes


def footer(fig) -> None:
    """The line under every chart: what the model is, and where its documentation ships."""
    fig.text(0.5, 0.005, _(FOOTER), ha="center", fontsize=8, color="#555555")


def saved(fig, formats: Sequence[str]) -> dict[str, bytes]:
    """A figure's bytes in each format, without a date or version (the same data give the same bytes)."""
    out = {}
    for fmt in formats:
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, metadata=METADATA[fmt])
        out[fmt] = buf.getvalue()
    return out


# No date or software version: the same trajectories give the same bytes.
METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}


def plain(text: str) -> str:
    """Text as matplotlib should show it literally: `$` would otherwise start mathematics, and a
    control character (an escape, a bell) would reach the SVG raw, which no XML reader accepts;
    bidirectional controls are made visible as everywhere else."""
    return visible(text).replace("\\", "\\\\").replace("$", r"\$")
