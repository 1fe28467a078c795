"""LM009: flags a rollout that pilots first and scales up later."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class PilotThenScale(Rule):
    code = "LM009"
    name = "pilot-then-scale"
    principle = "lftm.diffusion"
    summary = "The rollout's `mode` is `pilot`; a rollout that states no mode is not assessed."
    plain = "spread what works by inviting schools in, rather than scaling up a pilot"
    docs = RuleDocs(
        what="A `rollout` with `mode: pilot`. A rollout that does not state its mode leaves the principle not "
             "assessed.",
        why="\"Making Progress Possible\" (Thiers with Fullan, Educational Leadership, 2017) contrasts "
            "diffusion, where any school may join and what is learned spreads quickly to all, with "
            "scaling up from pilots, where new places lack the capacity, rollout is slow, and priorities "
            "change before it finishes.",
        weak="""\
rollout {
  mode: pilot
  phase pilots "Ten pilot schools" { period: 2026 .. 2028  coverage: 1% }
  phase scale "Scale up" { period: 2029 .. 2033  coverage: 100% }
}""",
        strong="""\
rollout {
  mode: diffusion
  phase launch "Volunteer networks" { period: 2026 .. 2027  coverage: 30% }
  phase spread "Any school may join" { period: 2027 .. 2029  coverage: 100% }
}""",
    )

    def check(self, facts):
        ro = facts.initiative.rollout
        if ro is not None and ro.mode is None:
            yield self.not_assessed(
                msg("the spec does not say how the rollout spreads; state its `mode` so that diffusion can be "
                    "assessed"),
                ro.header or ro.span, msg("add `mode: diffusion` (any school may join), or the mode it has"),
                fix=add_attribute(ro, "mode", "diffusion"))
            return
        if ro is None or facts.means("rollout_mode", ro.mode) != "pilot":
            return
        related = [(ph.header, msg("phase `{id}` reaches {coverage:g}%", id=ph.id, coverage=ph.coverage))
                   for ph in ro.phases if ph.coverage is not None]
        yield self.finding(
            msg("the rollout scales up from pilots instead of letting any school join"), span_of(ro, "mode"),
            msg("use `mode: diffusion` with networks any school may join (`joining: open`), spreading what the "
                "first schools learn"),
            related, fix=set_attribute(ro, "mode", "diffusion"),
        )
