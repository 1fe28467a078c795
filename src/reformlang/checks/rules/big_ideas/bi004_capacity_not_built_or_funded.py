"""BI004: flags an initiative whose strategies or money do not build capacity."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of
from reformlang.checks.rule import Rule, RuleDocs


class CapacityNotBuiltOrFunded(Rule):
    code = "BI004"
    name = "capacity-not-built-or-funded"
    principle = "big_ideas.collective_capacity"
    summary = "No strategy `builds: capacity`, or no funding has `purpose: capacity`."
    docs = RuleDocs(
        what="An initiative with priorities none of whose strategies `builds: capacity`, or with no "
             "`funding` whose `purpose` is `capacity`.",
        why="Collective capacity is one of Fullan's seven big ideas: pressure without the means to improve "
            "yields compliance, not learning, and systems improve when their people get better together, "
            "which takes strategies and money aimed at it.",
        weak="""\
strategy targets "Targets for every school" { owner: ministry  reaches: schools  builds: accountability }
funding inspections "School inspections" { amount: 10_000_000 CAD  purpose: accountability }""",
        strong="""\
strategy coaching "A literacy coach for every school" { owner: districts  reaches: schools  builds: capacity }
funding coaches "Coaches" { amount: 10_000_000 CAD  purpose: capacity }""",
    )

    def check(self, facts):
        init = facts.initiative
        if init.priorities and "capacity" not in facts.builds:
            strategies = facts.strategies
            if strategies:
                built = listing(sorted(facts.builds)) or "nothing they state"
                if len(strategies) == 1:
                    message = f"the only strategy does not build capacity; it builds {built}"
                else:
                    message = f"none of the {len(strategies)} strategies builds capacity; they build {built}"
                where = strategies[0].header
            else:
                message = "no strategy builds capacity: the priorities have no strategies"
                where = init.priorities[0].header
            yield self.finding(
                message, where,
                "add a strategy that develops teachers and leaders: `builds: capacity`",
                [(span_of(s, "builds"), f"`{s.id}` builds {listing(s.builds)}") for s in strategies if s.builds],
            )
        if not init.funding:
            yield self.finding(
                "the initiative puts no money into building capacity: it has no funding", facts.header,
                'add `funding capacity_fund "..." { amount: 10_000_000 CAD  to: districts  purpose: capacity }`',
            )
        elif not any(facts.has("purpose", p, "capacity") for f in init.funding for p in f.purpose):
            yield self.finding(
                "none of the money is for building capacity", init.funding[0].header,
                "give some funding `purpose: capacity`",
                [(span_of(f, "purpose"), f"`{f.id}` is for {listing(f.purpose) or 'no stated purpose'}")
                 for f in init.funding],
            )
