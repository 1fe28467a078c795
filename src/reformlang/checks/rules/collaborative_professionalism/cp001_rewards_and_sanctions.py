"""CP001: flags money for incentives and sanctions as a consequence of results."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.rule import Rule, RuleDocs


class RewardsAndSanctions(Rule):
    code = "CP001"
    name = "rewards-and-sanctions"
    principle = "collaborative_professionalism.intrinsic_motivation"
    summary = "Funding with `purpose: incentives`, or accountability with `consequence: sanctions`."
    docs = RuleDocs(
        what="Each `funding` whose `purpose` includes `incentives`, and an `accountability` whose "
             "`consequence` is `sanctions`.",
        why="Fullan on collaborative professionalism (Educational Leadership, 2017): people are moved by the "
            "work itself; rewards and sanctions crowd out the motivation that comes from doing it well "
            "together.",
        weak="""\
funding bonuses "Bonuses for top schools" { amount: 5_000_000 CAD  purpose: incentives }""",
        strong="""\
funding release_time "Release time for collaborative inquiry" { amount: 5_000_000 CAD  purpose: capacity }""",
    )

    def check(self, facts):
        init = facts.initiative
        for f in init.funding:
            if any(facts.has("purpose", p, "reward") for p in f.purpose):
                yield self.finding(f"funding `{f.id}` pays incentives", span_of(f, "purpose"),
                                   "put the money into the work itself: `purpose: capacity`")
        acc = init.accountability
        if acc is not None and facts.means("consequence", acc.consequence) == "sanctions":
            yield self.finding("poor results are met with sanctions", span_of(acc, "consequence"),
                               "use `consequence: support_first`")
