"""BI013: flags a rollout that does not reach every unit within the initiative's period."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class RolloutLeavesSchoolsOut(Rule):
    code = "BI013"
    name = "rollout-leaves-schools-out"
    principle = "big_ideas.all_means_all"
    summary = ("The rollout stops short of every school, or reaches it after the period; an open, growing "
               "diffusion does not.")
    plain = "make sure the rollout reaches every school within the reform's period"
    docs = RuleDocs(
        what="A `rollout` that stops short of `coverage: 100%` (pilots left as pilots, invited networks, coverage "
             "that shrinks), or whose first phase at 100% ends after the initiative's `period`. An open diffusion "
             "still growing at the period's end leaves no one out. Phases that state no coverage leave the "
             "principle not assessed.",
        why="\"All means all\" is one of the seven big ideas for whole-system change that \"Leadership from "
            "the Middle\" (Fullan, Education Canada, 2015) lists by title. reformlang reads it as every "
            "school and every student being in: a reform that never reaches the last school leaves its "
            "students behind, and a pilot that never ends is a way of not deciding.",
        weak="""\
rollout {
  phase pilots "Pilot schools" { period: 2026 .. 2028  coverage: 10% }
  phase wider "More schools" { period: 2028 .. 2031  coverage: 60% }
}""",
        strong="""\
rollout {
  phase launch "Volunteer networks" { period: 2026 .. 2027  coverage: 30% }
  phase spread "Every school" { period: 2027 .. 2029  coverage: 100% }
}""",
    )

    def check(self, facts):
        ro = facts.initiative.rollout
        if ro is None:
            return  # BI014 says the rollout is not stated
        full = [ph for ph in ro.phases if ph.coverage is not None and ph.coverage >= 100]
        period = facts.period
        if full:
            first = full[0]
            if period and first.period and first.period.end > period.end:
                yield self.finding(
                    msg("every unit is reached only by {year}, after the initiative ends in {end}",
                        year=first.period.end, end=period.end),
                    span_of(first, "period"),
                    msg("bring 100% coverage within the initiative's period (by {end}), or extend its `period`",
                        end=period.end),
                    [(span_of(facts.initiative, "period"), msg("the initiative's period"))],
                )
            return
        covered = [ph for ph in ro.phases if ph.coverage is not None]
        last = ro.phases[-1] if ro.phases else None
        end = period.end if period else "..."
        add = msg('add a phase that reaches everyone: `phase all_schools "Every school" {{ period: ... .. {end}  '
                  "coverage: 100% }}`", end=end)
        if not covered or len(covered) < len(ro.phases):  # a phase that does not say might reach everyone
            unsaid = [ph for ph in ro.phases if ph.coverage is None]
            if not covered:
                which = msg("no phase states its coverage")
            elif len(unsaid) == 1:
                which = msg("{phases} states no coverage", phases=listing(ph.id for ph in unsaid))
            else:
                which = msg("{phases} state no coverage", phases=listing(ph.id for ph in unsaid))
            yield self.not_assessed(
                msg("the spec does not say how far the rollout reaches: {which}; state it so that all means all "
                    "can be assessed", which=which),
                (unsaid[0].header if unsaid else None) or ro.header or ro.span, add,
            )
            return
        # An open diffusion that is still growing leaves no one out: any school may join as it spreads.
        closed = [n for n in facts.initiative.networks if facts.means("joining", n.joining) == "invited"]
        growing = all(a.coverage <= b.coverage for a, b in zip(covered, covered[1:]))
        runs_on = period is None or covered[-1].period is None or covered[-1].period.end >= period.end
        mode = facts.means("rollout_mode", ro.mode)
        if mode == "diffusion" and not closed and growing and runs_on:
            return
        if ro.mode is None and not closed and growing and runs_on:  # it may be an open, growing diffusion
            yield self.not_assessed(
                msg("the spec does not say how the rollout spreads; an open diffusion still growing would leave "
                    "no one out: state its `mode` so that all means all can be assessed"), ro.header or ro.span,
                msg("add `mode: diffusion` (any school may join) or the mode it has"))
            return
        reached = max(ph.coverage for ph in covered)
        if mode == "pilot":
            message = msg("the rollout stops at pilots reaching {reached:g}%: the other schools are left out",
                          reached=reached)
        elif closed:
            networks = listing([n.id for n in closed])
            if len(closed) == 1:
                message = msg("the rollout stops at {reached:g}% coverage and schools cannot join on their own: "
                              "{networks} takes invited schools only", reached=reached, networks=networks)
            else:
                message = msg("the rollout stops at {reached:g}% coverage and schools cannot join on their own: "
                              "{networks} take invited schools only", reached=reached, networks=networks)
        elif not growing:
            message = msg("the rollout shrinks back to {coverage:g}% coverage: some schools are dropped",
                          coverage=covered[-1].coverage)
        else:
            message = msg("the rollout stops at {reached:g}% coverage: some schools are never reached",
                          reached=reached)
        yield self.finding(
            message, (last.header if last else None) or ro.header or ro.span, add,
            [(span_of(n, "joining"), msg("network `{id}` is by invitation", id=n.id)) for n in closed],
        )
