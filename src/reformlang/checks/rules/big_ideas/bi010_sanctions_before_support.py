"""BI010: flags accountability that leads with sanctions or punishment."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.rule import Rule, RuleDocs


class SanctionsBeforeSupport(Rule):
    code = "BI010"
    name = "sanctions-before-support"
    principle = "big_ideas.intelligent_accountability"
    summary = "Poor results lead to `sanctions`, or accountability is `punitive`."
    docs = RuleDocs(
        what="An `accountability` block whose `consequence` is `sanctions` or whose `style` is `punitive`.",
        why="In Fullan's seven big ideas, intelligent accountability offers support before sanctions: "
            "punishing schools that struggle drives out the people and the honesty they need to improve.",
        weak="""\
accountability {
  style: punitive
  consequence: sanctions
}""",
        strong="""\
accountability {
  style: intelligent
  consequence: support_first
}""",
    )

    def check(self, facts):
        acc = facts.initiative.accountability
        if acc is None:
            return
        if facts.means("accountability_style", acc.style) == "punitive":
            yield self.finding(
                "accountability is punitive: rankings and sanctions are the main lever", span_of(acc, "style"),
                "use `style: intelligent` with `consequence: support_first`",
            )
        if facts.means("consequence", acc.consequence) == "sanctions":
            yield self.finding(
                "poor results lead to sanctions, not to support first", span_of(acc, "consequence"),
                "use `consequence: support_first` (intervention only after support)",
            )
