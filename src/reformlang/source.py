"""Source files and spans: where every node and diagnostic points.

Spans hold character offsets into the decoded text; line and column are
computed lazily from a line index (only diagnostics need them), as ruff does.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import NamedTuple

import attrs


@attrs.define(eq=False)
class SourceFile:
    """One file's text, with a lazily built index of line starts."""

    path: str
    text: str
    _line_starts: list[int] | None = attrs.field(default=None, init=False, repr=False)

    @property
    def line_starts(self) -> list[int]:
        """The offset at which each line begins, found once per file."""
        if self._line_starts is None:
            import re  # loaded already by then (visible.py); the start of a run never needs it

            starts = [0]
            starts += map(re.Match.end, re.finditer("\n", self.text))  # C all the way: a third faster than find()
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        starts = self._line_starts or self.line_starts  # the attribute first: reports ask thousands of times
        if not 0 <= offset <= len(self.text):
            offset = max(0, min(offset, len(self.text)))
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        starts = self._line_starts or self.line_starts
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def span(self, start: int, end: int) -> Span:
        return Span(self, start, end)


class Span(NamedTuple):
    """A half-open range of characters in one source file.

    A named tuple rather than an attrs class: the parser makes one per token,
    and a tuple is the cheapest immutable object to build.
    """

    source: SourceFile
    start: int
    end: int

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def start_position(self) -> tuple[int, int]:
        return self.source.position(self.start)

    @property
    def end_position(self) -> tuple[int, int]:
        return self.source.position(self.end)

    @property
    def line(self) -> int:
        return self.start_position[0]

    @property
    def column(self) -> int:
        return self.start_position[1]

    @property
    def text(self) -> str:
        return self.source.text[self.start : self.end]

    def __repr__(self) -> str:
        line, col = self.start_position
        return f"<Span {Path(self.path).name}:{line}:{col}>"


def decode_source(data: bytes, path: str) -> tuple[SourceFile, int | None]:
    bad: int | None = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = len(data[: exc.start].decode("utf-8", errors="replace"))
        text = data.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return SourceFile(path, text), bad
