"""BI008: flags an initiative that does not say how the system holds itself to account."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NoAccountability(Rule):
    code = "BI008"
    name = "no-accountability"
    principle = "big_ideas.intelligent_accountability"
    summary = "The initiative has no `accountability` block."
    plain = "say how schools and the system answer for results"
    docs = RuleDocs(
        what="An initiative without an `accountability` block.",
        why="\"Intelligent accountability\" is one of the seven big ideas for whole-system change that "
            "\"Leadership from the Middle\" (Fullan, Education Canada, 2015) lists by title, and Ontario's "
            "reform (2003-2015) practised it. reformlang reads it as results owned inside the system and "
            "confirmed from outside, made public, and followed by support before sanctions; a spec silent "
            "on accountability shows none of that.",
        weak="""\
initiative literacy "Literacy" {
  period: 2026 .. 2031
}""",
        strong="""\
initiative literacy "Literacy" {
  period: 2026 .. 2031
  accountability {
    style: intelligent
    internal: school_self_review
    external: provincial_assessment
    transparency: public
    consequence: support_first
    measures: [grade6_reading, grade6_math]
  }
}""",
    )

    def check(self, facts):
        if facts.initiative.accountability is None:
            yield self.not_assessed(
                msg("the spec does not say how the system holds itself to account; state it so that intelligent "
                    "accountability can be assessed"), facts.header,
                msg("add `accountability {{ style: intelligent  internal: school_self_review  "
                    "external: provincial_assessment  transparency: public  consequence: support_first }}`"),
            )
