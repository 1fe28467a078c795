"""LM012: flags a design that builds capacity through the middle but not of the middle itself."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.checks.rules.lftm import money_share
from reformlang.i18n import msg


class MiddleCapacityNotBuilt(Rule):
    code = "LM012"
    name = "middle-capacity-not-built"
    principle = "lftm.middle_capacity"
    requires = "lftm.middle_exists"
    summary = ("No strategy builds the middle's capacity, no money for capacity reaches it, and its units share "
               "no network.")
    plain = "build the middle's own capacity: training, money for it, or networks among its units"
    docs = RuleDocs(
        what="An initiative with a middle whose money is stated to be for other things than capacity, where no "
             "strategy that `builds: capacity` `reaches` a middle level and no network has the middle's units as "
             "its `members` (shared goals across them). When the spec does not say what the middle's money is "
             "for, and nothing else builds the middle, the principle is not assessed. Capacity money that is all "
             "that builds the middle, and is below `middle_money_share` of the total (reformlang's own default), "
             "is a token: not held.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) asks that the middle itself be "
            "strengthened: its capacity and the coherence among its units, not only the work it passes on "
            "to schools. Which facts of a spec show it (a strategy reaching the middle, money for its "
            "capacity, a network of its units) is reformlang's own reading, and so is counting capacity money below "
            "`middle_money_share` of the total (5% by default, configurable under `[thresholds]`) as a token.",
        weak="""\
strategy coaching "Coaches for schools" { owner: districts  reaches: schools  builds: capacity }
funding middle_fund "District administration" { amount: 5_000_000 CAD  to: districts  purpose: administration }""",
        strong="""\
strategy coaching "Coaches for schools" { owner: districts  reaches: schools  builds: capacity }
strategy system_leaders "Leadership learning for district teams" {
  owner: ministry
  reaches: districts
  builds: capacity
}""",
    )

    def check(self, facts):
        if not facts.middle:
            return
        init = facts.initiative
        middle = facts.middle_ids
        first = facts.middle[0]
        builders = [s for s in facts.strategies
                    if middle & set(s.reaches) and "capacity" in facts.library.meanings("builds", s.builds)]
        funds = [f for f in init.funding
                 if f.to in middle and any(facts.has("purpose", p, "capacity") for p in f.purpose)]
        networks = [n for n in init.networks if n.members in middle]
        money = facts.design.money
        if funds and not builders and not networks and money.total:
            # A sliver of the money for the middle's capacity is a token, not capacity built
            # (frameworks.md, "What the checker judges", 1; the threshold is the project's own).
            got = sum(f.amount.amount for f in funds if f.amount is not None and f.amount.currency == money.currency)
            need = facts.threshold("middle_money_share")
            if all(f.amount is not None for f in funds) and got / money.total < need:
                yield self.finding(
                    msg("the only thing that builds the middle (`{id}`) is {funds}: {part}, a token (the project's "
                        "default asks at least {need:.0%})", id=first.id, funds=listing(f.id for f in funds),
                        part=money_share(got, money), need=need),
                    span_of(funds[0], "amount"),
                    msg('add a strategy that reaches the middle: `strategy {id}_leadership "..." {{ reaches: '
                        "{id}  builds: capacity }}`, or fund its capacity in earnest", id=first.id))
                return
        if builders or funds or networks:
            return
        add = msg('add a strategy that reaches the middle: `strategy {id}_leadership "..." {{ reaches: '
                  "{id}  builds: capacity }}`, or `purpose: capacity` on its funding", id=first.id)
        said_reach = [s for s in facts.strategies if s.reaches and stated(s, "builds")]
        to_middle = [f for f in init.funding if f.to in middle]
        said_money = to_middle if to_middle and all(stated(f, "purpose") for f in to_middle) else []
        # Strategies listed without one for the middle leave it unstated; money paid to the middle for other
        # things states that it is not for the middle's capacity.
        if not said_money:
            yield self.not_assessed(
                msg("the spec does not say whether anything builds the capacity of the middle (`{id}`) itself; "
                    "state a strategy that reaches it, or what the middle's money is for, so that it can be "
                    "assessed", id=first.id),
                first.header, add)
            return
        related = [(span_of(s, "reaches"), msg("`{id}` reaches {reaches}", id=s.id, reaches=listing(s.reaches)))
                   for s in said_reach[:3]]
        related += [(span_of(f, "purpose"), msg("`{id}` is for {purpose}", id=f.id, purpose=listing(f.purpose)))
                    for f in said_money[:2]]
        yield self.finding(
            msg("the design works through the middle (`{id}`) but builds nothing of it: no strategy builds its "
                "capacity, none of its money is for capacity, and its units share no network", id=first.id),
            first.header, add, related)
