"""The checker: rules that hold a spec to the principles of the frameworks it uses.

Rules read only the model. Each lives in its own module under `rules/`, named
by its code; this package finds them, runs them, and scores the result.
"""

from __future__ import annotations

from reformlang.checks.registry import all_rules, rule_for, rules_for_principle
from reformlang.checks.rule import Rule, RuleDocs
from reformlang.checks.run import CheckResult, run_checks
from reformlang.checks.scorecard import scorecard

__all__ = ["CheckResult", "Rule", "RuleDocs", "all_rules", "rule_for", "rules_for_principle", "run_checks",
           "scorecard"]
