"""Applying the fixes that findings carry (`reformlang check --fix`).

As ruff does it: per file, take every applicable fix, apply those whose edits
do not overlap one already taken (in source order), re-format the result so
the file stays canonical, check again, and repeat until nothing applicable is
left. A fix whose result would not parse is dropped, never written: the text
that comes out always parses, and applying fixes to it again changes nothing
once the loop has settled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs

from reformlang.diagnostics import Diagnostic, Edit, Fix, Sink
from reformlang.source import SourceFile

# A fix loop that has not settled by then has two fixes undoing each other: stop rather than spin.
MAX_ROUNDS = 20


def applicable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and bool(d.fix.edits) and (unsafe or d.fix.is_safe)


def apply_edits(text: str, fixes: Sequence[Fix]) -> tuple[str, list[Fix]]:
    """Apply the fixes whose edits overlap none already taken, in source order; returns (text, taken)."""
    taken: list[Fix] = []
    claimed: list[tuple[int, int]] = []
    for fix in sorted(fixes, key=lambda f: (min(e.span.start for e in f.edits), f.message)):
        ranges = [(e.span.start, e.span.end) for e in fix.edits]
        if any(_overlaps(r, c) for r in ranges for c in claimed):
            continue
        if any(_overlaps(a, b) for i, a in enumerate(ranges) for b in ranges[i + 1:]):
            continue  # a fix that contradicts itself
        taken.append(fix)
        claimed.extend(ranges)
    edits = sorted((e for f in taken for e in f.edits), key=lambda e: (e.span.start, e.span.end), reverse=True)
    for e in edits:
        text = text[: e.span.start] + e.content + text[e.span.end:]
    return text, taken


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two edits clash when they touch the same text, or insert at the same place."""
    if a == b:
        return True
    if a[0] == a[1]:  # an insertion clashes with a replacement around its point
        return b[0] < a[0] < b[1]
    if b[0] == b[1]:
        return a[0] < b[0] < a[1]
    return a[0] < b[1] and b[0] < a[1]


def canonical(path: str, text: str) -> str | None:
    """The formatted text, or None when it does not parse."""
    from reformlang.format import format_source

    return format_source(SourceFile(path, text), Sink())


@attrs.define
class FileFix:
    """What fixing one file did."""

    path: str
    before: str
    after: str
    fixed: list[Diagnostic] = attrs.field(factory=list)

    @property
    def changed(self) -> bool:
        return self.after != self.before


def fix_text(path: str, text: str, findings_of: Callable[[str], Iterable[Diagnostic]], unsafe: bool) -> FileFix:
    """Fix one file's text until no applicable fix is left.

    `findings_of(text)` checks the text as the file `path` and gives every
    finding (already configured and suppressed as `check` would report).
    """
    result = FileFix(path, text, text)
    current = text
    for _ in range(MAX_ROUNDS):
        candidates = [d for d in findings_of(current) if applicable(d, unsafe) and _in_file(d, path)]
        if not candidates:
            break
        by_fix = {id(d.fix): d for d in candidates}
        new, taken = _apply_parsing(path, current, [d.fix for d in candidates])
        if not taken or new == current:
            break
        result.fixed.extend(by_fix[id(f)] for f in taken)
        current = new
    result.after = current
    return result


def _in_file(d: Diagnostic, path: str) -> bool:
    return all(e.span.path == path for e in d.fix.edits)


def _apply_parsing(path: str, text: str, fixes: list[Fix]) -> tuple[str, list[Fix]]:
    """Apply the fixes and re-format; if the whole does not parse, keep only the fixes that do on their own."""
    new, taken = apply_edits(text, fixes)
    formatted = canonical(path, new)
    if formatted is not None:
        return formatted, taken
    good: list[Fix] = []
    for fix in taken:
        trial, _ = apply_edits(text, [*good, fix])
        if canonical(path, trial) is not None:
            good.append(fix)
    if not good:
        return text, []
    new, taken = apply_edits(text, good)
    formatted = canonical(path, new)
    return (formatted, taken) if formatted is not None else (text, [])


def removal(span_start: int, span_end: int, source: SourceFile) -> Edit:
    """An edit removing source[start:end] with the spaces before it; the whole line when nothing else is on it."""
    text = source.text
    line_start = text.rfind("\n", 0, span_start) + 1
    line_end = text.find("\n", span_end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[line_start:span_start]
    after = text[span_end:line_end]
    if not before.strip() and not after.strip():
        end = line_end + 1 if line_end < len(text) else line_end
        return Edit(source.span(line_start, end), "")
    start = span_start
    while start > line_start and text[start - 1] in " \t":
        start -= 1
    return Edit(source.span(start, span_end), "")
