"""BI016: flags phases, funds and strategies dated outside the initiative's period, and targets dated after it."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg
from reformlang.semantics import model


class DatedOutsideThePeriod(Rule):
    code = "BI016"
    name = "dated-outside-the-period"
    principle = "big_ideas.precision"
    summary = "A phase, fund or strategy runs outside the initiative's `period`, or a target is dated after it."
    plain = "keep every phase, fund, strategy and target within the reform's years"
    docs = RuleDocs(
        what="Each `phase`, `funding` and `strategy` whose `period` starts before or ends after the "
             "initiative's `period`, and each indicator whose `target` is dated after the initiative ends. The "
             "finding points at the date in the block that holds it. (A target dated before its baseline is "
             "language error E108.)",
        why="\"Strategies with precision\" is one of the seven big ideas for whole-system change that "
            "\"Leadership from the Middle\" (Fullan, Education Canada, 2015) lists by title. Dates that "
            "fall outside the reform's own span cannot be managed or learned from within it; checking the "
            "dates against each other is reformlang's own reading of precision.",
        weak="""\
period: 2026 .. 2031
funding middle_fund "Fund for the districts" { amount: 25_000_000 CAD  period: 2024 .. 2031 }""",
        strong="""\
period: 2026 .. 2031
funding middle_fund "Fund for the districts" { amount: 25_000_000 CAD  period: 2026 .. 2031 }""",
    )

    def check(self, facts):
        period = facts.period
        init = facts.initiative
        dated = [*facts.strategies, *init.funding, *(init.rollout.phases if init.rollout else ())]
        if period is None:
            if any(node.period for node in dated) or any(i.target for i in facts.indicators.values()):
                yield self.not_assessed(
                    msg("the spec does not say when the initiative runs; state its `period` so that the dates of "
                        "its strategies, funds, phases and targets can be assessed"), facts.header,
                    msg("add `period: 2026 .. 2031` (the years the initiative runs)"))
            return
        for node in dated:
            p = node.period
            if p is None or period.contains(p):
                continue
            if p.end < period.start or p.start > period.end:
                when = msg("entirely before the initiative begins") if p.end < period.start else \
                    msg("entirely after the initiative ends")
            elif p.start < period.start and p.end > period.end:
                when = msg("from before the initiative begins ({start}) to after it ends ({end})",
                           start=period.start, end=period.end)
            elif p.start < period.start:
                when = msg("from before the initiative begins in {start}", start=period.start)
            else:
                when = msg("past the initiative's end in {end}", end=period.end)
            start, end = max(p.start, period.start), min(p.end, period.end)
            inside = f"{start} .. {end}" if start <= end else str(period)
            yield self.finding(
                msg("{what} runs {period}, {when}", what=_called(node), period=str(p), when=when),
                span_of(node, "period"),
                msg("keep it within the initiative: `period: {inside}` (or change the initiative's `period`)",
                    inside=inside),
                _whole(init, period),
            )
        for ind in facts.indicators.values():
            t = ind.target
            if t is not None and t.year > period.end:
                yield self.finding(
                    msg("the target of indicator `{id}` is dated {year}, after the initiative ends in {end}",
                        id=ind.id, year=t.year, end=period.end), span_of(ind, "target"),
                    msg("date the target within the initiative (by {end}), or extend the initiative's `period`",
                        end=period.end), _whole(init, period),
                )


def _called(node: model.Strategy | model.Funding | model.Phase) -> str:
    """What a finding calls a dated block: its kind and id (in French, with its article)."""
    if isinstance(node, model.Strategy):
        return msg("strategy `{id}`", id=node.id)
    if isinstance(node, model.Funding):
        return msg("funding `{id}`", id=node.id)
    return msg("phase `{id}`", id=node.id)


def _whole(init: model.Initiative, period: model.Period) -> list:
    """The related place every finding points at: the initiative's own period."""
    return [(span_of(init, "period"), msg("the initiative runs {period}", period=str(period)))]
