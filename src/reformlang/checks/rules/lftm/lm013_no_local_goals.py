"""LM013: flags a middle that may not set local goals within the shared priorities."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NoLocalGoals(Rule):
    code = "LM013"
    name = "no-local-goals"
    principle = "lftm.local_needs"
    requires = "lftm.middle_exists"
    summary = "No priority lets the middle set `local_goals` within it."
    plain = "let the middle set local goals within the shared priorities"
    docs = RuleDocs(
        what="An initiative with a middle where priorities state `local_goals` and none names a middle level "
             "(e.g. `local_goals: []`). When no priority says who sets local goals within it, the principle is "
             "not assessed.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) has the middle join the "
            "system's goals with local needs, as Quebec's districts did with local and province-wide "
            "priorities. A spec shows it by letting the middle set its own goals within the shared ones "
            "(`local_goals`), which is reformlang's way of stating it.",
        weak="""\
priority literacy "Reading by Grade 6" {
  owner: ministry
  local_goals: []
}""",
        strong="""\
priority literacy "Reading by Grade 6" {
  owner: ministry
  local_goals: [districts]
}""",
    )

    def check(self, facts):
        if not facts.middle:
            return
        first = facts.middle[0]
        priorities = facts.initiative.priorities
        verdict = facts.design.decisions.sets_local_goals(facts.middle_ids)
        if verdict:
            return
        said = [p for p in priorities if stated(p, "local_goals")]
        add = msg("add `local_goals: [{id}]` to a shared priority, so the middle sets its own goals within it",
                  id=first.id)
        if verdict is None or len(said) < len(priorities):  # a priority that does not say might
            yield self.not_assessed(
                msg("the spec does not say whether the middle (`{id}`) may set local goals within the shared "
                    "priorities; state it so that local needs can be assessed", id=first.id),
                priorities[0].header if priorities else facts.header, add)
            return
        yield self.finding(
            msg("the middle (`{id}`) sets no local goals within the shared priorities", id=first.id),
            span_of(said[0], "local_goals"), add,
            [(span_of(p, "local_goals"), msg("`{id}`: local goals by {levels}", id=p.id,
                                             levels=listing(p.local_goals) or msg("no one")))
             for p in said[1:]])
