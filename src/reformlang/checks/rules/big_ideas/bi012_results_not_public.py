"""BI012: flags accountability whose results are not made public."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class ResultsNotPublic(Rule):
    code = "BI012"
    name = "results-not-public"
    principle = "big_ideas.intelligent_accountability"
    summary = "The `accountability` block's `transparency` is `none` or not stated."
    plain = "make the results public, so everyone can see progress"
    docs = RuleDocs(
        what="An `accountability` block whose `transparency` is `none`, or which does not state it. "
             "`internal` transparency is accepted.",
        why="\"Intelligent accountability\" is one of the seven big ideas for whole-system change that "
            "\"Leadership from the Middle\" (Fullan, Education Canada, 2015) lists by title. reformlang "
            "counts transparency as part of it: results that are seen let schools learn from each other "
            "and let the public trust the work.",
        weak="""\
accountability {
  transparency: none
}""",
        strong="""\
accountability {
  transparency: public
}""",
    )

    def check(self, facts):
        acc = facts.initiative.accountability
        if acc is None:
            return
        if facts.means("transparency", acc.transparency) == "none":
            yield self.finding(msg("results are not shared with anyone"), span_of(acc, "transparency"),
                               msg("use `transparency: public`"), fix=set_attribute(acc, "transparency", "public"))
        elif acc.transparency is None:
            yield self.not_assessed(
                msg("the spec does not say who sees the results; state it so that transparency can be assessed"),
                acc.header or acc.span, msg("add `transparency: public`"),
                fix=add_attribute(acc, "transparency", "public"),
            )
