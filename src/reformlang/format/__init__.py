"""The formatter: rewrite reformlang text in one canonical layout, keeping every comment.

`format_source` parses, prints (`printer`), and proves the result means the
same before returning it (`verify`).
"""

from __future__ import annotations

from reformlang.diagnostics import Sink
from reformlang.format.printer import format_tree, quote
from reformlang.format.verify import FormatterBug, verify
from reformlang.source import SourceFile
from reformlang.syntax.parser import parse

__all__ = ["FormatterBug", "format_source", "format_tree", "quote"]


def format_source(source: SourceFile, sink: Sink, bad_utf8: int | None = None) -> str | None:
    """The canonical text of `source`, or None when it does not parse (the errors go to `sink`).

    Raises FormatterBug if the printed text would not mean the same as the source.
    """
    if bad_utf8 is not None:
        sink.error("E004", "this file is not valid UTF-8", source.span(bad_utf8, bad_utf8 + 1),
                   "save the file as UTF-8 (most editors offer this under 'Save with encoding')")
        return None
    tree = parse(source, sink)
    if tree is None:
        return None
    out = format_tree(tree, source)
    verify(tree, out, source.path)
    return out
