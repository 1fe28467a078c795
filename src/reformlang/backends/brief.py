"""The brief: one printable page for the people who decide, from the plan's facts, the checker's review
and a simulation.

Its data is computed here (the three most important risks, the headline of the
simulation); the words a reader sees are in the templates brief.md.j2 and
brief.html.j2 beside the plan's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reformlang.semantics import model

if TYPE_CHECKING:
    from reformlang.lint.report import Review

FORMATS = ("html", "md", "pdf")
TEMPLATE_NAMES = {"md": "brief.md.j2", "html": "brief.html.j2"}
RISKS = 3  # the brief names the few that matter most


def _weight(risk: dict) -> tuple:
    """Most important first: errors, then warnings, then what is not assessed; the plan's order within."""
    order = {"error": 0, "warning": 1, "info": 2}
    return (risk["not_assessed"], order.get(risk["severity"], 3))


def top_risks(risks: list[dict], n: int = RISKS) -> list[dict]:
    """The `n` most important risks, one per principle."""
    seen: set[str] = set()
    out = []
    for risk in sorted(risks, key=_weight):
        key = risk["principle_id"] or risk["code"]
        if key in seen or not risk["advice"]:
            continue
        seen.add(key)
        out.append(risk)
        if len(out) == n:
            break
    return out


def headline(sim: dict) -> dict[str, Any]:
    """What the simulation says at the end of the initiative's period, with its band across runs, and
    what its sensitivity test (if one was run) says of the direction from start to horizon."""
    years = sim["years"]
    end = sim["period"][1]
    i = years.index(end + 1) if end + 1 in years else len(years) - 1  # the state once the period is over
    m = sim["measures"]

    def pct(x: float) -> str:
        return str(round(100 * x))  # the model's 0-1 scale as 0 to 100

    def at(measure: str, k: int) -> dict[str, str]:
        series = m[measure]
        return {"mean": pct(series["mean"][k]), "low": pct(series["low"][k]), "high": pct(series["high"][k])}

    return {"title": sim["title"], "year": years[i], "start": years[0], "runs": sim["runs"],
            "coverage": at("coverage", i), "performance_start": at("mean_performance", 0),
            "performance": at("mean_performance", i), "gap_start": at("gap", 0), "gap": at("gap", i),
            "sensitivity": sensitivity(sim.get("sensitivity"))}


NAMED = 3  # the variations against the headline the brief names; the rest are counted


def sensitivity(verdict: dict | None) -> dict[str, Any] | None:
    """The sensitivity's verdict (simulation.sensitivity.verdict) as the brief words it."""
    if verdict is None:
        return None
    measures = {}
    for m in verdict["measures"]:
        against = m["against"]
        # A parameter varied alone is named; a sample, which varies them all, is only counted.
        names = "" if verdict["method"] != "each" else ", ".join(against[:NAMED]) + (", …" if len(against) > NAMED else "")
        # The direction is an English message of the catalog: the template shows it translated.
        measures[m["measure"]] = {"direction": m["direction"], "against": len(against),
                                  "names": names}
    from reformlang.backends.words import number

    return {**{k: verdict[k] for k in ("method", "parameters", "variations", "first", "last")},
            "low": number(float(verdict["low"])), "high": number(float(verdict["high"])), "measures": measures}


def brief_context(spec: model.Spec, review: Review, simulation: list[dict], lang: str = "en",
                  paper: str = "a4") -> dict[str, Any]:
    from reformlang.backends.plan.context import build_context
    from reformlang.paper import css

    context = build_context(spec, review, lang)
    context["top_risks"] = top_risks(context["risks"])
    context["simulation"] = [headline(s) for s in simulation]
    context["paper"] = css(paper)
    return context


def render_brief(spec: model.Spec, fmt: str, review: Review, simulation: list[dict], lang: str = "en",
                 paper: str = "a4") -> str | bytes:
    """The brief as Markdown or HTML, or HTML printed to PDF (needs Chromium), for `paper` (a4 or letter).
    `simulation` is each initiative's simulation as simulation.summary.digest gives it."""
    from reformlang.backends.plan import render_template

    context = brief_context(spec, review, simulation, lang, paper)
    if fmt == "md":
        return render_template(TEMPLATE_NAMES["md"], "md", context)
    html = render_template(TEMPLATE_NAMES["html"], "html", context)
    if fmt == "html":
        return html
    from reformlang.backends.pdf import print_pdf

    return print_pdf(html, "the brief")
