"""CO002: flags priorities that do not focus direction: none at all, too many, or unmeasured."""

from __future__ import annotations

from reformlang.checks.facts import in_words
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg



class UnfocusedPriorities(Rule):
    code = "CO002"
    name = "unfocused-priorities"
    principle = "coherence.focusing_direction"
    summary = "No priorities, more than three, or priorities without indicators."
    plain = "focus on a few priorities, each with a way to measure it"
    docs = RuleDocs(
        what="An initiative with no `priority`, or more than three; and each priority without an "
             "`indicator`.",
        why="\"Making Progress Possible\" (Thiers with Fullan, Educational Leadership, 2017) names focusing "
            "direction among the four actions of the coherence framework; in Fullan and Quinn's "
            "\"Coherence\" it includes a few goals with a clear way of knowing progress. reformlang asks "
            "for a small number of priorities, each with an indicator; how many are few (`few_priorities`, "
            "three) is reformlang's own default, configurable under `[thresholds]`.",
        weak="""\
priority literacy "Literacy" { outcome: literacy }""",
        strong="""\
priority literacy "Literacy" {
  outcome: literacy
  indicator grade6_reading "Grade 6 reading" { baseline: 54% in 2026  target: 75% by 2031 }
}""",
    )

    def check(self, facts):
        priorities = facts.initiative.priorities
        if not priorities:
            yield self.not_assessed(msg("the spec states no priorities; state them so that focusing direction "
                                        "can be assessed"), facts.header,
                                    msg('add up to {few} `priority id "Title" {{ outcome: ... }}` blocks',
                    few=in_words(int(facts.threshold("few_priorities")))))
            return
        few = int(facts.threshold("few_priorities"))
        if len(priorities) > few:
            yield self.finding(
                msg("{n} priorities pull direction {n} ways; focus on around {few}", n=len(priorities),
                    few=in_words(few)),
                priorities[few].header, msg("merge related priorities, or make them strategies of the main ones"),
            )
        for p in priorities:
            if not p.indicators:
                yield self.not_assessed(
                    msg("the spec does not say how progress on priority `{id}` is measured; state an indicator "
                        "so that focusing direction can be assessed", id=p.id), p.header,
                    msg('add `indicator {id}_progress "..." {{ baseline: ...  target: ... }}`', id=p.id))
