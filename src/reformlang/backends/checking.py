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
    """The checker's findings as `reformlang check` reports them for this spec: its project
    configuration applied, and less the findings it waives with `# reformlang: ignore[...]`.

    A planner who waived a finding in the spec, with a reason, should not meet
    it again as a risk in the plan; the scorecard is drawn from what is left.
    Raises `reformlang.lint.config.ConfigError` when the configuration is broken.
    """
    from reformlang.lint.report import Linter

    verdict = Linter().review(spec.path, spec)
    return Review(tuple(verdict.findings), {k: verdict.scorecard[k] for k in sorted(verdict.scorecard)})
