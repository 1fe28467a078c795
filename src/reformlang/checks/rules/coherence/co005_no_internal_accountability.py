"""CO005: flags an initiative with no internal accountability."""

from __future__ import annotations

from reformlang.checks.facts import span_of, stated
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NoInternalAccountability(Rule):
    code = "CO005"
    name = "no-internal-accountability"
    principle = "coherence.securing_accountability"
    summary = "No `accountability` block, or one without `internal`."
    plain = "let schools and districts hold themselves to account together for results"
    docs = RuleDocs(
        what="An initiative with no `accountability` block, or whose block names no `internal` "
             "accountability.",
        why="\"Making Progress Possible\" (Thiers with Fullan, Educational Leadership, 2017) names securing "
            "accountability among the four actions of the coherence framework; Fullan and Quinn's "
            "\"Coherence\" puts internal accountability, the responsibility a group takes for its own "
            "results, before external accountability.",
        weak="""\
accountability {
  external: national_tests
}""",
        strong="""\
accountability {
  internal: school_self_review
  external: national_tests
}""",
    )

    def check(self, facts):
        acc = facts.initiative.accountability
        if acc is None:
            yield self.not_assessed(msg("the spec states no accountability, internal or external; state it so "
                                        "that securing accountability can be assessed"), facts.header,
                                    msg("add `accountability {{ internal: school_self_review  external: ... }}`"))
        elif not acc.internal:
            help_ = msg("add `internal: school_self_review` before the external measures")
            if stated(acc, "internal") or facts.means("accountability_style", acc.style) in ("compliance", "punitive"):
                fix = set_attribute(acc, "internal", "school_self_review") or \
                    add_attribute(acc, "internal", "school_self_review")
                yield self.finding(msg("accountability has no internal side"), span_of(acc, "internal"), help_,
                                   fix=fix)
            else:
                yield self.not_assessed(msg("the spec does not say what internal accountability there is; state "
                                            "it so that securing accountability can be assessed"),
                                        acc.header or acc.span, help_,
                                        fix=add_attribute(acc, "internal", "school_self_review"))
