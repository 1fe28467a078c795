"""Designs side by side on one HTML page: scorecards, money by tier, system diagrams, and simulations
drawn on the same axes with their bands across runs (inline SVG, no script).

Figures are computed here; every word a reader sees is in compare.html.j2 (the
charts' labels too: the template hands them to `chart`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from reformlang.backends import words as w
from reformlang.i18n import _
from reformlang.semantics import model

if TYPE_CHECKING:
    from reformlang.lint.report import Review

TEMPLATE = "compare.html.j2"
# Chart geometry, in CSS pixels.
WIDTH, HEIGHT = 320, 170
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 8, 22
COLOURS = ("#1f618d", "#b9770e", "#1e8449", "#7d3c98", "#c0392b", "#117a65")


def _design(n: int, spec: model.Spec, review: Review, sims: list[dict], lang: str) -> dict[str, Any]:
    from reformlang.backends.diff import money_by_tier
    from reformlang.backends.plan.context import build_context

    context = build_context(spec, review, lang)
    money = [{"tier": w.word(tier), "currency": cur, "amount": w.money_amount(amount, cur)}
             for (tier, cur), amount in sorted(money_by_tier(spec).items())]
    totals: dict[str, float] = {}
    for (_tier, cur), amount in money_by_tier(spec).items():
        totals[cur] = totals.get(cur, 0) + amount
    for m, ((tier, cur), amount) in zip(money, sorted(money_by_tier(spec).items())):
        m["share"] = _("%(value)s%%") % {"value": round(100 * amount / totals[cur])} if totals[cur] else "—"
    return {"n": n, "id": f"d{n}", "title": context["title"], "path": context["path"], "date": context["date"],
            "scorecard": context["scorecard"], "money": money, "sims": sims,
            "colour": COLOURS[n % len(COLOURS)], "system": _system(spec, review, f"d{n}-")}


def _system(spec: model.Spec, review: Review, prefix: str) -> Markup:
    from reformlang.backends import graph
    from reformlang.backends.findings import locate, marked
    from reformlang.backends.plan import _inline_svg

    with w.titles_of(spec.library):
        svg = graph.render(spec, "system", "svg", locate(spec, marked(review.findings))).decode("utf-8")
        title = "; ".join(w.title(i) for i in spec.initiatives)
    return Markup(_inline_svg(svg, prefix, _(graph.DIAGRAM_LABELS["system"]) % {"title": title}))


def axes(designs: list[dict]) -> tuple[int, int]:
    """The years every chart spans: from the earliest start to the latest end of any design's simulation."""
    years = [y for d in designs for s in d["sims"] for y in s["years"]]
    return (min(years), max(years)) if years else (0, 1)


def chart(sim: dict, measure: str, label: str, x_domain: tuple[int, int], colour: str, prefix: str) -> Markup:
    """One measure of one simulated initiative as an SVG chart on the shared axes: x the years in
    `x_domain`, y the model's 0-1 scale; the band (10th to 90th percentile of runs) shaded, the mean drawn."""
    x0, x1 = x_domain
    span = max(x1 - x0, 1)

    def x(year: float) -> float:
        return round(LEFT + (year - x0) / span * (WIDTH - LEFT - RIGHT), 2)

    def y(value: float) -> float:
        return round(TOP + (1 - min(max(value, 0.0), 1.0)) * (HEIGHT - TOP - BOTTOM), 2)

    series = sim["measures"][measure]
    years = sim["years"]
    upper = [f"{x(t)},{y(v)}" for t, v in zip(years, series["high"])]
    lower = [f"{x(t)},{y(v)}" for t, v in zip(reversed(years), reversed(series["low"]))]
    mean = " ".join(f"{x(t)},{y(v)}" for t, v in zip(years, series["mean"]))
    start, end = sim["period"]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}" '
             f'data-x-domain="{x0} {x1}" data-y-domain="0 1">',
             f'<rect x="{x(start)}" y="{TOP}" width="{round(x(min(end + 1, x1)) - x(start), 2)}" '
             f'height="{HEIGHT - TOP - BOTTOM}" fill="#eeeeee"/>']
    for v in (0, 0.25, 0.5, 0.75, 1):
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v)}" y2="{y(v)}" stroke="#dddddd"/>')
        parts.append(f'<text x="{LEFT - 4}" y="{y(v) + 3}" text-anchor="end" font-size="9">{round(v * 100)}</text>')
    step = max(1, round(span / 5))
    for t in range(x0, x1 + 1, step):
        parts.append(f'<text x="{x(t)}" y="{HEIGHT - 6}" text-anchor="middle" font-size="9">{t}</text>')
    parts.append(f'<polygon points="{" ".join(upper + lower)}" fill="{colour}" fill-opacity="0.25" stroke="none"/>')
    parts.append(f'<polyline points="{mean}" fill="none" stroke="{colour}" stroke-width="2"/>')
    parts.append(f'<text x="{LEFT + 4}" y="{TOP + 11}" font-size="10" font-weight="600">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def render_compare(entries: list[tuple[model.Spec, Review, list[dict]]], lang: str = "en") -> str:
    """The page comparing the designs, in the order given, in `lang` (else the language of the run)."""
    from reformlang import __version__, i18n
    from reformlang.backends.plan import render_template

    lang = lang if lang != i18n.DEFAULT else i18n.current()  # <html lang>
    designs = [_design(n, spec, review, sims, lang) for n, (spec, review, sims) in enumerate(entries)]
    x_domain = axes(designs)
    context = {"designs": designs, "x_domain": x_domain, "lang": lang, "version": __version__,
               "chart": lambda sim, measure, label, d: chart(sim, measure, label, x_domain, d["colour"], d["id"])}
    return render_template(TEMPLATE, "html", context)
