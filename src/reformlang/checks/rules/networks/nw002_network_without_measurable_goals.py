"""NW002: flags a network whose goals are not indicators with targets."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of, stated
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NetworkWithoutMeasurableGoals(Rule):
    code = "NW002"
    name = "network-without-measurable-goals"
    principle = "networks.ambitious_goals"
    needs = "networks"
    summary = "A network has no `goals`, or its goals are indicators without a `target`."
    plain = "give {subject} ambitious goals with measurable targets"
    docs = RuleDocs(
        what="Each `network` with no `goals`, or whose goals name indicators that have no `target`.",
        why="Ambitious learning goals tied to measurable outcomes are one of Fullan and Rincón-Gallardo's "
            "eight ingredients of effective networks, as cited in \"Leadership from the Middle\" (Fullan, "
            "Education Canada, 2015). reformlang looks for a network's goals among the initiative's "
            "indicators with targets.",
        weak="""\
network literacy_networks "Literacy networks" {
  members: schools
}""",
        strong="""\
network literacy_networks "Literacy networks" {
  members: schools
  goals: [grade6_reading]   # an indicator with a baseline and a target
}""",
    )

    def check(self, facts):
        example = next(iter(facts.indicators), "grade6_reading")
        for net in facts.initiative.networks:
            if not net.goals:
                help_ = msg("add `goals: [{example}]`, indicators with a baseline and a target", example=example)
                if stated(net, "goals"):
                    yield self.finding(msg("network `{id}` has no learning goals: `goals` is empty", id=net.id),
                                       span_of(net, "goals"), help_,
                                       fix=set_attribute(net, "goals", f"[{example}]") if facts.indicators else None)
                else:
                    yield self.not_assessed(msg("the spec does not say what network `{id}` aims at; state its "
                                                "goals so that they can be assessed", id=net.id), net.header, help_,
                                            fix=add_attribute(net, "goals", f"[{example}]") if facts.indicators
                                            else None)
                continue
            untargeted = [g for g in net.goals if facts.indicators.get(g) and facts.indicators[g].target is None]
            if untargeted:  # the indicator states no target: not assessed, not absent
                yield self.not_assessed(
                    msg("the spec gives no target for the goals of network `{id}` ({goals}); state one so that "
                        "its ambition can be assessed", id=net.id, goals=listing(untargeted)),
                    span_of(net, "goals"),
                    msg("give each a dated goal: `target: 75% by {year}`",
                        year=facts.period.end if facts.period else 2031),
                    [(facts.indicators[g].header, msg("`{id}` has no target", id=g)) for g in untargeted],
                )
