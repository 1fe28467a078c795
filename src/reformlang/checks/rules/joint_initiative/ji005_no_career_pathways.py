"""JI005: flags an initiative where no strategy builds career pathways for the profession."""

from __future__ import annotations

from reformlang.checks.facts import stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NoCareerPathways(Rule):
    code = "JI005"
    name = "no-career-pathways"
    principle = "joint_initiative.career_pathways"
    summary = "No strategy `builds: career_pathways`."
    plain = "build clear career pathways for teachers and leaders"
    docs = RuleDocs(
        what="An initiative none of whose strategies has `career_pathways` among what it `builds`.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) gives the five principles of "
            "New Zealand's Joint Initiative (2015); one grows the profession through defined career "
            "pathways. reformlang looks for a strategy that builds them.",
        weak="""\
strategy coaching "Coaching" { owner: districts  reaches: teachers  builds: capacity }""",
        strong="""\
strategy new_roles "Across-school and within-school teacher roles" {
  owner: clusters
  reaches: teachers
  builds: [capacity, career_pathways]
}""",
    )

    def check(self, facts):
        if "career_pathways" in facts.builds:
            return
        strategies = facts.strategies
        where = strategies[0].header if strategies else facts.header
        add = msg('add a strategy with `builds: career_pathways`, e.g. `strategy lead_roles "Lead teacher roles" '
                  "{{ reaches: teachers  builds: career_pathways }}`")
        if not strategies or not all(stated(s, "builds") for s in strategies):
            yield self.not_assessed(
                msg("the spec does not say what every strategy builds; state it so that career pathways can be "
                    "assessed"), where, add)
            return
        yield self.finding(msg("no strategy builds career pathways for teachers and leaders"), where, add)
