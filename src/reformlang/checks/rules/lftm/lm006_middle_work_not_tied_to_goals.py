"""LM006: flags networks, and the middle's strategies, that point at none of the initiative's indicators."""

from __future__ import annotations

from reformlang.checks.facts import span_of, stated
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class MiddleWorkNotTiedToGoals(Rule):
    code = "LM006"
    name = "middle-work-not-tied-to-goals"
    principle = "lftm.system_goals"
    summary = "A network without `goals`, or a middle-owned strategy under a priority with no indicator."
    plain = "tie the middle's work to the shared goals and their measures"
    docs = RuleDocs(
        what="Each `network` whose `goals` name no indicator, and each strategy owned by a middle level "
             "that serves a priority with no indicator: work of the middle that no system goal measures.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) sets the middle's work in the "
            "service of the system's results, not as a standalone agenda. reformlang looks for it as the "
            "middle's strategies and networks pointing at the initiative's indicators.",
        weak="""\
network districts_together "Districts together" {
  members: districts
  practice: collaborative_inquiry
}""",
        strong="""\
network districts_together "Districts together" {
  members: districts
  practice: collaborative_inquiry
  goals: [grade6_reading]
}""",
    )

    def check(self, facts):
        init = facts.initiative
        example = next(iter(facts.indicators), "grade6_reading")
        for net in init.networks:
            if net.goals:
                continue
            help_ = msg("add `goals: [{example}]` naming the indicators the network works on", example=example)
            if stated(net, "goals"):
                yield self.finding(msg("network `{id}` serves no system goal: its `goals` are empty", id=net.id),
                                   span_of(net, "goals"), help_,
                                   fix=set_attribute(net, "goals", f"[{example}]") if facts.indicators else None)
            else:
                yield self.not_assessed(
                    msg("the spec does not say which of the initiative's goals network `{id}` serves; state its "
                        "goals so that its tie to system goals can be assessed", id=net.id), net.header, help_,
                    fix=add_attribute(net, "goals", f"[{example}]") if facts.indicators else None)
        middle_work = [s for s in facts.strategies if facts.is_middle(s.owner)]
        for p in init.priorities:
            if p.indicators:
                continue
            for s in p.strategies:
                if facts.is_middle(s.owner):
                    yield self.not_assessed(
                        msg("the spec does not say how priority `{priority}`, which the middle's strategy `{id}` "
                            "serves, is measured; state an indicator so that its tie to system goals can be "
                            "assessed", priority=p.id, id=s.id),
                        s.header,
                        msg('add an indicator to `{id}`: `indicator {id}_progress "..." '
                            "{{ baseline: 50% in 2026  target: 70% by 2030 }}`", id=p.id),
                        [(p.header, msg("priority `{id}` has no indicator", id=p.id))],
                    )
        if not init.networks and not middle_work and facts.middle:
            yield self.not_assessed(
                msg("the spec states no network and no strategy of the middle; state the middle's work so that its "
                    "tie to system goals can be assessed"), facts.middle[0].header,
                msg("give the middle a strategy (`owner: {id}`) under a priority with an indicator",
                    id=facts.middle[0].id))
        elif not init.networks and not middle_work:
            yield self.not_assessed(
                msg("the spec states no middle and no network; state them so that their tie to system goals can be "
                    "assessed"), facts.header,
                msg('add a middle level: `level districts "Districts" {{ tier: middle }}`'))
