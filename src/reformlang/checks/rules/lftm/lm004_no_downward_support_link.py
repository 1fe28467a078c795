"""LM004: flags a middle with no link down to the schools carrying support or capacity building."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of
from reformlang.checks.fixes import add_item
from reformlang.checks.rule import Rule, RuleDocs



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
        help_ = f"add `link {first.id} -> {bottom} {{ support, capacity_building }}`"
        carrying = facts.links_carrying("middle", "bottom", "support")
        if carrying:
            flows = {id(f.node): f for f in facts.design.flows}
            if any(flows[id(link)].carries_work for link in carrying if id(link) in flows):
                return
            # Support on a link no stated work runs through is a token: it does not make the principle held.
            led = [w for w in facts.design.work_led_by("middle") if w.kind != "priority"]
            if led:
                yield self.not_assessed(
                    f"the spec does not say what work of the middle (`{first.id}`) reaches the schools along its "
                    "support link: none of its strategies or networks does; state it so that a partner downward "
                    "can be assessed", carrying[0].header,
                    f"say whom the middle's work reaches: `reaches: {bottom}` on its strategies, or a network of "
                    f"`{bottom}` it facilitates",
                    [(span_of(w.node), f"{w.kind} `{w.id}` is the middle's") for w in led[:3]])
            return
        if not facts.bottom:
            yield self.finding(
                f"the middle (`{first.id}`) has no partner downward: there is no level with `tier: bottom`",
                first.header,
                f'add the schools (`level schools "Schools" {{ tier: bottom }}`) and '
                f"`link {first.id} -> schools {{ support, capacity_building }}`")
            return
        existing = facts.links_between("middle", "bottom")
        related = [(link.header, "this link carries " + listing(link.kinds)) for link in existing]
        yield self.not_assessed(
            f"the spec does not say that support or capacity building flows from the middle (`{first.id}`) down to "
            "the schools; state it so that a partner downward can be assessed", first.header, help_, related,
            fix=add_item(facts.initiative, f"link {first.id} -> {bottom} {{ support, capacity_building }}",
                         f"add `link {first.id} -> {bottom} {{ support, capacity_building }}`"))
