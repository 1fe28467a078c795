"""LM008: flags a reform imposed on, or only consulted with, those who carry it."""

from __future__ import annotations

from reformlang.checks.facts import span_of, stated
from reformlang.checks.fixes import add_attribute, set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg, word


class ImposedWithoutBuyIn(Rule):
    code = "LM008"
    name = "imposed-without-buy-in"
    principle = "lftm.buy_in"
    summary = "Engagement is `imposed` or `consulted`; an unstated process or partners are not assessed."
    plain = "make the design with those who carry it, not impose it on them"
    docs = RuleDocs(
        what="An initiative whose `engagement` `process` is `imposed` or `consulted`, or negotiated or "
             "co-designed `with: []` (with no one). No `engagement` block, no "
             "`process`, or a negotiated or co-designed process that does not say `with` whom, leaves the "
             "principle not assessed.",
        why="\"Leadership from the Middle\" (Fullan, Education Canada, 2015) tells of New Zealand's "
            "Investing in Educational Success (2014): first imposed on the system, it met wide "
            "opposition, and was reworked with the primary teachers' and principals' federations into the "
            "Joint Initiative. Top-down change does not last without buy-in.",
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
            yield self.not_assessed(
                msg("the spec does not say how the initiative was made with those who carry the work; state it "
                    "so that buy-in can be assessed"), facts.header,
                msg("add `engagement {{ process: co_designed  {with_} }}`", with_=help_with),
            )
            return
        process = facts.means("engagement_process", eng.process)
        if process is not None and not facts.has("engagement_process", eng.process, "buy_in"):
            what = (msg("imposed on those who carry the work") if process == "imposed" else
                    msg("only consulted on: those who carry the work were asked, not given a say"))
            yield self.finding(
                msg("the reform is {what}", what=what), span_of(eng, "process"),
                msg("make it with them: `process: co_designed` (or `negotiated`) and `{with_}`", with_=help_with),
                fix=set_attribute(eng, "process", "co_designed"),
            )
        elif eng.process is None:
            yield self.not_assessed(
                msg("the spec does not say how the reform was made; state it so that buy-in can be assessed"),
                span_of(eng), msg("add `process: co_designed` (or `negotiated`)"),
                fix=add_attribute(eng, "process", "co_designed"),
            )
        elif not eng.with_ and stated(eng, "with_"):
            # `with: []` states that no one took part: a co-design with no one is no buy-in.
            yield self.finding(
                msg("the reform is {process} with no one: `with` is empty", process=word(eng.process)),
                span_of(eng, "with_"), msg("name those who carry the work: `{with_}`", with_=help_with))
        elif not eng.with_:
            yield self.not_assessed(
                msg("the reform is {process} but the spec does not say with whom; state it so that buy-in can "
                    "be assessed", process=word(eng.process)),
                span_of(eng, "process"), msg("add `{with_}`", with_=help_with),
            )
