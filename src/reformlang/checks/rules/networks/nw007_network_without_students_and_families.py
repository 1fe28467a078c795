"""NW007: flags a network whose partners do not include students and families."""

from __future__ import annotations

import re

from reformlang.checks.facts import listing, mentions, span_of, stated
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg

STEMS = {"students": ("student",), "families": ("famil", "parent", "whānau", "whanau")}


class NetworkWithoutStudentsAndFamilies(Rule):
    code = "NW007"
    name = "network-without-students-and-families"
    principle = "networks.new_partnerships"
    needs = "networks"
    summary = "A network's `partners` do not include both students and families."
    plain = "bring students and families into {subject} as partners"
    docs = RuleDocs(
        what="Each `network` whose `partners` leave out students, families (parents, whānau), or both.",
        why="New partnerships among students, teachers and families are one of Fullan and "
            "Rincón-Gallardo's eight ingredients of effective networks, as cited in \"Leadership from the "
            "Middle\" (Fullan, Education Canada, 2015), which also describes such learning partnerships in "
            "New Pedagogies for Deep Learning. reformlang asks for students and families among a "
            "network's partners.",
        weak="""\
network literacy_networks "Literacy networks" {
  partners: [teachers]
}""",
        strong="""\
network literacy_networks "Literacy networks" {
  partners: [students, teachers, families]
}""",
    )

    def check(self, facts):
        for net in facts.initiative.networks:
            partners = facts.groups(net.partners)
            missing = [g for g, stems in STEMS.items() if not mentions(partners, *stems)]
            if not missing:
                continue
            shown = ", ".join(dict.fromkeys((*net.partners, *missing)))
            if stated(net, "partners"):
                plain = all(re.fullmatch(r"[a-z_][a-z0-9_]*", p) for p in (*net.partners, *missing))
                yield self.finding(msg("the partners of network `{id}` leave out {missing}", id=net.id,
                                       missing=listing(missing)),
                                   span_of(net, "partners"), msg("write `partners: [{partners}]`", partners=shown),
                                   fix=set_attribute(net, "partners", f"[{shown}]") if plain else None)
            else:
                yield self.not_assessed(msg("the spec does not say whom network `{id}` partners with; state it "
                                            "so that new partnerships can be assessed", id=net.id), net.header,
                                        msg("add `partners: [students, teachers, families]`"),
                                        fix=add_attribute(net, "partners", "[students, teachers, families]"))
