"""JI002: flags an initiative that engages families nowhere."""

from __future__ import annotations

from reformlang.checks.facts import mentions, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg

FAMILY = ("famil", "parent", "whānau", "whanau")


class FamiliesNotEngaged(Rule):
    code = "JI002"
    name = "families-not-engaged"
    principle = "joint_initiative.engaged_parents"
    summary = "Families appear nowhere the spec says who takes part; unstated partners and reach are not assessed."
    plain = "bring families in: inform and engage parents in the work"
    docs = RuleDocs(
        what="An initiative whose networks all name their `partners` and whose strategies all say whom they "
             "`reach`, and families (parents, whānau) are among none of them nor the `engagement`'s `with`. When "
             "the spec does not say, the principle is not assessed.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) gives the five principles of "
            "New Zealand's Joint Initiative (2015); one asks for informed, engaged parents with high "
            "expectations. reformlang looks for families among a network's partners, those a strategy "
            "reaches, or those the design was made with.",
        weak="""\
strategy coaching "Literacy coaching" { owner: districts  reaches: teachers }""",
        strong="""\
strategy coaching "Literacy coaching" { owner: districts  reaches: teachers }
strategy reading_at_home "Reading at home" { owner: schools  reaches: families }""",
    )

    def check(self, facts):
        init = facts.initiative
        if any(mentions(facts.groups(net.partners), *FAMILY) for net in init.networks):
            return
        if any(mentions(facts.groups(s.reaches), *FAMILY) for s in facts.strategies):
            return
        if init.engagement is not None and mentions(facts.groups(init.engagement.with_), *FAMILY):
            return
        owner = facts.bottom[0].id if facts.bottom else "schools"
        add = msg("add a strategy with `owner: {owner}  reaches: families`, or `families` to a network's "
                  "`partners`", owner=owner)
        # Not held only when every network says whom it partners with and every strategy whom it reaches.
        said = ((init.networks or facts.strategies) and all(stated(n, "partners") for n in init.networks)
                and all(s.reaches for s in facts.strategies))
        if not said:
            yield self.not_assessed(
                msg("the spec does not say whom its networks partner with, whom its strategies reach or with "
                    "whom it was made; state them so that engaged parents can be assessed"), facts.header, add)
            return
        yield self.finding(
            msg("families appear nowhere the spec says who takes part: no network partners with them, no "
                "strategy reaches them, and they were not engaged in the design"), facts.header, add,
        )
