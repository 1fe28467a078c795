"""BI006: flags each priority with no strategy."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class PriorityWithoutStrategy(Rule):
    code = "BI006"
    name = "priority-without-strategy"
    principle = "big_ideas.precision"
    summary = "A priority has no `strategy` saying how it will be reached."
    plain = "say how {subject} will be reached: at least one strategy"
    docs = RuleDocs(
        what="Each `priority` that holds no `strategy` block.",
        why="\"Strategies with precision\" is one of the seven big ideas for whole-system change that "
            "\"Leadership from the Middle\" (Fullan, Education Canada, 2015) lists by title. A priority "
            "without a strategy says what is wanted but not how it will be reached; reformlang asks for "
            "at least one strategy per priority.",
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
                    msg("the spec does not say how priority `{id}` will be reached; state a strategy so that its "
                        "precision can be assessed", id=p.id), p.header,
                    msg('add `strategy ... "..." {{ owner: {owner}  reaches: schools  period: ... }}` inside it',
                        owner=owner),
                )
