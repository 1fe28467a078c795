"""CO003: flags an initiative with no structure for collaborative work."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs


class NoCollaborativeCulture(Rule):
    code = "CO003"
    name = "no-collaborative-culture"
    principle = "coherence.collaborative_cultures"
    summary = "No `co_learning` link and no network with a named `practice`."
    docs = RuleDocs(
        what="An initiative with neither a link carrying `co_learning` nor a `network` that names a "
             "`practice`.",
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
        if facts.co_learning or any(net.practice for net in facts.initiative.networks):
            return
        nets = facts.initiative.networks
        yield self.finding(
            "nothing in the initiative makes people learn from each other", facts.header,
            "add a `co_learning` link (`link schools <-> schools { co_learning }`) or a network with "
            "`practice: collaborative_inquiry`",
            [(n.header, f"network `{n.id}` names no practice") for n in nets],
        )
