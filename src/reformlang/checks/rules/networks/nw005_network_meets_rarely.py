"""NW005: flags a network that meets less than monthly, or does not say how often."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.rule import Rule, RuleDocs


def rarely(facts, cadence: str) -> bool:
    """Less often than monthly, by the times a year the library gives each cadence; a cadence
    with none stated is not assessed."""
    times = facts.library.property("cadence", cadence, "per_year")
    monthly = facts.library.property("cadence", "monthly", "per_year")
    return times is not None and monthly is not None and times < monthly


class NetworkMeetsRarely(Rule):
    code = "NW005"
    name = "network-meets-rarely"
    principle = "networks.learning_inwards"
    needs = "networks"
    summary = "A network `meets` termly or yearly, or does not say how often it meets."
    docs = RuleDocs(
        what="Each `network` whose `meets` is `termly` or `yearly`, or which has no `meets`.",
        why="Fullan and Rincón-Gallardo's eight ingredients of effective networks include frequent "
            "interaction and learning inwards: practice changes through regular contact, and a yearly "
            "conference changes little.",
        weak="""\
network literacy_networks "Literacy networks" {
  meets: yearly
}""",
        strong="""\
network literacy_networks "Literacy networks" {
  meets: monthly
}""",
    )

    def check(self, facts):
        for net in facts.initiative.networks:
            if net.meets is None:
                yield self.finding(f"network `{net.id}` does not say how often it meets", net.header,
                                   "add `meets: monthly` (or more often)")
            elif rarely(facts, net.meets):
                yield self.finding(f"network `{net.id}` meets only {net.meets}", span_of(net, "meets"),
                                   "meet at least monthly: `meets: monthly`")
