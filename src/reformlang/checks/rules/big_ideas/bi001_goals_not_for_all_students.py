"""BI001: flags an initiative whose goals are set for some groups of students only."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class GoalsNotForAllStudents(Rule):
    code = "BI001"
    name = "goals-not-for-all-students"
    principle = "big_ideas.all_children_can_learn"
    summary = "The initiative, or every one of its priorities, is for some groups of students only."
    plain = "set goals for every student, not for some groups only"
    docs = RuleDocs(
        what="An initiative whose `students` lists groups instead of `all`; one that does not say whom it is "
             "for and has no priority for `all`; or one whose priorities are all for some groups only.",
        why="\"All children can learn\" is one of the seven big ideas for whole-system change that "
            "\"Leadership from the Middle\" (Fullan, Education Canada, 2015) lists by title. reformlang "
            "reads it as goals and targets set for every student: goals for some groups only tell the "
            "rest they are not expected to succeed.",
        weak="""\
priority literacy "Reading by Grade 6" {
  students: ["Students in low-performing schools"]
}""",
        strong="""\
students: all
priority literacy "Reading by Grade 6" {
  students: all
}""",
    )

    def check(self, facts):
        init = facts.initiative
        if init.students is not None and not init.students.all:
            yield self.finding(
                msg("the initiative is for {groups} only, not for all students", groups=listing(init.students.groups)),
                span_of(init, "students"),
                msg("set goals for every student: `students: all` (a priority may still focus on a group)"),
                fix=set_attribute(init, "students", "all"),
            )
            return
        priorities = init.priorities
        if (init.students is not None and init.students.all) or \
                any(p.students is not None and p.students.all for p in priorities):
            return
        some = [p for p in priorities if p.students is not None]
        if some and len(some) == len(priorities):
            yield self.finding(
                msg("every priority is for some groups of students only; none is for all"), some[0].header,
                msg("set `students: all` on at least one priority, e.g. `{id}`", id=some[0].id),
                [(span_of(p, "students"), msg("`{id}` is for {groups}", id=p.id, groups=listing(p.students.groups)))
                 for p in some],
            )
        else:
            yield self.not_assessed(
                msg("the spec does not say whom the initiative's goals are for; state it so that all children "
                    "can learn can be assessed"), facts.header,
                msg("add `students: all` to the initiative (a priority may still focus on a group)"),
                fix=add_attribute(init, "students", "all"),
            )
