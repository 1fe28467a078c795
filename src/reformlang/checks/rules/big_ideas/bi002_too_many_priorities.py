"""BI002: flags an initiative with more than three priorities, more firmly the more there are."""

from __future__ import annotations

from reformlang.checks.rule import Rule, RuleDocs

FEW = 3


class TooManyPriorities(Rule):
    code = "BI002"
    name = "too-many-priorities"
    principle = "big_ideas.few_priorities"
    summary = "More than three priorities; the message grows with the count."
    docs = RuleDocs(
        what="An initiative with more than three `priority` blocks. The finding names the count and the "
             "priorities beyond the third, and grows firmer as the list grows.",
        why="\"A small number of key priorities\" is one of the seven big ideas for whole-system change "
            "that \"Leadership from the Middle\" (Fullan, Education Canada, 2015) lists by title; Ontario's "
            "reform (2003-2015), one of the two reforms the ideas come from, had three (literacy, "
            "numeracy, high school graduation). The limit of three, and a finding that grows firmer with "
            "the count, are reformlang's own default.",
        weak="""\
priority literacy "Literacy" { outcome: literacy }
priority numeracy "Numeracy" { outcome: numeracy }
priority graduation "Graduation" { outcome: graduation }
priority wellbeing "Wellbeing" { outcome: wellbeing }
priority citizenship "Citizenship" { outcome: citizenship }""",
        strong="""\
priority literacy "Literacy" { outcome: literacy }
priority numeracy "Numeracy" { outcome: numeracy }
priority graduation "Graduation" { outcome: graduation }""",
    )

    def check(self, facts):
        priorities = facts.initiative.priorities
        n = len(priorities)
        if n == 0:
            yield self.not_assessed(
                "the spec states no priorities; state them so that their number can be assessed", facts.header,
                'add up to three `priority id "Title" { outcome: ... }` blocks',
            )
            return
        if n <= FEW:
            return
        extra = n - FEW
        if n <= 4:
            message = f"{n} priorities: one more than the three or so a system can pursue relentlessly"
        elif n <= 6:
            message = f"{n} priorities: {extra} more than the three or so a system can keep in front of everyone"
        elif n <= 9:
            message = (f"{n} priorities: {n / FEW:.0f} times the three or so a system can focus on; "
                       "attention will be spread thin")
        else:
            message = f"{n} priorities: this is a list of everything, not a focus (around three is the aim)"
        yield self.finding(
            message, priorities[FEW].header,
            "keep around three priorities; merge related ones or make the rest strategies of those three",
            [(p.header, f"priority {i} of {n}: `{p.id}`") for i, p in enumerate(priorities[FEW + 1:], FEW + 2)],
        )
