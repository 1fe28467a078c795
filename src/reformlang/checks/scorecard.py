"""The scorecard: per framework, how many of the principles checked the spec holds.

A principle is held when no finding of warning or error severity carries it;
info findings are advice and do not count against it.
"""

from __future__ import annotations

from collections.abc import Iterable

from reformlang.checks.catalog import framework
from reformlang.checks.registry import all_rules
from reformlang.diagnostics import Diagnostic, Severity


def scorecard(checked: dict[str, list[str]], findings: Iterable[Diagnostic]) -> dict:
    """JSON-ready: {framework: {"title", "held", "checked", "principles": {id: "held" | "not held"}}}."""
    broken = {d.principle for d in findings if d.principle and d.severity >= Severity.WARNING}
    # A principle whose prerequisite is not held is not held either (see Rule.requires).
    broken |= {r.principle for r in all_rules() if r.requires in broken}
    out: dict = {}
    for fid in sorted(checked):
        principles = {p: ("not held" if p in broken else "held") for p in sorted(checked[fid])}
        fw = framework(fid)
        out[fid] = {
            "title": (fw.title if fw and fw.title else fid),
            "held": sum(1 for v in principles.values() if v == "held"),
            "checked": len(principles),
            "principles": principles,
        }
    return out
