"""JI004: flags an initiative where measurable gain is not reported: no measurable indicator, or networks not tied to one."""

from __future__ import annotations

from reformlang.checks.facts import span_of, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class GainNotMeasured(Rule):
    code = "JI004"
    name = "gain-not-measured"
    principle = "joint_initiative.measurable_gain"
    summary = "No indicator has a baseline and a target, or a network's `goals` name none that has."
    plain = "measure each student's gain: where they start and the target they aim for"
    docs = RuleDocs(
        what="An initiative with no indicator that has both a `baseline` and a `target`; and each network "
             "none of whose `goals` is such an indicator.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) gives the five principles of "
            "New Zealand's Joint Initiative (2015); one asks leaders to report measurable gain on their "
            "students' specific challenges. reformlang reads it as indicators with a baseline and a "
            "target that networks work on.",
        weak="""\
indicator writing "Writing achievement" { source: school_data }
network kahui_ako "Community of learning" { goals: [writing] }""",
        strong="""\
indicator writing "Writing at the expected level" {
  baseline: 61% in 2016
  target: 75% by 2019
  source: school_data
}
network kahui_ako "Community of learning" { goals: [writing] }""",
    )

    def check(self, facts):
        measurable = [i for i in facts.indicators.values() if facts.measurable(i)]
        if not measurable:
            yield self.not_assessed(
                msg("the spec gives no indicator both a baseline and a target; state them so that measurable "
                    "gain can be assessed"), facts.header,
                msg("give an indicator `baseline: 61% in 2016` and `target: 75% by 2019`"),
                [(i.header, msg("`{id}` lacks a baseline or a target", id=i.id)) for i in facts.indicators.values()],
            )
            return
        ids = {i.id for i in measurable}
        for net in facts.initiative.networks:
            if any(g in ids for g in net.goals):
                continue
            add = msg("add `goals: [{id}]` (an indicator with a baseline and a target)", id=measurable[0].id)
            if stated(net, "goals") and not net.goals:
                yield self.finding(msg("network `{id}` reports gain on no indicator: `goals` is empty", id=net.id),
                                   span_of(net, "goals"), add)
            else:
                yield self.not_assessed(
                    msg("the spec does not say on which measurable indicator network `{id}` reports gain; state "
                        "it so that measurable gain can be assessed", id=net.id), net.header, add)
