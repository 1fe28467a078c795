"""LM003: flags a middle with no link up to the top carrying feedback or co_design."""

from __future__ import annotations

from reformlang.checks.facts import listing
from reformlang.checks.rule import Rule, RuleDocs



class NoUpwardPartnerLink(Rule):
    code = "LM003"
    name = "no-upward-partner-link"
    principle = "lftm.partner_upward"
    requires = "lftm.middle_exists"
    summary = "No link runs from the middle to the top carrying `feedback` or `co_design`."
    docs = RuleDocs(
        what="A middle level with no link toward a top level that carries `feedback` or `co_design`: the "
             "middle hears from the state but the state does not hear from it.",
        why="Fullan's Leadership from the Middle asks the middle to be a partner upward: it knows what works "
            "in schools, and policy made without that knowledge misses. A one-way link from the top is "
            "direction, not partnership.",
        weak="""\
link ministry -> districts { direction, funding }""",
        strong="""\
link ministry -> districts { direction, funding }
link districts -> ministry { feedback, co_design }""",
    )

    def check(self, facts):
        if not facts.middle:
            return  # LM001 reports the missing middle
        if facts.links_carrying("middle", "top", "voice"):
            return
        first = facts.middle[0]
        top = facts.top[0].id if facts.top else "ministry"
        existing = facts.links_between("middle", "top")
        related = [(link.header, "this link carries " + listing(link.kinds)) for link in existing]
        related += [(lv.header, f"`{lv.id}`: the top level the middle would partner with") for lv in facts.top[:1]]
        if not facts.top:
            message = f"the middle (`{first.id}`) has no partner upward: there is no level with `tier: top`"
            help_ = (f'add the top level (`level ministry "Ministry" {{ tier: top }}`) and '
                     f"`link {first.id} -> ministry {{ feedback, co_design }}`")
        elif existing:
            message = (f"no link carries `feedback` or `co_design` from the middle (`{first.id}`) up to the top; "
                       f"what runs between them runs down only")
            help_ = f"add `link {first.id} -> {top} {{ feedback, co_design }}`"
        else:
            message = f"the middle (`{first.id}`) has no link up to the top carrying `feedback` or `co_design`"
            help_ = f"add `link {first.id} -> {top} {{ feedback, co_design }}`"
        yield self.finding(message, first.header, help_, related)
