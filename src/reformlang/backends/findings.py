"""Which part of a spec each checker finding points at, so that backends can mark it.

A finding carries a span; every element of the model carries the span of its
block. The element a finding belongs to is the innermost block whose span
holds the finding's span (a finding on an indicator's target belongs to the
indicator, not to its priority).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from reformlang.diagnostics import Diagnostic
from reformlang.records import record
from reformlang.semantics import model
from reformlang.semantics import schema
from reformlang.source import Span

# An element's key: (kind, initiative id, element id). Blocks with no id use ""
# when there is one per initiative (engagement, accountability, ...), and their
# position when they repeat (links: `link0`, `link1`, ...).
Key = tuple[str, str, str]


def link_id(index: int) -> str:
    """Links have no id in the language; backends name them by position."""
    return f"link{index}"


def key(initiative: model.Initiative, spec: schema.BlockSpec, node, position: int | None) -> Key:
    """The key of one block of an initiative, as schema.walk() yields it."""
    if spec.id != schema.NONE:
        return spec.keyword, initiative.id, node.id
    return spec.keyword, initiative.id, "" if position is None else f"{spec.keyword}{position}"


def elements(initiative: model.Initiative) -> list[tuple[Key, Span | None]]:
    """Every element of an initiative with the span of its block, found by walking the schema's blocks."""
    return [(key(initiative, spec, node, position), node.span) for spec, node, position in schema.walk(initiative)]


@record
class Located:
    """The findings of a spec, grouped by the element they point at."""

    by_element: dict[Key, tuple[Diagnostic, ...]]
    unplaced: tuple[Diagnostic, ...]  # findings with no span inside an initiative
    # The title of the part of the design each finding is on (by the finding's id()), for its plain advice.
    subjects: dict[int, str] = attrs.field(factory=dict, eq=False)
    library: model.Library | None = attrs.field(default=None, eq=False)  # for the principles' titles

    def subject(self, d: Diagnostic) -> str:
        return self.subjects.get(id(d), "")

    def at(self, kind: str, initiative: str, id: str = "") -> tuple[Diagnostic, ...]:
        return self.by_element.get((kind, initiative, id), ())


NONE = Located({}, ())


def marked(findings: Sequence[Diagnostic]) -> list[Diagnostic]:
    """The findings a diagram marks with ⚠: a fact the spec leaves out (not assessed) is not a flaw to mark."""
    return [d for d in findings if not d.unstated]


def locate(spec: model.Spec, findings: Sequence[Diagnostic]) -> Located:
    from reformlang.backends import words as w

    spans = [(k, span) for ini in spec.initiatives for k, span in elements(ini) if span is not None]
    titles: dict[Key, str] = {}
    for ini in spec.initiatives:
        for block, node, position in schema.walk(ini):
            titles[key(ini, block, node, position)] = (
                w.title(node) if block.id != schema.NONE else w.title(ini))
    subjects: dict[int, str] = {}
    by: dict[Key, list[Diagnostic]] = {}
    unplaced: list[Diagnostic] = []
    places = _Places(spans)
    for d in sorted(findings, key=lambda d: d.sort_key):
        element = places.around(d.span) if d.span is not None else None
        if element is None:
            unplaced.append(d)
        else:
            by.setdefault(element, []).append(d)
            subjects[id(d)] = titles.get(element, "")
    return Located({k: tuple(v) for k, v in by.items()}, tuple(unplaced), subjects, spec.library)


class _Places:
    """The elements' spans, to find the smallest one around a finding's span (the first of that size, in
    the order of `spans`) without trying them all: that cost findings x elements, minutes for a design
    of thousands of levels. Block spans nest, so it is the nearest enclosing one of the last span that
    starts at or before it; a span that ends just where an empty one starts holds it too."""

    def __init__(self, spans: list[tuple[Key, Span]]) -> None:
        first: dict[tuple[str, int, int], tuple[int, Key]] = {}
        for order, (element, span) in enumerate(spans):
            first.setdefault((span.path, span.start, span.end), (order, element))
        self.files: dict[str, tuple[list[int], list[tuple[int, int, int, Key]], list[int | None]]] = {}
        self.ending: dict[tuple[str, int], list[tuple[int, int, Key]]] = {}
        for (path, start, end), (order, element) in sorted(first.items(), key=lambda i: (i[0][0], i[0][1], -i[0][2])):
            starts, places, parents = self.files.setdefault(path, ([], [], []))
            # Its parent: the nearest place before it that ends at or after its end.
            parent = len(places) - 1
            while parent is not None and parent >= 0 and places[parent][1] < end:
                parent = parents[parent]
            starts.append(start)
            places.append((start, end, order, element))
            parents.append(parent if parent is not None and parent >= 0 else None)
            self.ending.setdefault((path, end), []).append((end - start, order, element))

    def around(self, span: Span) -> Key | None:
        found = self.files.get(span.path)
        if found is None:
            return None
        starts, places, parents = found
        i: int | None = bisect.bisect_right(starts, span.start) - 1
        while i is not None and i >= 0 and places[i][1] < span.end:
            i = parents[i]
        best = None
        if i is not None and i >= 0:
            start, end, order, element = places[i]
            best = (end - start, order, element)
        if span.start == span.end:
            for candidate in self.ending.get((span.path, span.start), ()):
                if best is None or candidate[:2] < best[:2]:
                    best = candidate
        return best[2] if best is not None else None


def principle_title(library: model.Library, principle: str | None) -> str:
    """A principle's title ("A partner upward"), or its id when the library does not give one."""
    if not principle:
        return ""
    framework = library.frameworks.get(principle.split(".", 1)[0])
    p = framework.principle(principle) if framework else None
    return p.title if p is not None and p.title else principle


def principle_about(library: model.Library, principle: str | None) -> str:
    """Why a principle matters, in the standard library's plain words."""
    if not principle:
        return ""
    framework = library.frameworks.get(principle.split(".", 1)[0])
    p = framework.principle(principle) if framework else None
    return (getattr(p, "about", None) or "") if p is not None else ""


def advice(d: Diagnostic, subject: str = "") -> str:
    """What to add, in words a board member reads: the rule's `plain` text with `{subject}` (the title of
    the part of the design the finding is on) filled in, in sentence case. The spec change itself is the
    finding's help, kept for authors. Empty for a finding no rule made (a broken suppression comment)."""
    from reformlang.backends import words as w
    from reformlang.checks.registry import rule_for
    from reformlang.i18n import _

    rule = rule_for(d.code)
    text = getattr(rule, "plain", "") if rule is not None else ""
    if not text:
        return ""
    return w.sentence(_(text).replace("{subject}", subject or _(w.THIS_PART)))
