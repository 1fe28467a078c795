"""Write a diagram as Mermaid text (a flowchart, or a Gantt chart for the timeline), every title escaped.

Mermaid reads `#NN;` as a character code anywhere in a diagram, before it
parses, so every ASCII character that could end a label or start a comment
(quotes, brackets, braces, pipes, #, ;, %, <, >, &, backslash, ...) is written
as its code; letters, digits and any other Unicode pass through. Node ids are
our own snake_case ids with a prefix, so no title can reach the syntax.
"""

from __future__ import annotations

from reformlang.backends.graph.diagram import Edge, Graph, Node, Timeline
from reformlang.i18n import _
from reformlang.visible import visible

# ASCII punctuation that is safe inside a quoted Mermaid label.
_SAFE = set(" .,-/'?!+=@$")

SHAPE = {
    "level": ('["', '"]'),
    "box": ('("', '")'),
    "money": ('[/"', '"/]'),
    "goal": ('(["', '"])'),
    "vision": ('{{"', '"}}'),
    "network": ('[["', '"]]'),
    "group": ('(("', '"))'),
    "external": ('>"', '"]'),
    "note": ('["', '"]'),
}

ARROW = {  # (one way, both ways)
    "influence": ("-->", "<-->"),
    "money": ("==>", "<==>"),
    "voice": ("-.->", "<-.->"),
    "learning": ("-.->", "<-.->"),
    "flow": ("-->", "<-->"),
    "member": ("---", "---"),
    "plain": ("-.-", "-.-"),
}

LINK_COLOUR = {
    "influence": "stroke:#2e4053,stroke-width:2px",
    "money": "stroke:#1e8449,stroke-width:3px",
    "voice": "stroke:#2874a6,stroke-width:2px,stroke-dasharray:6 4",
    "learning": "stroke:#7d3c98,stroke-width:2px,stroke-dasharray:2 3",
}
FINDING = "fill:#fdedec,stroke:#c0392b,stroke-width:3px"


def text(value: str) -> str:
    """Escape text for a quoted Mermaid label; a line break becomes `<br/>`."""
    out = []
    for ch in visible(value, keep="\n"):
        if ch == "\n":
            out.append("<br/>")
        elif ch.isascii() and not (ch.isalnum() or ch in _SAFE):
            out.append(f"#{ord(ch)};" if ord(ch) >= 32 else " ")
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _id(node_id: str) -> str:
    # A prefix keeps ids clear of Mermaid's keywords (end, graph, subgraph, ...).
    return "n_" + node_id


def _node(n: Node) -> str:
    open_, close = SHAPE.get(n.kind, SHAPE["box"])
    lines = [f"<b>{text(n.title)}</b>"] + [text(d) for d in n.details]
    if n.findings:
        lines.append("⚠ " + text(", ".join(n.findings)))
    return f"{_id(n.id)}{open_}{'<br/>'.join(lines)}{close}"


def _edge(e: Edge) -> str:
    one, both = ARROW.get(e.style, ARROW["flow"])
    arrow = both if e.both_ways else one
    label = e.label.replace("\n", "; ") if e.label else ""
    if e.findings:
        label = (label + " " if label else "") + "⚠ " + ", ".join(e.findings)
    middle = f'|"{text(label)}"|' if label else ""
    return f"{_id(e.source)} {arrow}{middle} {_id(e.target)}"


def emit_graph(g: Graph) -> str:
    out = [f"flowchart {g.direction}"]
    banded = {n for b in g.bands for n in b.nodes}
    by_id = {n.id: n for n in g.nodes}
    inner = "LR" if g.direction == "TB" else "TB"
    for b in g.bands:
        out.append(f'  subgraph {_id("band_" + b.id)}["{text(b.title)}"]')
        out.append(f"    direction {inner}")
        out += [f"    {_node(by_id[n])}" for n in b.nodes]
        out.append("  end")
    out += [f"  {_node(n)}" for n in g.nodes if n.id not in banded]
    for e in g.edges:
        out.append(f"  {_edge(e)}")
    for k, e in enumerate(g.edges):
        style = "stroke:#c0392b,stroke-width:3px" if e.findings else LINK_COLOUR.get(e.style)
        if style:
            out.append(f"  linkStyle {k} {style}")
    flagged = [_id(n.id) for n in g.nodes if n.findings]
    if flagged:
        out.append(f"  classDef finding {FINDING}")
        out.append(f"  class {','.join(flagged)} finding")
    if g.notes:
        notes = "<br/>".join("⚠ " + text(x) for x in g.notes)
        out.append(f'  {_id("notes")}["{notes}"]')
        out.append(f"  style {_id('notes')} {FINDING}")
    return "\n".join(out) + "\n"


def emit_timeline(t: Timeline) -> str:
    """A Gantt chart: years as dates, a section per kind of item, targets as milestones."""
    if not t.bars:
        return 'flowchart TB\n  n_empty["%s"]\n' % _("No dates in this spec: give the initiative, strategies and "
                                                       "phases a period")
    # Room on the left for section names; no "today" line, which would make the output depend on the date.
    out = ['%%{init: {"gantt": {"leftPadding": 120, "rightPadding": 40}}}%%', "gantt", "  todayMarker off",
           f"  title {text(t.title + (f' (⚠ {t.summary})' if t.summary else ''))}", "  dateFormat YYYY",
           "  axisFormat %Y"]
    section = None
    for bar in t.bars:
        if bar.section != section:
            section = bar.section
            out.append(f"  section {text(section)}")
        name = bar.title + (f" ({bar.detail})" if bar.detail else "")
        if bar.findings:
            name += " ⚠ " + ", ".join(bar.findings)
        tags = "crit, " if bar.findings else ""
        if bar.kind == "milestone":
            out.append(f"  {text(name)} :{tags}milestone, {_id(bar.id)}, {bar.start}, 0d")
        else:
            # Periods are inclusive years; a Gantt bar ends where the next year starts.
            out.append(f"  {text(name)} :{tags}{_id(bar.id)}, {bar.start}, {bar.end + 1}")
    return "\n".join(out) + "\n"


def emit(diagram: Graph | Timeline) -> str:
    return emit_timeline(diagram) if isinstance(diagram, Timeline) else emit_graph(diagram)
