"""LM010: flags a network that schools do not join by choice: invited, mandated, or unstated."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NetworkJoiningNotOpen(Rule):
    code = "LM010"
    name = "network-joining-not-open"
    principle = "lftm.diffusion"
    summary = "A network's `joining` is `invited` or `mandated`; unstated joining is not assessed."
    plain = "let any school join {subject}, rather than choosing or ordering schools in"
    docs = RuleDocs(
        what="Each `network` whose `joining` is `invited` (a centre picks who takes part) or `mandated` (schools "
             "must join). A network that does not say how schools join, or a spec with no network and no rollout "
             "mode, leaves the principle not assessed.",
        why="\"Making Progress Possible\" (Thiers with Fullan, Educational Leadership, 2017) describes "
            "diffusion as an intentional social movement: any school may join, and change spreads faster "
            "and further than by scaling up from pilots. reformlang reads invited or mandated joining as "
            "going against it.",
        weak="""\
network literacy_networks "Literacy networks" {
  members: schools
  joining: invited
}""",
        strong="""\
network literacy_networks "Literacy networks" {
  members: schools
  joining: open
}""",
    )

    def check(self, facts):
        init = facts.initiative
        for net in init.networks:
            joining = facts.means("joining", net.joining)
            if joining == "invited":
                yield self.finding(
                    msg("only invited schools may join network `{id}`", id=net.id), span_of(net, "joining"),
                    msg("let any school join: `joining: open`"),
                    fix=set_attribute(net, "joining", "open"),
                )
            elif joining == "mandated":
                yield self.finding(
                    msg("schools must join network `{id}`: in diffusion any school is free to join, none is ordered "
                        "in", id=net.id),
                    span_of(net, "joining"),
                    msg("let schools choose to join (`joining: open`) and make joining worth their while"),
                    fix=set_attribute(net, "joining", "open"),
                )
            elif net.joining is None:
                yield self.not_assessed(
                    msg("the spec does not say whether any school may join network `{id}`; state it so that "
                        "diffusion can be assessed", id=net.id), net.header, msg("add `joining: open`"),
                    fix=add_attribute(net, "joining", "open"),
                )
        ro = init.rollout
        if not init.networks and (ro is None or ro.mode is None):
            yield self.not_assessed(
                msg("the spec does not say how schools join the initiative; state it (a rollout `mode`, or networks "
                    "and how they are joined) so that diffusion can be assessed"),
                (ro.header if ro else None) or facts.header,
                msg("add `rollout {{ mode: diffusion }}` and networks with `joining: open`"),
            )
