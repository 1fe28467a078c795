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
    summary = "A network `meets` termly or yearly; one that does not say how often is not assessed."
    docs = RuleDocs(
        what="Each `network` whose `meets` is `termly` or `yearly`, or which has no `meets`.",
        why="Frequent interaction and learning inwards is one of Fullan and Rincón-Gallardo's eight "
            "ingredients of effective networks, as cited in \"Leadership from the Middle\" (Fullan, "
            "Education Canada, 2015). The research says \"frequent\" and gives no figure: meeting at least "
            "monthly is reformlang's own default.",
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
                yield self.not_assessed(
                    f"the spec does not say how often network `{net.id}` meets; state it so that frequent "
                    "interaction can be assessed", net.header, "add `meets: monthly` (or how often it meets)")
            elif rarely(facts, net.meets):
                yield self.finding(f"network `{net.id}` meets only {net.meets}", span_of(net, "meets"),
                                   "meet at least monthly: `meets: monthly`")
