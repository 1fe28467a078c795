"""LM004: flags a middle with no link down to the schools carrying support or capacity building."""

from __future__ import annotations

from reformlang.checks.facts import listing
from reformlang.checks.rule import Rule, RuleDocs



class NoDownwardSupportLink(Rule):
    code = "LM004"
    name = "no-downward-support-link"
    principle = "lftm.partner_downward"
    requires = "lftm.middle_exists"
    summary = "No link runs from the middle to the schools carrying `support` or `capacity_building`."
    docs = RuleDocs(
        what="A middle level with no link toward a bottom level that carries `support` or "
             "`capacity_building` (direction, reporting or data alone do not count).",
        why="In Fullan's Leadership from the Middle the middle's work toward schools is to build their "
            "capacity; a middle that only passes on direction or collects reports is an inspector, and "
            "schools improve no faster for it.",
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
        if facts.links_carrying("middle", "bottom", "support"):
            return
        first = facts.middle[0]
        bottom = facts.bottom[0].id if facts.bottom else "schools"
        existing = facts.links_between("middle", "bottom")
        related = [(link.header, "this link carries " + listing(link.kinds)) for link in existing]
        related += [(lv.header, f"`{lv.id}`: the schools the middle would support") for lv in facts.bottom[:1]]
        if not facts.bottom:
            message = f"the middle (`{first.id}`) has no partner downward: there is no level with `tier: bottom`"
            help_ = (f'add the schools (`level schools "Schools" {{ tier: bottom }}`) and '
                     f"`link {first.id} -> schools {{ support, capacity_building }}`")
        else:
            message = (f"no link carries `support` or `capacity_building` from the middle (`{first.id}`) down "
                       f"to the schools")
            help_ = f"add `link {first.id} -> {bottom} {{ support, capacity_building }}`"
        yield self.finding(message, first.header, help_, related)
