"""LM014: flags a middle whose learning is not spread beyond it, or that draws nothing from the larger system."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class LearningNotSortedAndSpread(Rule):
    code = "LM014"
    name = "learning-not-sorted-and-spread"
    principle = "lftm.systemness"
    requires = "lftm.middle_exists"
    summary = ("What the middle learns is not spread beyond it (`spreads_to`), or it draws nothing from the "
               "larger system.")
    plain = "spread what the middle learns beyond it, and let it draw on the wider system"
    docs = RuleDocs(
        what="An initiative with a middle whose `learning_model` spreads what is learned (`spreads_to`) only "
             "within the middle, or to no one; or whose middle draws nothing from the larger system (no network "
             "`learns_from` anyone, and no link from the top carries support, capacity building, co-learning, "
             "co-design or data to it). Not stating `spreads_to` leaves the principle not assessed.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) speaks of systemness: what the "
            "middle learns is assessed, sorted and spread beyond it (regional, provincial and "
            "international exchanges), and the middle contributes to the larger system and draws from it. "
            "Reading that from `spreads_to`, `learns_from` and the links is reformlang's own judgement.",
        weak="""\
learning_model {
  spreading: [district_meetings]
  spreads_to: [districts]
}""",
        strong="""\
learning_model {
  spreading: [learning_fairs, provincial_exchange]
  spreads_to: [schools, ministry, "Other provinces"]
}""",
    )

    def check(self, facts):
        if not facts.middle:
            return
        first = facts.middle[0]
        lm = facts.initiative.learning_model
        add = msg('add `spreads_to: [schools, ministry, "Other provinces"]` to the `learning_model`, with the '
                  "`spreading` that carries it (e.g. `[learning_fairs, provincial_exchange]`)")
        if lm is None or not stated(lm, "spreads_to"):
            yield self.not_assessed(
                msg("the spec does not say where what the middle learns is spread; state it so that systemness can "
                    "be assessed"), (lm.header if lm else None) or facts.header, add)
            return
        beyond = [x for x in lm.spreads_to if facts.tier(x) != "middle"]
        if not beyond:
            yield self.finding(
                msg("what is learned is spread only within the middle ({to}), not beyond it",
                    to=listing(lm.spreads_to) or msg("to no one")), span_of(lm, "spreads_to"), add)
            return
        design = facts.design
        draws = [f for f in design.flows if f.target_tier == "middle" and f.source_tier != "middle"
                 and any(facts.has("link_kind", k, "knowledge") for k in f.kinds)]
        if design.learning.learns_from or draws:
            return
        nets = [n for n in facts.initiative.networks if not stated(n, "learns_from")]
        # Links list what the spec knows flows: not held only when every network says it learns from no one.
        if nets or not facts.initiative.networks:
            yield self.not_assessed(
                msg("the spec does not say what the middle (`{id}`) draws from the larger system; state whom its "
                    "networks learn from (`learns_from`) so that systemness can be assessed", id=first.id),
                nets[0].header if nets else first.header,
                msg('add `learns_from: ["Other regions", "University partners"]` to a network'))
            return
        yield self.finding(
            msg("the middle (`{id}`) draws nothing from the larger system: its networks learn from no one outside "
                "them (`learns_from: []`), and no link brings it more than direction or money", id=first.id),
            first.header,
            msg('add `learns_from: ["Other regions"]` to a network, or `link ministry -> {id} '
                "{{ capacity_building }}`", id=first.id))
