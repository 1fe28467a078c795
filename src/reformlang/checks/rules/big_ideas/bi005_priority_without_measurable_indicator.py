"""BI005: flags each priority with no indicator that has both a baseline and a target."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class PriorityWithoutMeasurableIndicator(Rule):
    code = "BI005"
    name = "priority-without-measurable-indicator"
    principle = "big_ideas.precision"
    summary = "A priority has no indicator with both a `baseline` (in a year) and a `target` (by a year)."
    plain = "give {subject} a measure with where it starts and the target it aims for, each with its year"
    docs = RuleDocs(
        what="Each `priority` none of whose indicators has both a `baseline` and a `target`; the finding "
             "says which part each indicator lacks.",
        why="\"Strategies with precision\" is one of the seven big ideas for whole-system change that "
            "\"Leadership from the Middle\" (Fullan, Education Canada, 2015) lists by title, drawn in part "
            "from England's literacy and numeracy strategy (1998-2002) and its literacy and numeracy "
            "targets for age 11. reformlang reads precision as a measurable indicator for every priority, "
            "with a baseline, a target and a date: without them a priority cannot be managed or learned "
            "from.",
        weak="""\
priority literacy "Reading by Grade 6" {
  indicator grade6_reading "Grade 6 reading" { source: provincial_assessment }
}""",
        strong="""\
priority literacy "Reading by Grade 6" {
  indicator grade6_reading "Grade 6 reading" {
    baseline: 54% in 2026
    target: 75% by 2031
    source: provincial_assessment
  }
}""",
    )

    def check(self, facts):
        if not facts.initiative.priorities:
            yield self.not_assessed(
                msg("the spec states no priorities; state them with indicators so that precision can be assessed"),
                facts.header, msg('add `priority literacy "..." {{ indicator ... {{ baseline: ...  target: ... }} }}`'),
            )
            return
        for p in facts.initiative.priorities:
            if any(facts.measurable(i) for i in p.indicators):
                continue
            if not p.indicators:
                yield self.not_assessed(
                    msg("the spec does not say how priority `{id}` is measured; state an indicator so that its "
                        "precision can be assessed", id=p.id), p.header,
                    msg('add `indicator {id}_rate "..." {{ baseline: 54% in 2026  target: 75% by 2031 }}` inside it',
                        id=p.id),
                )
                continue
            related = []
            for ind in p.indicators:
                if ind.baseline is None and ind.target is None:
                    lacks = msg("`{id}` has no baseline and target", id=ind.id)
                elif ind.baseline is None:
                    lacks = msg("`{id}` has no baseline", id=ind.id)
                else:
                    lacks = msg("`{id}` has no target", id=ind.id)
                related.append((ind.header, lacks))
            yield self.not_assessed(
                msg("the spec gives no indicator of priority `{id}` both a baseline and a target; state them so "
                    "that its precision can be assessed", id=p.id), p.header,
                msg("give an indicator a starting point and a dated goal: `baseline: 54% in 2026` and "
                    "`target: 75% by 2031`"),
                related,
            )
