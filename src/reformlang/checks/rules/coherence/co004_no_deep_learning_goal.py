"""CO004: flags an initiative whose priorities aim at no deep-learning outcome."""

from __future__ import annotations

from reformlang.checks.facts import listing
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class NoDeepLearningGoal(Rule):
    code = "CO004"
    name = "no-deep-learning-goal"
    principle = "coherence.deepening_learning"
    summary = "No priority's `outcome` is a deep-learning competency (the 6Cs)."
    plain = "aim at deep learning (character, citizenship, collaboration, communication, creativity, critical thinking)"
    docs = RuleDocs(
        what="An initiative none of whose priorities has a deep-learning competency among its outcomes: "
             "character, citizenship, collaboration, communication, creativity or critical_thinking.",
        why="\"Making Progress Possible\" (Thiers with Fullan, Educational Leadership, 2017) names "
            "deepening learning among the four actions of the coherence framework (detail in Fullan and "
            "Quinn's \"Coherence\"). \"Leadership from the Middle\" (Fullan, 2015) gives deep-learning "
            "outcomes as the 6Cs of New Pedagogies for Deep Learning, and finds Ontario's 2003-2015 "
            "reform, successful on basic measures, not suited to innovation and 21st-century skills.",
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
        add = msg("add a priority with `outcome: [collaboration, creativity, critical_thinking]` (any of the 6Cs)")
        if not priorities or any(not p.outcome for p in priorities):
            yield self.not_assessed(
                msg("the spec does not say what every priority aims at; state the outcomes so that deepening "
                    "learning can be assessed"), where, add)
            return
        yield self.finding(
            msg("no priority aims at deep learning; the outcomes are {outcomes}",
                outcomes=listing(sorted(facts.outcomes))), where, add)
