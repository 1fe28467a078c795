"""LM005: flags an initiative where neither the middle nor the schools learn from their peers."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs


class NoLateralLearning(Rule):
    code = "LM005"
    name = "no-lateral-learning"
    principle = "lftm.lateral_learning"
    summary = "No `co_learning` link within the middle and no network of schools: nobody learns sideways."
    docs = RuleDocs(
        what="An initiative with no link carrying `co_learning` between middle levels (such as "
             "`link districts <-> districts { co_learning }`) and no `network`.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) points to districts working "
            "with each other on system goals (California), in cohorts (Connecticut) and together on local "
            "and province-wide priorities (Quebec), and to networks of schools. reformlang looks for "
            "co-learning among the middle or networks of schools.",
        weak="""\
link ministry -> districts { direction }
link districts -> schools { support }""",
        strong="""\
link ministry -> districts { direction }
link districts -> schools { support }
link districts <-> districts { co_learning }""",
    )

    def check(self, facts):
        init = facts.initiative
        if init.networks:
            return
        middle = facts.middle[0].id if facts.middle else "districts"
        help_ = f"add `link {middle} <-> {middle} {{ co_learning }}`, or a `network` of schools with a `practice`"
        among = [f for f in facts.design.learning.co_learning if f.source_tier == f.target_tier == "middle"]
        if any(f.carries_work for f in among):
            return
        if among:
            yield self.finding(
                "the middle's co-learning is a link no work runs through: no network of its units, no strategy "
                "among them", among[0].node.header,
                f'add the work that runs along it: `network {middle}_together "..." {{ members: {middle} }}`',
            )
            return
        if not init.links:
            yield self.not_assessed(
                "the spec states no links and no networks; state how the middle or the schools learn from each "
                "other so that learning sideways can be assessed", facts.header, help_)
            return
        related = [(link.header, "this co_learning link is not among the middle") for link in facts.co_learning]
        yield self.finding(
            "nobody learns sideways: no `co_learning` link among the middle and no network of schools",
            facts.header, help_, related,
        )
