"""Diagrams of a spec: four views (system, logic, network, timeline) as DOT, SVG, PNG or Mermaid."""

from __future__ import annotations

from reformlang.backends.findings import NONE, Located
from reformlang.backends.graph import dot, mermaid
from reformlang.backends.graph.render import GraphvizFailed, GraphvizMissing, run_dot
from reformlang.backends.graph.views import BUILDERS, VIEWS
from reformlang.semantics import model

FORMATS = ("dot", "svg", "png", "mermaid")

__all__ = ["FORMATS", "VIEWS", "GraphvizFailed", "GraphvizMissing", "diagram", "render"]


def diagram(spec: model.Spec, view: str, located: Located = NONE):
    """The neutral diagram of one view."""
    return BUILDERS[view](spec, located)


def render(spec: model.Spec, view: str, fmt: str, located: Located = NONE) -> str | bytes:
    """One view in one format: text for dot and mermaid, bytes for svg and png (through Graphviz)."""
    d = diagram(spec, view, located)
    if fmt == "mermaid":
        return mermaid.emit(d)
    text = dot.emit(d)
    if fmt == "dot":
        return text
    return run_dot(text, fmt)
