"""LM016: flags a design with no outcome or indicator of student engagement, or no students as partners."""

from __future__ import annotations

from reformlang.checks.facts import listing, mentions, stated
from reformlang.checks.rule import Rule, RuleDocs

ENGAGEMENT = "engagement"  # the trait of an outcome of student engagement (stdlib vocabulary `outcome`)
STUDENTS = ("student", "ākonga", "akonga")


class StudentEngagementNotMeasured(Rule):
    code = "LM016"
    name = "student-engagement-not-measured"
    principle = "lftm.student_engagement"
    summary = "No priority aims at student engagement with an indicator, or students are nowhere partners."
    docs = RuleDocs(
        what="An initiative whose priorities state their outcomes and none is `engagement`; one whose "
             "engagement priority has no indicator; or one where students are partners nowhere (no network's "
             "`partners`, no strategy that `reaches` them and `builds: partnerships`, not in the engagement). "
             "What the spec does not state leaves the principle not assessed.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015), in its French summary (EN "
            "BREF), names measurable effects on student engagement, and New Pedagogies for Deep Learning, "
            "which it describes, makes students partners in learning with teachers and families.",
        weak="""\
priority literacy "Reading by Grade 6" { outcome: literacy }""",
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
        add = ('add `priority engaged "..." { outcome: engagement  indicator ... { baseline: ...  target: ... } }` '
               "and students among a network's `partners`")
        aims = [p for p in priorities if any(facts.has("outcome", o, ENGAGEMENT) for o in p.outcome)]
        if not aims:
            if not priorities or any(not p.outcome for p in priorities):
                yield self.not_assessed(
                    "the spec does not say whether any priority aims at student engagement; state the outcomes "
                    "so that it can be assessed", priorities[0].header if priorities else facts.header, add)
            else:
                yield self.finding(
                    f"no priority aims at student engagement; the outcomes are {listing(sorted(facts.outcomes))}",
                    priorities[0].header, add)
            return
        if not any(p.indicators for p in aims):
            yield self.not_assessed(
                f"the spec does not say how student engagement (`{aims[0].id}`) is measured; state an indicator "
                "so that it can be assessed", aims[0].header,
                f'add `indicator engaged_students "..." {{ baseline: ...  target: ... }}` inside `{aims[0].id}`')
        partners = (any(mentions(n.partners, *STUDENTS) for n in init.networks)
                    or any(mentions(s.reaches, *STUDENTS) and "partnerships" in facts.library.meanings("builds", s.builds)
                        for s in facts.strategies)
                    or (init.engagement is not None and mentions(init.engagement.with_, *STUDENTS)))
        if partners:
            return
        said = any(stated(n, "partners") for n in init.networks)
        if said:
            yield self.finding("students are partners in learning nowhere: no network names them among its "
                               "partners", aims[0].header, "add `students` to a network's `partners`")
        else:
            yield self.not_assessed(
                "the spec does not say whether students are partners in learning; state it (a network's "
                "`partners`, or a strategy that reaches students and `builds: partnerships`) so that student "
                "engagement can be assessed", aims[0].header, "add `partners: [students, teachers, families]`")
