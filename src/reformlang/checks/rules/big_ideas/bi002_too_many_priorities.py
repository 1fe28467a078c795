"""BI002: flags an initiative with more than three priorities, more firmly the more there are."""

from __future__ import annotations

from reformlang.checks.facts import in_words
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg



class TooManyPriorities(Rule):
    code = "BI002"
    name = "too-many-priorities"
    principle = "big_ideas.few_priorities"
    summary = "More than three priorities; the message grows with the count."
    plain = "keep to a few priorities, three at most, so the message stays clear"
    docs = RuleDocs(
        what="An initiative with more than three `priority` blocks. The finding names the count and the "
             "priorities beyond the third, and grows firmer as the list grows.",
        why="\"A small number of key priorities\" is one of the seven big ideas for whole-system change "
            "that \"Leadership from the Middle\" (Fullan, Education Canada, 2015) lists by title; Ontario's "
            "reform (2003-2015), one of the two reforms the ideas come from, had three (literacy, "
            "numeracy, high school graduation). The limit of three (`few_priorities`), and a finding that "
            "grows firmer with the count, are reformlang's own default, configurable under `[thresholds]`.",
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
                msg("the spec states no priorities; state them so that their number can be assessed"), facts.header,
                msg('add up to {few} `priority id "Title" {{ outcome: ... }}` blocks',
                    few=in_words(int(facts.threshold("few_priorities")))),
            )
            return
        few = int(facts.threshold("few_priorities"))
        if n <= few:
            return
        extra, words = n - few, in_words(few)
        if extra == 1:
            message = msg("{n} priorities: one more than the {words} or so a system can pursue relentlessly",
                          n=n, words=words)
        elif n <= 2 * few:
            message = msg("{n} priorities: {extra} more than the {words} or so a system can keep in front of "
                          "everyone", n=n, extra=extra, words=words)
        elif n <= 3 * few:
            message = msg("{n} priorities: {times:.0f} times the {words} or so a system can focus on; "
                          "attention will be spread thin", n=n, times=n / few, words=words)
        else:
            message = msg("{n} priorities: this is a list of everything, not a focus (around {words} is the aim)",
                          n=n, words=words)
        yield self.finding(
            message, priorities[few].header,
            msg("keep around {words} priorities; merge related ones or make the rest strategies of those {words}",
                words=words),
            [(p.header, msg("priority {i} of {n}: `{id}`", i=i, n=n, id=p.id))
             for i, p in enumerate(priorities[few + 1:], few + 2)],
        )
