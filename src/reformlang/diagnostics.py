"""Diagnostics are data: one type for syntax errors, resolution errors and findings.

A pass reports to a `Sink` and carries on; the driver decides when to stop.
Rendering them (text, JSON, SARIF, ...) lives in `reformlang.render`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from reformlang.i18n import msg
from reformlang.records import record
from reformlang.source import Span


class Severity(enum.IntEnum):
    """Ordered so that `a >= b` means a is at least as serious as b."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, word: str) -> Severity:
        return cls[word.strip().upper()]


@record
class Related:
    """Another place that helps explain a diagnostic."""

    span: Span = attrs.field(eq=False)
    message: str


class Applicability(enum.Enum):
    """Whether a fix may be applied without asking (as ruff has it).

    SAFE: the design says the same after it (a misspelled name with one
    suggestion, a suppression that waives nothing removed). UNSAFE: it adds
    a fact the author did not state (a meeting frequency, a joining rule, a
    fund, a link), turning "not assessed" into a claim: only the author may
    choose it, with `--unsafe-fixes`.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"


@record
class Edit:
    """Replace the text of `span` (empty for an insertion) with `content`."""

    span: Span = attrs.field(eq=False)
    content: str

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.span.start, self.span.end, self.content)


@record
class Fix:
    """What to change to resolve a diagnostic: edits in one file, applied together or not at all."""

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]

    @classmethod
    def safe(cls, message: str, *edits: Edit) -> Fix:
        return cls(Applicability.SAFE, message, tuple(edits))

    @classmethod
    def unsafe(cls, message: str, *edits: Edit) -> Fix:
        return cls(Applicability.UNSAFE, message, tuple(edits))

    @property
    def is_safe(self) -> bool:
        return self.applicability is Applicability.SAFE


@record
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span | None = attrs.field(eq=False)
    help: str | None = None
    principle: str | None = None
    related: tuple[Related, ...] = ()
    # Set when the source line should not be shown (e.g. I/O errors).
    path: str | None = None
    # A rule's finding that the spec does not state a fact its principle rests on: the principle is
    # then "not assessed", not "not held" (Rule.not_assessed).
    unstated: bool = False
    fix: Fix | None = attrs.field(default=None, eq=False)

    @property
    def file(self) -> str:
        if self.span is not None:
            return self.span.path
        return self.path or "<unknown>"

    @property
    def sort_key(self) -> tuple:
        span = self.span
        if span is None:
            return (self.file, 0, 0, self.code, self.message)
        return (span.source.path, span.start, span.end, self.code, self.message)


class Sink:
    """Collects diagnostics from the passes."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def report(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def error(self, code: str, message: str, span: Span | None, help: str | None = None,
              related: Iterable[Related] = (), path: str | None = None, fix: Fix | None = None) -> None:
        self.report(Diagnostic(code, Severity.ERROR, message, span, help, None, tuple(related), path, fix=fix))

    def warning(self, code: str, message: str, span: Span | None, help: str | None = None,
                related: Iterable[Related] = (), fix: Fix | None = None) -> None:
        self.report(Diagnostic(code, Severity.WARNING, message, span, help, None, tuple(related), fix=fix))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: d.sort_key)


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The closest known name to a misspelled one, if any is close."""
    import difflib  # only when a name is misspelled

    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return matches[0] if matches else None


def replace_fix(span: Span | None, word: str, candidates: Iterable[str]) -> Fix | None:
    """A safe fix for a misspelled name: replace it with the one close known name, if there is one."""
    if span is None:
        return None
    close = did_you_mean(word, candidates)
    if close is None or close == word:
        return None
    return Fix.safe(msg("replace `{word}` with `{close}`", word=word, close=close), Edit(span, close))


def suggestion(word: str, candidates: Iterable[str], what: str = "") -> str | None:
    """A `did you mean` help line, or a list of what is allowed when few; `what` (a `msg()`, to be
    translated with the rest) names the candidates: "known {what}: ..."."""
    candidates = sorted(set(candidates))
    close = did_you_mean(word, candidates)
    if close:
        return msg("did you mean `{close}`?", close=close)
    if candidates and len(candidates) <= 12:
        names = ", ".join(f"`{c}`" for c in candidates)
        if what:
            return msg("known {what}: {names}", what=what, names=names)
        return msg("expected one of: {names}", names=names)
    return None
