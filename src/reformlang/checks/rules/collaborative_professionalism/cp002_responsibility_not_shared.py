"""CP002: flags responsibility that is not held together: no internal accountability, or networks without shared goals."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs


class ResponsibilityNotShared(Rule):
    code = "CP002"
    name = "responsibility-not-shared"
    principle = "collaborative_professionalism.collective_responsibility"
    summary = "No internal accountability, or a network with no shared `goals`."
    docs = RuleDocs(
        what="An initiative with no `internal` accountability, and each `network` with no `goals` its "
             "members share.",
        why="\"Making Progress Possible\" (Thiers with Fullan, Educational Leadership, 2017) sets out "
            "collaborative professionalism, in which responsibility is held together, not only "
            "individually. reformlang looks for it as accountability held inside the system and goals "
            "that networks share.",
        weak="""\
accountability { external: national_tests }
network clusters "School clusters" { members: schools }""",
        strong="""\
accountability { internal: peer_review  external: national_tests }
network clusters "School clusters" { members: schools  goals: [writing] }""",
    )

    def check(self, facts):
        init = facts.initiative
        acc = init.accountability
        if acc is None or not acc.internal:
            yield self.finding(
                "nothing makes the results a shared responsibility: there is no internal accountability",
                (acc.header if acc else None) or facts.header,
                "add `internal: peer_review` (or school_self_review) to the `accountability` block" if acc else
                "add `accountability { internal: peer_review  external: ... }`",
            )
        example = next(iter(facts.indicators), "grade6_reading")
        for net in init.networks:
            if not net.goals:
                yield self.finding(f"the members of network `{net.id}` share no goals", net.header,
                                   f"add `goals: [{example}]`")
