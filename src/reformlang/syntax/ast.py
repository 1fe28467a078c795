"""The syntax tree: what the file says, positioned, before any meaning is given.

Nodes are slotted attrs classes (`records.node`: not frozen, as the parser
builds a great many of them, but never changed once built); spans are kept
out of equality so that tests compare structure. Values keep their source
text (for the formatter) beside the converted value.
"""

from __future__ import annotations

from typing import Union

import attrs

from reformlang.records import node
from reformlang.source import Span

_span = attrs.field(eq=False, repr=False)


@node
class Name:
    text: str
    span: Span = _span


@node
class Comment:
    text: str  # including the leading '#'
    span: Span = _span


# ------------------------------------------------------------------ values
@node
class String:
    value: str
    raw: str  # as written, with quotes and escapes
    span: Span = _span


@node
class Ref:
    """A bare snake_case word: a reference, a vocabulary word or a free name."""

    name: str
    span: Span = _span


@node
class Number:
    value: int | float
    raw: str
    span: Span = _span


@node
class Percent:
    number: Number
    span: Span = _span

    @property
    def value(self) -> int | float:
        return self.number.value


@node
class Money:
    amount: Number
    currency: str
    span: Span = _span
    currency_span: Span = _span


@node
class Range:
    low: Number
    high: Number
    span: Span = _span


@node
class Measurement:
    """`54% in 2026` (a baseline) or `75% by 2031` (a target)."""

    value: Union[Number, Percent, Money]
    preposition: str  # "in" or "by"
    year: Number
    span: Span = _span


@node
class ListValue:
    items: tuple[Scalar, ...]
    span: Span = _span


Scalar = Union[String, Ref, Number, Percent, Money, Range, Measurement]
Value = Union[Scalar, ListValue]


# ------------------------------------------------------------------ items
@node
class Attribute:
    key: Name
    value: Value
    span: Span = _span


@node
class Use:
    """`use big_ideas` (a framework of the standard library) or `use "./file.reform"`."""

    target: Union[Name, String]
    span: Span = _span


@node
class Link:
    """`link a -> b { kinds }`; `<->` makes it run both ways."""

    source: Name
    arrow: str
    target: Name
    kinds: tuple[Name, ...]
    span: Span = _span

    @property
    def both_ways(self) -> bool:
        return self.arrow == "<->"


@node
class Block:
    keyword: Name
    id: Name | None
    title: String | None
    items: tuple[Item, ...]
    span: Span = _span
    # From the keyword to the title: where "this block lacks ..." points.
    header: Span = _span
    close: Span = _span
    depth: int = attrs.field(default=1, eq=False, repr=False)

    def attributes(self) -> tuple[Attribute, ...]:
        return tuple(i for i in self.items if isinstance(i, Attribute))

    def blocks(self) -> tuple[Block, ...]:
        return tuple(i for i in self.items if isinstance(i, Block))


Item = Union[Attribute, Block, Link, Use]


@node
class File:
    items: tuple[Item, ...]
    comments: tuple[Comment, ...] = attrs.field(eq=False)
    span: Span = _span

    @property
    def uses(self) -> tuple[Use, ...]:
        return tuple(i for i in self.items if isinstance(i, Use))
