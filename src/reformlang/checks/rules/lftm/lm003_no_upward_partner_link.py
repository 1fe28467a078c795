"""LM003: flags a middle with no link up to the top carrying feedback or co_design."""

from __future__ import annotations

from reformlang.checks.facts import listing
from reformlang.checks.fixes import add_item
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg



class NoUpwardPartnerLink(Rule):
    code = "LM003"
    name = "no-upward-partner-link"
    principle = "lftm.partner_upward"
    requires = "lftm.middle_exists"
    summary = "The spec states its levels and none is the top; a partner link left out is not assessed."
    plain = "let the middle tell the centre what works: give it a formal say in the design"
    docs = RuleDocs(
        what="A middle with no level of `tier: top` to partner with, among the levels the spec states. When there "
             "is a top but no link from the middle to it carries `feedback` or `co_design`, the principle is not "
             "assessed: links list what the spec knows flows.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) has the middle become a "
            "partner upward to the state as well as downward to its schools. reformlang looks for it as a "
            "link from the middle to the top carrying feedback or co-design: a one-way link from the top "
            "is direction, not partnership.",
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
        wanted = f"link {first.id} -> {top} {{ feedback, co_design }}"
        help_ = msg("add `{link}`", link=wanted)
        if not facts.top:
            # The levels are stated, and none is the top: there is no one to partner with upward.
            yield self.finding(
                msg("the middle (`{id}`) has no partner upward: there is no level with `tier: top`", id=first.id),
                first.header,
                msg('add the top level (`level ministry "Ministry" {{ tier: top }}`) and '
                    "`link {id} -> ministry {{ feedback, co_design }}`", id=first.id))
            return
        # Links list what the spec knows flows; one left out is not stated, not absent.
        existing = facts.links_between("middle", "top")
        related = [(link.header, msg("this link carries {kinds}", kinds=listing(link.kinds))) for link in existing]
        yield self.not_assessed(
            msg("the spec does not say that anything flows from the middle (`{id}`) up to the top (feedback, "
                "co-design); state it so that a partner upward can be assessed", id=first.id), first.header, help_,
            related, fix=add_item(facts.initiative, wanted, help_))
