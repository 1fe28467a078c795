"""BI014: advises an initiative that does not say how it reaches every unit."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs
from reformlang.diagnostics import Severity
from reformlang.i18n import msg


class NoRolloutPlan(Rule):
    code = "BI014"
    name = "no-rollout-plan"
    principle = "big_ideas.all_means_all"
    severity = Severity.INFO
    summary = "The initiative has no `rollout`, so nothing says when every school is reached."
    plain = "say when each school is reached: a rollout plan"
    docs = RuleDocs(
        what="An initiative with no `rollout` block. This is advice (info): the reform may reach everyone "
             "at once, but the spec should say so.",
        why="\"All means all\" is one of the seven big ideas for whole-system change that \"Leadership from "
            "the Middle\" (Fullan, Education Canada, 2015) lists by title. reformlang asks the design to "
            "state how and by when every school is reached, which is how it shows that nobody is left "
            "waiting for a later phase.",
        weak="""\
initiative literacy "Literacy" {
  period: 2026 .. 2031
}""",
        strong="""\
initiative literacy "Literacy" {
  period: 2026 .. 2031
  rollout {
    mode: diffusion
    phase spread "Every school" { period: 2026 .. 2028  coverage: 100% }
  }
}""",
    )

    def check(self, facts):
        if facts.initiative.rollout is None:
            yield self.not_assessed(
                msg("the spec does not say how or by when the initiative reaches every school; state it so that "
                    "all means all can be assessed"), facts.header,
                msg('add `rollout {{ mode: diffusion  phase all "Every school" {{ period: ...  coverage: 100% }} }}`'),
            )
