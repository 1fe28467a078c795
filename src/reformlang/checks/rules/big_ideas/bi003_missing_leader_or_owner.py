"""BI003: flags levels without a named leader and priorities without an owner."""

from __future__ import annotations

from reformlang.checks.fixes import add_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class MissingLeaderOrOwner(Rule):
    code = "BI003"
    name = "missing-leader-or-owner"
    principle = "big_ideas.resolute_leadership"
    summary = "A level with no `leader`, or a priority with no `owner`."
    plain = "name who leads: a leader for every level and an owner for every priority"
    docs = RuleDocs(
        what="Each `level` that names no `leader`, and each `priority` that names no `owner` level.",
        why="\"Resolute leadership\" is one of the seven big ideas for whole-system change that \"Leadership "
            "from the Middle\" (Fullan, Education Canada, 2015) lists by title. reformlang reads it as a "
            "named leader or owner for every level and every priority: work that nobody owns drifts once "
            "the launch is over.",
        weak="""\
level districts "District school boards" { tier: middle }
priority literacy "Reading by Grade 6" { outcome: literacy }""",
        strong="""\
level districts "District school boards" { tier: middle  leader: "Council of Directors" }
priority literacy "Reading by Grade 6" { outcome: literacy  owner: districts }""",
    )

    def check(self, facts):
        init = facts.initiative
        if not init.levels:
            yield self.not_assessed(
                msg("the spec states no levels of the system; state them and who leads them so that resolute "
                    "leadership can be assessed"), facts.header,
                msg('add the levels of the system with their leaders, e.g. `level districts "Districts" '
                    '{{ tier: middle  leader: "Council of Directors" }}`'),
            )
        for lv in init.levels:
            if not lv.leader:
                yield self.not_assessed(
                    msg("the spec does not say who leads level `{id}`; state it so that resolute leadership can "
                        "be assessed", id=lv.id), lv.header,
                    msg('add `leader: "..."`, the person or body who leads this level through the initiative'),
                )
        owner = facts.example_level("middle", "top", "bottom", default="districts")
        for p in init.priorities:
            if not p.owner:
                yield self.not_assessed(
                    msg("the spec does not say who owns priority `{id}`; state it so that resolute leadership "
                        "can be assessed", id=p.id), p.header,
                    msg("add `owner: {owner}`, the level that answers for this priority", owner=owner),
                    fix=add_attribute(p, "owner", owner) if owner in {lv.id for lv in init.levels} else None,
                )
