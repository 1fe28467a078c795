"""The four views of a spec (system, logic, network, timeline), built as neutral diagrams from the model.

Every view draws levels as counts (a level of 4,900 schools is one box that
says so), never one box per unit, so a national system draws as fast as a
small one.
"""

from __future__ import annotations

from collections.abc import Callable

from reformlang.i18n import N_, _, ngettext
from reformlang.backends import words as w
from reformlang.backends.findings import NONE, Located, advice, link_id, principle_title
from reformlang.backends.graph.diagram import Band, Bar, Edge, Graph, Node, Timeline
from reformlang.semantics import model

VIEWS = ("system", "logic", "network", "timeline")
# What a page that links or embeds a view calls it: the index's links, the diagrams' labels for screen readers.
VIEW_NAMES = {"system": N_("system"), "logic": N_("logic"), "network": N_("network"), "timeline": N_("timeline")}
DIAGRAM_LABELS = {"system": N_("system diagram of %(title)s"), "logic": N_("logic diagram of %(title)s"),
                  "network": N_("network diagram of %(title)s"), "timeline": N_("timeline diagram of %(title)s")}

# How a link kind is drawn, by its traits in the library (stdlib/vocabulary.reform):
# the first trait of this list that the kind has picks the style.
STYLE_OF_TRAIT = (("money", "money"), ("learning", "learning"), ("downward", "influence"), ("upward", "voice"))
STYLE_ORDER = ("influence", "money", "voice", "learning", "flow")  # "flow": a kind with none of those traits
LEGEND = {"influence": "%(kinds)s", "money": N_("%(kinds)s, with amounts"), "voice": "%(kinds)s",
          "learning": N_("%(kinds)s among peers"), "flow": N_("%(kinds)s: no stated meaning")}


def link_style(library: model.Library, kind: str) -> str:
    for trait, style in STYLE_OF_TRAIT:
        if library.has("link_kind", kind, trait):
            return style
    return "flow"


def _system_legend(spec: model.Spec) -> tuple[tuple[str, str], ...]:
    """One line per style naming the link kinds drawn that way, in the library's order; kinds with no
    stated meaning appear only when a link uses one."""
    library = spec.library
    used = {k for ini in spec.initiatives for link in ini.links for k in link.kinds}
    vocabulary = library.vocabularies.get("link_kind")
    kinds: dict[str, list[str]] = {}
    for kind in (x.id for x in vocabulary.words) if vocabulary else ():
        style = link_style(library, kind)
        if style != "flow" or kind in used:
            kinds.setdefault(style, []).append(kind)
    return tuple((style, _(LEGEND[style]) % {"kinds": w.words(kinds[style])}) for style in STYLE_ORDER if style in kinds)


class _Ids:
    """Node ids: the element's own id, prefixed by its initiative when a spec holds several."""

    def __init__(self, spec: model.Spec) -> None:
        self.many = len(spec.initiatives) > 1

    def __call__(self, ini: model.Initiative, kind: str, id: str) -> str:
        base = f"{kind}_{id}" if kind else id
        return f"{ini.id}__{base}" if self.many else base


def _marks(located: Located, kind: str, ini: str, id: str = "") -> dict:
    """A box's or arrow's findings, by the principles they concern (not bare rule codes), and their plain
    advice for its tooltip."""
    found = located.at(kind, ini, id)
    if not found:
        return {}
    return {"findings": tuple(dict.fromkeys(_principle(located, d) for d in found)),
            "finding_text": "\n".join(_plain(located, d) for d in found)}


def _principle(located: Located, d) -> str:
    return _(principle_title(located.library, d.principle)) if located.library is not None and d.principle \
        else (d.principle or d.code)


def _plain(located: Located, d) -> str:
    """A finding in words: its principle and what to add."""
    text = advice(d, located.subject(d)) or _(d.message)
    return f"{_principle(located, d)}: {text}"


def _notes(spec: model.Spec, located: Located) -> tuple[str, ...]:
    """Findings about an initiative as a whole, which no box or arrow stands for."""
    out = []
    many = len(spec.initiatives) > 1
    for ini in spec.initiatives:
        for d in located.at("initiative", ini.id, ini.id):
            out.append(f"{w.title(ini)}: {_plain(located, d)}" if many else _plain(located, d))
    out += [_plain(located, d) for d in located.unplaced]
    return tuple(out)


def _title(spec: model.Spec, view: str) -> str:
    names = "; ".join(w.title(i) for i in spec.initiatives) or spec.path
    return f"{names}: {_(view)}"


def _band_title(ini: model.Initiative, text: str, many: bool) -> str:
    return f"{text} ({w.title(ini)})" if many else text


# ------------------------------------------------------------------ system
def system(spec: model.Spec, located: Located = NONE) -> Graph:
    """Levels as ranked bands with their counts and leaders; links and money between them."""
    ids = _Ids(spec)
    nodes: list[Node] = []
    edges: list[Edge] = []
    bands: list[Band] = []
    for ini in spec.initiatives:
        tiers = sorted(dict.fromkeys(lv.tier for lv in ini.levels),
                       key=lambda t: (w.tier_rank(spec.library, t), str(t)))
        for tier in tiers:
            members = [lv for lv in ini.levels if lv.tier == tier]
            for lv in members:
                tier_name = _("%(tier)s tier") % {"tier": w.word(tier)}
                details = [f"{tier_name} · " + (ngettext("%(num)s unit", "%(num)s units", lv.units)
                                                 % {"num": w.count(lv.units)} if lv.units is not None
                                                 else _("units not stated"))]
                details.append(_("led by %(level)s") % {"level": lv.leader} if lv.leader else _("no leader named"))
                nodes.append(Node(ids(ini, "", lv.id), w.title(lv), tuple(details), "level",
                                  **_marks(located, "level", ini.id, lv.id)))
            bands.append(Band(ids(ini, "tier", str(tier)),
                              _band_title(ini, (_("%(tier)s tier") % {"tier": w.word(tier)}).capitalize(), ids.many),
                              tuple(ids(ini, "", lv.id) for lv in members)))
        if not ini.levels:
            nodes.append(Node(ids(ini, "", "no_levels"), _("%(title)s declares no levels") % {"title": w.title(ini)},
                              (_("add `level` blocks for the top, the middle and the bottom of the system"),), "note"))
        rank = {lv.id: w.tier_rank(spec.library, lv.tier) for lv in ini.levels}
        drawn: set[str] = set()
        for n, link in enumerate(ini.links):
            by_style: dict[str, list[str]] = {}
            for kind in link.kinds:
                by_style.setdefault(link_style(spec.library, kind), []).append(kind)
            marks = _marks(located, "link", ini.id, link_id(n))
            for style in STYLE_ORDER:
                if style not in by_style:
                    continue
                label = w.words(by_style[style])
                if style == "money":
                    flows = [f for f in ini.funding if f.from_ == link.source and f.to == link.target]
                    if flows:
                        label = "\n".join(_funding_line(f) for f in flows)
                        drawn.update(f.id for f in flows)
                        for f in flows:
                            marks = _merge(marks, _marks(located, "funding", ini.id, f.id))
                edges.append(Edge(ids(ini, "", link.source), ids(ini, "", link.target), label, style,
                                  link.both_ways, rank.get(link.source, 0) > rank.get(link.target, 0), **marks))
        for f in ini.funding:
            if f.id in drawn:
                continue
            marks = _marks(located, "funding", ini.id, f.id)
            if f.from_ and f.to:
                edges.append(Edge(ids(ini, "", f.from_), ids(ini, "", f.to), _funding_line(f), "money",
                                  upward=rank.get(f.from_, 0) > rank.get(f.to, 0), **marks))
            else:
                # Money with no source or no recipient named: a box beside the level it touches.
                node = ids(ini, "funding", f.id)
                nodes.append(Node(node, w.title(f), (w.money(f.amount), w.period(f.period)), "money", **marks))
                if f.from_:
                    edges.append(Edge(ids(ini, "", f.from_), node, _("pays"), "money"))
                if f.to:
                    edges.append(Edge(node, ids(ini, "", f.to), _("funds"), "money"))
    return Graph("system", _title(spec, N_("system")), "TB", tuple(nodes), tuple(edges), tuple(bands),
                 _system_legend(spec), _notes(spec, located))


def _funding_line(f: model.Funding) -> str:
    parts = [f"{w.title(f)}: {w.money(f.amount)}"]
    if f.period is not None:
        parts.append(w.period(f.period))
    if f.purpose:
        parts.append(w.words(f.purpose))
    return ", ".join(parts)


def _merge(a: dict, b: dict) -> dict:
    if not b:
        return a
    if not a:
        return b
    return {"findings": tuple(dict.fromkeys(a["findings"] + b["findings"])),
            "finding_text": a["finding_text"] + "\n" + b["finding_text"]}


# ------------------------------------------------------------------- logic
def logic(spec: model.Spec, located: Located = NONE) -> Graph:
    """The logic model, left to right: funding -> strategies -> indicators -> priorities -> vision."""
    ids = _Ids(spec)
    nodes: list[Node] = []
    edges: list[Edge] = []
    columns: dict[str, list[str]] = {c: [] for c in ("funding", "means", "indicators", "priorities", "vision")}
    for ini in spec.initiatives:
        vision = ids(ini, "", "vision")
        for f in ini.funding:
            details = [w.money(f.amount)]
            if f.from_ or f.to:
                details.append(f"{w.level_name(ini, f.from_)} → {w.level_name(ini, f.to)}")
            if f.purpose:
                details.append(_("for %(purpose)s") % {"purpose": w.words(f.purpose)})
            if f.period is not None:
                details.append(w.period(f.period))
            node = ids(ini, "funding", f.id)
            nodes.append(Node(node, w.title(f), tuple(details), "money", **_marks(located, "funding", ini.id, f.id)))
            columns["funding"].append(node)
        for p in ini.priorities:
            for s in p.strategies:
                details = [_("led by %(level)s") % {"level": w.level_name(ini, s.owner)} if s.owner
                           else _("no owner named")]
                if s.supported_by:
                    details.append(_("supported by %(levels)s") % {"levels": ", ".join(w.level_name(ini, x) for x in s.supported_by)})
                if s.reaches:
                    details.append(_("reaches %(levels)s") % {"levels": ", ".join(w.level_name(ini, x) for x in s.reaches)})
                if s.builds:
                    details.append(_("builds %(what)s") % {"what": w.words(s.builds)})
                if s.period is not None:
                    details.append(w.period(s.period))
                node = ids(ini, "strategy", s.id)
                nodes.append(Node(node, w.title(s), tuple(details), "box",
                                  **_marks(located, "strategy", ini.id, s.id)))
                columns["means"].append(node)
                for f in ini.funding:
                    if f.to is not None and (f.to == s.owner or f.to in s.supported_by):
                        edges.append(Edge(ids(ini, "funding", f.id), node, "", "money"))
                targets = [ids(ini, "indicator", i.id) for i in p.indicators] or [ids(ini, "priority", p.id)]
                edges += [Edge(node, t, "", "flow") for t in targets]
        for net in ini.networks:
            details = [_("network of %(members)s") % {"members": w.level_name(ini, net.members)} if net.members
                       else _("network")]
            if net.facilitator:
                details.append(_("facilitated by %(level)s") % {"level": w.level_name(ini, net.facilitator)})
            node = ids(ini, "network", net.id)
            nodes.append(Node(node, w.title(net), tuple(details), "network",
                              **_marks(located, "network", ini.id, net.id)))
            columns["means"].append(node)
            edges += [Edge(ids(ini, "funding", r), node, "", "money") for r in net.resources]
            edges += [Edge(node, ids(ini, "indicator", g), "", "flow") for g in net.goals]
        for p in ini.priorities:
            for i in p.indicators:
                details = [f"{w.measure(i.baseline)} → {w.measure(i.target)}"]
                if i.target is not None:
                    details.append(_("by %(year)s") % {"year": i.target.year})
                if w.gain(i):
                    details.append(w.gain(i))
                node = ids(ini, "indicator", i.id)
                nodes.append(Node(node, w.title(i), tuple(details), "goal",
                                  **_marks(located, "indicator", ini.id, i.id)))
                columns["indicators"].append(node)
                edges.append(Edge(node, ids(ini, "priority", p.id), "", "flow"))
            details = [_("owner: %(level)s") % {"level": w.level_name(ini, p.owner)} if p.owner else _("no owner named")]
            if p.outcome:
                details.append(w.words(p.outcome))
            if p.students is not None:
                details.append(_("for %(students)s") % {"students": w.students(p.students)})
            node = ids(ini, "priority", p.id)
            nodes.append(Node(node, w.title(p), tuple(details), "box", **_marks(located, "priority", ini.id, p.id)))
            columns["priorities"].append(node)
            edges.append(Edge(node, vision, "", "flow"))
        nodes.append(Node(vision, ini.vision or w.title(ini), (_("vision"),) if ini.vision else (_("no vision stated"),),
                          "vision", **_marks(located, "learning_model", ini.id)))
        columns["vision"].append(vision)
    titles = {"funding": _("Funding"), "means": _("Strategies and networks"), "indicators": _("Indicators"),
              "priorities": _("Priorities"), "vision": _("Vision")}
    bands = tuple(Band(f"col_{k}", titles[k], tuple(v)) for k, v in columns.items() if v)
    return Graph("logic", _title(spec, N_("logic model")), "LR", tuple(nodes), tuple(edges), bands,
                 (("money", _("money")), ("flow", _("contributes to"))), _notes(spec, located))


# ----------------------------------------------------------------- network
def network(spec: model.Spec, located: Located = NONE) -> Graph:
    """Each network: who its members are, how big, how one joins, who facilitates, what it aims at, whom it learns from."""
    ids = _Ids(spec)
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []

    def add(node: Node) -> str:
        nodes.setdefault(node.id, node)
        return node.id

    for ini in spec.initiatives:
        labels: dict[str, str] = {}

        def outside(text: str, kind: str) -> str:
            # Groups and outside bodies are shared by every network that names them.
            key = f"{kind}:{text}"
            if key not in labels:
                labels[key] = ids(ini, kind, str(len(labels) + 1))
            return add(Node(labels[key], w.name_or_word(text), (), kind))

        for net in ini.networks:
            members = ini.level(net.members)
            hub = ids(ini, "network", net.id)
            details = []
            if net.members:
                details.append(_("members: %(level)s") % {"level": w.level_name(ini, net.members)})
            if net.size is not None:
                details.append(_("%(low)s–%(high)s members per network") % {"low": net.size.low, "high": net.size.high})
                if members is not None and members.units:
                    low = -(-members.units // net.size.high)
                    high = -(-members.units // max(net.size.low, 1))
                    details.append(_("about %(low)s–%(high)s networks for %(units)s units")
                                   % {"low": w.count(low), "high": w.count(high), "units": w.count(members.units)}
                                   if low != high else _("about %(count)s networks") % {"count": w.count(low)})
            details.append(_("joining: %(how)s") % {"how": w.word(net.joining)} if net.joining
                           else _("joining rule not stated"))
            details.append(_("meets %(cadence)s") % {"cadence": w.word(net.meets)} if net.meets
                           else _("meeting cadence not stated"))
            if net.trust:
                details.append(_("trust through %(what)s") % {"what": ", ".join(w.name_or_word(t) for t in net.trust)})
            if net.practice:
                details.append(_("practice: %(what)s") % {"what": ", ".join(w.name_or_word(t) for t in net.practice)})
            add(Node(hub, w.title(net), tuple(details), "network", **_marks(located, "network", ini.id, net.id)))
            if members is not None:
                lv = add(Node(ids(ini, "", members.id), w.title(members),
                              (_("%(num)s units") % {"num": w.count(members.units)} if members.units else _("units not stated"),), "level"))
                edges.append(Edge(lv, hub, _("members"), "member"))
            if net.facilitator:
                level = ini.level(net.facilitator)
                if level is not None:
                    fac = add(Node(ids(ini, "", level.id), w.title(level),
                                   (_("%(num)s units") % {"num": w.count(level.units)} if level.units else _("units not stated"),), "level"))
                else:
                    fac = outside(net.facilitator, "external")
                edges.append(Edge(fac, hub, _("facilitates"), "influence"))
            for g in net.goals:
                ind = ini.indicator(g)
                if ind is None:
                    continue
                detail = f"{w.measure(ind.baseline)} → {w.measure(ind.target)}"
                goal = add(Node(ids(ini, "indicator", g), w.title(ind), (detail,), "goal"))
                edges.append(Edge(hub, goal, _("aims at"), "flow"))
            for text in net.learns_from:
                edges.append(Edge(outside(text, "external"), hub, _("learns from"), "learning"))
            for text in net.partners:
                p = outside(text, "group")
                edges.append(Edge(hub, p, _("partners"), "plain"))
            for r in net.resources:
                f = ini.funding_by_id(r)
                if f is None:
                    continue
                money = add(Node(ids(ini, "funding", r), w.title(f), (w.money(f.amount), w.period(f.period)), "money"))
                edges.append(Edge(money, hub, _("funds"), "money"))
        if not ini.networks:
            add(Node(ids(ini, "", "no_networks"), f"{w.title(ini)} declares no networks",
                     (_("add a `network` block to say how schools learn from each other"),), "note"))
    return Graph("network", _title(spec, N_("networks")), "LR", tuple(nodes.values()), tuple(edges), (),
                 (("member", _("members")), ("influence", _("facilitates")), ("flow", _("aims at")),
                  ("learning", _("learns from")), ("plain", _("partners")), ("money", _("funds"))),
                 _notes(spec, located))


# ---------------------------------------------------------------- timeline
def timeline(spec: model.Spec, located: Located = NONE) -> Timeline:
    """Years across: the initiative's period, strategies, rollout phases, funding, indicator targets."""
    ids = _Ids(spec)
    bars: list[Bar] = []
    undated: list[str] = []
    for ini in spec.initiatives:
        prefix = f"{w.title(ini)}: " if ids.many else ""

        def bar(kind: str, id: str, section: str, title: str, p: model.Period | None, detail: str,
                key: tuple[str, str] | None = None) -> None:
            if p is None:
                undated.append(f"{title} ({section.lower()})")
                return
            marks = _marks(located, key[0], ini.id, key[1]) if key else {}
            bars.append(Bar(ids(ini, kind, id), prefix + section, title, p.start, p.end, detail, **marks))

        bar("initiative", ini.id, _("Initiative"), w.title(ini), ini.period, ini.jurisdiction or "",
            ("initiative", ini.id))
        for s in ini.strategies:
            bar("strategy", s.id, _("Strategies"), w.title(s), s.period,
                _("led by %(level)s") % {"level": w.level_name(ini, s.owner)} if s.owner else "", ("strategy", s.id))
        if ini.rollout is not None:
            for ph in ini.rollout.phases:
                detail = (_("%(percent)s%% coverage") % {"percent": w.number(ph.coverage)} if ph.coverage is not None
                          else _("coverage not stated"))
                bar("phase", ph.id, _("Rollout"), w.title(ph), ph.period, detail, ("phase", ph.id))
        for f in ini.funding:
            bar("funding", f.id, _("Funding"), w.title(f), f.period, w.money(f.amount), ("funding", f.id))
        for i in ini.indicators:
            if i.target is None:
                undated.append(_("%(title)s (no target)") % {"title": w.title(i)})
                continue
            detail = _("target %(value)s") % {"value": w.measure(i.target)}
            if i.baseline is not None:
                detail += " " + _("(from %(value)s in %(year)s)") % {"value": w.measure(i.baseline), "year": i.baseline.year}
            marks = _marks(located, "indicator", ini.id, i.id)
            bars.append(Bar(ids(ini, "indicator", i.id), prefix + _("Indicator targets"), w.title(i),
                            i.target.year, i.target.year, detail, "milestone", **marks))
    notes = list(_notes(spec, located))
    for ini in spec.initiatives:
        # Findings on the rollout as a whole (its mode, a missing phase) belong to no single phase.
        prefix = f"{w.title(ini)}: " if ids.many else ""
        rollout = _("rollout")
        notes += [f"{prefix}{rollout}: {_plain(located, d)}" for d in located.at("rollout", ini.id)]
    if undated:
        notes.append(_("not on the timeline for want of dates: %(items)s") % {"items": "; ".join(undated)})
    return Timeline("timeline", _title(spec, N_("timeline")), tuple(bars), tuple(notes))


BUILDERS: dict[str, Callable[[model.Spec, Located], Graph | Timeline]] = {
    "system": system, "logic": logic, "network": network, "timeline": timeline,
}
