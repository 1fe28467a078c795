"""LM002: flags a middle that owns no priority and no strategy."""

from __future__ import annotations

from reformlang.analysis import UNKNOWN
from reformlang.checks.facts import listing, span_of
from reformlang.checks.rule import Rule, RuleDocs


class MiddleDoesNotLead(Rule):
    code = "LM002"
    name = "middle-does-not-lead"
    principle = "lftm.middle_leads"
    requires = "lftm.middle_exists"
    summary = "The middle owns or designs too small a share of the work (a token), or designs none of what it owns."
    plain = "let the middle lead: give it a real share of the work to own and to design"
    docs = RuleDocs(
        what="An initiative with a middle whose share of the pieces of work (priorities, strategies, networks) "
             "that it owns or designs (`owner`, `designed_by`) is below `middle_work_share` (25% by default, the "
             "project's own figure): a token strategy beside the centre's does not lead. Also a middle that "
             "designs none of the work it owns (`designed_by` names others): it passes direction on. Work whose "
             "owner is not stated, when it could tip the share, leaves the principle not assessed.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) finds that Ontario's reform "
            "(2003-2015) succeeded on basic measures but was led from the top, and so was not embedded "
            "enough for sustainable change; in Ontario's special education initiative, its first "
            "identified case of leadership from the middle (after Hargreaves and Braun), the council of "
            "district directors led the implementation. reformlang asks the middle to own or co-design a "
            "substantial share of the work; the share that counts (`middle_work_share`) is reformlang's "
            "own threshold, configurable under `[thresholds]`.",
        weak="""\
priority literacy "Reading by Grade 6" {
  owner: ministry
  strategy coaching "Coaches in schools" { owner: ministry  reaches: schools }
}""",
        strong="""\
priority literacy "Reading by Grade 6" {
  owner: districts
  strategy coaching "Coaches in schools" { owner: districts  reaches: schools }
}""",
    )

    def check(self, facts):
        middle = facts.middle
        if not middle:
            return
        design = facts.design
        ids = listing(lv.id for lv in middle)
        first = middle[0]
        help_ = (f"make the middle the owner or designer of the work it leads: `owner: {first.id}` or "
                 f"`designed_by: [{first.id}]` on priorities, strategies or networks")
        if not design.work:
            yield self.not_assessed(
                "the spec states no priorities, strategies or networks; state who owns them so that the "
                "middle's lead can be assessed", facts.header, help_)
            return
        need = facts.threshold("middle_work_share")
        share = design.work_share("middle")
        verdict = share.at_least(need)
        if verdict is True:
            # Not only passing direction on: work the middle owns but others are stated to design is relayed.
            led = design.work_led_by("middle")
            relayed = [w for w in led if w.designs_stated and "middle" not in w.designer_tiers]
            if relayed and len(relayed) == len(led):
                yield self.finding(
                    f"the middle ({ids}) designs none of the work it owns: "
                    f"{listing(w.id for w in relayed[:4])}{' ...' if len(relayed) > 4 else ''} "
                    f"{'is' if len(relayed) == 1 else 'are'} designed by others, so it passes direction on",
                    first.header, f"let the middle design what it leads: `designed_by: [{first.id}]`",
                    [(span_of(w.node, "designed_by"), f"{w.kind} `{w.id}` is designed by {listing(w.designers)}")
                     for w in relayed[:3]])
            return
        if verdict is None:
            unknown = [w for w in design.work if w.owner_tier == UNKNOWN and "middle" not in w.led_by_tier]
            yield self.not_assessed(
                f"the spec does not say who owns {len(unknown)} of the {len(design.work)} pieces of work "
                f"({listing(w.id for w in unknown[:4])}{', ...' if len(unknown) > 4 else ''}); state their owners "
                "so that the middle's lead can be assessed", span_of(unknown[0].node) if unknown else first.header,
                help_, [(span_of(w.node), f"{w.kind} `{w.id}` has no owner") for w in unknown[1:4]])
            return
        led = design.work_led_by("middle")
        top = design.work_led_by("top")
        if led:
            message = (f"the middle ({ids}) owns or designs {len(led)} of the {len(design.work)} pieces of work "
                       f"({share.low:.0%}), a token beside "
                       f"{'the top' if top else 'the others'}'s {len(top) if top else len(design.work) - len(led)}"
                       f"; leading takes a substantial share (at least {need:.0%}, the project's default)")
        else:
            owners = sorted({w.owner for w in design.work if w.owner})
            message = (f"the middle ({ids}) owns and designs none of the {len(design.work)} pieces of work"
                       + (f"; they are led by {listing(owners)}" if owners else ""))
        related = [(span_of(w.node), f"{w.kind} `{w.id}` is the middle's") for w in led]
        related += [(span_of(w.node, "owner"), f"{w.kind} `{w.id}` is led by `{w.owner}`") for w in top[:3]]
        yield self.finding(message, first.header, help_, related)
