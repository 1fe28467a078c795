"""Print a syntax tree and its comments as canonical reformlang text.

The layout: two-space indent; one attribute per line; `keyword id "Title" {`
blocks; lists on one line unless they are long or hold comments; a blank line
after every block (and before one at the top of a file); the blank lines a
user put elsewhere kept (collapsed to one). Numbers keep their source text; strings are re-quoted with the
escapes they need.

Every comment is kept, in its original order. A comment is attached by where
it sits in the source: on the line where an item ends it trails that item;
on the line of a `{` or `[` it trails the opening line; otherwise it stands on
its own line above the next item (or before the closing `}` / `]`). The few
comments that sit *inside* a one-line construct (between `key:` and its
value, inside a `link`, in a block header before its `{`) cannot stay there
in a canonical layout, so they move to their own lines just above it; but a
comment on the first line of a block header stays on that line, after the
`{` (a suppression there covers the whole block), and the header's later
comments follow it inside the block.
"""

from __future__ import annotations

import bisect

from reformlang.source import SourceFile
from reformlang.syntax import ast

INDENT = "  "
# A list longer than this (with its indent and key) is broken one item per line.
MAX_WIDTH = 88
# Between code and a comment on the same line.
TRAIL = "  "

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}


def quote(value: str) -> str:
    """A string literal for `value`, with only the escapes it needs."""
    if not any(ch in value for ch in _ESCAPES):
        return f'"{value}"'
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in value) + '"'


def scalar(value: ast.Scalar) -> str:
    """The canonical text of one scalar value."""
    if isinstance(value, ast.String):
        return quote(value.value)
    if isinstance(value, ast.Ref):
        return value.name
    if isinstance(value, ast.Number):
        return value.raw
    if isinstance(value, ast.Percent):
        return f"{value.number.raw}%"
    if isinstance(value, ast.Money):
        return f"{value.amount.raw} {value.currency}"
    if isinstance(value, ast.Range):
        return f"{value.low.raw} .. {value.high.raw}"
    if isinstance(value, ast.Measurement):
        return f"{scalar(value.value)} {value.preposition} {value.year.raw}"
    raise TypeError(f"not a scalar: {type(value).__name__}")


def format_tree(tree: ast.File, source: SourceFile) -> str:
    """The canonical text of a parsed file (its comments come from `tree.comments`)."""
    return _Printer(tree, source).run()


class _Printer:
    def __init__(self, tree: ast.File, source: SourceFile) -> None:
        self.tree = tree
        self.source = source
        self.text = source.text
        self.comments = sorted(tree.comments, key=lambda c: c.span.start)
        self.starts = [c.span.start for c in self.comments]
        self.lines: list[str] = []

    # ------------------------------------------------------------ helpers
    def run(self) -> str:
        self.body(self.tree.items, 0, len(self.text), "", top=True)
        if not self.lines:
            return ""
        return "\n".join(line.rstrip() for line in self.lines) + "\n"

    def comments_in(self, start: int, end: int) -> list[ast.Comment]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.comments[lo:hi]

    def line(self, offset: int) -> int:
        return self.source.position(offset)[0]

    def blank_between(self, start: int, end: int) -> bool:
        """Whether the user left an empty line between two offsets (only whitespace lies between)."""
        return self.text.count("\n", start, end) >= 2

    def emit(self, line: str) -> None:
        self.lines.append(line)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def trail(self, comment: ast.Comment) -> None:
        self.lines[-1] += TRAIL + comment.text.rstrip()

    def open_brace(self, pos: int) -> int:
        """The offset of the `{` that opens a block, skipping whitespace and comments after its header."""
        text = self.text
        while pos < len(text):
            ch = text[pos]
            if ch == "{":
                return pos
            if ch == "#":
                nl = text.find("\n", pos)
                pos = len(text) if nl == -1 else nl
            else:
                pos += 1
        raise ValueError("a parsed block has no `{`")

    # ------------------------------------------------------------- bodies
    def body(self, items: tuple[ast.Item, ...], start: int, end: int, indent: str, top: bool = False) -> None:
        """The items between `start` and `end` (a file, or a block between its braces), with their comments."""
        pos = start  # end of the last thing printed, in the source
        prev: ast.Item | None = None
        started = False  # whether this body has printed a line yet

        def separate(at: int, forced: bool) -> None:
            # Never a blank line first in a body; otherwise when required, or where the user left one.
            if started and (forced or self.blank_between(pos, at)):
                self.blank()

        for item in items:
            gap = self.comments_in(pos, item.span.start)
            if prev is not None and gap and self.line(gap[0].span.start) == self.line(prev.span.end):
                self.trail(gap[0])
                pos = gap[0].span.end
                gap = gap[1:]
            forced = prev is not None and _forced_blank(prev, item, top)
            for c in gap:
                separate(c.span.start, forced)
                forced = False
                self.emit(indent + c.text.rstrip())
                pos = c.span.end
                started = True
            separate(item.span.start, forced)
            self.item(item, indent)
            started = True
            pos = item.span.end
            prev = item
        rest = self.comments_in(pos, end)
        if prev is not None and rest and self.line(rest[0].span.start) == self.line(prev.span.end):
            self.trail(rest[0])
            pos = rest[0].span.end
            rest = rest[1:]
        for c in rest:
            separate(c.span.start, False)
            self.emit(indent + c.text.rstrip())
            pos = c.span.end
            started = True

    # ------------------------------------------------------------- items
    def item(self, item: ast.Item, indent: str) -> None:
        if isinstance(item, ast.Block):
            self.block(item, indent)
        elif isinstance(item, ast.Attribute):
            self.attribute(item, indent)
        elif isinstance(item, ast.Link):
            self.hoist(item.span.start, item.span.end, indent)
            kinds = ", ".join(k.text for k in item.kinds)
            inside = f"{{ {kinds} }}" if kinds else "{}"
            self.emit(f"{indent}link {item.source.text} {item.arrow} {item.target.text} {inside}")
        elif isinstance(item, ast.Use):
            self.hoist(item.span.start, item.span.end, indent)
            target = item.target.text if isinstance(item.target, ast.Name) else quote(item.target.value)
            self.emit(f"{indent}use {target}")
        else:  # pragma: no cover - the parser builds no other item
            raise TypeError(f"not an item: {type(item).__name__}")

    def hoist(self, start: int, end: int, indent: str) -> None:
        """Comments inside a one-line construct go on their own lines just above it."""
        for c in self.comments_in(start, end):
            self.emit(indent + c.text.rstrip())

    def block(self, block: ast.Block, indent: str) -> None:
        brace = self.open_brace(block.header.end)
        in_header = self.comments_in(block.span.start, brace)
        # A comment on the header's first line stays on it, after the `{`: a suppression there covers the
        # whole block (lint/suppressions.py), and above the block it would cover nothing. The header's
        # later comments then follow it inside the block, to keep the comments' order.
        first_line = in_header[:1] if in_header and self.line(in_header[0].span.start) == \
            self.line(block.span.start) else []
        if not first_line:
            self.hoist(block.span.start, brace, indent)
        head = [block.keyword.text]
        if block.id is not None:
            head.append(block.id.text)
        if block.title is not None:
            head.append(quote(block.title.value))
        head_text = indent + " ".join(head)
        close = block.close.start
        inner = self.comments_in(brace + 1, close)
        if not block.items and not inner and len(in_header) == len(first_line):
            self.emit(head_text + " {}")
            for c in first_line:
                self.trail(c)
            return
        self.emit(head_text + " {")
        start = brace + 1
        if first_line:
            self.trail(first_line[0])
            for c in in_header[1:]:
                self.emit(indent + INDENT + c.text.rstrip())
        else:
            first_at = block.items[0].span.start if block.items else close
            opening = [c for c in inner if c.span.start < first_at]
            if opening and self.line(opening[0].span.start) == self.line(brace):
                self.trail(opening[0])
                start = opening[0].span.end
        self.body(block.items, start, close, indent + INDENT)
        self.emit(indent + "}")

    def attribute(self, attr: ast.Attribute, indent: str) -> None:
        key = attr.key.text
        value = attr.value
        if not isinstance(value, ast.ListValue):
            self.hoist(attr.span.start, attr.span.end, indent)
            self.emit(f"{indent}{key}: {scalar(value)}")
            return
        self.hoist(attr.span.start, value.span.start, indent)
        inner = self.comments_in(value.span.start, value.span.end)
        items = [scalar(v) for v in value.items]
        one_line = f"{indent}{key}: [{', '.join(items)}]"
        if not inner and len(one_line) <= MAX_WIDTH:
            self.emit(one_line)
            return
        self.emit(f"{indent}{key}: [")
        inner_indent = indent + INDENT
        pos = value.span.start + 1
        first_at = value.items[0].span.start if value.items else value.span.end
        pending = self.comments_in(pos, value.span.end - 1)
        if pending and pending[0].span.start < first_at and \
                self.line(pending[0].span.start) == self.line(value.span.start):
            self.trail(pending[0])
            pos = pending[0].span.end
        for n, (v, shown) in enumerate(zip(value.items, items)):
            for c in self.comments_in(pos, v.span.end):
                self.emit(inner_indent + c.text.rstrip())
            self.emit(f"{inner_indent}{shown},")
            pos = v.span.end
            upto = value.items[n + 1].span.start if n + 1 < len(value.items) else value.span.end - 1
            after = self.comments_in(pos, upto)
            if after and self.line(after[0].span.start) == self.line(v.span.end):
                self.trail(after[0])
                pos = after[0].span.end
        for c in self.comments_in(pos, value.span.end - 1):
            self.emit(inner_indent + c.text.rstrip())
        self.emit(indent + "]")


def _forced_blank(prev: ast.Item, item: ast.Item, top: bool) -> bool:
    """A block always has a blank line after it; at the top of a file, before it too."""
    return isinstance(prev, ast.Block) or (top and isinstance(item, ast.Block))
