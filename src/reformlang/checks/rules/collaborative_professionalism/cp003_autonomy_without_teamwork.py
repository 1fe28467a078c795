"""CP003: flags autonomy that is unstated or exercised in isolation."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class AutonomyWithoutTeamwork(Rule):
    code = "CP003"
    name = "autonomy-without-teamwork"
    principle = "collaborative_professionalism.freedom_to"
    summary = "Freedom to act with no one stated to learn with, or no stated scope of autonomy: not assessed."
    plain = "pair freedom to act with people to learn with and a clear scope for that freedom"
    docs = RuleDocs(
        what="An initiative that states no scope of autonomy (`letting_go` in the `learning_model`), or that "
             "grants it with neither a `co_learning` link nor a `network` stated to work in. Links list what the "
             "spec knows flows, so both leave the principle not assessed; nothing a spec can state goes "
             "against it.",
        why="\"Making Progress Possible\" (Thiers with Fullan, Educational Leadership, 2017) pairs autonomy "
            "with teamwork: freedom to act, not in isolation, with critical feedback and checks between "
            "autonomy and responsibility. reformlang looks for a stated scope of autonomy together with "
            "co-learning.",
        weak="""\
learning_model {
  letting_go: "Each school decides everything for itself"
}""",
        strong="""\
learning_model {
  letting_go: "Each school chooses its inquiry focus within the shared goals"
}
link schools <-> schools { co_learning }""",
    )

    def check(self, facts):
        init = facts.initiative
        lm = init.learning_model
        if lm is None or not lm.letting_go:
            yield self.not_assessed(
                msg("the spec does not say what schools and teachers are free to decide; state it so that "
                    "freedom to act can be assessed"), (lm.header if lm else None) or facts.header,
                msg('add `letting_go: "What schools decide for themselves"` to the `learning_model`') if lm else
                msg('add `learning_model {{ letting_go: "What schools decide for themselves" }}`'),
            )
        elif not facts.co_learning and not init.networks:
            # Links list what the spec knows flows: co-learning left out is not stated, not absent.
            yield self.not_assessed(
                msg("the spec does not say with whom schools that are free to act learn; state it so that "
                    "freedom with teamwork can be assessed"), lm.spans.get("letting_go") or lm.header,
                msg("add `link schools <-> schools {{ co_learning }}` or a network of schools"))
