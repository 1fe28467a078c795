"""Diagrams of a spec: four views (system, logic, network, timeline) as DOT, SVG, PNG or Mermaid."""

from __future__ import annotations

from collections.abc import Callable

from reformlang.backends.findings import NONE, Located
from reformlang.backends.graph import dot, mermaid
from reformlang.backends.graph.render import GraphvizFailed, GraphvizMissing, run_dot
from reformlang.backends.graph.summary import NODE_BUDGET, summarise
from reformlang.backends.graph.views import BUILDERS, DIAGRAM_LABELS, VIEW_NAMES, VIEWS
from reformlang.semantics import model

FORMATS = ("dot", "svg", "png", "mermaid")

__all__ = ["DIAGRAM_LABELS", "FORMATS", "NODE_BUDGET", "VIEW_NAMES", "VIEWS", "GraphvizFailed", "GraphvizMissing", "diagram", "render"]


def diagram(spec: model.Spec, view: str, located: Located = NONE, budget: int | None = NODE_BUDGET,
            note: Callable[[str], None] | None = None):
    """The neutral diagram of one view; past `budget` boxes (None: no limit), drawn as counts
    (backends/graph/summary.py), and `note` hears the sentence that says so."""
    d = BUILDERS[view](spec, located)
    if budget is None:
        return d
    d, said = summarise(d, budget)
    if said is not None and note is not None:
        note(f"the {view} view: {said}")
    return d


def render(spec: model.Spec, view: str, fmt: str, located: Located = NONE, budget: int | None = NODE_BUDGET,
           note: Callable[[str], None] | None = None) -> str | bytes:
    """One view in one format: text for dot and mermaid, bytes for svg and png (through Graphviz).
    A view of more than `budget` boxes is drawn as counts; `note` hears of it."""
    d = diagram(spec, view, located, budget, note)
    if fmt == "mermaid":
        return mermaid.emit(d)
    text = dot.emit(d)
    if fmt == "dot":
        return text
    return run_dot(text, fmt)
