"""JI003: flags an initiative with no network where teachers collaborate through a named practice."""

from __future__ import annotations

from reformlang.checks.facts import listing, mentions, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg

TEACHERS = ("teacher", "kaiako")


class NoSystematicTeacherCollaboration(Rule):
    code = "JI003"
    name = "no-systematic-teacher-collaboration"
    principle = "joint_initiative.teacher_collaboration"
    summary = "No network has both a named `practice` and teachers among its `partners`."
    plain = "have teachers and leaders work together systematically on how they teach"
    docs = RuleDocs(
        what="An initiative with no `network` that both names a `practice` and has teachers among its "
             "`partners`.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) gives the five principles of "
            "New Zealand's Joint Initiative (2015); one asks teachers and leaders to collaborate "
            "systematically to improve outcomes. reformlang reads \"systematically\" as networks with a "
            "named practice and teachers among their partners.",
        weak="""\
network kahui_ako "Communities of learning" {
  members: schools
  partners: [principals]
}""",
        strong="""\
network kahui_ako "Communities of learning" {
  members: schools
  partners: [teachers, principals, families]
  practice: collaborative_inquiry
}""",
    )

    def check(self, facts):
        nets = facts.initiative.networks
        if any(net.practice and mentions(facts.groups(net.partners), *TEACHERS) for net in nets):
            return
        if not nets:
            yield self.not_assessed(
                msg("the spec states no network in which teachers collaborate; state one so that systematic "
                    "collaboration can be assessed"), facts.header,
                msg('add `network ... "..." {{ members: schools  partners: [teachers, principals]  '
                    "practice: collaborative_inquiry }}`"),
            )
            return
        net = nets[0]
        add = [a for a, ok in (("`practice: collaborative_inquiry`", net.practice),
                               (msg("teachers among `partners`"), mentions(facts.groups(net.partners), *TEACHERS)))
               if not ok]
        help_ = msg("give a network {what}", what=listing(add, quote=False))
        if any(not stated(n, "practice") or not stated(n, "partners") for n in nets):
            yield self.not_assessed(
                msg("the spec does not say, for every network, its practice and whom it partners with; state "
                    "them so that systematic teacher collaboration can be assessed"), net.header, help_)
            return
        yield self.finding(
            msg("no network has teachers collaborating through a named practice"), net.header, help_,
            [(n.header, msg("network `{id}`", id=n.id)) for n in nets[1:]],
        )
