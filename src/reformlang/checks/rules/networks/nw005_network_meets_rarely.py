"""NW005: flags a network that meets less than monthly, or does not say how often."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import Msg, msg


def rarely(facts, cadence: str) -> bool | None:
    """Less often than the configured meetings a year (monthly by default), by the times a year the library
    gives each cadence; None for a cadence whose times a year no word states (not assessed)."""
    times = facts.library.property("cadence", cadence, "per_year")
    if times is None:
        return None
    return times < facts.threshold("network_meetings_per_year")


class NetworkMeetsRarely(Rule):
    code = "NW005"
    name = "network-meets-rarely"
    principle = "networks.learning_inwards"
    needs = "networks"
    summary = "A network `meets` termly or yearly; one that does not say how often is not assessed."
    plain = "have {subject} meet often, at least monthly"
    docs = RuleDocs(
        what="Each `network` whose `meets` is `termly` or `yearly`, or which has no `meets`.",
        why="Frequent interaction and learning inwards is one of Fullan and Rincón-Gallardo's eight "
            "ingredients of effective networks, as cited in \"Leadership from the Middle\" (Fullan, "
            "Education Canada, 2015). The research says \"frequent\" and gives no figure: meeting at least "
            "monthly (`network_meetings_per_year`, 10 a year) is reformlang's own default, configurable "
            "under `[thresholds]`.",
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
                    msg("the spec does not say how often network `{id}` meets; state it so that frequent "
                        "interaction can be assessed", id=net.id), net.header,
                    msg("add `meets: monthly` (or how often it meets)"),
                    fix=add_attribute(net, "meets", "monthly"))
                continue
            verdict = rarely(facts, net.meets)
            if verdict:
                # The cadence as a message: the catalog says the standard library's words in prose.
                yield self.finding(msg("network `{id}` meets only {cadence}", id=net.id, cadence=Msg(net.meets)),
                                   span_of(net, "meets"), msg("meet at least monthly: `meets: monthly`"),
                                   fix=set_attribute(net, "meets", "monthly"))
            elif verdict is None:
                yield self.not_assessed(
                    msg("the spec does not say how many times a year `{cadence}` is, so how often network `{id}` "
                        "meets cannot be judged; give the word `per_year` (or `like: monthly`) in its vocabulary "
                        "so that frequent interaction can be assessed", cadence=net.meets, id=net.id),
                    span_of(net, "meets"),
                    msg("add `per_year: 12` to `word {cadence}` in `vocabulary cadence`", cadence=net.meets))
