"""NW008: flags a network with no money tied to it, or money that runs out before the initiative ends."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class UnfundedNetwork(Rule):
    code = "NW008"
    name = "unfunded-network"
    principle = "networks.adequate_resources"
    needs = "networks"
    summary = ("A network states no money (`resources: []`), or its funding ends before the initiative does; "
               "unstated funding is not assessed.")
    plain = "fund {subject} for as long as the reform lasts"
    docs = RuleDocs(
        what="Each `network` with no `resources` (funding ids), or whose funding all ends before the "
             "initiative's `period` does.",
        why="Adequate resources to sustain the work are one of Fullan and Rincón-Gallardo's eight "
            "ingredients of effective networks, as cited in \"Leadership from the Middle\" (Fullan, "
            "Education Canada, 2015). reformlang asks for funding tied to the network that lasts its "
            "span.",
        weak="""\
network literacy_networks "Literacy networks" {
  members: schools
}""",
        strong="""\
funding network_fund "Release time for networks" { amount: 5_000_000 CAD  to: districts  period: 2026 .. 2031 }
network literacy_networks "Literacy networks" {
  members: schools
  resources: [network_fund]
}""",
    )

    def check(self, facts):
        period = facts.period
        funds = list(facts.funding)
        for net in facts.initiative.networks:
            if not net.resources:
                help_ = (msg("add `resources: [{fund}]`, or a funding block for the network", fund=funds[0])
                         if funds else
                         msg('add `funding network_fund "..." {{ amount: ...  period: ... }}` and '
                             "`resources: [network_fund]`"))
                if stated(net, "resources"):  # `resources: []`: the spec says it has none
                    yield self.finding(msg("no money is tied to network `{id}`", id=net.id),
                                       span_of(net, "resources"), help_)
                else:
                    yield self.not_assessed(
                        msg("the spec does not say how network `{id}` is funded; state it so that its resources "
                            "can be assessed", id=net.id), net.header, help_)
                continue
            if period is None:
                continue
            ends = [facts.funding[r].period.end for r in net.resources
                    if r in facts.funding and facts.funding[r].period is not None]
            if not ends and any(r in facts.funding for r in net.resources):
                # Money is tied to it, but the spec does not say for how long: lasting its span is not assessed.
                yield self.not_assessed(
                    msg("the spec does not say for which years the money for network `{id}` is paid; state it "
                        "so that resources lasting the initiative can be assessed", id=net.id),
                    span_of(net, "resources"),
                    msg("add `period: {period}` to {funding}", period=str(period),
                        funding=listing(r for r in net.resources if r in facts.funding)))
                continue
            if ends and len(ends) == sum(1 for r in net.resources if r in facts.funding) and max(ends) < period.end:
                yield self.finding(
                    msg("the money for network `{id}` runs out in {year}; the initiative runs to {end}",
                        id=net.id, year=max(ends), end=period.end), span_of(net, "resources"),
                    msg("extend the funding's `period` to {end}, or add funding for the later years",
                        end=period.end),
                    [(span_of(facts.funding[r], "period"), msg("`{id}` ends here", id=r)) for r in net.resources
                     if r in facts.funding],
                )
