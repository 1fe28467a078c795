"""BI013: flags a rollout that does not reach every unit within the initiative's period."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.rule import Rule, RuleDocs


class RolloutLeavesSchoolsOut(Rule):
    code = "BI013"
    name = "rollout-leaves-schools-out"
    principle = "big_ideas.all_means_all"
    summary = "No phase reaches 100% coverage, or 100% comes only after the initiative ends."
    docs = RuleDocs(
        what="A `rollout` none of whose phases reaches `coverage: 100%`, or whose first phase at 100% ends "
             "after the initiative's `period`.",
        why="\"All means all\" is one of the seven big ideas for whole-system change that \"Leadership from "
            "the Middle\" (Fullan, Education Canada, 2015) lists by title. reformlang reads it as every "
            "school and every student being in: a reform that never reaches the last school leaves its "
            "students behind, and a pilot that never ends is a way of not deciding.",
        weak="""\
rollout {
  phase pilots "Pilot schools" { period: 2026 .. 2028  coverage: 10% }
  phase wider "More schools" { period: 2028 .. 2031  coverage: 60% }
}""",
        strong="""\
rollout {
  phase launch "Volunteer networks" { period: 2026 .. 2027  coverage: 30% }
  phase spread "Every school" { period: 2027 .. 2029  coverage: 100% }
}""",
    )

    def check(self, facts):
        ro = facts.initiative.rollout
        if ro is None:
            return
        full = [ph for ph in ro.phases if ph.coverage is not None and ph.coverage >= 100]
        period = facts.period
        if not full:
            reached = max((ph.coverage for ph in ro.phases if ph.coverage is not None), default=None)
            last = ro.phases[-1] if ro.phases else None
            if reached is None:
                message = "the rollout never says it reaches every unit: no phase states its coverage"
            else:
                message = f"the rollout stops at {reached:g}% coverage: some schools are never reached"
            end = period.end if period else "..."
            yield self.finding(
                message, (last.header if last else None) or ro.header or ro.span,
                f'add a phase that reaches everyone: `phase all_schools "Every school" {{ period: ... .. {end}  '
                "coverage: 100% }`",
            )
            return
        first = full[0]
        if period and first.period and first.period.end > period.end:
            yield self.finding(
                f"every unit is reached only by {first.period.end}, after the initiative ends in {period.end}",
                span_of(first, "period"),
                f"bring 100% coverage within the initiative's period (by {period.end}), or extend its `period`",
                [(span_of(facts.initiative, "period"), "the initiative's period")],
            )
