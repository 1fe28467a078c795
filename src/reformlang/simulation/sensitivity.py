"""How much of a simulation's answer is assumption: every parameter varied, one at a time and together.

One at a time: each model parameter is set to (1 - range) and (1 + range)
times its value (a table of values, such as `pressure_by_style`, is scaled
as a whole; a share stays within 0..1), the others kept. A Latin hypercube
of N samples (optional) varies all of them at once within the same range.
Every variation runs the same runs with the same seeds as the base run
(common random numbers), so a difference comes from the parameter, not from
chance.

The headline is the direction of the two measures from the start to the
horizon (does mean performance rise, does the gap widen?) and whether each
direction holds in every variation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs
import numpy as np

from reformlang.i18n import N_, _
from reformlang.records import record
from reformlang.simulation.model import Trajectories, join, prepare, run_task, split_runs

# Parameters that are shares of a whole: a variation never takes them past 1.
SHARES = frozenset({"performance", "spread", "innovators"})
# A change smaller than this (on the 0..1 scale) counts as no change: "about the same".
FLAT = 0.01


@record
class Variation:
    label: str  # "base", a parameter's name, or "lhs 3"
    level: str  # "base", "low", "high" or "sample"
    factors: tuple[tuple[str, float], ...]  # parameter -> factor applied to its default


@record
class Outcome:
    variation: Variation
    mean_start: float
    mean_end: float
    gap_start: float
    gap_end: float

    @property
    def mean_change(self) -> float:
        return self.mean_end - self.mean_start

    @property
    def gap_change(self) -> float:
        return self.gap_end - self.gap_start


@record
class Sensitivity:
    base: Trajectories
    parameters: tuple[str, ...]
    span: float
    config: dict = attrs.field(eq=False)
    outcomes: tuple[Outcome, ...]  # base first, then (low, high) per parameter, then the samples
    each: bool = True  # whether each parameter was varied one at a time (else only the samples were run)

    @property
    def base_outcome(self) -> Outcome:
        return self.outcomes[0]

    def one_at_a_time(self) -> list[tuple[str, Outcome, Outcome]]:
        if not self.each:
            return []
        rest = self.outcomes[1:1 + 2 * len(self.parameters)]
        return [(name, rest[2 * i], rest[2 * i + 1]) for i, name in enumerate(self.parameters)]

    def samples(self) -> list[Outcome]:
        return list(self.outcomes[1 + (2 * len(self.parameters) if self.each else 0):])


def model_parameters(config: dict) -> list[str]:
    """Every parameter of the model, in a stable order."""
    return sorted(config["parameters"])


def plan(config: dict, names: Sequence[str], span: float, lhs: int, seed: int, each: bool = True) -> list[Variation]:
    """The base, each parameter low and high (unless not `each`), then `lhs` Latin hypercube samples over
    all of `names`."""
    out = [Variation("base", "base", ())]
    for name in names if each else ():
        out += [Variation(name, "low", ((name, 1 - span),)), Variation(name, "high", ((name, 1 + span),))]
    if lhs:
        # Latin hypercube: each parameter's range cut into `lhs` equal strata, one sample in each, the
        # strata paired at random across parameters; drawn from the run's seed, so it is reproducible.
        rng = np.random.default_rng([seed, 0x1a75])
        cube = (rng.permuted(np.tile(np.arange(lhs), (len(names), 1)), axis=1).T + rng.random((lhs, len(names))))
        cube /= lhs
        for k in range(lhs):
            factors = tuple((name, float(1 - span + 2 * span * cube[k, j])) for j, name in enumerate(names))
            out.append(Variation(f"lhs {k + 1}", "sample", factors))
    return out


def varied(config: dict, factors: Sequence[tuple[str, float]]) -> dict:
    """The config with each named parameter scaled by its factor (a share capped at 1)."""
    par = dict(config["parameters"])
    for name, factor in factors:
        value = par[name]
        if isinstance(value, dict):
            par[name] = {k: v * factor for k, v in value.items()}
        else:
            par[name] = min(value * factor, 1.0) if name in SHARES else value * factor
    return {**config, "parameters": par}


def run(config: dict, *, names: Sequence[str] | None = None, span: float = 0.5, lhs: int = 0,
        runs: int | None = None, seed: int | None = None, until: int | None = None,
        scheduler: str | None = None, progress: Callable[[int, int], None] | None = None,
        each: bool = True) -> Sensitivity:
    """Run the base and every variation (as independent tasks on `scheduler`) and measure each; with
    `each` false, only the `lhs` samples that vary every parameter at once (a quick test of the headline)."""
    from reformlang.simulation.sweep import run_tasks

    config, runs, seed = prepare(config, runs=runs, seed=seed, until=until)
    known = model_parameters(config)
    names = list(known if names is None else names)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"no model parameter {', '.join(unknown)} (the parameters: {', '.join(known)})")
    variations = plan(config, names, span, lhs, seed, each)
    chunks = split_runs(config, runs)
    tasks = [(varied(config, v.factors), n, (seed, i), np.float32)
             for v in variations for i, n in enumerate(chunks)]
    results = run_tasks(run_task, tasks, scheduler, progress)
    per = len(chunks)
    trs = [join(results[k * per:(k + 1) * per]) for k in range(len(variations))]
    outcomes = tuple(Outcome(v, *_ends(tr)) for v, tr in zip(variations, trs))
    return Sensitivity(trs[0], tuple(names), span, config, outcomes, each)


def _ends(tr: Trajectories) -> tuple[float, float, float, float]:
    perf, gap = tr.performance.mean(axis=0), tr.gap.mean(axis=0)
    return float(perf[0]), float(perf[-1]), float(gap[0]), float(gap[-1])


# ------------------------------------------------------------------ what it says
# The two measures the headline follows, with the words for their directions (translated where shown)
# and its sentences: the direction holds in every variation, not in some, or no variation was run.
MEASURES = (
    ("mean_performance", N_("rises"), N_("falls"),
     (N_("mean performance %(direction)s from %(first)s to %(last)s (%(change)s); this holds in all %(count)s "
         "variations"),
      N_("mean performance %(direction)s from %(first)s to %(last)s (%(change)s); this does not hold in "
         "%(against)s of %(count)s variations (%(names)s)"),
      N_("mean performance %(direction)s from %(first)s to %(last)s (%(change)s); this no variation was run"))),
    ("gap", N_("widens"), N_("narrows"),
     (N_("gap %(direction)s from %(first)s to %(last)s (%(change)s); this holds in all %(count)s variations"),
      N_("gap %(direction)s from %(first)s to %(last)s (%(change)s); this does not hold in %(against)s of "
         "%(count)s variations (%(names)s)"),
      N_("gap %(direction)s from %(first)s to %(last)s (%(change)s); this no variation was run"))),
)


def direction(change: float, rising: str, falling: str) -> str:
    """The direction of a change, in the current language (`rising` and `falling` are English messages)."""
    if abs(change) < FLAT:
        return _("stays about the same")
    return _(rising) if change > 0 else _(falling)


def _sign(change: float) -> int:
    return 0 if abs(change) < FLAT else (1 if change > 0 else -1)


def verdict(s: Sensitivity) -> dict:
    """What the sensitivity says, as plain data (the brief words it): how the parameters were varied, and
    for each measure its direction from start to horizon in the base run and the variations against it."""
    base = s.base_outcome
    others = s.outcomes[1:]
    measures = []
    for measure, rising, falling, _said in MEASURES:
        change = base.mean_change if measure == "mean_performance" else base.gap_change
        sign = _sign(change)

        def pick(o: Outcome, measure=measure) -> float:
            return o.mean_change if measure == "mean_performance" else o.gap_change

        measures.append({"measure": measure, "sign": sign, "change": round(change, 4),
                         "direction": "stays about the same" if not sign else rising if sign > 0 else falling,
                         "against": [_name(o.variation) for o in others if _sign(pick(o)) != _sign(change)]})
    return {"method": "each" if s.each else "samples", "parameters": len(s.parameters),
            "low": f"{1 - s.span:g}", "high": f"{1 + s.span:g}", "variations": len(others),
            "first": int(s.base.years[0]), "last": int(s.base.years[-1]), "measures": measures}


def headline(s: Sensitivity) -> list[str]:
    """The direction of mean performance and of the gap, start to horizon, and whether each holds."""
    base = s.base_outcome
    first, last = s.base.years[0], s.base.years[-1]
    others = s.outcomes[1:]
    lines = []
    for measure, rising, falling, (held, not_held, none) in MEASURES:
        change, pick = ((base.mean_change, lambda o: o.mean_change) if measure == "mean_performance"
                        else (base.gap_change, lambda o: o.gap_change))
        said = {"direction": direction(change, rising, falling), "first": first, "last": last,
                "change": decimal(f"{change:+.3f}"), "count": len(others)}
        against = [o.variation for o in others if _sign(pick(o)) != _sign(change)]
        if not others:
            lines.append(_(none) % said)
        elif not against:
            lines.append(_(held) % said)
        else:
            named = ", ".join(_name(v) for v in against[:6]) + (", ..." if len(against) > 6 else "")
            lines.append(_(not_held) % {**said, "against": len(against), "names": named})
    return lines


def decimal(text: str) -> str:
    """A figure as the current language writes it: +0,017 in French."""
    from reformlang import i18n

    return text.replace(".", ",") if i18n.current() == "fr" else text


def holds(s: Sensitivity) -> dict[str, bool]:
    """For each measure, does its direction hold in every variation?"""
    base = s.base_outcome
    return {"mean_performance": all(_sign(o.mean_change) == _sign(base.mean_change) for o in s.outcomes),
            "gap": all(_sign(o.gap_change) == _sign(base.gap_change) for o in s.outcomes)}


def _name(v: Variation) -> str:
    if v.level in ("low", "high"):
        return f"{v.label} x{dict(v.factors)[v.label]:g}"
    return v.label


def _fmt(value: float) -> str:
    text = f"{value:.4f}"
    return "0.0000" if text == "-0.0000" else text


def _value(value) -> str:
    if isinstance(value, dict):
        return "table"
    return f"{value:.6g}"


def csv_text(s: Sensitivity) -> str:
    """One row per parameter: its value, low and high, and the change each makes at the horizon."""
    par = s.config["parameters"]
    base = s.base_outcome
    lines = ["parameter,base,low,high,mean_performance_low,mean_performance_high,gap_low,gap_high,"
             "direction_holds"]
    for name, low, high in s.one_at_a_time():
        lo, hi = varied(s.config, low.variation.factors), varied(s.config, high.variation.factors)
        if isinstance(par[name], dict):
            values = ["table", f"x{1 - s.span:g}", f"x{1 + s.span:g}"]
        else:
            values = [_value(par[name]), _value(lo["parameters"][name]), _value(hi["parameters"][name])]
        same = all(_sign(o.mean_change) == _sign(base.mean_change) and _sign(o.gap_change) == _sign(base.gap_change)
                   for o in (low, high))
        lines.append(",".join([name, *values,
                               _fmt(low.mean_end - base.mean_end), _fmt(high.mean_end - base.mean_end),
                               _fmt(low.gap_end - base.gap_end), _fmt(high.gap_end - base.gap_end),
                               "yes" if same else "no"]))
    return "\n".join(lines) + "\n"


def lhs_csv_text(s: Sensitivity) -> str:
    """One row per Latin hypercube sample: its factors, and the change of each measure from start to horizon."""
    lines = ["sample," + ",".join(s.parameters) + ",mean_performance_change,gap_change"]
    for k, o in enumerate(s.samples(), 1):
        factors = dict(o.variation.factors)
        lines.append(",".join([str(k), *(f"{factors[n]:.4f}" for n in s.parameters),
                               _fmt(o.mean_change), _fmt(o.gap_change)]))
    return "\n".join(lines) + "\n"


def tornado(s: Sensitivity, title: str, formats: tuple[str, ...] = ("png", "svg")) -> dict[str, bytes]:
    """The tornado chart: for each parameter, how far its low and high values move each measure at the horizon."""
    import warnings

    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from reformlang.simulation.plots import STYLE, footer, plain, saved

    base = s.base_outcome
    rows = [(name, low.mean_end - base.mean_end, high.mean_end - base.mean_end,
             low.gap_end - base.gap_end, high.gap_end - base.gap_end) for name, low, high in s.one_at_a_time()]
    rows.sort(key=lambda r: (-max(abs(r[1]), abs(r[2]), abs(r[3]), abs(r[4])), r[0]))
    rows.reverse()  # the widest at the top
    height = max(3.0, 0.28 * len(rows) + 1.6)
    with matplotlib.rc_context(STYLE), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig = Figure(figsize=(10, height), dpi=100)
        FigureCanvasAgg(fig)
        axes = fig.subplots(1, 2, sharey=True)
        ys = np.arange(len(rows))
        for ax, (lo_i, hi_i), label, base_value in (
                (axes[0], (1, 2), _("Mean performance at the horizon"), base.mean_end),
                (axes[1], (3, 4), _("Gap at the horizon"), base.gap_end)):
            lows = [r[lo_i] for r in rows]
            highs = [r[hi_i] for r in rows]
            ax.barh(ys, lows, color="#4c72b0", height=0.7, label=_("parameter x%(factor)s") % {"factor": f"{1 - s.span:g}"})
            ax.barh(ys, highs, color="#dd8452", height=0.7, alpha=0.85,
                    label=_("parameter x%(factor)s") % {"factor": f"{1 + s.span:g}"})
            ax.axvline(0, color="#333333", lw=0.8)
            ax.set_title(_("%(label)s\n(change from the base run's %(value)s)")
                         % {"label": label, "value": decimal(f"{base_value:.3f}")})
            ax.grid(True, axis="x", color="#eeeeee")
            ax.set_yticks(ys, [r[0] for r in rows])
        axes[0].legend(loc="lower left", fontsize=8)
        fig.suptitle(plain(title))
        footer(fig)
        fig.subplots_adjust(left=0.24, right=0.98, bottom=0.6 / height + 0.02, top=1 - 1.0 / height, wspace=0.08)
        return saved(fig, formats)


