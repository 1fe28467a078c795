"""LM007: flags a middle to which no money flows."""

from __future__ import annotations

from reformlang.analysis import UNKNOWN
from reformlang.checks.facts import listing, span_of
from reformlang.checks.rule import Rule, RuleDocs


class NoMoneyToMiddle(Rule):
    code = "LM007"
    name = "no-money-to-middle"
    principle = "lftm.resourced_middle"
    requires = "lftm.middle_exists"
    summary = "The middle has a sliver of the money for the work it leads; no funding stated is not assessed."
    plain = "give the middle money in proportion to the work it leads"
    docs = RuleDocs(
        what="An initiative with a middle whose share of the stated money (paid to it, or spent from its own "
             "budgets) is below `middle_money_share` (5%) or below `middle_money_ratio` (0.5) times its share of "
             "the work (both the project's own figures): a sliver of the total. No funding stated, or funds of "
             "unstated size or receiver that could change the verdict, leave the principle not assessed.",
        why="In Ontario's special education initiative, the first identified case of leadership from the "
            "middle in \"Leadership from the Middle\" (Fullan, Education Canada, 2015) (after Hargreaves "
            "and Braun's evaluation), the government gave 25 million dollars to the Council of Ontario "
            "Directors of Education to lead implementation across all 72 districts. reformlang asks that "
            "the middle have money in proportion to the work it leads; the share below which it is a "
            "sliver (`middle_money_share`, `middle_money_ratio`) is reformlang's own threshold, "
            "configurable under `[thresholds]`.",
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
        design = facts.design
        money = design.money
        first = facts.middle[0]
        source = facts.top[0].id if facts.top else "ministry"
        add = (f'add `funding middle_fund "..." {{ amount: 25_000_000 CAD  from: {source}  to: {first.id}  '
               "period: ...  purpose: capacity }`")
        if not money.funds:
            links = [link for link in facts.initiative.links if facts.carries(link, "money")]
            yield self.not_assessed(
                f"the spec does not say how the middle (`{first.id}`) is funded; state its funding (how much, "
                "from whom, over which years) so that a resourced middle can be assessed", first.header, add,
                [(link.header, "money runs along this link, but the spec does not say how much") for link in links])
            return
        work = design.work_share("middle").low or 0.0
        need = max(facts.threshold("middle_money_share"), facts.threshold("middle_money_ratio") * work)
        share = money.of_tier("middle")
        verdict = share.at_least(need)
        if verdict is True:
            return
        mine = [f for f in money.funds if f.target_tier == "middle" or f.source_tier == "middle"]
        if verdict is None:
            unsized = [f for f in money.funds if f.amount is None or f.currency != money.currency]
            unsent = [f for f in money.funds if f.target_tier == UNKNOWN]
            open_ = unsized or unsent
            if not open_:  # every amount is stated, and they add up to nothing
                yield self.finding(
                    f"the funding states no money: its amounts add up to nothing, so the middle (`{first.id}`) "
                    "has none for the work it leads", span_of(money.funds[0].node, "amount"), add)
                return
            yield self.not_assessed(
                f"the spec does not say {'how much' if unsized else 'to whom'} "
                f"{listing(f.id for f in open_[:3])} {'pays' if len(open_) == 1 else 'pay'}; state it so that the "
                "middle's share of the money can be assessed", span_of(open_[0].node),
                "add its `amount`" if unsized else f"add `to: {first.id}` (or the level it goes to)",
                [(span_of(f.node), f"`{f.id}` says no {'amount' if f in unsized else 'receiver'}")
                 for f in open_[1:3]])
            return
        total = f"{money.total:,.0f} {money.currency}"
        if mine:
            got = sum(f.amount or 0 for f in mine if f.currency == money.currency)
            per = [f for f in mine if f.per_unit is not None]
            each = (f", about {per[0].per_unit:,.0f} {money.currency} per unit of `{per[0].target}` a year"
                    if per else "")
            message = (f"the middle ({listing(lv.id for lv in facts.middle)}) has {got:,.0f} of the {total} "
                       f"({share.low:.1%}){each}: a sliver for leading {work:.0%} of the work "
                       f"(the project's default asks at least {need:.0%})")
            where = mine[0].node.header
        else:
            message = f"none of the {total} reaches the middle (`{first.id}`) or comes from its own budgets"
            where = first.header
        related = [(span_of(f.node, "amount"), f"`{f.id}`: {f.amount:,.0f} {f.currency} to `{f.target}`")
                   for f in sorted((f for f in money.funds if f.amount is not None and f not in mine),
                                   key=lambda f: -f.amount)[:3]]
        yield self.finding(message, where, add, related)
