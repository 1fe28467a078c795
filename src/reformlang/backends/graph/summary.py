"""Diagrams of large designs: past a budget of boxes, a view is drawn as counts instead.

Graphviz lays out a few hundred boxes in a moment and thousands in minutes
(or not at all), and nobody reads a diagram of thousands of boxes. A view
with more than `NODE_BUDGET` boxes (or timeline rows) is therefore drawn
aggregated: one box per tier of the system or column of the logic model (the
view's bands), or per kind of box where a view has no bands (the network
view: networks, levels, goals, funding, outside bodies); arrows between two
groups are counted and labelled by their kinds. When even that is over the
budget (a spec of hundreds of initiatives has a band per initiative and
tier), the bands of every initiative are merged. The diagram says so in its
title notes, and `summarise` returns the sentence for the command to print
on standard error.
"""

from __future__ import annotations

from reformlang.backends import words as w
from reformlang.backends.graph.diagram import Band, Bar, Edge, Graph, Node, Timeline
from reformlang.i18n import N_, _, ngettext

NODE_BUDGET = 250  # boxes (or timeline rows) a view draws one by one


def summarise(d: Graph | Timeline, budget: int = NODE_BUDGET) -> tuple[Graph | Timeline, str | None]:
    """The diagram itself when within `budget`, else its aggregated form and a sentence saying so."""
    if isinstance(d, Timeline):
        return _timeline(d, budget)
    if len(d.nodes) <= budget:
        return d, None
    for merge_initiatives in (False, True):
        grouped, by = _graph(d, merge_initiatives)
        if len(grouped.nodes) <= budget or merge_initiatives:
            break
    note = _("%(count)s boxes are more than the %(budget)s this view draws one by one: shown as counts per "
             "%(by)s") % {"count": w.count(len(d.nodes)), "budget": w.count(budget), "by": _(by)}
    return _with_note(grouped, note), note


MAX_TITLE = 160  # characters of a title (a spec of many initiatives names them all)
MAX_NOTES = 10  # notes (findings placed on no box) drawn under the title


def _with_note(d, note: str):
    """The aggregated diagram, saying so first; its title and notes cut to what a title can hold."""
    import attrs

    title = d.title if len(d.title) <= MAX_TITLE else d.title[: MAX_TITLE - 1].rstrip() + "…"
    notes = d.notes[:MAX_NOTES]
    if len(d.notes) > MAX_NOTES:
        notes += (_("… and %(count)s more notes (run `reformlang check` for all of them)")
                  % {"count": w.count(len(d.notes) - MAX_NOTES)},)
    return attrs.evolve(d, title=title, notes=(note, *notes))


# ------------------------------------------------------------------ graphs
def _graph(d: Graph, merge_initiatives: bool) -> tuple[Graph, str]:
    """Boxes grouped by band (tier, column), or by kind where a box is in no band."""
    band_of = {n: b for b in d.bands for n in b.nodes}
    by = (N_("tier") if d.id == "system" else N_("column")) if d.bands else N_("kind of box")
    groups: dict[str, list[Node]] = {}
    titles: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for node in d.nodes:
        band = band_of.get(node.id)
        if band is not None:
            title = _initiative_free(band.title) if merge_initiatives else band.title
            key = f"band {title}"
        else:
            title = _(KIND_TITLES.get(node.kind, node.kind))
            key = f"kind {node.kind}"
        groups.setdefault(key, []).append(node)
        titles.setdefault(key, title)
        kinds.setdefault(key, node.kind)
    ids = {key: f"group_{i + 1}" for i, key in enumerate(groups)}
    group_of = {node.id: ids[key] for key, members in groups.items() for node in members}

    within: dict[str, int] = {}
    between: dict[tuple[str, str, str], list[Edge]] = {}
    for e in d.edges:
        a, b = group_of.get(e.source), group_of.get(e.target)
        if a is None or b is None:
            continue
        if a == b:
            within[a] = within.get(a, 0) + 1
        else:
            between.setdefault((a, b, e.style), []).append(e)

    nodes = []
    for key, members in groups.items():
        gid = ids[key]
        details = [_count(len(members), _unit(kinds[key], len(members)))]
        found = sorted({code for n in members for code in n.findings})
        if within.get(gid):
            details.append(_("%(arrows)s among them") % {"arrows": _count(within[gid], "arrow")})
        if found:
            details.append(_("findings: %(codes)s") % {"codes": ", ".join(found[:8]) + (" …" if len(found) > 8 else "")})
        nodes.append(Node(gid, titles[key], tuple(details), kinds[key], tuple(found),
                          "\n".join(n.finding_text for n in members if n.finding_text)[:2000]))
    edges = []
    for (a, b, style), drawn in between.items():
        labels = sorted({e.label.split("\n")[0] for e in drawn if e.label})
        label = _count(len(drawn), "arrow")
        if labels:
            label += ": " + ", ".join(labels[:4]) + (" …" if len(labels) > 4 else "")
        found = tuple(sorted({code for e in drawn for code in e.findings}))
        edges.append(Edge(a, b, label, style, False, any(e.upward for e in drawn), found,
                          "\n".join(e.finding_text for e in drawn if e.finding_text)[:2000]))
    # The system view keeps its tiers ranked top to bottom: one band per group.
    bands = (tuple(Band(f"band_{ids[key]}", titles[key], (ids[key],)) for key in groups)
             if d.bands and d.id == "system" else ())
    return Graph(d.id, d.title, d.direction, tuple(nodes), tuple(edges), bands, d.legend, d.notes), by


KIND_TITLES = {"level": N_("Levels"), "network": N_("Networks"), "goal": N_("Goals"), "money": N_("Funding"),
               "external": N_("Outside bodies"), "group": N_("Groups"), "box": N_("Boxes"), "note": N_("Notes"),
               "vision": N_("Visions")}


UNITS = {"level": "level", "network": "network", "goal": "indicator", "money": "funding line", "vision": "vision",
         "note": "note", "external": "outside body", "group": "group"}

# Each unit counted, singular and plural, as a message (French counts differ from English).
_COUNTED = {
    "level": lambda n: ngettext("%(num)s level", "%(num)s levels", n),
    "network": lambda n: ngettext("%(num)s network", "%(num)s networks", n),
    "indicator": lambda n: ngettext("%(num)s indicator", "%(num)s indicators", n),
    "funding line": lambda n: ngettext("%(num)s funding line", "%(num)s funding lines", n),
    "vision": lambda n: ngettext("%(num)s vision", "%(num)s visions", n),
    "note": lambda n: ngettext("%(num)s note", "%(num)s notes", n),
    "outside body": lambda n: ngettext("%(num)s outside body", "%(num)s outside bodies", n),
    "group": lambda n: ngettext("%(num)s group", "%(num)s groups", n),
    "box": lambda n: ngettext("%(num)s box", "%(num)s boxes", n),
    "arrow": lambda n: ngettext("%(num)s arrow", "%(num)s arrows", n),
    "item": lambda n: ngettext("%(num)s item", "%(num)s items", n),
}


def _unit(kind: str, n: int) -> str:
    return UNITS.get(kind, "box")


def _count(n: int, unit: str) -> str:
    return _COUNTED[unit](n) % {"num": w.count(n)}


def _initiative_free(title: str) -> str:
    """A band's title without the initiative it is of (`Middle tier (Reading for all)` -> `Middle tier`)."""
    if title.endswith(")") and " (" in title:
        return title[: title.index(" (")]
    return title


# ---------------------------------------------------------------- timeline
def _timeline(t: Timeline, budget: int) -> tuple[Timeline, str | None]:
    if len(t.bars) <= budget:
        return t, None
    for merge_initiatives in (False, True):
        sections: dict[str, list[Bar]] = {}
        for bar in t.bars:
            section = bar.section.rsplit(": ", 1)[-1] if merge_initiatives else bar.section
            sections.setdefault(section, []).append(bar)
        if len(sections) <= budget or merge_initiatives:
            break
    bars = []
    for i, (section, members) in enumerate(sections.items()):
        found = tuple(sorted({code for b in members for code in b.findings}))
        bars.append(Bar(f"group_{i + 1}", section, _count(len(members), "item"), min(b.start for b in members),
                        max(b.end for b in members), _("%(count)s rows from %(start)s to %(end)s") % {
                            "count": w.count(len(members)), "start": min(b.start for b in members),
                            "end": max(b.end for b in members)}, "task", found,
                        "\n".join(b.finding_text for b in members if b.finding_text)[:2000]))
    note = _("%(count)s rows are more than the %(budget)s this view draws one by one: shown as counts per "
             "section") % {"count": w.count(len(t.bars)), "budget": w.count(budget)}
    return _with_note(Timeline(t.id, t.title, tuple(bars), t.notes, note), note), note
