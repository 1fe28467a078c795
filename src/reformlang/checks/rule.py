"""What a rule is: its metadata, its docs, and how it reports a finding.

A rule is one small class in its own module under `checks/rules/<framework>/`.
Its metadata and docs are class attributes, so `reformlang rules`,
`reformlang explain` and docs/rules.md all read the same place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar

from reformlang.diagnostics import Diagnostic, Fix, Related, Severity
from reformlang.records import record
from reformlang.source import Span

if TYPE_CHECKING:
    from reformlang.checks.facts import Facts


@record
class RuleDocs:
    """A rule's docs, always in the same shape.

    what:   what the rule flags, in one or two sentences.
    why:    why it matters: the source of its principle by title ("Leadership from the
            Middle" or "Making Progress Possible"), and which part (a reading, a
            threshold, a mechanism) is reformlang's own.
    weak:   a .reform snippet the rule flags.
    strong: the same snippet made stronger, which the rule accepts.
    """

    what: str
    why: str
    weak: str
    strong: str

    def missing(self) -> list[str]:
        """The parts left empty (a test fails on any)."""
        return [name for name in ("what", "why", "weak", "strong") if not getattr(self, name).strip()]


class Rule:
    """Base class of every rule; subclasses set the class attributes and `check`."""

    code: ClassVar[str]  # stable, e.g. "LM003"
    name: ClassVar[str]  # kebab-case, says what it flags, e.g. "no-upward-partner-link"
    principle: ClassVar[str]  # "framework.principle"
    severity: ClassVar[Severity] = Severity.WARNING  # the default; configuration may change it
    # The part of an initiative the rule examines (e.g. "networks"); when an
    # initiative has none, the rule's principle is not counted as checked, so
    # the scorecard never claims a principle held on nothing.
    needs: ClassVar[str | None] = None
    # A principle this one presupposes (e.g. a middle that leads presupposes a
    # middle). Such rules stay silent when the prerequisite is missing, to
    # avoid a pile of findings about one gap; the scorecard then gives their
    # principle the prerequisite's status when that is not held or not assessed.
    requires: ClassVar[str | None] = None
    summary: ClassVar[str]  # one line
    docs: ClassVar[RuleDocs]

    @property
    def framework(self) -> str:
        return self.principle.split(".", 1)[0]

    def check(self, facts: Facts) -> Iterator[Diagnostic]:
        """Yield the findings of this rule on one initiative."""
        raise NotImplementedError

    def finding(self, message: str, span: Span | None, help: str | None = None,
                related: Iterable[tuple[Span | None, str]] = (), fix: Fix | None = None) -> Diagnostic:
        """A finding of this rule: what the spec states goes against the principle (not held).

        Related places without a span are dropped. `fix`: the literal change the help describes,
        when there is one (built with checks/fixes.py).
        """
        return Diagnostic(self.code, self.severity, message, span, help, self.principle,
                          tuple(Related(s, m) for s, m in related if s is not None), fix=fix)

    def not_assessed(self, message: str, span: Span | None, help: str | None = None,
                     related: Iterable[tuple[Span | None, str]] = (), fix: Fix | None = None) -> Diagnostic:
        """The spec does not state a fact this rule needs: the principle is not assessed.

        An info finding (configuration `unstated = "warning"` raises it) that
        says what is not stated, e.g. "the spec does not say how network `x`
        is funded", with a help that says what to state. It never makes the
        principle not held.
        """
        return Diagnostic(self.code, Severity.INFO, message, span, help, self.principle,
                          tuple(Related(s, m) for s, m in related if s is not None), unstated=True, fix=fix)

    def __repr__(self) -> str:
        return f"<Rule {self.code} {self.name} [{self.principle}]>"
