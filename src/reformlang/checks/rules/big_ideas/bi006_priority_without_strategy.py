"""BI006: flags each priority with no strategy."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs


class PriorityWithoutStrategy(Rule):
    code = "BI006"
    name = "priority-without-strategy"
    principle = "big_ideas.precision"
    summary = "A priority has no `strategy` saying how it will be reached."
    docs = RuleDocs(
        what="Each `priority` that holds no `strategy` block.",
        why="Fullan's seven big ideas ask for strategies with precision: a goal without a strategy is a "
            "hope, and the systems that improved (England 1998-2002, Ontario 2003-2015) said who would do "
            "what, for whom, and when.",
        weak="""\
priority numeracy "Numeracy by Grade 6" {
  owner: districts
}""",
        strong="""\
priority numeracy "Numeracy by Grade 6" {
  owner: districts
  strategy math_leads "A numeracy lead in every school" {
    owner: districts
    reaches: schools
    period: 2026 .. 2030
  }
}""",
    )

    def check(self, facts):
        for p in facts.initiative.priorities:
            if not p.strategies:
                owner = p.owner or "districts"
                yield self.not_assessed(
                    f"the spec does not say how priority `{p.id}` will be reached; state a strategy so that its "
                    "precision can be assessed", p.header,
                    f'add `strategy ... "..." {{ owner: {owner}  reaches: schools  period: ... }}` inside it',
                )
