"""LM004: flags a middle with no link down to the schools carrying support or capacity building."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of
from reformlang.checks.fixes import add_item
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.checks.rules.lftm import kind
from reformlang.i18n import msg



class NoDownwardSupportLink(Rule):
    code = "LM004"
    name = "no-downward-support-link"
    principle = "lftm.partner_downward"
    requires = "lftm.middle_exists"
    summary = ("The spec states its levels and none is the schools; support left out, or carrying no work, is "
               "not assessed.")
    plain = "have the middle support the schools and build their capacity, not only inspect them"
    docs = RuleDocs(
        what="A middle with no level of `tier: bottom` to support, among the levels the spec states. When no link "
             "from the middle to the schools carries `support` or `capacity_building`, or one does but none of the "
             "middle's stated work runs through it (a token), the principle is not assessed.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) has the middle become a "
            "partner downward to its schools and communities as well as upward to the state. reformlang "
            "looks for a link from the middle to the schools carrying support or capacity building: a "
            "middle that only passes direction on or collects reports is not yet a partner.",
        weak="""\
link districts -> schools { direction }
link schools -> districts { reporting }""",
        strong="""\
link districts -> schools { support, capacity_building }
link schools -> districts { feedback }""",
    )

    def check(self, facts):
        if not facts.middle:
            return
        first = facts.middle[0]
        bottom = facts.bottom[0].id if facts.bottom else "schools"
        carrying = facts.links_carrying("middle", "bottom", "support")
        if carrying:
            flows = {id(f.node): f for f in facts.design.flows}
            if any(flows[id(link)].carries_work for link in carrying if id(link) in flows):
                return
            # Support on a link no stated work runs through is a token: it does not make the principle held.
            led = [w for w in facts.design.work_led_by("middle") if w.kind != "priority"]
            if led:
                yield self.not_assessed(
                    msg("the spec does not say what work of the middle (`{id}`) reaches the schools along its "
                        "support link: none of its strategies or networks does; state it so that a partner downward "
                        "can be assessed", id=first.id), carrying[0].header,
                    msg("say whom the middle's work reaches: `reaches: {bottom}` on its strategies, or a network of "
                        "`{bottom}` it facilitates", bottom=bottom),
                    [(span_of(w.node), msg("{kind} `{id}` is the middle's", kind=kind(w), id=w.id)) for w in led[:3]])
            return
        if not facts.bottom:
            yield self.finding(
                msg("the middle (`{id}`) has no partner downward: there is no level with `tier: bottom`", id=first.id),
                first.header,
                msg('add the schools (`level schools "Schools" {{ tier: bottom }}`) and '
                    "`link {id} -> schools {{ support, capacity_building }}`", id=first.id))
            return
        wanted = f"link {first.id} -> {bottom} {{ support, capacity_building }}"
        help_ = msg("add `{link}`", link=wanted)
        existing = facts.links_between("middle", "bottom")
        related = [(link.header, msg("this link carries {kinds}", kinds=listing(link.kinds))) for link in existing]
        yield self.not_assessed(
            msg("the spec does not say that support or capacity building flows from the middle (`{id}`) down to "
                "the schools; state it so that a partner downward can be assessed", id=first.id), first.header,
            help_, related, fix=add_item(facts.initiative, wanted, help_))
