"""LM002: flags a middle that owns no priority and no strategy."""

from __future__ import annotations

from reformlang.analysis import UNKNOWN
from reformlang.checks.facts import listing, span_of
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.checks.rules.lftm import kind
from reformlang.i18n import msg


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
        first = middle[0]
        if not design.work:
            yield self.not_assessed(
                msg("the spec states no priorities, strategies or networks; state who owns them so that the "
                    "middle's lead can be assessed"), facts.header, _lead(first))
            return
        need = facts.threshold("middle_work_share")
        share = design.work_share("middle")
        verdict = share.at_least(need)
        if verdict is True:
            # Not only passing direction on: work the middle owns but others are stated to design is relayed.
            led = design.work_led_by("middle")
            relayed = [w for w in led if w.designs_stated and "middle" not in w.designer_tiers]
            if relayed and len(relayed) == len(led):
                ids = listing(lv.id for lv in middle)
                works = listing(w.id for w in relayed[:4])
                yield self.finding(
                    msg("the middle ({ids}) designs none of the work it owns: {works} is designed by others, so "
                        "it passes direction on", ids=ids, works=works) if len(relayed) == 1 else
                    msg("the middle ({ids}) designs none of the work it owns: {works}{more} are designed by others, "
                        "so it passes direction on", ids=ids, works=works, more=" ..." if len(relayed) > 4 else ""),
                    first.header, msg("let the middle design what it leads: `designed_by: [{id}]`", id=first.id),
                    [(span_of(w.node, "designed_by"), msg("{kind} `{id}` is designed by {designers}", kind=kind(w),
                                                          id=w.id, designers=listing(w.designers)))
                     for w in relayed[:3]])
            return
        if verdict is None:
            unknown = [w for w in design.work if w.owner_tier == UNKNOWN and "middle" not in w.led_by_tier]
            yield self.not_assessed(
                msg("the spec does not say who owns {n} of the {total} pieces of work ({works}{more}); state their "
                    "owners so that the middle's lead can be assessed", n=len(unknown), total=len(design.work),
                    works=listing(w.id for w in unknown[:4]), more=", ..." if len(unknown) > 4 else ""),
                span_of(unknown[0].node) if unknown else first.header,
                _lead(first), [(span_of(w.node), msg("{kind} `{id}` has no owner", kind=kind(w), id=w.id))
                        for w in unknown[1:4]])
            return
        led = design.work_led_by("middle")
        top = design.work_led_by("top")
        ids = listing(lv.id for lv in middle)
        if led:
            theirs = (msg("the top's {n}", n=len(top)) if top else
                      msg("the others's {n}", n=len(design.work) - len(led)))
            message = msg("the middle ({ids}) owns or designs {n} of the {total} pieces of work ({share:.0%}), a "
                          "token beside {theirs}; leading takes a substantial share (at least {need:.0%}, the "
                          "project's default)", ids=ids, n=len(led), total=len(design.work), share=share.low,
                          theirs=theirs, need=need)
        else:
            owners = sorted({w.owner for w in design.work if w.owner})
            message = (msg("the middle ({ids}) owns and designs none of the {total} pieces of work; they are led by "
                           "{owners}", ids=ids, total=len(design.work), owners=listing(owners)) if owners else
                       msg("the middle ({ids}) owns and designs none of the {total} pieces of work", ids=ids,
                           total=len(design.work)))
        related = [(span_of(w.node), msg("{kind} `{id}` is the middle's", kind=kind(w), id=w.id)) for w in led]
        related += [(span_of(w.node, "owner"), msg("{kind} `{id}` is led by `{owner}`", kind=kind(w), id=w.id,
                                                   owner=w.owner)) for w in top[:3]]
        yield self.finding(message, first.header, _lead(first), related)


def _lead(first) -> str:
    """The help of most findings: let the middle own or design the work."""
    return msg("make the middle the owner or designer of the work it leads: `owner: {id}` or "
               "`designed_by: [{id}]` on priorities, strategies or networks", id=first.id)
