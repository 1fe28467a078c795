"""BI011: flags accountability that rests on fewer than two measures."""

from __future__ import annotations

from reformlang.checks.facts import span_of, stated
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class SingleMeasureAccountability(Rule):
    code = "BI011"
    name = "single-measure-accountability"
    principle = "big_ideas.intelligent_accountability"
    summary = "The `accountability` block's `measures` name fewer than two indicators."
    plain = "judge results by more than one measure"
    docs = RuleDocs(
        what="An `accountability` block whose `measures` list names no indicator or only one.",
        why="\"Intelligent accountability\" is one of the seven big ideas for whole-system change that "
            "\"Leadership from the Middle\" (Fullan, Education Canada, 2015) lists by title. reformlang "
            "reads it as judging results by more than one measure: a single measure becomes the target "
            "itself and invites narrowing the work to it.",
        weak="""\
accountability {
  measures: [grade6_reading]
}""",
        strong="""\
accountability {
  measures: [grade6_reading, grade6_math, graduation_rate]
}""",
    )

    def check(self, facts):
        acc = facts.initiative.accountability
        if acc is None or len(acc.measures) >= 2:
            return
        measured = set(acc.measures)
        others = [i for i in facts.indicators if i not in measured]
        add = msg("add another indicator, e.g. `measures: [{items}]`", items=", ".join((*acc.measures, *others[:1]))) \
            if others else msg("add a second indicator to a priority and list both in `measures`")
        if acc.measures:
            more = ", ".join((*acc.measures, *others[:1]))
            yield self.finding(
                msg("accountability rests on one measure (`{measure}`)", measure=acc.measures[0]),
                span_of(acc, "measures"), add,
                fix=set_attribute(acc, "measures", f"[{more}]") if others else None,
            )
        else:
            example = ", ".join(list(facts.indicators)[:2]) or "grade6_reading, grade6_math"
            help_ = msg("add `measures: [{example}]`, the indicators results are judged by", example=example)
            if stated(acc, "measures"):
                yield self.finding(msg("accountability names no measures: `measures` is empty"),
                                   span_of(acc, "measures"), help_,
                                   fix=set_attribute(acc, "measures", f"[{example}]") if facts.indicators else None)
            else:
                yield self.not_assessed(
                    msg("the spec does not say which measures accountability rests on; state them so that more "
                        "than one measure can be assessed"), acc.header or acc.span, help_,
                    fix=add_attribute(acc, "measures", f"[{example}]") if facts.indicators else None,
                )
