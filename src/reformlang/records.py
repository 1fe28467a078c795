"""How the pipeline declares its classes of plain values: `@record` and, for the syntax tree, `@node`.

Both are attrs classes (fields, `attrs.evolve`, `attrs.fields` as usual)
whose `__repr__`, `__eq__` and `__hash__` are shared functions rather than
methods attrs writes and compiles for each class as it is defined. On
`check`'s path that is some seventy classes (the syntax tree, the model, the
analysis, diagnostics), and compiling those three methods for each was about
14 ms of a 100 ms start. None of them is called while checking a file (a
profile of a 36,000-line check finds no call): they serve tests, logs and the
few places that put a record in a set, and they give what attrs' own would
(the same repr; equality and hashing by the fields compared, in order).
"""

from __future__ import annotations

import attrs


def record(cls=None, /, **options):
    """An immutable value: `attrs.frozen`, with the same options."""
    return _declare(attrs.frozen, cls, options)


def node(cls=None, /, **options):
    """A syntax tree node: a slotted attrs class, compared and hashed by value like a record, but not
    frozen. The parser builds one per token or rule (about 100,000 for a 36,000-line spec), and a frozen
    class's `__init__` costs over twice as much (it must go around its own `__setattr__` for each
    field): 12% of parsing. Nothing changes a node once the parser has built it."""
    return _declare(attrs.define, cls, options)


def _declare(make, cls, options: dict):
    def build(c: type) -> type:
        c = make(c, repr=False, eq=False, **options)
        fields = c.__attrs_attrs__
        own = c.__dict__
        if "__repr__" not in own:
            c.__repr__ = _repr
        if "__eq__" not in own:
            c.__eq__ = _equality(tuple(a.name for a in fields if a.eq))
        if "__hash__" not in own or own["__hash__"] is object.__hash__:
            c.__hash__ = _hashing(c, tuple(a.name for a in fields if (a.eq if a.hash is None else a.hash)))
        return c

    return build if cls is None else build(cls)


def _repr(self) -> str:
    cls = type(self)
    fields = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in cls.__attrs_attrs__ if a.repr)
    return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({fields})"


def _equality(names: tuple[str, ...]):
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        for name in names:
            if not getattr(self, name) == getattr(other, name):
                return False
        return True

    return __eq__


def _hashing(cls: type, names: tuple[str, ...]):
    def __hash__(self):
        return hash((cls, *[getattr(self, name) for name in names]))

    return __hash__
