"""BI004: flags an initiative whose strategies or money do not build capacity."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class CapacityNotBuiltOrFunded(Rule):
    code = "BI004"
    name = "capacity-not-built-or-funded"
    principle = "big_ideas.collective_capacity"
    summary = "Strategies that say what they build build no capacity, or money with a stated purpose buys none."
    plain = "say how the work builds people's capacity, and spend money on it"
    docs = RuleDocs(
        what="An initiative whose strategies state what they build (`builds`) and none builds `capacity`, or whose "
             "funding states its `purpose` and none is `capacity`. Strategies or funding that do not say are not "
             "assessed.",
        why="\"Collective capacity\" is one of the seven big ideas for whole-system change that \"Leadership "
            "from the Middle\" (Fullan, Education Canada, 2015) lists by title; Ontario's reform "
            "(2003-2015), one of the two reforms the ideas come from, built capacity. reformlang reads it "
            "as strategies and money aimed at building capacity, not only at pressure.",
        weak="""\
strategy targets "Targets for every school" { owner: ministry  reaches: schools  builds: accountability }
funding inspections "School inspections" { amount: 10_000_000 CAD  purpose: accountability }""",
        strong="""\
strategy coaching "A literacy coach for every school" { owner: districts  reaches: schools  builds: capacity }
funding coaches "Coaches" { amount: 10_000_000 CAD  purpose: capacity }""",
    )

    def check(self, facts):
        init = facts.initiative
        strategies = facts.strategies
        if "capacity" not in facts.builds:
            stating = [s for s in strategies if stated(s, "builds")]
            if stating and len(stating) == len(strategies):  # a strategy that does not say might build it
                built = listing(sorted(facts.builds)) or msg("nothing")
                if len(stating) == 1:
                    message = msg("the only strategy builds {built}, not capacity", built=built)
                else:
                    message = msg("none of the {n} strategies builds capacity; they build {built}",
                                  n=len(stating), built=built)
                yield self.finding(
                    message, stating[0].header,
                    msg("add a strategy that develops teachers and leaders: `builds: capacity`"),
                    [(span_of(s, "builds"),
                      msg("`{id}` builds {built}", id=s.id, built=listing(s.builds) or msg("nothing")))
                     for s in stating],
                )
            else:
                unsaid = [s for s in strategies if not stated(s, "builds")]
                yield self.not_assessed(
                    msg("the spec does not say what every strategy builds; state it so that collective capacity "
                        "can be assessed"), unsaid[0].header if unsaid else facts.header,
                    msg("add `builds: capacity` to the strategies that develop teachers and leaders")
                    if strategies else msg('add a strategy: `strategy coaching "..." {{ builds: capacity }}`'),
                )
        if not init.funding:
            yield self.not_assessed(
                msg("the spec does not say what money the initiative has; state it so that the money for "
                    "building capacity can be assessed"), facts.header,
                msg('add `funding capacity_fund "..." {{ amount: 10_000_000 CAD  to: districts  purpose: capacity }}`'),
            )
        elif not any(facts.has("purpose", p, "capacity") for f in init.funding for p in f.purpose):
            purposed = [f for f in init.funding if stated(f, "purpose")]
            if len(purposed) == len(init.funding):  # a fund that does not say might be for capacity
                yield self.finding(
                    msg("none of the money is for building capacity"), purposed[0].header,
                    msg("give some funding `purpose: capacity`"),
                    [(span_of(f, "purpose"),
                      msg("`{id}` is for {purpose}", id=f.id, purpose=listing(f.purpose) or msg("nothing stated")))
                     for f in purposed],
                )
            else:
                unsaid = [f for f in init.funding if not stated(f, "purpose")]
                yield self.not_assessed(
                    msg("the spec does not say what all the money is for; state its purpose so that the money for "
                        "building capacity can be assessed"), unsaid[0].header,
                    msg("add `purpose: capacity` to the funding that develops teachers and leaders"),
                )
