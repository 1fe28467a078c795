"""Fixes rules attach to their findings: the literal change a finding's help describes.

Every rule fix states something about the design, so every one is *unsafe*
(applied only with `--unsafe-fixes`): adding `meets: monthly` turns "not
stated" into a claim, and replacing `joining: invited` with `open` changes
what the author wrote. Only the author may choose them. (Safe fixes, which
leave the design saying the same, are the language's: misspelled names,
stale suppressions.)

The edits need not be laid out well: `check --fix` re-formats the file after
applying them. They must keep the file parsing, and never move a comment
from where it belongs (a block's header comment stays on the header line).
"""

from __future__ import annotations

from typing import Any

from reformlang.diagnostics import Edit, Fix
from reformlang.i18n import msg


def set_attribute(node: Any, key: str, value: str, message: str | None = None) -> Fix | None:
    """Replace the stated `key: ...` of a block with `key: value`."""
    span = (getattr(node, "spans", None) or {}).get(key)
    if span is None:
        return None
    text = f"{key}: {value}"
    if span.text == text:
        return None
    return Fix.unsafe(message or msg("write `{text}`", text=text), Edit(span, text))


def add_attribute(node: Any, key: str, value: str, message: str | None = None) -> Fix | None:
    """Add `key: value` as the first attribute of a block that does not state `key`."""
    edit = attribute_edit(node, key, value)
    return Fix.unsafe(message or msg("add `{text}`", text=f"{key}: {value}"), edit) if edit else None


def attribute_edit(node: Any, key: str, value: str) -> Edit | None:
    """The edit of add_attribute, for a fix that adds the same attribute to several blocks at once."""
    if key in (getattr(node, "spans", None) or {}):
        return None
    return _insertion(node, f"{key}: {value}")


def add_item(node: Any, item: str, message: str) -> Fix | None:
    """Add a line (a `link`, a block) at the end of a block's body."""
    span = getattr(node, "span", None)
    if span is None or not span.text.endswith("}"):
        return None
    text = span.source.text
    close = span.end - 1
    line_start = text.rfind("\n", 0, close) + 1
    if text[line_start:close].strip():  # `... }` on one line: put the item before the brace
        return Fix.unsafe(message, Edit(span.source.span(close, close), f"\n{item}\n"))
    indent = text[line_start:close]
    return Fix.unsafe(message, Edit(span.source.span(line_start, line_start), f"\n{indent}  {item}\n"))


def _insertion(node: Any, line: str) -> Edit | None:
    """An edit that inserts `line` at the top of the block's body.

    After the header line, so that a comment on it (a block's suppression)
    stays on the header; right after `{` when the block is on one line.
    """
    span, header = getattr(node, "span", None), getattr(node, "header", None)
    if span is None or header is None:
        return None
    text = span.source.text
    brace = text.find("{", header.end, span.end)
    if brace == -1:
        return None
    line_end = text.find("\n", brace, span.end)
    if line_end == -1:  # `{ ... }` on one line: the formatter opens it up
        return Edit(span.source.span(brace + 1, brace + 1), f" {line}\n")
    line_start = text.rfind("\n", 0, header.start) + 1
    indent = text[line_start:header.start]
    indent = indent if not indent.strip() else ""
    return Edit(span.source.span(line_end + 1, line_end + 1), f"{indent}  {line}\n")
