"""The scorecard: per framework, the status of each principle checked.

A principle is one of three:

- "not held" when a finding of warning or error severity carries it that
  rests on what the spec states (Rule.finding);
- "not assessed" when, short of that, a finding says the spec does not state
  a fact it rests on (Rule.not_assessed), whatever its severity;
- "held" otherwise. Other info findings are advice and do not count.

A principle whose prerequisite (Rule.requires) is not held or not assessed
takes that status too.
"""

from __future__ import annotations

from collections.abc import Iterable

from reformlang.checks.catalog import framework
from reformlang.checks.registry import all_rules
from reformlang.diagnostics import Diagnostic, Severity

HELD, NOT_HELD, NOT_ASSESSED = "held", "not held", "not assessed"
STATUSES = (HELD, NOT_HELD, NOT_ASSESSED)


def statuses(principles: Iterable[str], findings: Iterable[Diagnostic]) -> dict[str, str]:
    """principle id -> status, for the principles checked."""
    findings = list(findings)
    broken = {d.principle for d in findings if d.principle and not d.unstated and d.severity >= Severity.WARNING}
    unknown = {d.principle for d in findings if d.principle and d.unstated} - broken
    # Prerequisites: a rule's principle takes its prerequisite's failing status, not held first.
    for r in all_rules():
        if r.requires in broken:
            broken.add(r.principle)
    for r in all_rules():
        if r.requires in unknown and r.principle not in broken:
            unknown.add(r.principle)
    unknown -= broken
    return {p: (NOT_HELD if p in broken else NOT_ASSESSED if p in unknown else HELD) for p in sorted(principles)}


def scorecard(checked: dict[str, list[str]], findings: Iterable[Diagnostic]) -> dict:
    """JSON-ready: {framework: {"title", "held", "not_assessed", "checked",
    "principles": {id: "held" | "not held" | "not assessed"}}}."""
    findings = list(findings)
    out: dict = {}
    for fid in sorted(checked):
        principles = statuses(checked[fid], findings)
        fw = framework(fid)
        out[fid] = {
            "title": (fw.title if fw and fw.title else fid),
            "held": sum(1 for v in principles.values() if v == HELD),
            "not_assessed": sum(1 for v in principles.values() if v == NOT_ASSESSED),
            "checked": len(principles),
            "principles": principles,
        }
    return out
