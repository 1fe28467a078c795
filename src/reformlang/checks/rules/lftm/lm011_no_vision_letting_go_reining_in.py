"""LM011: flags an initiative that lacks a directional vision, a scope of autonomy, or a way to rein in."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NoVisionLettingGoReiningIn(Rule):
    code = "LM011"
    name = "no-vision-letting-go-reining-in"
    principle = "lftm.vision_letting_go_reining_in"
    summary = ("Reining in is empty (`reining_in: []`); a missing vision, letting go, reining in, or co-learning "
               "for it to live in, is not assessed.")
    plain = "pair a clear direction with room for local initiative, and say where the centre reins in"
    docs = RuleDocs(
        what="A learning model whose `reining_in` is empty. A missing `vision` (the initiative's own counts), "
             "`letting_go` or `reining_in`, or reining in with no co-learning stated for it to live in (no link "
             "carries `co_learning` and there is no network), leaves the principle not assessed.",
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
        parts = {
            "vision": 'vision: "Where the system is heading"',
            "letting_go": 'letting_go: "What schools and districts decide for themselves"',
            "reining_in": "reining_in: [co_learning_protocols, shared_assessment]",
        }
        if lm is not None and stated(lm, "reining_in") and not lm.reining_in:
            yield self.finding(msg("the learning model reins in nothing: `reining_in` is empty"),
                               span_of(lm, "reining_in"), msg("add `{add}`", add=parts["reining_in"]))
            return
        missing = []
        if not facts.vision:
            missing.append("vision")
        if lm is None or not lm.letting_go:
            missing.append("letting_go")
        if lm is None or not lm.reining_in:
            missing.append("reining_in")
        if missing:
            adds = "  ".join(parts[m] for m in missing)
            where = facts.header if lm is None else (lm.header or lm.span)
            yield self.not_assessed(
                msg("the spec does not state the initiative's {missing}; state it so that directional vision, "
                    "letting go and reining in can be assessed", missing=listing(missing)) if len(missing) == 1 else
                msg("the spec does not state the initiative's {missing}; state them so that directional vision, "
                    "letting go and reining in can be assessed", missing=listing(missing)), where,
                msg("add `learning_model {{ {adds} }}`", adds=adds) if lm is None else msg("add `{add}`", add=adds),
            )
            return
        # Reining in is built into co-learning: there must be co-learning for it to live in.
        # Co-learning left out is not stated, not absent: the principle is then not assessed.
        learning = facts.design.learning
        if not learning.co_learning and not learning.networks:
            yield self.not_assessed(
                msg("the spec does not say what co-learning the reining in ({reining_in}) is built into: no link "
                    "carries `co_learning` and there is no network; state it so that reining in can be assessed",
                    reining_in=listing(lm.reining_in)), span_of(lm, "reining_in"),
                msg("build the reining in into shared work: `link districts <-> districts {{ co_learning }}` or a "
                    "network whose members use the protocols"),
            )
