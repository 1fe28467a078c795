"""NW001: flags a network that does not say how trust is built."""

from __future__ import annotations

from reformlang.checks.facts import span_of, stated
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


TRUST = "[shared_protocols, peer_visits]"  # what the help offers, and the fix writes


class NetworkWithoutTrust(Rule):
    code = "NW001"
    name = "network-without-trust"
    principle = "networks.high_trust"
    needs = "networks"
    summary = "A network names no `trust` practices."
    plain = "build trust in {subject}: say how its members come to trust each other"
    docs = RuleDocs(
        what="Each `network` without a `trust` attribute naming how trust among its members is built.",
        why="High-trust relationships are one of Fullan and Rincón-Gallardo's eight ingredients of "
            "effective networks, as cited in \"Leadership from the Middle\" (Fullan, Education Canada, "
            "2015). reformlang asks a network to name how trust is built, since people share what is not "
            "working only with those they trust.",
        weak="""\
network literacy_networks "Literacy networks" {
  members: schools
}""",
        strong="""\
network literacy_networks "Literacy networks" {
  members: schools
  trust: [shared_protocols, peer_visits]
}""",
    )

    def check(self, facts):
        for net in facts.initiative.networks:
            if net.trust:
                continue
            help_ = msg("add `trust: {trust}` (the practices you use)", trust=TRUST)
            if stated(net, "trust"):
                yield self.finding(msg("network `{id}` builds trust in no way: `trust` is empty", id=net.id),
                                   span_of(net, "trust"), help_, fix=set_attribute(net, "trust", TRUST))
            else:
                yield self.not_assessed(msg("the spec does not say how network `{id}` builds trust; state it so "
                                            "that high trust can be assessed", id=net.id), net.header, help_,
                                        fix=add_attribute(net, "trust", TRUST))
