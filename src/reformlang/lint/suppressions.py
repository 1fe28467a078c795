"""Suppression comments: `# reformlang: ignore[CODE-or-principle, ...] -- reason`.

On an ordinary line the comment covers findings that start on that line; on
the first line of a block (its header) it covers every finding inside the
block. A suppression without a reason waives nothing and is reported (S001);
one that covers nothing (S002) and one that cannot be read or names nothing
known (S003) are findings too.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from reformlang.diagnostics import Diagnostic, Edit, Fix, Severity, replace_fix, suggestion
from reformlang.i18n import msg
from reformlang.lint.catalogue import Catalogue, finding_matches
from reformlang.records import record
from reformlang.semantics import model
from reformlang.source import Span

_MARK = re.compile(r"#\s*reformlang\s*:", re.IGNORECASE)
_FORM = re.compile(r"#\s*reformlang\s*:\s*ignore\s*\[(?P<names>[^\]]*)\]\s*(?:--\s*(?P<reason>.*))?$")


@record
class Suppression:
    names: tuple[str, ...]  # the known names it waives
    reason: str | None
    span: Span = attrs.field(eq=False)  # the comment
    start: int = 0  # offsets of the text it covers
    end: int = 0
    block: bool = False


def parse(spec: model.Spec, catalogue: Catalogue) -> tuple[list[Suppression], list[Diagnostic]]:
    """Read the suppressions in a spec's comments; problems with the comments themselves come back as findings."""
    found: list[Suppression] = []
    problems: list[Diagnostic] = []
    known = catalogue.names
    for comment in spec.comments:
        if comment.span is None or not _MARK.match(comment.text):
            continue
        m = _FORM.match(comment.text.rstrip())
        if m is None:
            problems.append(Diagnostic(
                "S003", Severity.WARNING, msg("this `reformlang:` comment is not a suppression reformlang can read"),
                comment.span, msg("write it as `# reformlang: ignore[CODE-or-principle] -- why this is acceptable`")))
            continue
        names = tuple(n.strip() for n in m.group("names").split(",") if n.strip())
        if not names:
            problems.append(Diagnostic(
                "S003", Severity.WARNING, msg("this suppression names no rule or principle"), comment.span,
                msg("put the rule codes or principle ids to ignore between the brackets")))
            continue
        unknown = [n for n in names if n not in known]
        for n in unknown:
            problems.append(Diagnostic(
                "S003", Severity.WARNING, msg("`{name}` is not a rule code, principle or framework", name=n),
                comment.span, suggestion(n, known, msg("names")), fix=_rename_fix(comment, m, n, known)))
        names = tuple(n for n in names if n in known)
        reason = (m.group("reason") or "").strip() or None
        if reason is None:
            # The language requires the reason: without one the comment waives nothing (language.md).
            problems.append(Diagnostic(
                "S001", Severity.WARNING,
                msg("this suppression gives no reason, so it waives nothing: the findings it names are still "
                    "reported"),
                comment.span,
                msg("say why after `--`, e.g. `# reformlang: ignore[{names}] -- consultation runs in 2027`",
                    names=", ".join(names) or "lftm.buy_in")))
            continue
        if names:
            found.append(Suppression(names, reason, comment.span))
    if not found:
        return found, problems
    # A comment is the last thing on its line, so each line holds at most one suppression.
    source = found[0].span.source
    lines = [(source.line_starts[m.span.line - 1], m.span.start) for m in found]
    blocks = _blocks_opening_before(spec, sorted(lines))
    placed = []
    for mark, (line_start, comment_start) in zip(found, lines):
        block = blocks.get(line_start)
        if block is not None:
            placed.append(attrs.evolve(mark, start=block.start, end=block.end, block=True))
        else:
            placed.append(attrs.evolve(mark, start=line_start, end=comment_start))
    return placed, problems


def apply(findings: Sequence[Diagnostic], suppressions: Sequence[Suppression],
          ran: Callable[[str], bool] = lambda name: True
          ) -> tuple[list[Diagnostic], list[Diagnostic], list[Diagnostic]]:
    """Split rule findings into (kept, suppressed) and report the suppressions that covered nothing (S002).

    `ran(name)` says whether any rule the name picks ran on this file: a
    suppression of a rule the configuration turned off is idle, not stale.
    """
    used: set[tuple[int, str]] = set()
    kept: list[Diagnostic] = []
    suppressed: list[Diagnostic] = []
    for d in findings:
        hit = False
        for i, s in enumerate(suppressions):
            if _covers(s, d):
                for name in s.names:
                    if finding_matches(name, d):
                        used.add((i, name))
                        hit = True
        (suppressed if hit else kept).append(d)
    unused: list[Diagnostic] = []
    for i, s in enumerate(suppressions):
        idle = [n for n in s.names if (i, n) not in used and ran(n)]
        if idle:
            names = ", ".join(f"`{n}`" for n in idle)
            if s.block:
                message = msg("this suppression of {names} matches no finding on its block", names=names)
            else:
                message = msg("this suppression of {names} matches no finding on its line", names=names)
            unused.append(Diagnostic(
                "S002", Severity.WARNING, message,
                s.span, msg("remove it (or the names that no longer apply): the problem it waived is gone"),
                fix=_drop_fix(s, idle)))
    return kept, suppressed, unused


def _rename_fix(comment: Any, m: re.Match, name: str, known: Iterable[str]) -> Fix | None:
    """Replace a misspelled name inside the brackets with the one close known name."""
    names_at = m.start("names")
    inside = m.group("names")
    found = re.search(r"(?<![\w.])" + re.escape(name) + r"(?![\w.])", inside)
    if found is None:
        return None
    start = comment.span.start + names_at + found.start()
    return replace_fix(comment.span.source.span(start, start + len(name)), name, known)


def _drop_fix(s: Suppression, idle: list[str]) -> Fix:
    """Remove the names that waive nothing; the whole comment when none is left.

    Safe: no finding is waived by them, so nothing the checker reports changes.
    """
    from reformlang.lint.fixes import removal

    source = s.span.source
    m = _FORM.match(s.span.text.rstrip())
    written = [n.strip() for n in m.group("names").split(",") if n.strip()] if m else list(s.names)
    keep = [n for n in written if n not in idle]
    if not keep:
        return Fix.safe(msg("remove the unused suppression"), removal(s.span.start, s.span.end, source))
    reason = (m.group("reason") or "").strip() if m else ""
    text = f"# reformlang: ignore[{', '.join(keep)}]" + (f" -- {reason}" if reason else "")
    end = s.span.start + len(s.span.text.rstrip())
    return Fix.safe(msg("remove {names} from the suppression", names=", ".join(f"`{n}`" for n in idle)),
                    Edit(source.span(s.span.start, end), text))


def _covers(s: Suppression, d: Diagnostic) -> bool:
    """Does the suppression's line or block hold where the finding starts?"""
    if d.span is None or _language_error(d) or s.span.source is not d.span.source:
        return False
    return s.start <= d.span.start < s.end or (s.block and s.start <= d.span.start <= s.end)


def waiver(d: Diagnostic, suppressions: Sequence[Suppression]) -> Suppression | None:
    """The first suppression that waives a finding (for its reason, in SARIF)."""
    for s in suppressions:
        if _covers(s, d) and any(finding_matches(name, d) for name in s.names):
            return s
    return None


def _language_error(d: Diagnostic) -> bool:
    """A spec that does not compile cannot be waived by a comment."""
    return d.severity is Severity.ERROR and d.principle is None and not d.code.startswith("S")


def _blocks_opening_before(spec: model.Spec, lines: list[tuple[int, int]]) -> dict[int, Span]:
    """The block whose header starts on each comment's line, before the comment, keyed by the line's start.

    `lines` holds (line start, comment start), sorted. The outermost block
    wins when two start on one line.
    """
    starts = [a for a, _ in lines]
    out: dict[int, Span] = {}
    for node in _nodes(spec.initiatives):
        header, span = node.header, node.span
        if header is None or span is None:
            continue
        i = bisect.bisect_right(starts, header.start) - 1
        if i < 0 or not (lines[i][0] <= header.start < lines[i][1]):
            continue
        key = lines[i][0]
        if key not in out or (span.end - span.start) > (out[key].end - out[key].start):
            out[key] = span
    return out


@functools.cache
def _child_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(cls) if f.name not in ("span", "header", "spans"))


def _nodes(items: Iterable[Any]) -> Iterator[Any]:
    """Every block of the model from the initiatives down: the nodes that have a header."""
    stack = [i for i in items if hasattr(i, "header")]
    while stack:
        node = stack.pop()
        yield node
        for name in _child_fields(type(node)):
            value = getattr(node, name)
            if type(value) is tuple:
                stack.extend(v for v in value if hasattr(v, "header"))
            elif hasattr(value, "header"):
                stack.append(value)
