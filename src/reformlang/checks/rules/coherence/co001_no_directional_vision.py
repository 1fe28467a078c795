"""CO001: flags an initiative with no stated vision."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NoDirectionalVision(Rule):
    code = "CO001"
    name = "no-directional-vision"
    principle = "coherence.focusing_direction"
    summary = "Neither the initiative nor its learning model states a `vision`."
    plain = "state a vision: where the reform is taking the system"
    docs = RuleDocs(
        what="An initiative with no `vision`, neither on the initiative nor in its `learning_model`.",
        why="\"Making Progress Possible\" (Thiers with Fullan, Educational Leadership, 2017) names focusing "
            "direction among the four actions of the coherence framework; in Fullan and Quinn's "
            "\"Coherence\" it starts from a shared moral purpose that gives every priority and strategy its "
            "reason. reformlang looks for it as a stated vision.",
        weak="""\
initiative literacy "Literacy" {
  period: 2026 .. 2031
}""",
        strong="""\
initiative literacy "Literacy" {
  period: 2026 .. 2031
  vision: "Every student reads, writes and reasons with confidence by Grade 6"
}""",
    )

    def check(self, facts):
        if not facts.vision:
            yield self.not_assessed(msg("the spec states no vision; state one so that focusing direction can be "
                                        "assessed"), facts.header,
                                    msg('add `vision: "Where the system is heading, in a sentence"`'))
