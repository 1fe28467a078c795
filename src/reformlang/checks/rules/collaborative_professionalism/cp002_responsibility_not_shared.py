"""CP002: flags responsibility that is not held together: no internal accountability, or networks without shared goals."""

from __future__ import annotations

from reformlang.checks.facts import span_of, stated
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class ResponsibilityNotShared(Rule):
    code = "CP002"
    name = "responsibility-not-shared"
    principle = "collaborative_professionalism.collective_responsibility"
    summary = "No internal accountability, or a network with no shared `goals`."
    plain = "share the responsibility for results: shared goals and schools answering to each other"
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
        help_ = (msg("add `internal: peer_review` (or school_self_review) to the `accountability` block") if acc
                 else msg("add `accountability {{ internal: peer_review  external: ... }}`"))
        if acc is None:
            yield self.not_assessed(
                msg("the spec does not say how results are held to account; state the internal accountability "
                    "so that collective responsibility can be assessed"), facts.header, help_)
        elif not acc.internal:
            if stated(acc, "internal"):
                yield self.finding(
                    msg("nothing makes the results a shared responsibility: there is no internal accountability"),
                    span_of(acc, "internal"), help_)
            else:
                yield self.not_assessed(
                    msg("the spec does not say what internal accountability there is; state it so that "
                        "collective responsibility can be assessed"), acc.header or acc.span, help_)
        example = next(iter(facts.indicators), "grade6_reading")
        for net in init.networks:
            if net.goals:
                continue
            if stated(net, "goals"):
                yield self.finding(msg("the members of network `{id}` share no goals: `goals` is empty", id=net.id),
                                   span_of(net, "goals"), msg("add `goals: [{example}]`", example=example))
            else:
                yield self.not_assessed(msg("the spec does not say what goals the members of network `{id}` "
                                            "share; state them so that collective responsibility can be assessed",
                                            id=net.id),
                                        net.header, msg("add `goals: [{example}]`", example=example))
