"""NW006: flags a network that learns from no one outside it."""

from __future__ import annotations

from reformlang.checks.facts import span_of, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NetworkLooksOnlyInward(Rule):
    code = "NW006"
    name = "network-looks-only-inward"
    principle = "networks.connecting_outward"
    needs = "networks"
    summary = "A network has no `learns_from`."
    plain = "connect {subject} outward, to learn from others beyond it"
    docs = RuleDocs(
        what="Each `network` without `learns_from` naming someone outside it (other networks, "
             "jurisdictions, researchers).",
        why="Connecting outward is one of Fullan and Rincón-Gallardo's eight ingredients of effective "
            "networks, as cited in \"Leadership from the Middle\" (Fullan, Education Canada, 2015). "
            "reformlang asks whom a network learns from outside itself: one that only looks inward "
            "recycles what it already knows.",
        weak="""\
network literacy_networks "Literacy networks" {
  members: schools
}""",
        strong="""\
network literacy_networks "Literacy networks" {
  members: schools
  learns_from: ["Neighbouring provinces", researchers]
}""",
    )

    def check(self, facts):
        for net in facts.initiative.networks:
            if net.learns_from:
                continue
            help_ = msg('add `learns_from: ["University partners", "Other networks"]`')
            if stated(net, "learns_from"):
                yield self.finding(msg("network `{id}` learns from no one outside it: `learns_from` is empty",
                                       id=net.id), span_of(net, "learns_from"), help_)
            else:
                yield self.not_assessed(msg("the spec does not say whom network `{id}` learns from outside it; "
                                            "state it so that connecting outward can be assessed", id=net.id),
                                        net.header, help_)
