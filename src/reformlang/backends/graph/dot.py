"""Write a diagram as Graphviz DOT text, every title escaped.

Labels are HTML-like (`label=<...>`), so a title is escaped as XML text: any
quote, angle bracket, brace, ampersand or backslash a planner types is drawn
as typed. Tooltips are quoted strings, escaped for DOT's escString. Every
graph, cluster, node and edge gets an explicit `id` prefixed by the view, so
several SVGs can sit on one HTML page without their ids colliding.
"""

from __future__ import annotations

import textwrap

from reformlang.backends.graph.diagram import Bar, Edge, Graph, Node, Timeline
from reformlang.i18n import _
from reformlang.visible import visible

FONT = "Helvetica"
FINDING = "#c0392b"

# Fill and border of each kind of box.
NODE_STYLE = {
    "level": ('shape=box, style="rounded,filled"', "#eaf2f8", "#2e4053"),
    "box": ('shape=box, style="rounded,filled"', "#fdfefe", "#566573"),
    "money": ('shape=box, style="filled"', "#e9f7ef", "#1e8449"),
    "goal": ('shape=box, style="rounded,filled"', "#fef9e7", "#b7950b"),
    "vision": ('shape=box, style="rounded,filled,bold"', "#f4ecf7", "#6c3483"),
    "network": ('shape=box, style="rounded,filled,bold"', "#f4ecf7", "#6c3483"),
    "group": ('shape=ellipse, style="filled"', "#fdfefe", "#7f8c8d"),
    "external": ('shape=box, style="dashed,filled"', "#fbfcfc", "#7f8c8d"),
    "note": ('shape=note, style="filled"', "#fbfcfc", "#7f8c8d"),
}

# How each kind of arrow is drawn: colour, line style, width.
EDGE_STYLE = {
    "influence": ("#2e4053", "solid", "1.6"),
    "money": ("#1e8449", "bold", "2.6"),
    "voice": ("#2874a6", "dashed", "1.6"),
    "learning": ("#7d3c98", "dotted", "2.2"),
    "flow": ("#566573", "solid", "1.2"),
    "member": ("#7f8c8d", "solid", "1.2"),
    "plain": ("#95a5a6", "dashed", "1.0"),
}

SECTION_COLOUR = {
    "Initiative": "#d6eaf8", "Strategies": "#d5f5e3", "Rollout": "#fcf3cf", "Funding": "#e8f8f5",
    "Indicator targets": "#fdebd0",
}


def html(text: str) -> str:
    """Escape text for an HTML-like label (XML text; Graphviz reads numeric character references)."""
    out = []
    for ch in visible(text, keep="\n\r\t"):
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch == '"':
            out.append("&quot;")
        elif ch == "'":
            out.append("&#39;")
        elif ch in "[]":
            # Graphviz's label lexer trips on a lone `]` before a closing tag (`<B>]</B>`).
            out.append(f"&#{ord(ch)};")
        elif ch in "\n\r\t":
            out.append(" ")
        elif ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF or ord(ch) in (0xFFFE, 0xFFFF):
            out.append("\ufffd")  # not allowed in XML, so not in an HTML-like label either
        else:
            out.append(ch)
    return "".join(out)


def quoted(text: str) -> str:
    """A DOT quoted string; backslashes are escaped too, since escString reads `\\N`, `\\n`, ..."""
    out = []
    for ch in visible(text, keep="\n"):
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(" ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def _node_label(node: Node) -> str:
    # Graphviz rejects an empty <B></B> or <FONT></FONT>, so empty texts are left out.
    parts = ["<B>" + "<BR/>".join(html(x) for x in _lines(node.title, 34)) + "</B>"] if node.title.strip() else []
    for d in node.details:
        if d.strip():
            parts.append('<FONT POINT-SIZE="9">' + "<BR/>".join(html(x) for x in _lines(d, 40)) + "</FONT>")
    if node.findings:
        lines = _lines("⚠ " + ", ".join(node.findings), 40)
        parts.append(f'<FONT POINT-SIZE="9" COLOR="{FINDING}">' + "<BR/>".join(html(x) for x in lines) + "</FONT>")
    return "<" + ("<BR/>".join(parts) or " ") + ">"


def _edge_label(edge: Edge) -> str:
    lines = [x for part in edge.label.split("\n") for x in _lines(part, 36)] if edge.label else []
    text = "<BR/>".join(html(x) for x in lines)
    if edge.findings:
        marks = "<BR/>".join(html(x) for x in _lines("⚠ " + ", ".join(edge.findings), 36))
        text += ("<BR/>" if text else "") + f'<FONT COLOR="{FINDING}">{marks}</FONT>'
    return f"<{text}>"


def _tooltip(title: str, details: tuple[str, ...], finding_text: str) -> str:
    text = "\n".join((title, *details))
    if finding_text:
        text += "\n" + finding_text
    return quoted(text)


def emit_graph(g: Graph) -> str:
    p = g.id
    out = [f"digraph {quoted(p)} {{",
           f"  graph [id={quoted(p)}, label={_title(g.title, g.notes)}, labelloc=t, fontname={quoted(FONT)}, "
           f'fontsize=14, rankdir={g.direction}, newrank=true, nodesep=0.45, ranksep=0.7, charset="UTF-8"];',
           f'  node [fontname={quoted(FONT)}, fontsize=11, margin="0.15,0.08"];',
           f"  edge [fontname={quoted(FONT)}, fontsize=9];"]
    banded = {n for b in g.bands for n in b.nodes}
    by_id = {n.id: n for n in g.nodes}
    for b in g.bands:
        out.append(f"  subgraph {quoted('cluster_' + b.id)} {{")
        out.append(f"    id={quoted(p + '_' + b.id)}; label=<<B>{html(b.title)}</B>>; fontsize=12; "
                   'style="rounded,filled"; fillcolor="#f8f9f9"; color="#d5d8dc"; labeljust=l;')
        for nid in b.nodes:
            out.append("    " + _node(p, by_id[nid]))
        if len(b.nodes) > 1:
            out.append("    { rank=same; " + " ".join(quoted(n) + ";" for n in b.nodes) + " }")
        out.append("  }")
    for n in g.nodes:
        if n.id not in banded:
            out.append("  " + _node(p, n))
    if g.direction == "LR" and len(g.bands) > 1:
        # Keep the columns in order even where no arrow joins two of them.
        firsts = [b.nodes[0] for b in g.bands]
        for a, c in zip(firsts, firsts[1:]):
            out.append(f"  {quoted(a)} -> {quoted(c)} [style=invis, weight=0];")
    for k, e in enumerate(g.edges, 1):
        out.append("  " + _edge(p, k, e))
    if g.legend:
        out.append(_legend(p, g.legend))
    out.append("}")
    return "\n".join(out) + "\n"


def _title(title: str, notes: tuple[str, ...]) -> str:
    text = f"<B>{html(title)}</B>"
    for note in notes:
        lines = "<BR/>".join(html(x) for x in _lines("⚠ " + note, 90))
        text += f'<BR/><FONT POINT-SIZE="10" COLOR="{FINDING}">{lines}</FONT>'
    return f"<{text}>"


def _node(prefix: str, n: Node) -> str:
    shape, fill, border = NODE_STYLE.get(n.kind, NODE_STYLE["box"])
    attrs = [f"id={quoted(prefix + '_' + n.id)}", shape, f"label={_node_label(n)}",
             f"tooltip={_tooltip(n.title, n.details, n.finding_text)}"]
    if n.findings:
        attrs += [f'fillcolor="#fdedec"', f'color="{FINDING}"', "penwidth=2.5"]
    else:
        attrs += [f'fillcolor="{fill}"', f'color="{border}"']
    return f"{quoted(n.id)} [{', '.join(attrs)}];"


def _edge(prefix: str, k: int, e: Edge) -> str:
    colour, style, width = EDGE_STYLE.get(e.style, EDGE_STYLE["flow"])
    if e.findings:
        colour = FINDING
    source, target = e.source, e.target
    attrs = [f"id={quoted(f'{prefix}_e{k}')}", f'color="{colour}"', f"style={style}", f"penwidth={width}",
             f'fontcolor="{colour}"']
    if e.label or e.findings:
        attrs.append(f"label={_edge_label(e)}")
        attrs.append(f"tooltip={quoted(e.label + (chr(10) + e.finding_text if e.finding_text else ''))}")
    if e.style in ("member", "plain"):
        attrs.append("arrowhead=none")
    if e.both_ways:
        attrs.append("dir=both")
    elif e.upward:
        # Drawn from the upper box with the arrowhead at its tail, so upward arrows do not pull the bands out of order.
        source, target = target, source
        attrs.append("dir=back")
    if source == target or e.style == "learning":
        attrs.append("constraint=false")
    return f"{quoted(source)} -> {quoted(target)} [{', '.join(attrs)}];"


def _legend(prefix: str, legend: tuple[tuple[str, str], ...]) -> str:
    rows = []
    for style, meaning in legend:
        colour, line, _width = EDGE_STYLE.get(style, EDGE_STYLE["flow"])
        mark = {"solid": "───▶", "bold": "━━━▶", "dashed": "- - ▶", "dotted": "·····▶"}[line]
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT COLOR="{colour}">{html(mark)}</FONT></TD>'
                    f'<TD ALIGN="LEFT">{html(meaning)}</TD></TR>')
    table = ('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
             '<TR><TD COLSPAN="2" ALIGN="LEFT"><B>%s</B></TD></TR>' % _("Key") + "".join(rows) + "</TABLE>")
    return (f"  {quoted('legend')} [id={quoted(prefix + '_legend')}, shape=box, style=\"rounded\", "
            f'color="#d5d8dc", fontsize=9, label=<{table}>];')


# ---------------------------------------------------------------- timeline
def emit_timeline(t: Timeline, year: int = 56, name: int = 38) -> str:
    """A timeline as one table: a column per year (`year` points wide), a row per strategy, phase, fund or
    target (its name wrapped at `name` characters); narrower columns make it fit a narrower page."""
    p = t.id
    years = t.years
    out = [f"digraph {quoted(p)} {{",
           f"  graph [id={quoted(p)}, label={_title(t.title, t.notes)}, labelloc=t, fontname={quoted(FONT)}, "
           'fontsize=14, charset="UTF-8"];',
           f"  node [fontname={quoted(FONT)}, fontsize=10];"]
    if not years:
        empty = _("No dates in this spec: give the initiative, strategies and phases a <I>period</I>.")
        out.append(f"  {quoted('empty')} [id={quoted(p + '_empty')}, shape=note, label=<{empty}>];")
        out.append("}")
        return "\n".join(out) + "\n"
    width = len(years) + 1
    rows = ['<TR><TD ALIGN="LEFT" BGCOLOR="#f2f3f4"><B>%s</B></TD>' % _("Timeline")
            + "".join(f'<TD BGCOLOR="#f2f3f4" WIDTH="{year}"><B>{y}</B></TD>' for y in years) + "</TR>"]
    section = None
    for bar in t.bars:
        if bar.section != section:
            section = bar.section
            rows.append(f'<TR><TD COLSPAN="{width}" ALIGN="LEFT" BGCOLOR="#fbfcfc"><I>{html(section)}</I></TD></TR>')
        colour = {_(name): c for name, c in SECTION_COLOUR.items()}  # sections are titled in the current language
        rows.append(_bar_row(bar, years, colour.get(section.split(": ")[-1], "#eaeded"), year, name))
    table = '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4" COLOR="#d5d8dc">' + "".join(rows) + "</TABLE>"
    out.append(f"  {quoted('table')} [id={quoted(p + '_table')}, shape=plain, label=<{table}>];")
    out.append("}")
    return "\n".join(out) + "\n"


def _bar_row(bar: Bar, years: tuple[int, ...], colour: str, year: int = 56, chars: int = 38) -> str:
    first, last = years[0], years[-1]
    per_year = year * 12 // 56  # the characters a year's column holds at 9 pt
    name = "<BR/>".join(html(x) for x in _lines(bar.title, chars)) or " "
    cells = [f'<TD ALIGN="LEFT" BALIGN="LEFT">{name}</TD>']
    cells += ["<TD></TD>"] * (bar.start - first)
    span = bar.end - bar.start + 1
    text = ("◆ " if bar.kind == "milestone" else "") + bar.detail
    body = "<BR/>".join(html(x) for x in _lines(text, per_year * span)) if text else ""
    fill = colour
    if bar.findings:
        fill = "#f5b7b1"
        marks = "<BR/>".join(html(x) for x in _lines("⚠ " + ", ".join(bar.findings), max(per_year * span, 24)))
        body += ("<BR/>" if body else "") + f'<FONT COLOR="{FINDING}">{marks}</FONT>'
    body = f'<FONT POINT-SIZE="9">{body}</FONT>' if body else ""
    cells.append(f'<TD COLSPAN="{span}" BGCOLOR="{fill}">{body}</TD>')
    cells += ["<TD></TD>"] * (last - bar.end)
    return "<TR>" + "".join(cells) + "</TR>"


def emit(diagram: Graph | Timeline) -> str:
    return emit_timeline(diagram) if isinstance(diagram, Timeline) else emit_graph(diagram)
