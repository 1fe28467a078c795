"""BI007: flags a strategy without an owner, a reach or a period, or running outside the initiative's period."""

from __future__ import annotations

from reformlang.checks.facts import listing
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class ImpreciseStrategy(Rule):
    code = "BI007"
    name = "imprecise-strategy"
    principle = "big_ideas.precision"
    summary = "A strategy does not say its owner, whom it reaches or when it runs: its precision is not assessed."
    plain = "say for {subject} who leads it, whom it reaches and when it runs"
    docs = RuleDocs(
        what="Each `strategy` that does not say who owns it (`owner`), whom it reaches (`reaches`) or when it runs "
             "(`period`): not assessed, since each is either stated or left out. A period outside the initiative's "
             "is BI016's finding.",
        why="\"Strategies with precision\" is one of the seven big ideas for whole-system change that "
            "\"Leadership from the Middle\" (Fullan, Education Canada, 2015) lists by title. reformlang "
            "reads precision in a strategy as an owner who answers for it, the people it must reach, and "
            "a period inside the reform's own: without them nobody can tell whether it happened.",
        weak="""\
strategy coaching "Literacy coaching" {
  builds: capacity
  period: 2024 .. 2035
}""",
        strong="""\
strategy coaching "Literacy coaching" {
  owner: districts
  reaches: schools
  builds: capacity
  period: 2026 .. 2030
}""",
    )

    def check(self, facts):
        # Strategies dated outside the initiative's period are BI016's.
        period = facts.period
        adds = {"owner": f"owner: {facts.example_level('middle', 'top', default='districts')}",
                "reaches": f"reaches: {facts.example_level('bottom', default='schools')}",
                "period": f"period: {period}" if period else "period: 2026 .. 2030"}
        for s in facts.strategies:
            missing = [a for a in ("owner", "reaches", "period") if not getattr(s, a)]
            if missing:
                says = {"owner": msg("who owns it"), "reaches": msg("whom it reaches"), "period": msg("when it runs")}
                yield self.not_assessed(
                    msg("the spec does not say, for strategy `{id}`, {missing}; state it so that its precision can "
                        "be assessed", id=s.id, missing=listing([says[m] for m in missing], quote=False)),
                    s.header, msg("add {items}", items=listing([f"`{adds[m]}`" for m in missing], quote=False)),
                )
