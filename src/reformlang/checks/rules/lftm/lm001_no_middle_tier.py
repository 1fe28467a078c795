"""LM001: flags an initiative with no level in the middle tier."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg, word


class NoMiddleTier(Rule):
    code = "LM001"
    name = "no-middle-tier"
    principle = "lftm.middle_exists"
    summary = "The spec states its levels and none is in the middle tier."
    plain = "add a middle between the centre and the schools: districts, regions or networks of schools"
    docs = RuleDocs(
        what="An initiative whose levels include none with `tier: middle`. A spec that states no levels leaves the "
             "principle not assessed.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) tells of New Zealand's "
            "Tomorrow's Schools (1989): the regional authorities were abolished and each school made "
            "autonomous; overall performance did not improve, and the gap between high- and "
            "low-performing schools widened. Leadership from the middle needs a middle: districts, "
            "regions or networks between the state and its schools.",
        weak="""\
level ministry "Ministry of Education" { tier: top  units: 1 }
level schools "Self-governing schools" { tier: bottom  units: 2_500 }""",
        strong="""\
level ministry "Ministry of Education" { tier: top  units: 1 }
level clusters "Communities of schools" { tier: middle  units: 220 }
level schools "Schools" { tier: bottom  units: 2_500 }""",
    )

    def check(self, facts):
        if facts.middle:
            return
        levels = facts.initiative.levels
        add = msg('add a middle level, e.g. `level districts "Districts" {{ tier: middle  units: 72 }}`, and link it '
                  "up to the top and down to the schools")
        if not levels:
            yield self.not_assessed(msg("the spec states no levels of the system; state them so that the middle can "
                                        "be assessed"), facts.header, add)
            return
        related = [(lv.header, msg("`{id}` is in the {tier} tier", id=lv.id, tier=word(lv.tier))
                    if facts.tier(lv.id) or lv.tier is None else
                    msg("`{id}` is in the `{tier}` tier, which says no `like:` (write `like: middle` in its "
                        "`vocabulary tier` if it is a middle)", id=lv.id, tier=lv.tier)) for lv in levels]
        yield self.finding(
            msg("this initiative has no middle: no level with `tier: middle` between the top and the schools"),
            facts.header, add, related,
        )
