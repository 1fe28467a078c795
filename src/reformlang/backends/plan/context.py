"""What an implementation plan says, as plain data for its templates, worked out from the model and the checker's review.

Templates only lay this out; every figure (yearly gains, money per year, the
share of money reaching the middle, networks against the eight ingredients)
is computed here, so the Markdown and HTML plans cannot disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reformlang import i18n
from reformlang.backends import words as w
from reformlang.backends.findings import NONE, Located, advice, locate, principle_about, principle_title
from reformlang.backends.findings import key as element_key
from reformlang.i18n import N_, _, ngettext
from reformlang.semantics import model, schema

if TYPE_CHECKING:
    from reformlang.lint.report import Review

# The blocks the plan gives a section of its own (see the templates); `simulation` holds settings for
# the tool, not the reform. Any other block of the schema is listed under "Other parts of the design".
OWN_SECTIONS = frozenset({"initiative", "engagement", "level", "link", "priority", "indicator", "strategy",
                          "accountability", "funding", "network", "rollout", "phase", "learning_model",
                          "simulation"})

# Traits of the link kinds along which one level helps another carry a strategy (stdlib/vocabulary.reform).
HELPS = ("support", "money")


def build_context(spec: model.Spec, review: Review, lang: str = "en") -> dict[str, Any]:
    from reformlang import __version__
    from reformlang.provenance import shown_path, spec_date

    located = locate(spec, review.findings)
    with w.titles_of(spec.library):
        return {
            "title": "; ".join(w.title(i) for i in spec.initiatives) or spec.path,
            "path": shown_path(spec.path),
            "date": spec_date(spec.path),
            "version": __version__,
            "lang": lang if lang != i18n.DEFAULT else i18n.current(),  # <html lang>
            "frameworks": [_framework_title(spec, f) for f in spec.frameworks],
            "initiatives": [_initiative(spec, ini, located) for ini in spec.initiatives],
            "scorecard": _scorecard(spec, review),
            "risks": [_risk(spec, d, located) for d in review.findings],
        }


def _framework_title(spec: model.Spec, fid: str) -> str:
    f = spec.library.frameworks.get(fid)
    return _(f.title) if f and f.title else fid


def _initiative(spec: model.Spec, ini: model.Initiative, located: Located) -> dict[str, Any]:
    return {
        "id": ini.id,
        "title": w.title(ini),
        "jurisdiction": ini.jurisdiction or "",
        "period": w.period(ini.period) if ini.period else "",
        "years": ini.period.years if ini.period else None,
        "vision": ini.vision or "",
        "students": w.students(ini.students) if ini.students else "",
        "summary": _summary(spec.library, ini),
        "engagement": _engagement(ini.engagement),
        "levels": [_level(lv) for lv in sorted(ini.levels, key=lambda x: w.tier_rank(spec.library, x.tier))],
        "strategies": _strategies(spec.library, ini),
        "priorities": [_priority(ini, p) for p in ini.priorities],
        "timeline": _timeline(ini),
        "funding": _funding(spec.library, ini),
        "networks": [_network(spec, ini, n, located) for n in ini.networks],
        "accountability": _accountability(ini),
        "rollout": _rollout(spec.library, ini),
        "learning_model": _learning_model(ini.learning_model),
        "other": _other(ini, located, spec.library),
    }


def _summary(library: model.Library, ini: model.Initiative) -> str:
    parts = []
    values = {"title": w.title(ini), "where": ini.jurisdiction or "",
              "start": ini.period.start if ini.period else "", "end": ini.period.end if ini.period else ""}
    sentence = ({(True, True): N_("%(title)s is a reform in %(where)s from %(start)s to %(end)s."),
                 (True, False): N_("%(title)s is a reform in %(where)s."),
                 (False, True): N_("%(title)s is a reform from %(start)s to %(end)s."),
                 (False, False): N_("%(title)s is a reform.")})[(bool(ini.jurisdiction), ini.period is not None)]
    parts.append(_(sentence) % values)
    if ini.levels:
        tiers = ", ".join(f"{w.title(lv)} ({w.count(lv.units)})" if lv.units else w.title(lv)
                          for lv in sorted(ini.levels, key=lambda x: w.tier_rank(library, x.tier)))
        parts.append(_("It works through %(levels)s.") % {"levels": tiers})
    n_p, n_s, n_n = len(ini.priorities), len(ini.strategies), len(ini.networks)
    n_i = len(ini.indicators)
    parts.append(_("It sets %(priorities)s with %(indicators)s, %(strategies)s and %(networks)s.") % {
        "priorities": ngettext("%(num)d priority", "%(num)d priorities", n_p) % {"num": n_p},
        "indicators": ngettext("%(num)d indicator", "%(num)d indicators", n_i) % {"num": n_i},
        "strategies": ngettext("%(num)d strategy", "%(num)d strategies", n_s) % {"num": n_s},
        "networks": ngettext("%(num)d network", "%(num)d networks", n_n) % {"num": n_n}})
    return " ".join(parts)


def _engagement(e: model.Engagement | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"process": w.word(e.process) if e.process else _("not stated"),
            "with": [w.name_or_word(x) for x in e.with_]}


def _level(lv: model.Level) -> dict[str, Any]:
    return {"id": lv.id, "title": w.title(lv), "tier": w.word(lv.tier) or _("not stated"),
            "units": w.count(lv.units) if lv.units is not None else _("not stated"),
            "leader": lv.leader or _("not named")}


def _strategies(library: model.Library, ini: model.Initiative) -> list[dict[str, Any]]:
    def helps(kind: str) -> bool:
        return any(library.has("link_kind", kind, trait) for trait in HELPS)

    links_to: dict[str, list[model.Link]] = {}  # by target, in order: not every link for every strategy
    for link in ini.links:
        links_to.setdefault(link.target, []).append(link)
    out = []
    for p in ini.priorities:
        for s in p.strategies:
            supports = [w.level_name(ini, x) for x in s.supported_by]
            if s.owner:
                for link in links_to.get(s.owner, ()):
                    if link.source != s.owner and any(helps(k) for k in link.kinds):
                        name = w.level_name(ini, link.source)
                        kinds = w.words(k for k in link.kinds if helps(k))
                        if name not in supports:
                            supports.append(f"{name} ({kinds})")
            out.append({
                "id": s.id, "title": w.title(s), "priority": w.title(p),
                "lead": w.level_name(ini, s.owner) if s.owner else _("nobody named"),
                "supports": supports,
                "reaches": [w.level_name(ini, x) for x in s.reaches],
                "builds": w.words(s.builds),
                "period": w.period(s.period),
            })
    return out


def _priority(ini: model.Initiative, p: model.Priority) -> dict[str, Any]:
    return {
        "id": p.id, "title": w.title(p),
        "owner": w.level_name(ini, p.owner) if p.owner else _("nobody named"),
        "outcomes": w.sentence(w.words(p.outcome)), "students": w.students(p.students) if p.students else _("not stated"),
        "indicators": [{
            "id": i.id, "title": w.title(i),
            "baseline": _("%(value)s in %(year)s") % {"value": w.measure(i.baseline), "year": i.baseline.year} if i.baseline else _("not stated"),
            "target": _("%(value)s by %(year)s") % {"value": w.measure(i.target), "year": i.target.year} if i.target else _("not stated"),
            "gain": w.gain(i) or "—",
            "source": w.sentence(w.name_or_word(i.source)) if i.source else _("not stated"),
        } for i in p.indicators],
        "strategies": [w.title(s) for s in p.strategies],
    }


def _timeline(ini: model.Initiative) -> list[dict[str, Any]]:
    rows: list[tuple[int, int, int, str, str, str]] = []
    order = {"initiative": 0, "strategy": 1, "phase": 2, "funding": 3, "target": 4}

    def add(kind: str, what: str, title: str, p: model.Period | None, detail: str) -> None:
        if p is not None:
            rows.append((p.start, order[kind], p.end, what, title, detail))

    add("initiative", _("initiative"), w.title(ini), ini.period, ini.jurisdiction or "")
    for s in ini.strategies:
        add("strategy", _("strategy"), w.title(s), s.period,
            _("led by %(level)s") % {"level": w.level_name(ini, s.owner)} if s.owner else "")
    if ini.rollout is not None:
        for ph in ini.rollout.phases:
            add("phase", _("rollout phase"), w.title(ph), ph.period,
                _("%(percent)s%% coverage") % {"percent": w.number(ph.coverage)} if ph.coverage is not None else "")
    for f in ini.funding:
        add("funding", _("funding"), w.title(f), f.period, w.money(f.amount))
    for i in ini.indicators:
        if i.target is not None:
            add("target", _("indicator target"), w.title(i), model.Period(i.target.year, i.target.year),
                f"{w.measure(i.target)}")
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return [{"when": w.period(model.Period(a, c)), "what": what, "title": title, "detail": detail}
            for a, _order, c, what, title, detail in rows]


def _funding(library: model.Library, ini: model.Initiative) -> dict[str, Any]:
    groups: dict[tuple[str, str, str], float] = {}
    rows = []
    totals: dict[str, float] = {}
    middle: dict[str, float] = {}
    for f in ini.funding:
        recipient = w.level_name(ini, f.to) if f.to else _("no recipient named")
        purpose = w.words(f.purpose) or _("not stated")
        level = ini.level(f.to)
        per_year = per_unit_year = ""
        if f.amount is not None:
            cur = f.amount.currency
            groups[(recipient, purpose, cur)] = groups.get((recipient, purpose, cur), 0) + f.amount.amount
            totals[cur] = totals.get(cur, 0) + f.amount.amount
            if level is not None and library.meaning("tier", level.tier) == "middle":
                middle[cur] = middle.get(cur, 0) + f.amount.amount
            if f.period is not None:
                per_year = w.money_amount(f.amount.amount / f.period.years, cur)
                if level is not None and level.units:
                    per_unit_year = w.money_amount(f.amount.amount / f.period.years / level.units, cur)
        rows.append({"title": w.title(f), "from": w.level_name(ini, f.from_) if f.from_ else _("not stated"),
                     "to": recipient, "purpose": purpose, "amount": w.money(f.amount), "period": w.period(f.period),
                     "per_year": per_year or "—", "per_unit_year": per_unit_year or "—"})
    by_recipient = [{"recipient": r, "purpose": p, "amount": w.money_amount(a, c)}
                    for (r, p, c), a in sorted(groups.items())]
    shares = [{"currency": c, "total": w.money_amount(t, c), "middle": w.money_amount(middle.get(c, 0), c),
               "share": _("%(value)s%%") % {"value": round(100 * middle.get(c, 0) / t)} if t else "—"}
              for c, t in sorted(totals.items())]
    return {"rows": rows, "by_recipient": by_recipient, "shares": shares}


def _network(spec: model.Spec, ini: model.Initiative, n: model.Network, located: Located) -> dict[str, Any]:
    members = ini.level(n.members)
    says = {
        "high_trust": w.sentence(", ".join(w.name_or_word(x) for x in n.trust)),
        "ambitious_goals": "; ".join(
            f"{w.title(i)} ({_('%(value)s by %(year)s') % {'value': w.measure(i.target), 'year': i.target.year}})" if i.target else w.title(i)
            for i in (ini.indicator(g) for g in n.goals) if i is not None),
        "improving_practice": w.sentence(", ".join(w.name_or_word(x) for x in n.practice)),
        "skilled_facilitation": w.level_name(ini, n.facilitator) if n.facilitator else "",
        "learning_inwards": _("meets %(cadence)s") % {"cadence": w.word(n.meets)} if n.meets else "",
        "connecting_outward": w.sentence(", ".join(w.name_or_word(x) for x in n.learns_from)),
        "new_partnerships": w.sentence(", ".join(w.name_or_word(x) for x in n.partners)),
        "adequate_resources": "; ".join(
            f"{w.title(f)} ({w.money(f.amount)}, {w.period(f.period)})"
            for f in (ini.funding_by_id(r) for r in n.resources) if f is not None),
        "size": _("%(low)s to %(high)s members") % {"low": n.size.low, "high": n.size.high} if n.size else "",
    }
    # The eight ingredients (and the size guideline) are the networks framework's principles, as the
    # spec sees them or, when it does not use the framework, as the standard library gives them.
    from reformlang.checks.catalog import framework as framework_of

    framework = framework_of("networks", spec)
    checked = "networks" in spec.frameworks
    found = located.at("network", ini.id, n.id)
    ingredients = []
    for principle in framework.principles if framework else ():
        name = principle.id.partition(".")[2]
        mine = [d for d in found if d.principle == principle.id]
        misses = [d for d in mine if not d.unstated] or mine
        if any(not d.unstated for d in mine):
            status = "missing"
        elif mine:
            status = "not assessed"  # the spec does not state what the ingredient rests on
        elif not checked:
            status = "not checked"
        else:
            status = "held"
        ingredients.append({"id": principle.id, "title": _(principle.title or name),
                            "says": says.get(name) or _("nothing"), "status": status,
                            "findings": [{"code": d.code, "message": _(d.message), "help": _(d.help) if d.help else ""}
                                         for d in misses]})
    count = ""
    if members is not None and members.units and n.size is not None:
        low, high = -(-members.units // n.size.high), -(-members.units // max(n.size.low, 1))
        count = (_("about %(low)s to %(high)s networks") % {"low": w.count(low), "high": w.count(high)} if low != high
                 else _("about %(count)s networks") % {"count": w.count(low)})
    return {
        "id": n.id, "title": w.title(n),
        "members": w.level_name(ini, n.members) if n.members else _("not stated"),
        "units": w.count(members.units) if members is not None and members.units else "",
        "count": count,
        "joining": w.word(n.joining) or _("not stated"),
        "facilitator": w.level_name(ini, n.facilitator) if n.facilitator else _("not named"),
        "meets": w.word(n.meets) or _("not stated"),
        "ingredients": ingredients,
        "checked": checked,
    }


def _accountability(ini: model.Initiative) -> dict[str, Any] | None:
    a = ini.accountability
    if a is None:
        return None
    return {
        "style": w.word(a.style) or _("not stated"),
        "internal": w.sentence(", ".join(w.name_or_word(x) for x in a.internal)) or _("none"),
        "external": w.sentence(", ".join(w.name_or_word(x) for x in a.external)) or _("none"),
        "transparency": w.word(a.transparency) or _("not stated"),
        "consequence": w.word(a.consequence) or _("not stated"),
        "measures": [w.title(i) for i in (ini.indicator(m) for m in a.measures) if i is not None],
    }


def _rollout(library: model.Library, ini: model.Initiative) -> dict[str, Any] | None:
    r = ini.rollout
    if r is None:
        return None
    schools = [lv for lv in ini.levels if library.meaning("tier", lv.tier) == "bottom"]
    bottom = sum(lv.units or 0 for lv in schools)
    unit = " / ".join(w.title(lv) for lv in schools) or _("units")
    phases = []
    for ph in r.phases:
        reached = ""
        if ph.coverage is not None and bottom:
            # The units' title leads, so that no title is capitalised mid-sentence.
            reached = _("%(unit)s: about %(reached)s of %(total)s") % {
                "unit": unit, "reached": w.count(round(bottom * ph.coverage / 100)), "total": w.count(bottom)}
        phases.append({"title": w.title(ph), "period": w.period(ph.period),
                       "coverage": _("%(value)s%%") % {"value": w.number(ph.coverage)} if ph.coverage is not None else _("not stated"),
                       "reached": reached or "—"})
    return {"mode": w.word(r.mode) or _("not stated"), "phases": phases}


def _learning_model(lm: model.LearningModel | None) -> dict[str, Any] | None:
    if lm is None:
        return None
    return {"vision": lm.vision or _("not stated"), "letting_go": lm.letting_go or _("not stated"),
            "reining_in": w.sentence(", ".join(w.name_or_word(x) for x in lm.reining_in)) or _("not stated")}


def _scorecard(spec: model.Spec, review: Review) -> list[dict[str, Any]]:
    out = []
    order = {f: k for k, f in enumerate(spec.frameworks)}
    for fid, card in sorted(review.scorecard.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])):
        framework = spec.library.frameworks.get(fid)
        principles = []
        for pid, status in sorted(card.get("principles", {}).items()):
            p = framework.principle(pid) if framework else None
            principles.append({"id": pid, "title": _(p.title) if p and p.title else pid, "status": status})
        out.append({"id": fid, "title": _(card["title"]) if card.get("title") else fid, "held": card.get("held", 0),
                    "not_assessed": card.get("not_assessed", 0), "checked": card.get("checked", 0),
                    "principles": principles})
    return out


def _risk(spec: model.Spec, d, located: Located = NONE) -> dict[str, Any]:
    from reformlang.provenance import shown_path

    where = ""
    if d.span is not None:
        line, col = d.span.start_position
        where = f"{shown_path(d.span.path)}:{line}:{col}"
    subject = located.subject(d)
    title, about = principle_title(spec.library, d.principle), principle_about(spec.library, d.principle)
    return {"code": d.code, "severity": d.severity.label, "principle_id": d.principle or "",
            "principle": _(title) if title else "", "about": _(about) if about else "",
            "subject": subject, "advice": advice(d, subject),
            "message": _(d.message), "help": _(d.help) if d.help else "", "where": where,
            "not_assessed": d.unstated}


def _other(ini: model.Initiative, located: Located = NONE, library: model.Library | None = None) -> list[dict[str, Any]]:
    """Blocks the plan has no section of its own for, each with its attributes as the schema names them
    and the checker's findings on it."""
    out = []
    for spec, node, position in schema.walk(ini):
        if spec.keyword in OWN_SECTIONS:
            continue
        found = located.by_element.get(element_key(ini, spec, node, position), ())
        findings = [{"code": d.code, "message": _(d.message),
                     "principle": _(principle_title(library, d.principle)) if library else d.principle or "",
                     "advice": advice(d, located.subject(d))} for d in found]
        rows = []
        for key, attr in spec.attributes.items():
            value = getattr(node, attr.field or key, None)
            if value is None or value == ():
                continue
            values = value if isinstance(value, tuple) else (value,)
            rows.append({"name": (attr.about or key).capitalize(),
                         "value": ", ".join(w.name_or_word(str(v)) for v in values)})
        title = getattr(node, "title", None) or w.word(spec.keyword).capitalize()
        out.append({"title": title, "about": spec.about, "rows": rows, "findings": findings})
    return out
