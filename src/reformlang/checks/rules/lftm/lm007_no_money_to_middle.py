"""LM007: flags a middle to which no money flows."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs


class NoMoneyToMiddle(Rule):
    code = "LM007"
    name = "no-money-to-middle"
    principle = "lftm.resourced_middle"
    requires = "lftm.middle_exists"
    summary = "No `funding` goes `to` a middle level (nor any link carrying `funding`)."
    docs = RuleDocs(
        what="An initiative with a middle tier where no `funding` block has a middle level as its `to`, and "
             "no link into the middle carries `funding`.",
        why="In Ontario's special education initiative, the first case of leadership from the middle in "
            "Fullan's account (after Hargreaves and Braun), the government gave the money to the council of "
            "district directors to lead; a middle asked to lead without resources is only asked to comply.",
        weak="""\
funding school_grants "Grants to schools" { amount: 25_000_000 CAD  from: ministry  to: schools }""",
        strong="""\
funding middle_fund "Fund for the districts' council" {
  amount: 25_000_000 CAD
  from: ministry
  to: districts
  purpose: capacity
}""",
    )

    def check(self, facts):
        if not facts.middle:
            return
        init = facts.initiative
        if any(facts.is_middle(f.to) for f in init.funding):
            return
        if any(facts.carries(link, "money") and facts.is_middle(link.target) or
               (facts.carries(link, "money") and link.both_ways and facts.is_middle(link.source))
               for link in init.links):
            return
        first = facts.middle[0]
        source = facts.top[0].id if facts.top else "ministry"
        related = [(f.spans.get("to") or f.header, f"`{f.id}` goes to `{f.to}`") for f in init.funding if f.to]
        yield self.finding(
            f"no money flows to the middle (`{first.id}`)", first.header,
            f'add `funding middle_fund "..." {{ amount: 25_000_000 CAD  from: {source}  to: {first.id}  '
            "purpose: capacity }`",
            related,
        )
