"""CO003: flags an initiative with no structure for collaborative work."""

from __future__ import annotations

from reformlang.checks.facts import stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NoCollaborativeCulture(Rule):
    code = "CO003"
    name = "no-collaborative-culture"
    principle = "coherence.collaborative_cultures"
    summary = "Networks state no practice (`practice: []`) and no link carries `co_learning`; left out is not assessed."
    plain = "build a culture of working together: let schools and districts learn from each other"
    docs = RuleDocs(
        what="An initiative whose networks state an empty `practice` and where no link carries `co_learning`. A "
             "network that does not say its practice, or no network at all, leaves the principle not assessed.",
        why="\"Making Progress Possible\" (Thiers with Fullan, Educational Leadership, 2017) names "
            "cultivating collaborative cultures among the four actions of the coherence framework (detail "
            "in Fullan and Quinn's \"Coherence\"): capacity grows when people learn from each other in "
            "structured ways, which reformlang looks for as co-learning links or networks with a named "
            "practice.",
        weak="""\
link ministry -> schools { direction }""",
        strong="""\
link ministry -> schools { direction }
link schools <-> schools { co_learning }""",
    )

    def check(self, facts):
        nets = facts.initiative.networks
        if facts.co_learning or any(net.practice for net in nets):
            return
        help_ = msg("add a `co_learning` link (`link schools <-> schools {{ co_learning }}`) or a network with "
                    "`practice: collaborative_inquiry`")
        unsaid = [n for n in nets if not stated(n, "practice")]
        if unsaid or not nets:  # links list what the spec knows flows: co-learning left out is not stated
            yield self.not_assessed(
                msg("the spec does not say how people learn from each other; state it so that collaborative "
                    "cultures can be assessed"), unsaid[0].header if unsaid else facts.header, help_,
                [(n.header, msg("network `{id}` does not say its practice", id=n.id)) for n in unsaid[1:]],
            )
            return
        yield self.finding(
            msg("nothing in the initiative makes people learn from each other: its networks name no practice "
                "(`practice: []`) and no link carries `co_learning`"), facts.header, help_,
            [(n.header, msg("network `{id}` names no practice", id=n.id)) for n in nets],
        )
