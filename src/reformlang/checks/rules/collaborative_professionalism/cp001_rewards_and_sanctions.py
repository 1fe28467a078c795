"""CP001: flags money for incentives and sanctions as a consequence of results."""

from __future__ import annotations

from reformlang.checks.facts import span_of, stated
from reformlang.checks.fixes import set_attribute
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg


class RewardsAndSanctions(Rule):
    code = "CP001"
    name = "rewards-and-sanctions"
    principle = "collaborative_professionalism.intrinsic_motivation"
    summary = "Funding with `purpose: incentives`, or accountability with `consequence: sanctions`."
    plain = "motivate through purpose and shared work, not through rewards and sanctions"
    docs = RuleDocs(
        what="Each `funding` whose `purpose` includes `incentives`, and an `accountability` whose "
             "`consequence` is `sanctions`.",
        why="\"Making Progress Possible\" (Thiers with Fullan, Educational Leadership, 2017) sets out "
            "collaborative professionalism, in which people are moved by the work itself rather than by "
            "rewards and sanctions. reformlang looks for it in what money and poor results lead to: "
            "incentive funding and sanctions go against it.",
        weak="""\
funding bonuses "Bonuses for top schools" { amount: 5_000_000 CAD  purpose: incentives }""",
        strong="""\
funding release_time "Release time for collaborative inquiry" { amount: 5_000_000 CAD  purpose: capacity }""",
    )

    def check(self, facts):
        init = facts.initiative
        acc = init.accountability
        said = any(stated(f, "purpose") for f in init.funding) or (acc is not None and acc.consequence)
        for f in init.funding:
            if any(facts.has("purpose", p, "reward") for p in f.purpose):
                yield self.finding(msg("funding `{id}` pays incentives", id=f.id), span_of(f, "purpose"),
                                   msg("put the money into the work itself: `purpose: capacity`"),
                                   fix=set_attribute(f, "purpose", "capacity"))
        if acc is not None and facts.means("consequence", acc.consequence) == "sanctions":
            yield self.finding(msg("poor results are met with sanctions"), span_of(acc, "consequence"),
                               msg("use `consequence: support_first`"),
                               fix=set_attribute(acc, "consequence", "support_first"))
        if not said:
            yield self.not_assessed(
                msg("the spec does not say what the money is for or what follows poor results; state them so "
                    "that intrinsic motivation can be assessed"), facts.header,
                msg("add `purpose: capacity` to the funding and `consequence: support_first` to the "
                    "accountability"),
            )
