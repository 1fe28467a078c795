"""NW004: flags a network that nobody facilitates."""

from __future__ import annotations

from reformlang.checks.fixes import add_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NetworkWithoutFacilitator(Rule):
    code = "NW004"
    name = "network-without-facilitator"
    principle = "networks.skilled_facilitation"
    needs = "networks"
    summary = "A network has no `facilitator`."
    plain = "give {subject} a skilled facilitator"
    docs = RuleDocs(
        what="Each `network` without a `facilitator` (a level, or a named person or body).",
        why="Deliberate leadership and skilled facilitation is one of Fullan and Rincón-Gallardo's eight "
            "ingredients of effective networks, as cited in \"Leadership from the Middle\" (Fullan, "
            "Education Canada, 2015). reformlang asks a network to name who facilitates it.",
        weak="""\
network literacy_networks "Literacy networks" {
  members: schools
}""",
        strong="""\
network literacy_networks "Literacy networks" {
  members: schools
  facilitator: districts
}""",
    )

    def check(self, facts):
        fac = (facts.middle[0].id if facts.middle else '"Network lead"')
        for net in facts.initiative.networks:
            if not net.facilitator:
                yield self.not_assessed(msg("the spec does not say who facilitates network `{id}`; state it so "
                                            "that its facilitation can be assessed", id=net.id), net.header,
                                        msg("add `facilitator: {facilitator}`", facilitator=fac),
                                        fix=add_attribute(net, "facilitator", fac) if facts.middle else None)
