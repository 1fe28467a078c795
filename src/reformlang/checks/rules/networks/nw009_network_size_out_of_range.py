"""NW009: flags a network sized outside 5 to 20 schools, or of unstated size."""

from __future__ import annotations

from reformlang.checks.facts import span_of
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.i18n import msg



class NetworkSizeOutOfRange(Rule):
    code = "NW009"
    name = "network-size-out-of-range"
    principle = "networks.size"
    needs = "networks"
    summary = "A network's `size` is not within 5 .. 20 (configurable); an unstated size is not assessed."
    plain = "keep {subject} between 5 and 20 schools"
    docs = RuleDocs(
        what="Each `network` whose `size` range goes below 5 or above 20 members, or which states no size.",
        why="Network size is not one of Fullan and Rincón-Gallardo's eight ingredients. \"Leadership from "
            "the Middle\" (Fullan, Education Canada, 2015) reports that New Zealand's Investing in "
            "Educational Success (2014) formed networks of 5 to 20 schools: a policy parameter of that "
            "jurisdiction, which reformlang applies as its default guideline, configurable under "
            "`[thresholds]` (`network_size_min`, `network_size_max`). The sources give no reason for the "
            "range.",
        weak="""\
network clusters "School clusters" {
  size: 2 .. 40
}""",
        strong="""\
network clusters "School clusters" {
  size: 5 .. 20
}""",
    )

    def check(self, facts):
        # New Zealand's guideline by default; a jurisdiction sets its own in `[thresholds]`.
        LOW, HIGH = int(facts.threshold("network_size_min")), int(facts.threshold("network_size_max"))
        for net in facts.initiative.networks:
            if net.size is None:
                yield self.not_assessed(
                    msg("the spec does not say how many members network `{id}` has; state it so that its size "
                        "can be assessed", id=net.id), net.header,
                    msg("add `size: {low} .. {high}` (or its actual range)", low=LOW, high=HIGH))
                continue
            lo, hi = net.size.low, net.size.high
            if lo < LOW or hi > HIGH:
                bits = ([msg("as few as {n}", n=lo)] if lo < LOW else []) + \
                    ([msg("as many as {n}", n=hi)] if hi > HIGH else [])
                yield self.finding(
                    msg("network `{id}` may have {how_many} members; the guideline is {low} to {high} (New "
                        "Zealand's by default; `[thresholds]` sets your own)", id=net.id,
                        how_many=bits[0] if len(bits) == 1 else msg("{fewest} or {most}", fewest=bits[0],
                                                                     most=bits[1]),
                        low=LOW, high=HIGH),
                    span_of(net, "size"),
                    msg("use `size: {low} .. {high}`", low=max(lo, LOW), high=min(hi, HIGH))
                    if max(lo, LOW) <= min(hi, HIGH) else msg("use `size: {low} .. {high}`", low=LOW, high=HIGH),
                )
