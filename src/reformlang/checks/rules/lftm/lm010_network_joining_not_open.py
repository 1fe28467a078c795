"""LM010: flags a network that schools do not join by choice: invited, mandated, or unstated."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.rule import Rule, RuleDocs


class NetworkJoiningNotOpen(Rule):
    code = "LM010"
    name = "network-joining-not-open"
    principle = "lftm.diffusion"
    summary = "A network's `joining` is `invited`, `mandated` or not stated, instead of `open`."
    docs = RuleDocs(
        what="Each `network` whose `joining` is `invited` (a centre picks who takes part) or `mandated` "
             "(schools must join), or which does not say how schools join.",
        why="Fullan's Leadership from the Middle describes diffusion as an intentional social movement: "
            "change spreads fastest when any school may join and learn from those already in, not when a "
            "centre picks who takes part or orders everyone in, as New Zealand's Investing in Educational "
            "Success (2014) found when it expected every school to join.",
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
            joining = facts.means("joining", net.joining)
            if joining == "invited":
                yield self.finding(
                    f"only invited schools may join network `{net.id}`", span_of(net, "joining"),
                    "let any school join: `joining: open`",
                )
            elif joining == "mandated":
                yield self.finding(
                    f"schools must join network `{net.id}`: membership by order spreads compliance, not practice",
                    span_of(net, "joining"),
                    "let schools choose to join (`joining: open`) and make joining worth their while",
                )
            elif net.joining is None:
                yield self.finding(
                    f"network `{net.id}` does not say whether any school may join", net.header,
                    "add `joining: open`",
                )
