"""What a change to a spec does to the reform design: blocks added, removed and changed, money moved,
findings resolved and introduced, and the scorecard before and after.

Blocks are matched by kind and id (a link, which has no id, by the levels it
joins; a block that appears once, such as `engagement`, by its kind). Two
files with one initiative each are compared initiative to initiative whatever
their ids. Findings are matched by rule and by the element they point at, so
a finding that only moved lines is neither resolved nor introduced.

The result is plain data (`Diff.as_json()`); the text and Markdown are laid
out by the templates beside this module, which hold every word a reader sees.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from reformlang.backends import words as w
from reformlang.backends.findings import locate
from reformlang.i18n import N_, _
from reformlang.records import record
from reformlang.semantics import model, schema

if TYPE_CHECKING:
    from reformlang.lint.report import Review

FORMATS = ("text", "md", "json")
TEMPLATES = Path(__file__).resolve().parent / "templates"
SCHEMA_VERSION = 1

# The kinds of block a reader thinks of as the design, in the order the diff lists them.
ORDER = ("initiative", "engagement", "level", "link", "priority", "indicator", "strategy", "funding",
         "network", "accountability", "rollout", "phase", "learning_model")
# What the text and Markdown call each kind (the JSON keeps the keyword), and a principle's statuses.
KINDS = {"initiative": N_("initiative"), "engagement": N_("engagement"), "level": N_("level"), "link": N_("link"),
         "priority": N_("priority"), "indicator": N_("indicator"), "strategy": N_("strategy"),
         "funding": N_("funding"), "network": N_("network"), "accountability": N_("accountability"),
         "rollout": N_("rollout"), "phase": N_("phase"), "learning_model": N_("learning model")}
STATUSES = (N_("held"), N_("not held"), N_("not assessed"), N_("not checked"), N_("yes"), N_("no"))


@record
class Field:
    name: str
    before: str
    after: str


@record
class Change:
    """One block added, removed or changed."""

    kind: str
    id: str
    title: str
    change: str  # "added", "removed" or "changed"
    fields: tuple[Field, ...] = ()


@record
class Finding:
    code: str
    principle: str
    principle_title: str
    message: str
    not_assessed: bool


@record
class Score:
    framework: str
    title: str
    before: tuple[int, int, int] | None  # held, not assessed, checked
    after: tuple[int, int, int] | None
    principles: tuple[tuple[str, str, str, str], ...]  # id, title, before, after (changed ones only)


@record
class Diff:
    old: str
    new: str
    changes: tuple[Change, ...]
    money: tuple[tuple[str, str, str, str], ...]  # tier, currency, before, after
    resolved: tuple[Finding, ...]
    introduced: tuple[Finding, ...]
    scorecard: tuple[Score, ...]

    @property
    def empty(self) -> bool:
        return not (self.changes or self.money or self.resolved or self.introduced
                    or any(s.before != s.after or s.principles for s in self.scorecard))

    def as_json(self) -> dict[str, Any]:
        return {
            "version": SCHEMA_VERSION, "old": self.old, "new": self.new,
            "changes": [{"kind": c.kind, "id": c.id, "title": c.title, "change": c.change,
                         "fields": [attrs.asdict(f) for f in c.fields]} for c in self.changes],
            "money_by_tier": [{"tier": t, "currency": c, "before": b, "after": a} for t, c, b, a in self.money],
            "resolved": [attrs.asdict(f) for f in self.resolved],
            "introduced": [attrs.asdict(f) for f in self.introduced],
            "scorecard": [{"framework": s.framework, "title": s.title,
                           "before": _score(s.before), "after": _score(s.after),
                           "principles": [{"id": i, "title": t, "before": b, "after": a}
                                          for i, t, b, a in s.principles]} for s in self.scorecard],
        }


def _score(s: tuple[int, int, int] | None) -> dict | None:
    return None if s is None else {"held": s[0], "not_assessed": s[1], "checked": s[2]}


# ------------------------------------------------------------------ blocks
Key = tuple[str, str, str]  # kind, initiative, id


def _pair_initiatives(old: model.Spec, new: model.Spec) -> dict[str, str]:
    """The name each initiative is compared under: its id, or one shared name when each file has one."""
    if len(old.initiatives) == 1 and len(new.initiatives) == 1:
        return {old.initiatives[0].id: "", new.initiatives[0].id: ""} | {"": ""}
    return {i.id: i.id for i in (*old.initiatives, *new.initiatives)}


def _blocks(spec: model.Spec, names: dict[str, str]) -> dict[Key, tuple[schema.BlockSpec, Any, model.Initiative]]:
    out: dict[Key, tuple[schema.BlockSpec, Any, model.Initiative]] = {}
    for ini in spec.initiatives:
        name = names.get(ini.id, ini.id)
        for block, node, position in schema.walk(ini):
            if block.keyword == "simulation":
                continue  # settings for the tool, not the reform
            out[(block.keyword, name, _block_id(block, node, position))] = (block, node, ini)
    return out


def _block_id(block: schema.BlockSpec, node: Any, position: int | None) -> str:
    if block.keyword == "initiative":
        return ""
    if block.id != schema.NONE:
        return node.id
    if isinstance(node, model.Link):
        return f"{node.source} {'<->' if node.both_ways else '->'} {node.target}"
    return "" if position is None else str(position)


def _values(block: schema.BlockSpec, node: Any) -> dict[str, str]:
    out = {}
    if block.title != schema.NONE and block.keyword != "initiative":
        out["title"] = _show(getattr(node, "title", None))
    for key, attr in block.attributes.items():
        out[key] = _show(getattr(node, attr.field or key, None))
    if isinstance(node, model.Link):
        out["carries"] = _show(node.kinds)
    return out


def _show(value: Any) -> str:
    """A value as people read it; the empty string when it is not stated."""
    if value is None or value == () or value == "":
        return ""
    if isinstance(value, (tuple, list, frozenset)):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, model.Money):
        return w.money(value)
    if isinstance(value, model.Period):
        return w.period(value)
    if isinstance(value, model.Measurement):
        return f"{w.measure(value)} ({value.year})"
    if isinstance(value, model.SizeRange):
        return f"{value.low}–{value.high}"
    if isinstance(value, str):
        return w.name_or_word(value)
    if isinstance(value, (int, float)):
        return w.number(value)
    return str(value)


def _title(block: schema.BlockSpec, node: Any, id_: str) -> str:
    title = getattr(node, "title", None)
    if title:
        return title
    if isinstance(node, model.Link):
        return id_
    return w.word(getattr(node, "id", "") or "") if block.id != schema.NONE else ""


def changes(old: model.Spec, new: model.Spec) -> tuple[Change, ...]:
    names = _pair_initiatives(old, new)
    before, after = _blocks(old, names), _blocks(new, names)
    rank = {k: n for n, k in enumerate(ORDER)}
    out = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (rank.get(k[0], len(rank)), k[1], k[2])):
        kind, _, id_ = key
        if key not in after:
            block, node, _ = before[key]
            out.append(Change(kind, id_, _title(block, node, id_), "removed"))
        elif key not in before:
            block, node, _ = after[key]
            out.append(Change(kind, id_, _title(block, node, id_), "added",
                              tuple(Field(k, "", v) for k, v in _values(block, node).items() if v and k != "title")))
        else:
            block, a, _ = before[key]
            _, b, _ = after[key]
            va, vb = _values(block, a), _values(block, b)
            fields = tuple(Field(k, va.get(k, ""), vb.get(k, "")) for k in dict.fromkeys([*va, *vb])
                           if va.get(k, "") != vb.get(k, ""))
            if kind == "initiative" and getattr(a, "id", "") != getattr(b, "id", ""):
                fields = (Field("id", a.id, b.id), *fields)
            if fields:
                out.append(Change(kind, id_, _title(block, b, id_), "changed", fields))
    return tuple(out)


# ------------------------------------------------------------------ money
def money_by_tier(spec: model.Spec) -> dict[tuple[str, str], float]:
    """The money each tier receives, per currency, over every initiative."""
    out: dict[tuple[str, str], float] = {}
    for ini in spec.initiatives:
        for f in ini.funding:
            if f.amount is None:
                continue
            level = ini.level(f.to)
            tier = (spec.library.meaning("tier", level.tier) or level.tier or "unstated") if level else "unstated"
            key = (tier, f.amount.currency)
            out[key] = out.get(key, 0) + f.amount.amount
    return out


def _money(old: model.Spec, new: model.Spec) -> tuple[tuple[str, str, str, str], ...]:
    a, b = money_by_tier(old), money_by_tier(new)
    rows = []
    for tier, cur in sorted(a.keys() | b.keys()):
        x, y = a.get((tier, cur), 0), b.get((tier, cur), 0)
        if round(x) != round(y):
            rows.append((tier, cur, w.money_amount(x, cur), w.money_amount(y, cur)))
    return tuple(rows)


# ------------------------------------------------------------------ findings
def _finding_keys(spec: model.Spec, review: Review, names: dict[str, str]) -> Counter:
    """Each finding as (rule, principle, not assessed, message with the initiative's own id taken out):
    a finding that only moved lines, or whose initiative was renamed, is the same finding."""
    keys: Counter = Counter()
    for d in review.findings:
        message = d.message
        for ini in spec.initiatives:
            if names.get(ini.id) == "":
                message = message.replace(f"`{ini.id}`", "the initiative")
        keys[(d.code, d.principle or "", d.unstated, message)] += 1
    return keys


def _findings(old: model.Spec, old_review: Review, new: model.Spec, new_review: Review):
    names = _pair_initiatives(old, new)
    a, b = _finding_keys(old, old_review, names), _finding_keys(new, new_review, names)

    def listed(counter: Counter, spec: model.Spec) -> tuple[Finding, ...]:
        return tuple(Finding(code, principle, _principle_title(spec, principle), message, unstated)
                     for (code, principle, unstated, message), n in sorted(counter.items()) for _ in range(n))

    return listed(a - b, old), listed(b - a, new)


def _principle_title(spec: model.Spec, pid: str) -> str:
    framework = spec.library.frameworks.get(pid.split(".", 1)[0]) if pid else None
    p = framework.principle(pid) if framework else None
    return _(p.title) if p and p.title else pid  # in the language of the run (JSON is made in English)


def _scorecard(old: model.Spec, old_review: Review, new: model.Spec, new_review: Review) -> tuple[Score, ...]:
    out = []
    cards_a, cards_b = old_review.scorecard, new_review.scorecard
    for fid in sorted(cards_a.keys() | cards_b.keys()):
        ca, cb = cards_a.get(fid), cards_b.get(fid)

        def triple(c):
            return None if c is None else (c.get("held", 0), c.get("not_assessed", 0), c.get("checked", 0))

        pa = (ca or {}).get("principles", {})
        pb = (cb or {}).get("principles", {})
        framework = new.library.frameworks.get(fid) or old.library.frameworks.get(fid)
        principles = []
        for pid in sorted(pa.keys() | pb.keys()):
            if pa.get(pid) != pb.get(pid):
                p = framework.principle(pid) if framework else None
                principles.append((pid, (_(p.title) if p and p.title else pid), pa.get(pid, "not checked"),
                                   pb.get(pid, "not checked")))
        shown = (cb or ca or {}).get("title")
        title = _(shown) if shown else fid
        out.append(Score(fid, title, triple(ca), triple(cb), tuple(principles)))
    return tuple(out)


def diff(old: model.Spec, old_review: Review, new: model.Spec, new_review: Review,
         old_name: str | None = None, new_name: str | None = None) -> Diff:
    resolved, introduced = _findings(old, old_review, new, new_review)
    return Diff(old_name or old.path, new_name or new.path, changes(old, new), _money(old, new),
                resolved, introduced, _scorecard(old, old_review, new, new_review))


# ------------------------------------------------------------------ render
def render(d: Diff, fmt: str) -> str:
    """The diff as text, Markdown (for a pull-request comment) or JSON."""
    if fmt == "json":
        import json

        return json.dumps(d.as_json(), indent=2, ensure_ascii=False) + "\n"
    import jinja2

    from reformlang.backends.plan import md_escape

    from reformlang.backends.plan import _install_gettext

    options = dict(loader=jinja2.FileSystemLoader(str(TEMPLATES)), undefined=jinja2.StrictUndefined,
                   keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False,
                   extensions=["jinja2.ext.i18n"])
    escape = md_escape if fmt == "md" else _plain
    env = jinja2.Environment(finalize=escape, **options)
    env.filters["word"] = w.word
    env.filters["kind"] = lambda kind: _(KINDS.get(kind, w.prose(kind)))
    env.filters["status"] = lambda status: _(status) if status in STATUSES else status
    env.filters["value"] = lambda value: _(value) if value in ("yes", "no") else value
    _install_gettext(env, escape, html=False)
    return env.get_template(f"diff.{'md' if fmt == 'md' else 'txt'}.j2").render(diff=d)


def _plain(value: Any) -> Any:
    from reformlang.visible import visible

    return visible(value) if isinstance(value, str) else value
