"""NW003: flags a network that names no instructional practice."""

from __future__ import annotations

from reformlang.checks.facts import span_of, stated
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NetworkWithoutPractice(Rule):
    code = "NW003"
    name = "network-without-practice"
    principle = "networks.improving_practice"
    needs = "networks"
    summary = "A network names no `practice` (collaborative inquiry, lesson study, ...)."
    plain = "say which practice {subject} improves together (for example collaborative inquiry or lesson study)"
    docs = RuleDocs(
        what="Each `network` without a `practice` naming the discipline through which members improve "
             "teaching.",
        why="Continuously improving instructional practice is one of Fullan and Rincón-Gallardo's eight "
            "ingredients of effective networks, as cited in \"Leadership from the Middle\" (Fullan, "
            "Education Canada, 2015). reformlang asks a network to name the practice its members improve "
            "together (collaborative inquiry, lesson study, ...).",
        weak="""\
network literacy_networks "Literacy networks" {
  members: schools
  meets: monthly
}""",
        strong="""\
network literacy_networks "Literacy networks" {
  members: schools
  meets: monthly
  practice: collaborative_inquiry
}""",
    )

    def check(self, facts):
        for net in facts.initiative.networks:
            if net.practice:
                continue
            help_ = msg("add `practice: collaborative_inquiry` (or lesson_study, ...)")
            if stated(net, "practice"):
                yield self.finding(msg("network `{id}` has no practice for improving teaching: `practice` is "
                                       "empty", id=net.id), span_of(net, "practice"), help_,
                                   fix=set_attribute(net, "practice", "collaborative_inquiry"))
            else:
                yield self.not_assessed(msg("the spec does not say what practice network `{id}` improves "
                                            "teaching by; state it so that it can be assessed", id=net.id),
                                        net.header, help_,
                                        fix=add_attribute(net, "practice", "collaborative_inquiry"))
