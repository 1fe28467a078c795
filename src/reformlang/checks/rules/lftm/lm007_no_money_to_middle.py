"""LM007: flags a middle to which no money flows."""

from __future__ import annotations

from reformlang.analysis import UNKNOWN
from reformlang.checks.facts import listing, span_of
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.checks.rules.lftm import money_share
from reformlang.i18n import msg


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
        if not money.funds:
            links = [link for link in facts.initiative.links if facts.carries(link, "money")]
            yield self.not_assessed(
                msg("the spec does not say how the middle (`{id}`) is funded; state its funding (how much, from "
                    "whom, over which years) so that a resourced middle can be assessed", id=first.id),
                first.header, _fund_it(facts, first),
                [(link.header, msg("money runs along this link, but the spec does not say how much"))
                 for link in links])
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
                    msg("the funding states no money: its amounts add up to nothing, so the middle (`{id}`) has "
                        "none for the work it leads", id=first.id), span_of(money.funds[0].node, "amount"),
                    _fund_it(facts, first))
                return
            funds = listing(f.id for f in open_[:3])
            what = msg("how much") if unsized else msg("to whom")
            yield self.not_assessed(
                msg("the spec does not say {what} {funds} pays; state it so that the middle's share of the money "
                    "can be assessed", what=what, funds=funds) if len(open_) == 1 else
                msg("the spec does not say {what} {funds} pay; state it so that the middle's share of the money "
                    "can be assessed", what=what, funds=funds), span_of(open_[0].node),
                msg("add its `amount`") if unsized else msg("add `to: {id}` (or the level it goes to)", id=first.id),
                [(span_of(f.node), msg("`{id}` says no amount", id=f.id) if f in unsized else
                  msg("`{id}` says no receiver", id=f.id)) for f in open_[1:3]])
            return
        if mine:
            got = sum(f.amount or 0 for f in mine if f.currency == money.currency)
            per = [f for f in mine if f.per_unit is not None]
            each = (msg(", about {amount:,.0f} {currency} per unit of `{id}` a year", amount=per[0].per_unit,
                        currency=money.currency, id=per[0].target) if per else "")
            message = msg("the middle ({ids}) has {part}{each}: a sliver for leading {work:.0%} of the work (the "
                          "project's default asks at least {need:.0%})", ids=listing(lv.id for lv in facts.middle),
                          part=money_share(got, money, share.low), each=each, work=work, need=need)
            where = mine[0].node.header
        else:
            message = msg("none of the {total:,.0f} {currency} reaches the middle (`{id}`) or comes from its own "
                          "budgets", total=money.total, currency=money.currency, id=first.id)
            where = first.header
        related = [(span_of(f.node, "amount"), msg("`{id}`: {amount:,.0f} {currency} to `{to}`", id=f.id,
                                                   amount=f.amount, currency=f.currency, to=f.target))
                   for f in sorted((f for f in money.funds if f.amount is not None and f not in mine),
                                   key=lambda f: -f.amount)[:3]]
        yield self.finding(message, where, _fund_it(facts, first), related)


def _fund_it(facts, first) -> str:
    """The help: a fund from the top to the middle."""
    source = facts.top[0].id if facts.top else "ministry"
    return msg('add `funding middle_fund "..." {{ amount: 25_000_000 CAD  from: {source}  to: {id}  '
               "period: ...  purpose: capacity }}`", source=source, id=first.id)
