"""LM010: flags a network that schools cannot simply join."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.rule import Rule, RuleDocs


class ClosedNetwork(Rule):
    code = "LM010"
    name = "closed-network"
    principle = "lftm.diffusion"
    summary = "A network's `joining` is `invited` or not stated, so not any school may join."
    docs = RuleDocs(
        what="Each `network` whose `joining` is `invited`, or which does not say how schools join.",
        why="Fullan's Leadership from the Middle describes diffusion as an intentional social movement: "
            "change spreads fastest when any school may join and learn from those already in, not when a "
            "centre picks who takes part.",
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
        for net in facts.initiative.networks:
            if net.joining == "invited":
                yield self.finding(
                    f"only invited schools may join network `{net.id}`", span_of(net, "joining"),
                    "let any school join: `joining: open`",
                )
            elif net.joining is None:
                yield self.finding(
                    f"network `{net.id}` does not say whether any school may join", net.header,
                    "add `joining: open`",
                )
