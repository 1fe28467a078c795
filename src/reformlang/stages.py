"""The stage driver: compile -> review -> emit, in one place.

Like Catala's driver, this is where the stages are put in a row: commands
ask it for what they need and never assemble the stages themselves. `check`
reviews (the checker and its configuration, suppressions and baseline);
`graph --findings` and `plan` review one spec and emit it; `build` compiles,
reviews and emits everything into one folder. Each spec is reviewed once per
command: the verdict `check` reports is the one plans and diagrams show.

Stages below this module (driver, checks, lint, render, backends,
simulation) never import it, and nothing here imports the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reformlang.diagnostics import Diagnostic
from reformlang.driver import Compilation
from reformlang.records import record
from reformlang.semantics import model

# ------------------------------------------------------------------ review
def linter(config: str | None = None, overrides: Any = None, stdin_filename: str | None = None) -> Any:
    """The checker as a command configures it (raises a ConfigError, a UserError, on a broken configuration);
    `stdin_filename` is the file standard input stands for (`check --stdin-filename`)."""
    from reformlang.lint.config import Overrides
    from reformlang.lint.report import Linter

    return Linter(config=config, overrides=overrides or Overrides(), stdin_filename=stdin_filename)


def check(compiled: Iterable[tuple[str, Compilation | None, Diagnostic | None]], lint: Any = None,
          baseline: Any = None) -> tuple[Any, list[Diagnostic]]:
    """Review every compilation: `check`'s report, and every finding before the baseline (to record one)."""
    return (lint or linter()).lint(compiled, baseline)


def review(spec: model.Spec, lint: Any = None) -> Any:
    """The checker's verdict on one spec (`reformlang.lint.report.Review`), as `check` would give it."""
    return (lint or linter()).review(spec.path, spec)


# ------------------------------------------------------------------ emit
@record
class Item:
    """One spec to build: where it came from, its model, and what compiling it said."""

    path: str
    spec: model.Spec
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def stem(self) -> str:
        return Path(self.path).stem


PLOTS = ("svg",)  # the simulation's plots a build draws unless asked for more (`build --plots png,svg`)


def build(items: Sequence[Item], out: Path, runs: int = 20, seed: int = 0,
          log: Callable[[Item], None] = lambda _: None, lint: Any = None,
          note: Callable[[Item, str], None] = lambda _item, _message: None,
          plots: tuple[str, ...] = PLOTS, jobs: int = 1,
          progress: Callable[[int, int], None] = lambda _done, _total: None, brief: bool = False,
          sensitivity: dict | None = None, paper: str = "a4") -> Path:
    """Check, draw, plan and simulate every item into out/<stem>/, with out/index.html; on any failure
    `out` is left as it was (backends/build.py). `log` hears of each item as it starts, `note` of what
    the simulation says about it (a word the model does not know, a fact the design does not state) and
    of a view drawn as counts. `plots` are the formats of the simulation's plots; up to `jobs` items are
    built at once; with `brief`, each spec's one-page brief too (brief.html, brief.md). `sensitivity`
    (as `simulate --sensitivity` takes it) also varies the simulation's parameters, so that each plan
    says whether the simulation's direction holds in every variation. `paper` (a4 or letter) is the page
    the plans and briefs print on."""
    from reformlang.backends.build import build as build_folder

    lint = lint or linter()
    if jobs > 1 and len(items) > 1:
        _load_for_workers()

    def write(n: int, folder: Path) -> dict:
        log(items[n])
        return _emit(items[n], folder, runs, seed, lint, lambda message: note(items[n], message), plots,
                     brief, sensitivity, paper)

    return build_folder([(item.path, item.stem) for item in items], out, write, jobs, progress)


def _load_for_workers() -> None:
    """Load here, once, what every spec's build loads, before the workers are forked: they share it then
    instead of each loading it again (matplotlib alone costs more CPU to import than a spec's plans take
    to render)."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import matplotlib.ticker  # noqa: F401

    from reformlang.backends import graph  # noqa: F401
    from reformlang.backends.plan import TEMPLATE_NAMES, environment
    from reformlang.simulation import runner  # noqa: F401

    for fmt, name in TEMPLATE_NAMES.items():
        environment(fmt).get_template(name)  # compiled once, here


def _emit(item: Item, folder: Path, runs: int, seed: int, lint: Any, note: Callable[[str], None],
          plots: tuple[str, ...] = PLOTS, brief: bool = False, sensitivity: dict | None = None,
          paper: str = "a4") -> dict:
    """Everything for one spec; returns what the index shows about it."""
    from reformlang.backends import graph
    from reformlang.backends.findings import locate, marked
    from reformlang.backends.plan import render_plan
    from reformlang.files import write_atomic
    from reformlang.render.report import render_report
    from reformlang.simulation import simulate_spec

    spec = item.spec
    # The check results say exactly what `reformlang check --format text|json` says of this spec, and the
    # plans and diagrams show the same review: the checker runs once.
    report, _ = check([(item.path, Compilation(item.path, None, spec, item.diagnostics), None)], lint)
    write_atomic(folder / "check.txt", render_report("text", report))
    write_atomic(folder / "check.json", render_report("json", report))
    verdict = report.reviews[spec.path]

    located = locate(spec, marked(verdict.findings))
    for view in graph.VIEWS:
        dot_text = graph.render(spec, view, "dot", located, note=note)  # too large: drawn as counts
        write_atomic(folder / "diagrams" / f"{view}.dot", dot_text)
        write_atomic(folder / "diagrams" / f"{view}.mmd", graph.render(spec, view, "mermaid", located))
        write_atomic(folder / "diagrams" / f"{view}.svg", graph.run_dot(dot_text, "svg"))
    # Simulate first: the plan shows each initiative's simulation beside the design.
    written = simulate_spec(spec, folder / "simulation", runs=runs, seed=seed, sensitivity=sensitivity, note=note,
                            plots=plots)
    sim = sorted(p for w in written for p in w.paths)
    shown = "svg" if "svg" in plots else "png"
    said = {w.initiative: {"plot": quote((w.folder / f"trajectories.{shown}").relative_to(folder).as_posix()),
                           "headline": list(w.headline), "notes": list(w.notes), "runs": w.runs,
                           "years": w.years}
            for w in written}
    write_atomic(folder / "plan.md", render_plan(spec, "md", verdict, simulation=said, paper=paper))
    write_atomic(folder / "plan.html", render_plan(spec, "html", verdict, simulation=said, paper=paper))
    if brief:
        from reformlang.backends.brief import render_brief

        # The brief shows the simulation just run (and its sensitivity, when the build varied the
        # parameters): the build simulates each initiative once.
        data = [w.summary for w in written]
        for fmt in ("html", "md"):
            write_atomic(folder / f"brief.{fmt}", render_brief(spec, fmt, verdict, data, paper=paper))
    from reformlang.i18n import _  # the index is in the language of the run (workers inherit it)

    counts = {s: sum(1 for d in report.findings if d.severity.label == s) for s in ("error", "warning", "info")}
    return {
        "brief": brief,
        "path": item.path,
        "titles": [ini.title or ini.id for ini in spec.initiatives],
        "findings": len(report.findings),
        "counts": counts,
        "scorecard": [{"title": _(c["title"]) if c.get("title") else fid, "held": c.get("held", 0),
                       "not_assessed": c.get("not_assessed", 0), "checked": c.get("checked", 0)}
                      for fid, c in verdict.scorecard.items()],
        "diagrams": list(graph.VIEWS),
        "simulation": [{"name": p.relative_to(folder / "simulation").as_posix(),
                        "href": quote(p.relative_to(folder / "simulation").as_posix())} for p in sim],
    }


# ------------------------------------------------------------------ simulate, for briefs and comparisons
def simulated(spec: model.Spec, runs: int = 20, seed: int = 0, samples: int = 0) -> list[dict]:
    """Each initiative's simulated trajectories as plain data for the brief and the comparison
    (simulation.summary.digest). With `samples`, also that many Latin hypercube samples varying every model
    parameter at once within +-50% (simulation.SPAN), run on the same runs and seeds: the brief then says whether its
    headline's direction holds in them. Needs the simulate extra."""
    from reformlang.simulation import SPAN, sensitivity
    from reformlang.simulation.model import simulate
    from reformlang.simulation.simconfig import build_config, complete
    from reformlang.simulation.summary import digest

    out = []
    for ini in spec.initiatives:
        config = complete(build_config(ini, spec.library))
        config = {**config, "run": {**config["run"], "runs": int(runs), "seed": int(seed)}}
        if samples:
            result = sensitivity.run(config, span=SPAN, lhs=samples, each=False)
            out.append(digest(config, result.base, result))
        else:
            out.append(digest(config, simulate(config)))
    return out
