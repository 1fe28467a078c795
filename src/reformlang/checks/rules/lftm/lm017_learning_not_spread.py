"""LM017: flags a design that states no way of spreading what is learned to all schools."""

from __future__ import annotations

from reformlang.checks.facts import listing, mentions, span_of, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class LearningNotSpread(Rule):
    code = "LM017"
    name = "learning-not-spread"
    principle = "lftm.diffusion"
    summary = "The `learning_model` states no `spreading`, or spreads what is learned to no school."
    plain = "say how what is learned spreads to every school"
    docs = RuleDocs(
        what="An initiative whose `learning_model` states an empty `spreading`, or whose `spreads_to` names no "
             "level of schools (the bottom tier). When the spec does not say how what is learned is spread, "
             "the principle is not assessed.",
        why="\"Making Progress Possible\" (Thiers with Fullan, Educational Leadership, 2017) contrasts "
            "diffusion, where any school may join and what is learned spreads quickly to all, with "
            "scaling up from pilots. A design shows diffusion by stating how learning spreads and to "
            "whom, which is reformlang's way of stating it.",
        weak="""\
learning_model {
  spreading: []
}""",
        strong="""\
learning_model {
  spreading: [learning_fairs, shared_case_bank]
  spreads_to: [schools]
}""",
    )

    def check(self, facts):
        lm = facts.initiative.learning_model
        bottom = facts.bottom[0].id if facts.bottom else "schools"
        add = msg("add `spreading: [learning_fairs, shared_case_bank]  spreads_to: [{bottom}]` to the `learning_model`",
                  bottom=bottom)
        if lm is None or not stated(lm, "spreading"):
            yield self.not_assessed(
                msg("the spec does not say how what is learned is spread to all schools; state it so that diffusion "
                    "can be assessed"), (lm.header if lm else None) or facts.header,
                add if lm else msg("add `learning_model {{ spreading: [learning_fairs]  spreads_to: [{bottom}] }}`",
                                   bottom=bottom))
            return
        if not lm.spreading:
            yield self.finding(msg("nothing spreads what is learned: `spreading` is empty"), span_of(lm, "spreading"),
                               add)
            return
        if stated(lm, "spreads_to") and not any(facts.tier(x) == "bottom" or mentions((x,), "school")
                                                for x in lm.spreads_to):
            yield self.finding(
                msg("what is learned is spread to {to}, not to the schools",
                    to=listing(lm.spreads_to) or msg("no one")),
                span_of(lm, "spreads_to"), msg("add `{bottom}` to `spreads_to`", bottom=bottom))
