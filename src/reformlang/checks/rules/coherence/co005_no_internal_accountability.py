"""CO005: flags an initiative with no internal accountability."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs


class NoInternalAccountability(Rule):
    code = "CO005"
    name = "no-internal-accountability"
    principle = "coherence.securing_accountability"
    summary = "No `accountability` block, or one without `internal`."
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
            yield self.finding("the initiative states no accountability, internal or external", facts.header,
                               "add `accountability { internal: school_self_review  external: ... }`")
        elif not acc.internal:
            yield self.finding("accountability has no internal side", acc.header or acc.span,
                               "add `internal: school_self_review` before the external measures")
