"""The names a user may write to pick rules: rule codes, principle ids and framework ids."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from reformlang.diagnostics import Diagnostic, Severity

# Codes the lint layer reports itself, about suppression comments (see docs/ci.md).
S_CODES: dict[str, tuple[str, str, str]] = {  # code -> (name, summary, what to do)
    "S001": ("suppression-without-reason",
             "A `# reformlang: ignore[...]` comment gives no reason after `--`, so it waives nothing.",
             "Say why the finding is acceptable after `--`: "
             "`# reformlang: ignore[lftm.buy_in] -- consultation runs in 2027`."),
    "S002": ("unused-suppression",
             "A `# reformlang: ignore[...]` comment suppresses no finding.",
             "The finding it waived is gone: remove the comment, or the names in it that no longer apply."),
    "S003": ("malformed-suppression",
             "A `# reformlang:` comment that cannot be read, or that names no known rule or principle.",
             "Write it as `# reformlang: ignore[CODE-or-principle] -- reason`, naming rule codes, "
             "principle ids or framework ids."),
}


def framework_of(principle: str | None) -> str | None:
    return principle.split(".", 1)[0] if principle else None


class Catalogue:
    """Every rule, and the codes, principles and frameworks a selector may name."""

    def __init__(self, rules: Sequence[Any], frameworks: Iterable[str] = ()) -> None:
        self.rules = sorted(rules, key=lambda r: r.code)
        self.by_code = {r.code: r for r in self.rules}
        self.principles = {r.principle for r in self.rules}
        self.frameworks = {framework_of(p) for p in self.principles} | set(frameworks)

    @property
    def names(self) -> set[str]:
        """Everything a `select`, `ignore`, `severity` key or suppression may name."""
        return set(self.by_code) | set(S_CODES) | self.principles | self.frameworks

    def knows(self, name: str) -> bool:
        return name in self.names


def matches(selector: str, code: str, principle: str | None) -> bool:
    """Does a selector (a code, a principle id or a framework id) pick this rule or finding?"""
    return selector == code or (principle is not None and selector in (principle, framework_of(principle)))


def specificity(selector: str, code: str) -> int:
    """How closely a selector names a rule: its code beats its principle beats its framework."""
    if selector == code:
        return 3
    return 2 if "." in selector else 1


def finding_matches(selector: str, d: Diagnostic) -> bool:
    return matches(selector, d.code, d.principle)
