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
    from reformlang.checks import run_checks, scorecard

    result = run_checks(spec)
    findings = tuple(sorted(result.findings, key=lambda d: d.sort_key))
    card = scorecard(result.checked, list(findings))
    return Review(findings, {k: card[k] for k in sorted(card)})
