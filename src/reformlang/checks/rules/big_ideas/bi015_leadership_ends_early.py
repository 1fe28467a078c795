"""BI015: flags a leader committed for less than the initiative's span."""

from __future__ import annotations

from reformlang.checks.facts import listing, span_of
from reformlang.checks.fixes import attribute_edit, set_attribute
from reformlang.diagnostics import Fix
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class LeadershipEndsEarly(Rule):
    code = "BI015"
    name = "leadership-ends-early"
    principle = "big_ideas.resolute_leadership"
    summary = "A leader's term starts after or ends before the initiative's period; an unstated term is not assessed."
    plain = "keep the leaders in place for the whole of the reform"
    docs = RuleDocs(
        what="Each level whose `leader_term` does not cover the initiative's `period`. Leaders with no "
             "`leader_term`, or terms with no initiative period to hold them to, leave the principle not assessed.",
        why="\"Resolute leadership\" is one of the seven big ideas for whole-system change that \"Leadership "
            "from the Middle\" (Fullan, Education Canada, 2015) lists by title. reformlang reads it as "
            "leadership held for the reform's whole span: priorities that nobody keeps in front of people "
            "fade when their leaders move on.",
        weak="""\
period: 2026 .. 2031
level districts "District school boards" {
  tier: middle
  leader: "Council of Directors"
  leader_term: 2026 .. 2028
}""",
        strong="""\
period: 2026 .. 2031
level districts "District school boards" {
  tier: middle
  leader: "Council of Directors"
  leader_term: 2026 .. 2031
}""",
    )

    def check(self, facts):
        period = facts.period
        unsaid = [lv for lv in facts.initiative.levels if lv.leader and lv.leader_term is None]
        if unsaid:
            yield self.not_assessed(
                msg("the spec does not say for which years the leaders of {levels} are committed; state it so "
                    "that leadership held for the initiative's span can be assessed",
                    levels=listing(lv.id for lv in unsaid)),
                unsaid[0].header,
                msg("add `leader_term: {period}` to each level whose leader stays the course",
                    period=str(period) if period else "2026 .. 2031"),
                [(lv.header, msg("`{id}` states no `leader_term`", id=lv.id)) for lv in unsaid[1:]],
                fix=_add_terms(unsaid, period) if period else None)
        if period is None:
            if any(lv.leader_term for lv in facts.initiative.levels):
                yield self.not_assessed(
                    msg("the spec does not say when the initiative runs, so its leaders' terms cannot be held to "
                        "it; state its `period` so that resolute leadership can be assessed"), facts.header,
                    msg("add `period: 2026 .. 2031` (the years the initiative runs)"))
            return
        for lv in facts.initiative.levels:
            term = lv.leader_term
            if term is None:
                continue
            gaps = []
            if term.start > period.start:
                gaps.append(msg("from {start} to {end}", start=period.start, end=term.start - 1))
            if term.end < period.end:
                gaps.append(msg("from {start} to {end}", start=term.end + 1, end=period.end))
            if not gaps:
                continue
            yield self.finding(
                msg("nobody is committed to lead `{id}` {gaps}: the leader's term is {term}, the initiative runs "
                    "{period}", id=lv.id, gaps=listing(gaps, quote=False), term=str(term), period=str(period)),
                span_of(lv, "leader_term"),
                msg("commit the leadership for the whole initiative: `leader_term: {period}`, or name who takes "
                    "over", period=str(period)),
                [(span_of(facts.initiative, "period"), msg("the initiative's period"))],
                fix=set_attribute(lv, "leader_term", str(period)),
            )


def _add_terms(levels, period) -> Fix | None:
    """One fix: `leader_term` for the initiative's period on every level whose leader states none."""
    edits = tuple(e for e in (attribute_edit(lv, "leader_term", str(period)) for lv in levels) if e is not None)
    if not edits:
        return None
    n = len(edits)
    return Fix.unsafe(msg("add `leader_term: {period}` to {n} level", period=str(period), n=n) if n == 1 else
                      msg("add `leader_term: {period}` to {n} levels", period=str(period), n=n), *edits)
