"""LM005: flags an initiative where neither the middle nor the schools learn from their peers."""

from __future__ import annotations

from reformlang.checks.fixes import add_item
from reformlang.checks.rule import Rule, RuleDocs


class NoLateralLearning(Rule):
    code = "LM005"
    name = "no-lateral-learning"
    principle = "lftm.lateral_learning"
    summary = "No `co_learning` link within the middle and no network is stated: learning sideways is not assessed."
    docs = RuleDocs(
        what="An initiative with no link carrying `co_learning` between middle levels (such as `link districts <-> "
             "districts { co_learning }`) and no `network`. Links list what the spec knows flows, so the principle "
             "is then not assessed, never not held.",
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
        # Co-learning among the middle is itself the lateral learning (whether work runs through it is
        # for LM015, the middle's purpose).
        if any(f.source_tier == f.target_tier == "middle" for f in facts.design.learning.co_learning):
            return
        related = [(link.header, "this co_learning link is not among the middle") for link in facts.co_learning]
        yield self.not_assessed(
            "the spec does not say how the middle or the schools learn from each other: no `co_learning` link "
            "among the middle and no network; state it so that learning sideways can be assessed",
            facts.header, help_, related,
            fix=add_item(init, f"link {middle} <-> {middle} {{ co_learning }}",
                         f"add `link {middle} <-> {middle} {{ co_learning }}`") if facts.middle else None,
        )
