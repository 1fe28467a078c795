"""LM008: flags a reform imposed on, or only consulted with, those who carry it."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.rule import Rule, RuleDocs


class ImposedWithoutBuyIn(Rule):
    code = "LM008"
    name = "imposed-without-buy-in"
    principle = "lftm.buy_in"
    summary = "Engagement is `imposed` or `consulted`, missing, or names no one it was made with."
    docs = RuleDocs(
        what="An initiative whose `engagement` `process` is `imposed` or `consulted` (or which has no "
             "`engagement` block), or which is negotiated or co-designed without saying `with` whom.",
        why="Fullan's Leadership from the Middle tells of New Zealand's Investing in Educational Success "
            "(2014): imposed on the system, it met wide opposition until it was reworked with the teachers' "
            "and principals' federations into the Joint Initiative. Top-down change does not last without "
            "buy-in.",
        weak="""\
engagement {
  process: imposed
}""",
        strong="""\
engagement {
  process: co_designed
  with: ["Teachers' federation", "Principals' federation"]
}""",
    )

    def check(self, facts):
        eng = facts.initiative.engagement
        help_with = 'with: ["Teachers\' federation", "Principals\' council"]'
        if eng is None:
            yield self.finding(
                "the initiative does not say how it was made with those who carry the work", facts.header,
                f"add `engagement {{ process: co_designed  {help_with} }}`",
            )
            return
        process = facts.means("engagement_process", eng.process)
        if process is not None and not facts.has("engagement_process", eng.process, "buy_in"):
            what = ("imposed on those who carry the work" if process == "imposed" else
                    "only consulted on: those who carry the work were asked, not given a say")
            yield self.finding(
                f"the reform is {what}", span_of(eng, "process"),
                f"make it with them: `process: co_designed` (or `negotiated`) and `{help_with}`",
            )
        elif eng.process is None:
            yield self.finding(
                "the engagement does not say how the reform was made", span_of(eng),
                "add `process: co_designed` (or `negotiated`)",
            )
        elif not eng.with_:
            yield self.finding(
                f"the reform is {eng.process.replace('_', '-')} but the spec does not say with whom",
                span_of(eng, "process"), f"add `{help_with}`",
            )
