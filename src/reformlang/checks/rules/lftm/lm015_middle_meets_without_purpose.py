"""LM015: flags joint work of the middle that aims at no student outcome for the whole system."""

from __future__ import annotations

from reformlang.checks.facts import span_of, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class MiddleMeetsWithoutPurpose(Rule):
    code = "LM015"
    name = "middle-meets-without-purpose"
    principle = "lftm.purposeful_middle"
    requires = "lftm.middle_exists"
    summary = "The middle's joint work (its networks, its co-learning) aims at no indicator: meeting for its own sake."
    plain = "give the middle's joint work a purpose: aim its networks and shared learning at the goals"
    docs = RuleDocs(
        what="The middle's joint work: networks whose `members` are the middle or which the middle "
             "facilitates, and `co_learning` links among the middle. It is flagged when a network's `goals` are "
             "empty. Unstated goals, or co-learning along a link no stated work runs through (a token), leave the "
             "principle not assessed. ",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) warns that the middle is not "
            "automatically good: districts working together must aim at moral purpose and deep learning "
            "for the whole system, not meet for their own sake. Reading that from the goals of the "
            "middle's joint work is reformlang's own judgement.",
        weak="""\
network districts_together "Districts together" {
  members: districts
  goals: []
}""",
        strong="""\
network districts_together "Districts together" {
  members: districts
  goals: [grade6_reading]
}""",
    )

    def check(self, facts):
        if not facts.middle:
            return
        middle = facts.middle_ids
        first = facts.middle[0]
        joint = [n for n in facts.initiative.networks if n.members in middle or n.facilitator in middle]
        co = [f for f in facts.design.learning.co_learning if f.source_tier == f.target_tier == "middle"]
        example = next(iter(facts.indicators), "grade6_reading")
        if not joint and not co:
            yield self.not_assessed(
                msg("the spec states no joint work of the middle (`{id}`): no network it belongs to or "
                    "facilitates, no co-learning among it; state it so that its purpose can be assessed", id=first.id),
                first.header, msg('add `network {id}_together "..." {{ members: {id}  goals: [{example}] }}`',
                                  id=first.id, example=example))
            return
        unstated = []
        for n in joint:
            if not n.goals:
                if stated(n, "goals"):
                    yield self.finding(msg("network `{id}` of the middle aims at nothing: `goals` is empty", id=n.id),
                                       span_of(n, "goals"), _aim(example))
                else:
                    unstated.append(n)
        for n in unstated:
            yield self.not_assessed(
                msg("the spec does not say what network `{id}` of the middle aims at; state its goals so that its "
                    "purpose can be assessed", id=n.id), n.header, _aim(example))
        if co and not joint and not any(f.carries_work for f in co):
            # A token: co-learning with no stated work does not make the principle held.
            yield self.not_assessed(
                msg("the spec states co-learning among the middle but no joint work aimed at students that runs "
                    "through it; state it so that the middle's purpose can be assessed"),
                co[0].node.header,
                msg('give it work aimed at students: `network {id}_together "..." {{ members: {id}  '
                    "goals: [{example}] }}`", id=first.id, example=example))


def _aim(example: str) -> str:
    """The help on a network of the middle that aims at nothing stated."""
    return msg("point the joint work at what students learn: `goals: [{example}]`", example=example)
