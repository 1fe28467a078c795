"""BI009: flags accountability with no internal side."""

from __future__ import annotations

from reformlang.checks.facts import span_of, stated
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class ExternalAccountabilityOnly(Rule):
    code = "BI009"
    name = "external-accountability-only"
    principle = "big_ideas.intelligent_accountability"
    summary = "The `accountability` block names no `internal` accountability."
    plain = "let schools hold themselves to account together, not only answer to an inspector"
    docs = RuleDocs(
        what="An `accountability` block with no `internal` (how schools and districts review themselves), "
             "whether or not it names `external` checks.",
        why="\"Intelligent accountability\" is one of the seven big ideas for whole-system change that "
            "\"Leadership from the Middle\" (Fullan, Education Canada, 2015) lists by title. reformlang "
            "reads it as internal accountability beside external: schools own their results first and "
            "outside checks confirm them, where external tests alone invite gaming rather than "
            "improvement.",
        weak="""\
accountability {
  external: provincial_assessment
}""",
        strong="""\
accountability {
  internal: school_self_review
  external: provincial_assessment
}""",
    )

    def check(self, facts):
        acc = facts.initiative.accountability
        if acc is None or acc.internal:
            return  # BI008 reports a missing accountability block
        help_ = msg("add `internal: school_self_review` (or the name of the internal review you use)")
        if stated(acc, "internal"):
            yield self.finding(
                msg("the initiative has no internal accountability: `internal` is empty, so nothing says how "
                    "schools and districts review their own results"), span_of(acc, "internal"), help_,
                fix=set_attribute(acc, "internal", "school_self_review"),
            )
        elif facts.means("accountability_style", acc.style) in ("compliance", "punitive"):
            yield self.finding(
                msg("accountability is compliance and only external: nothing says how schools and districts "
                    "review their own results")
                if facts.means("accountability_style", acc.style) == "compliance" else
                msg("accountability is punitive and only external: nothing says how schools and districts "
                    "review their own results"), span_of(acc, "style"), help_,
                fix=add_attribute(acc, "internal", "school_self_review"),
            )
        else:
            yield self.not_assessed(
                msg("the spec does not say how schools and districts review their own results; state the "
                    "internal accountability so that it can be assessed"), acc.header or acc.span, help_,
                fix=add_attribute(acc, "internal", "school_self_review"),
            )
