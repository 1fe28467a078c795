"""LM016: flags a design with no outcome or indicator of student engagement, or no students as partners."""

from __future__ import annotations

from reformlang.checks.facts import mentions, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg

ENGAGEMENT = "engagement"  # the trait of an outcome of student engagement (stdlib vocabulary `outcome`)
STUDENTS = ("student", "ākonga", "akonga")


class StudentEngagementNotMeasured(Rule):
    code = "LM016"
    name = "student-engagement-not-measured"
    principle = "lftm.student_engagement"
    summary = "Students are partners nowhere the spec says who takes part in its work on student engagement."
    plain = "make students partners in the work on their own engagement"
    docs = RuleDocs(
        what="An initiative with a priority that aims at student engagement (outcome `engagement`) where every "
             "network names its `partners` and none of them, nor any strategy that `reaches` students and "
             "`builds: partnerships`, nor the engagement, makes students partners. A spec with no engagement "
             "outcome, or none measured by an indicator, leaves the principle not assessed.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015), in its French summary (EN "
            "BREF), names measurable effects on student engagement, and New Pedagogies for Deep Learning, "
            "which it describes, makes students partners in learning with teachers and families.",
        weak="""\
priority engaged "Students engaged in their learning" { outcome: engagement }
network learning_partnerships "Learning partnerships" { partners: [teachers, families] }""",
        strong="""\
priority engaged "Students engaged in their learning" {
  outcome: engagement
  indicator engaged_students "Students who say school work matters to them" {
    baseline: 48% in 2026
    target: 65% by 2030
  }
}
network learning_partnerships "Learning partnerships" { partners: [students, teachers, families] }""",
    )

    def check(self, facts):
        init = facts.initiative
        priorities = init.priorities
        add = msg('add `priority engaged "..." {{ outcome: engagement  indicator ... {{ baseline: ...  target: ... }} '
                  "}}` and students among a network's `partners`")
        aims = [p for p in priorities if any(facts.has("outcome", o, ENGAGEMENT) for o in p.outcome)]
        if not aims:
            # A case written from its sources lists the priorities they give; an outcome left out is not stated.
            yield self.not_assessed(
                msg("the spec states no outcome or indicator of student engagement; state one so that it can be "
                    "assessed"), priorities[0].header if priorities else facts.header, add)
            return
        if not any(p.indicators for p in aims):
            yield self.not_assessed(
                msg("the spec does not say how student engagement (`{id}`) is measured; state an indicator so that "
                    "it can be assessed", id=aims[0].id), aims[0].header,
                msg('add `indicator engaged_students "..." {{ baseline: ...  target: ... }}` inside `{id}`',
                    id=aims[0].id))
        partners = (any(mentions(n.partners, *STUDENTS) for n in init.networks)
                    or any(mentions(s.reaches, *STUDENTS)
                           and "partnerships" in facts.library.meanings("builds", s.builds) for s in facts.strategies)
                    or (init.engagement is not None and mentions(init.engagement.with_, *STUDENTS)))
        if partners:
            return
        said = init.networks and all(stated(n, "partners") for n in init.networks)
        if said:
            yield self.finding(msg("students are partners in learning nowhere: no network names them among its "
                                   "partners"), aims[0].header, msg("add `students` to a network's `partners`"))
        else:
            yield self.not_assessed(
                msg("the spec does not say whether students are partners in learning; state it (a network's "
                    "`partners`, or a strategy that reaches students and `builds: partnerships`) so that student "
                    "engagement can be assessed"), aims[0].header,
                msg("add `partners: [students, teachers, families]`"))
