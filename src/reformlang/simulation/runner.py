"""Run a config and write what a planner reads: config.json, summary.csv, the plots, a README.md beside them,
and, when asked, the sensitivity of the answer to every parameter."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from reformlang.files import write_atomic
from reformlang.i18n import _
from reformlang.simulation.simconfig import dumps

CONFIG, SUMMARY, PLOT, README = "config.json", "summary.csv", "trajectories", "README.md"
SENSITIVITY, LHS, TORNADO = "sensitivity.csv", "lhs.csv", "tornado"
# Every file a run may write into its folder (a sensitivity run writes them all).
OUTPUTS = (CONFIG, SUMMARY, f"{PLOT}.png", f"{PLOT}.svg", README, SENSITIVITY, LHS, f"{TORNADO}.png",
           f"{TORNADO}.svg")


def run_and_write(config: dict, out_dir: Path, *, runs: int | None = None, seed: int | None = None,
                  until: int | None = None, progress: Callable[[int, int], None] | None = None,
                  scheduler: str | None = None, sensitivity: dict | None = None,
                  report: Callable[[str], None] | None = None,
                  plots: tuple[str, ...] = ("png", "svg"), seen: Callable | None = None) -> list[Path]:
    """Simulate a complete config and write its outputs into out_dir; returns the paths written.

    The config.json written holds the runs, seed and horizon actually used, so
    running it again gives the same files. `sensitivity` (keys `span`, `lhs`,
    `names`) also varies the parameters and writes sensitivity.csv and the
    tornado chart. `report` receives the headline, a line at a time. `plots`
    are the formats the charts are drawn in (png, svg). `seen(config, trajectories, sensitivity)` hears
    of what was run (the sensitivity None when not asked), so that a caller can reuse it (`build --brief`).
    """
    from reformlang.simulation import sensitivity as sens
    from reformlang.simulation.levers import levers
    from reformlang.simulation.model import prepare, simulate
    from reformlang.simulation.plots import render
    from reformlang.simulation.summary import summary_csv

    config, _, _ = prepare(config, runs=runs, seed=seed, until=until)
    result = None
    if sensitivity is not None:
        result = sens.run(config, names=sensitivity.get("names"), span=sensitivity.get("span", 0.5),
                          lhs=sensitivity.get("lhs", 0), scheduler=scheduler, progress=progress)
        tr = result.base
    else:
        tr = simulate(config, progress=progress, scheduler=scheduler)
    init = config.get("initiative") or {}
    title = init.get("title") or init.get("id") or _("Simulation")
    formats = tuple(f for f in ("png", "svg") if f in plots)
    drawn = render(tr, title, formats, targets(config))
    notes = list(levers(config).notes)
    files: list[tuple[str, str | bytes]] = [(CONFIG, dumps(config)), (SUMMARY, summary_csv(tr)),
                                            *((f"{PLOT}.{fmt}", picture) for fmt, picture in drawn.items())]
    if result is not None:
        files.append((SENSITIVITY, sens.csv_text(result)))
        files += [(f"{TORNADO}.{fmt}", picture) for fmt, picture in sens.tornado(result, title, formats).items()]
        if result.samples():
            files.append((LHS, sens.lhs_csv_text(result)))
    files.append((README, readme(config, tr, notes, result, [name for name, _ in files])))
    if report is not None:
        for line in headline(config, tr, result):
            report(line)
    if seen is not None:
        seen(config, tr, result)
    out_dir = Path(out_dir)
    written = []
    for name, data in files:
        path = out_dir / name
        write_atomic(path, data)
        written.append(path)
    # A sensitivity file from an earlier run would now describe another run: remove it.
    for name in set(OUTPUTS) - {name for name, _ in files}:
        stale = out_dir / name
        if stale.is_file():
            stale.unlink()
    return written


def targets(config: dict) -> list[dict]:
    """The targets drawn on the performance panel: percentage targets of achievement indicators."""
    out = []
    for ind in config.get("indicators") or []:
        t = ind.get("target")
        if ind.get("achievement") and t and t.get("share") is not None:
            out.append({"indicator": ind["id"], "value": t["share"], "year": t["year"]})
    return out


def headline(config: dict, tr, result=None) -> list[str]:
    """What the run says, in a sentence per measure (with the sensitivity's verdict when it was run), and,
    for a design whose middle leads, that what it shows is the research's untested hypothesis."""
    from reformlang.simulation.sensitivity import decimal, direction
    from reformlang.simulation.sensitivity import headline as sens_headline

    if result is not None:
        lines = sens_headline(result)
    else:
        perf, gap = tr.performance.mean(axis=0), tr.gap.mean(axis=0)
        first, last = tr.years[0], tr.years[-1]
        lines = [_("mean performance %(direction)s from %(first)s to %(last)s (%(change)s); sensitivity not run "
                   "(`reformlang simulate --sensitivity`)")
                 % {"direction": direction(perf[-1] - perf[0], "rises", "falls"), "first": first, "last": last,
                    "change": decimal(f"{perf[-1] - perf[0]:+.3f}")},
                 _("gap %(direction)s from %(first)s to %(last)s (%(change)s)")
                 % {"direction": direction(gap[-1] - gap[0], "widens", "narrows"), "first": first, "last": last,
                    "change": decimal(f"{gap[-1] - gap[0]:+.3f}")}]
    if ((config.get("design") or {}).get("work") or {}).get("middle"):
        lines.append(_("HYPOTHESIS: the middle leads part of this design. That a middle which leads, is resourced "
                       "and learns laterally sustains gains and narrows the gap is the research's hypothesis, not "
                       "yet tested (\"Leadership from the Middle\"); here it follows from the model's assumptions"))
    return lines


def readme(config: dict, tr, notes: list[str], result, names: list[str]) -> str:
    """README.md for the folder: what each file and column is, what "gap" means here, what was assumed."""
    from reformlang.simulation.sensitivity import decimal

    init = config.get("initiative") or {}
    run = config["run"]
    start = (config.get("starting") or {}).get("performance") or {}
    title = init.get("title") or init.get("id") or _("a hand-written config")
    lines = [
        _("# Simulation of %(title)s") % {"title": _md(title)},
        "",
        _("**An exploration of a design, not a forecast.** The model is a handful of mechanisms taken from\n"
          "research on school systems, with parameters set by judgement, not fitted to any system's data.\n"
          "Read its numbers as what the design leans on, never as predicted test scores.\n"
          "Run `reformlang explain simulation` for the model, its sources and its assumptions."),
        "",
        _("%(runs)s runs of %(schools)s schools, seed %(seed)s, %(start)s to %(until)s; the initiative's period is "
          "%(first)s-%(last)s.")
        % {"runs": run["runs"], "schools": _thousands(config["schools"]["count"]), "seed": run["seed"],
           "start": run["start"], "until": run["until"], "first": init.get("start"), "last": init.get("end")},
        "",
        _("## What it says"),
        "",
        *(f"- {_md(line)}" for line in headline(config, tr, result)),
        "",
    ]
    if notes:
        lines += [_("## Facts the design does not state"), "",
                  _("Each gives a neutral lever (no push either way), never a guessed value:"), ""]
        lines += [f"- {_md(n)}" for n in notes]
        lines.append("")
    lines += [_("## Where the starting level comes from"), "",
              _("Mean school performance at the start is %(value)s: %(why)s.")
              % {"value": decimal(f"{config['parameters']['performance']:.3f}"),
                 "why": _md(_why(start, config) or _("set in the config"))}, "",
              _("## The files"), "", _("| file | what |"), "| --- | --- |"]
    # One row per kind of file, whichever picture formats were drawn, so that the README is the same.
    about = [
        ((CONFIG,), _("the config that was run (runs, seed and horizon included): `reformlang simulate "
                      "config.json` gives these files again, byte for byte")),
        ((SUMMARY,), _("one row per year, the state on 1 January of that year; columns below")),
        ((f"{PLOT}.png", f"{PLOT}.svg"), _("the four measures over time (PNG or SVG, as drawn): mean over runs, "
                                           "band of runs, the initiative's period shaded, achievement targets "
                                           "as stars")),
        ((SENSITIVITY,), _("one row per model parameter varied one at a time; columns below")),
        ((LHS,), _("one row per Latin hypercube sample (all parameters varied at once): each parameter's factor, "
                   "and the change of mean performance and of the gap from start to horizon")),
        ((f"{TORNADO}.png", f"{TORNADO}.svg"), _("how far each parameter, low and high, moves mean performance "
                                                 "and the gap at the horizon, widest first (PNG or SVG)")),
    ]
    lines += [f"| `{files[0].rsplit('.', 1)[0] + '.*' if len(files) > 1 else files[0]}` | {what} |"
              for files, what in about if any(f in names for f in files)]
    lines += [_("| `README.md` | this file |"), "", "### summary.csv", "",
              _("| column | what |"), "| --- | --- |",
              _("| `year` | the year; each value is the state at its start (1 January) |"),
              _("| `coverage` | share of schools that have taken the reform up |"),
              _("| `mean_performance` | mean school performance (0..1), e.g. the share of students at the standard |"),
              _("| `gap` | the spread of school performance: the 90th minus the 10th percentile across schools |"),
              _("| `commitment` | mean commitment: how much staff own the reform (0..1) |"),
              _("| `*_low`, `*_high` | the 10th and 90th percentile of that measure across runs |"), ""]
    if result is not None:
        lines += ["### sensitivity.csv", "",
                  _("Each parameter set to %(low)s and %(high)s times its value, the others kept, with the same "
                    "runs and seeds as the base run.")
                  % {"low": decimal(f"{1 - result.span:g}"), "high": decimal(f"{1 + result.span:g}")}, "",
                  _("| column | what |"), "| --- | --- |",
                  _("| `parameter` | the model parameter (see `reformlang explain simulation`) |"),
                  _("| `base`, `low`, `high` | its value in the base run and in the two variations "
                    "(`table`: a table of values, scaled as a whole) |"),
                  _("| `mean_performance_low`, `mean_performance_high` | change of mean performance at the horizon, "
                    "from the base run's |"),
                  _("| `gap_low`, `gap_high` | change of the gap at the horizon, from the base run's |"),
                  _("| `direction_holds` | `yes` when both variations keep the base run's direction of mean "
                    "performance and of the gap (start to horizon) |"), ""]
    lines += [_("## What \"gap\" means here"), "",
              _("The gap is the spread between strong and weak *schools*: the 90th minus the 10th percentile of\n"
                "school performance, across every simulated school. It is not an attainment-gap indicator of a\n"
                "spec (such as the gap between groups of students, or between the top and bottom quarter of\n"
                "schools on a test): those measure other things, on other scales, and are not simulated."), ""]
    return "\n".join(lines)


def _why(start: dict, config: dict) -> str:
    """Why the starting performance is what it is, in the language of the run (the config holds it in
    English); a hand-written config's own reason as it gives it."""
    from reformlang.simulation.simconfig import performance_why

    if start.get("from") in ("simulation block", "indicator", "default") and "why" in start:
        said = performance_why(start, config.get("indicators") or [])
        from reformlang.i18n import english

        with english():
            if performance_why(start, config.get("indicators") or []) == start["why"]:
                return said  # the reason reformlang wrote: said again in the current language
    return start.get("why") or ""


def _thousands(n: int) -> str:
    """1,000 as the current language writes it: 1 000 in French (a no-break space between thousands)."""
    from reformlang import i18n

    return f"{n:,}".replace(",", "\u00a0") if i18n.current() == "fr" else f"{n:,}"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def _md(text: str) -> str:
    """Text as Markdown shows it literally, on one line; its `code` spans stay code."""
    parts = str(text).replace("\r", " ").replace("\n", " ").split("`")
    if len(parts) % 2 == 0:  # an unbalanced backtick: all text
        parts = ["`".join(parts)]
    return "".join(_MD_SPECIAL.sub(r"\\\1", p.replace("&", "&amp;")) if k % 2 == 0 else f"`{p}`"
                   for k, p in enumerate(parts))
