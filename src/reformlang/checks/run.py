"""Run the rules on a spec and collect what they find."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reformlang.checks.facts import Facts
from reformlang.checks.registry import all_rules
from reformlang.checks.rule import Rule
from reformlang.diagnostics import Diagnostic
from reformlang.records import record
from reformlang.semantics import model


@record
class CheckResult:
    findings: list[Diagnostic]
    # framework id -> ids of the principles that were checked (sorted)
    checked: dict[str, list[str]]


def run_checks(spec: model.Spec, frameworks: Iterable[str] | None = None,
               rules: Iterable[Rule] | None = None, thresholds: Mapping[str, float] | None = None) -> CheckResult:
    """Hold a spec to frameworks (default: those it `use`s) with the selected rules (default: all).

    Only rules whose principle belongs to one of `frameworks` run. A file with
    no initiative (a library) has nothing to check. `thresholds` overrides the
    defaults of semantics.schema.THRESHOLDS (the configuration's `[thresholds]`).
    """
    wanted = set(spec.frameworks if frameworks is None else frameworks)
    selected = [r for r in (all_rules() if rules is None else rules) if r.framework in wanted]
    selected.sort(key=lambda r: r.code)
    if not spec.initiatives:
        return CheckResult([], {})
    checked: dict[str, set[str]] = {r.framework: set() for r in selected}
    # What each rule needs, its principle and its framework's set, looked up once rather than per initiative.
    plan = [(r.check, r.needs, r.principle, checked[r.framework]) for r in selected]
    findings: list[Diagnostic] = []
    for initiative in spec.initiatives:
        facts = Facts(initiative, spec, thresholds=thresholds)
        for check, needs, principle, principles in plan:
            if needs is None or getattr(initiative, needs):
                principles.add(principle)
                findings.extend(check(facts))
    findings.sort(key=lambda d: d.sort_key)
    return CheckResult(findings, {fw: sorted(ps) for fw, ps in sorted(checked.items())})
