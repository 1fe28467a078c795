"""CO004: flags an initiative whose priorities aim at no deep-learning outcome."""

from __future__ import annotations

from reformlang.checks.facts import listing
from reformlang.checks.rule import Rule, RuleDocs


class NoDeepLearningGoal(Rule):
    code = "CO004"
    name = "no-deep-learning-goal"
    principle = "coherence.deepening_learning"
    summary = "No priority's `outcome` is a deep-learning competency (the 6Cs)."
    docs = RuleDocs(
        what="An initiative none of whose priorities has a deep-learning competency among its outcomes: "
             "character, citizenship, collaboration, communication, creativity or critical_thinking.",
        why="Fullan and Quinn's coherence framework, with New Pedagogies for Deep Learning, names deepening "
            "learning as a driver: the goal is the 6Cs, not only basic skills, as Ontario's reform showed by "
            "succeeding on literacy yet not reaching 21st-century skills.",
        weak="""\
priority literacy "Literacy" { outcome: literacy }""",
        strong="""\
priority literacy "Literacy" { outcome: literacy }
priority deep_learning "Deep learning" { outcome: [collaboration, creativity, critical_thinking] }""",
    )

    def check(self, facts):
        if facts.aims_at("deep_learning"):
            return
        priorities = facts.initiative.priorities
        where = priorities[0].header if priorities else facts.header
        aims = listing(sorted(facts.outcomes))
        yield self.finding(
            f"no priority aims at deep learning; the outcomes are {aims}" if aims else
            "no priority aims at deep learning", where,
            "add a priority with `outcome: [collaboration, creativity, critical_thinking]` (any of the 6Cs)",
        )
