"""Run the checker for a backend: the findings and the scorecard a plan or a marked diagram shows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from reformlang.diagnostics import Diagnostic
from reformlang.semantics import model


@attrs.frozen
class Review:
    """What the checker says about one spec."""

    findings: tuple[Diagnostic, ...]
    # {framework_id: {"title", "held", "checked", "principles": {principle_id: "held" | "not held"}}}
    scorecard: Mapping[str, Mapping[str, Any]]


def review(spec: model.Spec) -> Review:
    """The checker's findings, less those the spec waives with `# reformlang: ignore[...]` comments.

    A planner who waived a finding in the spec, with a reason, should not meet
    it again as a risk in the plan; the scorecard is drawn from what is left,
    as `reformlang check` draws it.
    """
    from reformlang.checks import all_rules, run_checks, scorecard
    from reformlang.driver import loader
    from reformlang.lint import suppressions
    from reformlang.lint.catalogue import Catalogue

    result = run_checks(spec)
    marks, _ = suppressions.parse(spec, Catalogue(all_rules(), loader().stdlib_frameworks()))
    kept, _, _ = suppressions.apply(result.findings, marks)
    findings = tuple(sorted(kept, key=lambda d: d.sort_key))
    card = scorecard(result.checked, [d for d in findings if d.principle])
    return Review(findings, {k: card[k] for k in sorted(card)})
