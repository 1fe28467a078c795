"""The analysis of a design: what it does, derived once per initiative from the resolved model.

It stands between the resolved model and its readers (the checker's rules and
the simulator's levers): text -> syntax -> model -> analysis -> checks.
"""

from __future__ import annotations

from reformlang.analysis.design import (
    TIERS, UNKNOWN, WORK_KINDS, Analysis, Decisions, Flow, Fund, Learning, MoneyView, Share, Work, analyse,
)

__all__ = ["TIERS", "UNKNOWN", "WORK_KINDS", "Analysis", "Decisions", "Flow", "Fund", "Learning", "MoneyView",
           "Share", "Work", "analyse"]
