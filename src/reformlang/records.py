"""How the pipeline declares its immutable classes: `@record`, attrs' `frozen` with one shared `__repr__`.

attrs writes and compiles the methods of each class as the class is
defined. On `check`'s path that is some seventy classes (the syntax tree, the
model, the analysis, diagnostics), and their `__repr__`s were the largest
share of that compiling: about 8 ms of a 100 ms start. A repr is read only
in a debugger, a log or a failing test, so records share one function that
prints what attrs' own would.
"""

from __future__ import annotations

import attrs


def _repr(self) -> str:
    cls = type(self)
    fields = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in cls.__attrs_attrs__ if a.repr)
    return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({fields})"


def record(cls=None, /, **options):
    """`attrs.frozen` (with the same options) without a generated `__repr__`; a class's own is kept."""
    return _declare(attrs.frozen, cls, options)


def node(cls=None, /, **options):
    """A syntax tree node: a slotted attrs class, compared and hashed by value like a record, but not
    frozen. The parser builds one per token or rule (about 100,000 for a 36,000-line spec), and a frozen
    class's `__init__` costs over twice as much (it must go around its own `__setattr__` for each
    field): 12% of parsing. Nothing changes a node once the parser has built it."""
    return _declare(attrs.define, cls, {"unsafe_hash": True, **options})


def _declare(make, cls, options: dict):
    def build(c: type) -> type:
        c = make(c, repr=False, **options)
        if "__repr__" not in c.__dict__:
            c.__repr__ = _repr
        return c

    return build if cls is None else build(cls)
