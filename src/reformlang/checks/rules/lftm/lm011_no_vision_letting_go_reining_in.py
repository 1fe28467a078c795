"""LM011: flags an initiative that lacks a directional vision, a scope of autonomy, or a way to rein in."""

from __future__ import annotations

from reformlang.checks.facts import listing
from reformlang.checks.rule import Rule, RuleDocs


class NoVisionLettingGoReiningIn(Rule):
    code = "LM011"
    name = "no-vision-letting-go-reining-in"
    principle = "lftm.vision_letting_go_reining_in"
    summary = "The `learning_model` is missing a `vision`, a `letting_go` or a `reining_in`."
    docs = RuleDocs(
        what="An initiative without a `learning_model`, or whose learning model lacks any of `vision` (the "
             "initiative's own `vision` also counts), `letting_go` or `reining_in`.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) gives \"directional vision, "
            "letting go, reining in\", after Fullan and Langworthy's \"A Rich Seam\", as the way of working "
            "of New Pedagogies for Deep Learning: a shared direction, real room for schools and districts "
            "to act, and ways of pulling the variation back to what works. reformlang looks for all "
            "three, with reining in built into co-learning rather than inspection alone.",
        weak="""\
learning_model {
  vision: "Deep learning for all"
}""",
        strong="""\
learning_model {
  vision: "Deep learning for all"
  letting_go: "Schools choose their inquiry focus within the shared goals"
  reining_in: [co_learning_protocols, annual_review]
}""",
    )

    def check(self, facts):
        lm = facts.initiative.learning_model
        missing = []
        if not facts.vision:
            missing.append("vision")
        if lm is None or not lm.letting_go:
            missing.append("letting_go")
        if lm is None or not lm.reining_in:
            missing.append("reining_in")
        if not missing:
            return
        parts = {
            "vision": 'vision: "Where the system is heading"',
            "letting_go": 'letting_go: "What schools and districts decide for themselves"',
            "reining_in": "reining_in: [co_learning_protocols, annual_review]",
        }
        adds = "  ".join(parts[m] for m in missing)
        if lm is None:
            yield self.finding(
                f"the initiative has no learning model: it does not state its {listing(missing)}", facts.header,
                f"add `learning_model {{ {adds} }}`",
            )
        else:
            yield self.finding(
                f"the learning model does not state its {listing(missing)}", lm.header or lm.span,
                f"add `{adds}`",
            )
