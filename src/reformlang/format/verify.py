"""Prove that formatted text means what the original meant: same tree, same comments.

The formatter runs this on its own output before anything is written, so that
a bug in the printer shows up as an internal error instead of a changed spec.
"""

from __future__ import annotations

from typing import Any

import attrs

from reformlang.diagnostics import Sink
from reformlang.source import SourceFile
from reformlang.syntax import ast
from reformlang.syntax.parser import parse


class FormatterBug(Exception):
    """The formatter's output does not parse back to the same spec."""


def shape(node: Any) -> Any:
    """A plain, comparable form of a syntax node: no spans, and strings by value, not by escapes."""
    if isinstance(node, tuple):
        return tuple(shape(n) for n in node)
    if attrs.has(type(node)):
        fields = [f for f in attrs.fields(type(node)) if f.eq and not (f.name == "raw" and isinstance(node, ast.String))]
        return (type(node).__name__, *(shape(getattr(node, f.name)) for f in fields))
    return node


def comment_texts(tree: ast.File) -> list[str]:
    """The comments of a file in source order, without trailing whitespace (which the formatter drops)."""
    return [c.text.rstrip() for c in sorted(tree.comments, key=lambda c: c.span.start)]


def verify(original: ast.File, formatted: str, path: str) -> None:
    """Raise FormatterBug unless `formatted` parses to the same tree with the same comments in the same order."""
    sink = Sink()
    again = parse(SourceFile(path, formatted), sink)
    if again is None:
        first = sink.items[0].message if sink.items else "no diagnostic"
        raise FormatterBug(f"the formatted text of {path} does not parse: {first}")
    # Nodes compare by structure already; only a string re-escaped (its `raw`) needs the slower look.
    if again.items != original.items and shape(again.items) != shape(original.items):
        raise FormatterBug(f"formatting {path} would change its meaning")
    if comment_texts(again) != comment_texts(original):
        raise FormatterBug(f"formatting {path} would lose or reorder comments")
