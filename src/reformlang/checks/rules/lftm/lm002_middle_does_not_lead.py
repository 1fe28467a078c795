"""LM002: flags a middle that owns no priority and no strategy."""

from __future__ import annotations

from reformlang.checks.facts import listing
from reformlang.checks.rule import Rule, RuleDocs


class MiddleDoesNotLead(Rule):
    code = "LM002"
    name = "middle-does-not-lead"
    principle = "lftm.middle_leads"
    requires = "lftm.middle_exists"
    summary = "No middle level owns a priority or a strategy: the middle only relays direction."
    docs = RuleDocs(
        what="An initiative with a middle tier in which no middle level is the `owner` of a priority or a "
             "strategy.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) finds that Ontario's reform "
            "(2003-2015) succeeded on basic measures but was led from the top, and so was not embedded "
            "enough for sustainable change; in Ontario's special education initiative, its first "
            "identified case of leadership from the middle (after Hargreaves and Braun), the council of "
            "district directors led the implementation. reformlang asks the middle to own or co-design a "
            "substantial share of the work; the share that counts (`middle_work_share`) is reformlang's "
            "own threshold, configurable under `[thresholds]`.",
        weak="""\
priority literacy "Reading by Grade 6" {
  owner: ministry
  strategy coaching "Coaches in schools" { owner: ministry  reaches: schools }
}""",
        strong="""\
priority literacy "Reading by Grade 6" {
  owner: districts
  strategy coaching "Coaches in schools" { owner: districts  reaches: schools }
}""",
    )

    def check(self, facts):
        middle = facts.middle
        if not middle or any(lv.id in facts.owners for lv in middle):
            return
        owners = sorted(facts.owners)
        related = [(p.spans.get("owner"), f"`{p.id}` is owned by `{p.owner}`")
                   for p in facts.initiative.priorities if p.owner]
        ids = listing(lv.id for lv in middle)
        if owners:
            message = f"the middle ({ids}) owns no priority and no strategy; all are owned by {listing(owners)}"
        else:
            message = f"the middle ({ids}) owns no priority and no strategy"
        first = middle[0]
        yield self.finding(
            message, first.header,
            f"make the middle the owner of work it leads: `owner: {first.id}` on a priority or a strategy",
            related,
        )
