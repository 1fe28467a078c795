"""JI001: flags an initiative whose outcomes do not span the pathway from early learning to tertiary options."""

from __future__ import annotations

from reformlang.checks.facts import listing
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg



class PathwayNotSeamless(Rule):
    code = "JI001"
    name = "pathway-not-seamless"
    principle = "joint_initiative.child_centred_pathway"
    summary = "No priority's `outcome` covers early learning, or none covers the move to tertiary options."
    plain = "follow children from their earliest learning through to tertiary options"
    docs = RuleDocs(
        what="An initiative none of whose priorities has `early_learning` among its outcomes, or none of "
             "whose priorities has `tertiary_transition` or `graduation`.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) gives the five principles of "
            "New Zealand's Joint Initiative (2015); one puts children at the centre of a seamless "
            "pathway, from earliest learning to tertiary options. reformlang looks for priorities whose "
            "outcomes span that pathway.",
        weak="""\
priority literacy "Reading by Year 8" { outcome: literacy }""",
        strong="""\
priority early_years "A strong start" { outcome: [early_learning, literacy] }
priority pathways "Pathways beyond school" { outcome: [graduation, tertiary_transition] }""",
    )

    def check(self, facts):
        missing = []
        if not facts.aims_at("pathway_start"):
            missing.append((msg("early learning"), "early_learning"))
        if not facts.aims_at("pathway_end"):
            missing.append((msg("the move to tertiary options"), "tertiary_transition"))
        if not missing:
            return
        priorities = facts.initiative.priorities
        where = priorities[0].header if priorities else facts.header
        add = msg("add {outcomes} to a priority's `outcome`", outcomes=listing(m[1] for m in missing))
        if not priorities or any(not p.outcome for p in priorities):
            yield self.not_assessed(
                msg("the spec does not say what every priority aims at; state the outcomes so that the pathway "
                    "can be assessed"), where, add)
            return
        yield self.finding(
            msg("the priorities do not reach {what}: the pathway has a gap",
                what=listing([m[0] for m in missing], quote=False)),
            where, add,
        )
