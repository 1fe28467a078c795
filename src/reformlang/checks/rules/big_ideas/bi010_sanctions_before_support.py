"""BI010: flags accountability that leads with sanctions or punishment."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class SanctionsBeforeSupport(Rule):
    code = "BI010"
    name = "sanctions-before-support"
    principle = "big_ideas.intelligent_accountability"
    summary = "Poor results lead to `sanctions`, or accountability is `punitive`."
    plain = "meet poor results with support before any sanction"
    docs = RuleDocs(
        what="An `accountability` block whose `consequence` is `sanctions` or whose `style` is `punitive`.",
        why="\"Intelligent accountability\" is one of the seven big ideas for whole-system change that "
            "\"Leadership from the Middle\" (Fullan, Education Canada, 2015) lists by title. reformlang "
            "reads it as support before sanctions: punishing schools that struggle drives out the people "
            "and the honesty they need to improve.",
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
            return  # BI008 reports it
        if facts.means("accountability_style", acc.style) == "punitive":
            yield self.finding(
                msg("accountability is punitive: rankings and sanctions are the main lever"), span_of(acc, "style"),
                msg("use `style: intelligent` with `consequence: support_first`"),
            )
        if facts.means("consequence", acc.consequence) == "sanctions":
            yield self.finding(
                msg("poor results lead to sanctions, not to support first"), span_of(acc, "consequence"),
                msg("use `consequence: support_first` (intervention only after support)"),
                fix=set_attribute(acc, "consequence", "support_first"),
            )
        elif acc.consequence is None and acc.style != "punitive":
            yield self.not_assessed(
                msg("the spec does not say what follows poor results; state it so that support before sanctions "
                    "can be assessed"), acc.header or acc.span, msg("add `consequence: support_first`"),
                fix=add_attribute(acc, "consequence", "support_first"),
            )
