"""LM005: flags an initiative where neither the middle nor the schools learn from their peers."""

from __future__ import annotations

from reformlang.checks.fixes import add_item
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NoLateralLearning(Rule):
    code = "LM005"
    name = "no-lateral-learning"
    principle = "lftm.lateral_learning"
    summary = "No `co_learning` link within the middle and no network is stated: learning sideways is not assessed."
    plain = "let districts and schools learn sideways from peers who face the same problems"
    docs = RuleDocs(
        what="An initiative with no link carrying `co_learning` between middle levels (such as `link districts <-> "
             "districts { co_learning }`) and no `network`. Links list what the spec knows flows, so the principle "
             "is then not assessed, never not held. A `co_learning` link among the middle that no stated work runs "
             "through (no network of its units, no strategy one of them owns that reaches the others) is a token: "
             "it leaves the principle not assessed, not held.",
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
        wanted = f"link {middle} <-> {middle} {{ co_learning }}"
        help_ = msg("add `{link}`, or a `network` of schools with a `practice`", link=wanted)
        middle_co = [f for f in facts.design.learning.co_learning if f.source_tier == f.target_tier == "middle"]
        # Co-learning among the middle holds only when stated work runs through it: a bare link is a token
        # (frameworks.md, "What the checker judges", 1), so it leaves the principle not assessed.
        if any(f.carries_work for f in middle_co):
            return
        if middle_co:
            link = middle_co[0]
            yield self.not_assessed(
                msg("the spec states co-learning among the middle (`{id}`) but no work that runs through it; state "
                    "what the middle's units do together (a network of them, or a strategy one of them owns that "
                    "reaches the others) so that learning sideways can be assessed", id=link.source),
                link.node.header,
                msg('add `network {id}_together "..." {{ members: {id} }}`', id=link.source),
                [(f.node.header, msg("no stated work runs through this co_learning link either"))
                 for f in middle_co[1:3]])
            return
        related = [(link.header, msg("this co_learning link is not among the middle")) for link in facts.co_learning]
        yield self.not_assessed(
            msg("the spec does not say how the middle or the schools learn from each other: no `co_learning` link "
                "among the middle and no network; state it so that learning sideways can be assessed"),
            facts.header, help_, related,
            fix=add_item(init, wanted, msg("add `{link}`", link=wanted)) if facts.middle else None,
        )
