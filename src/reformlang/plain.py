"""Values as plain JSON data and back: the resolved model, diagnostics, tuples and dicts of any keys.

What the cache (reformlang.cache) stores. Every JSON object in the encoding
is a tagged value, `{"@": TAG, ...}`; lists, strings, numbers, booleans and
null stand for themselves:

    {"@": "tuple", "v": [...]}             a tuple
    {"@": "dict", "v": [[key, value], ...]} a dict (keys of any type, in order)
    {"@": "frozenset", "v": [...]}         a frozenset (sorted)
    {"@": "float", "v": "inf"}             a float JSON cannot write
    {"@": "path", "v": "..."}              a pathlib.Path
    {"@": "msg", "t": template, "a": [[name, value], ...]}  a translatable message (i18n.Msg)
    {"@": "join", "v": [...], "s": sep}    messages joined (i18n.join)
    {"@": "source", "path": p, "text": t}  a source file (listed once, before the data)
    {"@": "span", "v": [source, start, end]}
    {"@": "Word", "id": ..., "title": ...}  an attrs class of the codec's allow-list, by its fields
    {"@": "Severity", "v": "ERROR"}        an enum of the allow-list, by member name

Decoding builds only the classes the codec was given: a tag it does not know,
a field a class does not have, a span outside its source, is a ValueError,
so a cache file that was tampered with is a miss, never code that runs.
Fields kept out of equality (spans) travel too: what comes back equals what
went in, positions included.
"""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from reformlang.i18n import Msg, _Joined, join
from reformlang.records import record
from reformlang.source import SourceFile, Span

TAG = "@"


def classes_of(module: Any) -> list[type]:
    """The attrs classes and enums defined in a module: an allow-list for a Codec."""
    return [c for c in vars(module).values()
            if isinstance(c, type) and c.__module__ == module.__name__
            and (attrs.has(c) or issubclass(c, enum.Enum))]


class Codec:
    """Encodes values to plain data and decodes them, building only the classes it is given."""

    def __init__(self, classes: Iterable[type] = ()) -> None:
        self._classes: dict[str, type] = {}
        self._fields: dict[str, tuple[tuple[str, str], ...]] = {}
        for cls in classes:
            name = cls.__name__
            if name in self._classes and self._classes[name] is not cls:
                raise ValueError(f"two classes named {name} in one codec")
            if name in _BUILTIN_TAGS:
                raise ValueError(f"a class may not be named {name}: the tag is taken")
            self._classes[name] = cls
            if attrs.has(cls):
                self._fields[name] = tuple((f.name, f.alias or f.name) for f in attrs.fields(cls) if f.init)

    # ------------------------------------------------------------ encode
    def encode(self, value: Any) -> dict:
        """`value` as JSON-compatible data. Raises TypeError for a value outside the allow-list."""
        sources: dict[int, int] = {}
        listed: list[dict] = []
        data = self._enc(value, sources, listed)
        return {TAG: "doc", "sources": listed, "data": data}

    def dumps(self, value: Any) -> str:
        return json.dumps(self.encode(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    def _enc(self, v: Any, sources: dict[int, int], listed: list[dict]) -> Any:
        if isinstance(v, Msg):
            if isinstance(v, _Joined):
                return {TAG: "join", "v": [self._enc(x, sources, listed) for x in v.items], "s": v.sep}
            return {TAG: "msg", "t": v.template, "a": [[k, self._enc(x, sources, listed)] for k, x in v.args.items()]}
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, int) and not isinstance(v, enum.Enum):
            return v
        if isinstance(v, float):
            return v if math.isfinite(v) else {TAG: "float", "v": repr(v)}
        enc = self._enc
        if isinstance(v, list):
            return [enc(x, sources, listed) for x in v]
        if isinstance(v, tuple) and type(v) is tuple:
            return {TAG: "tuple", "v": [enc(x, sources, listed) for x in v]}
        if isinstance(v, Span):
            return {TAG: "span", "v": [self._source(v.source, sources, listed), v.start, v.end]}
        if isinstance(v, dict):
            return {TAG: "dict", "v": [[enc(k, sources, listed), enc(x, sources, listed)] for k, x in v.items()]}
        if isinstance(v, frozenset):
            return {TAG: "frozenset", "v": [enc(x, sources, listed) for x in sorted(v)]}
        if isinstance(v, Path):
            return {TAG: "path", "v": str(v)}
        name = type(v).__name__
        if self._classes.get(name) is not type(v):
            raise TypeError(f"{type(v).__module__}.{name} is not in this codec's allow-list")
        if isinstance(v, enum.Enum):
            return {TAG: name, "v": v.name}
        out: dict[str, Any] = {TAG: name}
        for field, alias in self._fields[name]:
            out[alias] = enc(getattr(v, field), sources, listed)
        return out

    @staticmethod
    def _source(source: SourceFile, sources: dict[int, int], listed: list[dict]) -> int:
        index = sources.get(id(source))
        if index is None:
            index = sources[id(source)] = len(listed)
            listed.append({TAG: "source", "path": source.path, "text": source.text})
        return index

    # ------------------------------------------------------------ decode
    def loads(self, text: str | bytes) -> Any:
        """Decode JSON text written by `dumps`. Raises ValueError for anything it did not write."""
        return self._finish(json.loads(text, object_hook=self._hook([])))

    @staticmethod
    def _finish(doc: Any) -> Any:
        if not isinstance(doc, _Doc):
            raise ValueError("not a document written by reformlang.plain")
        return doc.data

    def _hook(self, sources: list[SourceFile]):
        classes, fields = self._classes, self._fields

        def hook(obj: dict) -> Any:
            tag = obj.get(TAG)
            try:
                if tag == "tuple":
                    return tuple(obj["v"])
                if tag == "span":
                    index, start, end = obj["v"]
                    source = sources[index]
                    if not (type(start) is int and type(end) is int and 0 <= start <= end <= len(source.text)):
                        raise ValueError("a span outside its source")
                    return Span(source, start, end)
                if tag == "dict":
                    return {k: v for k, v in obj["v"]}
                if tag == "source":
                    if not (isinstance(obj["path"], str) and isinstance(obj["text"], str)):
                        raise ValueError("a source without its path or text")
                    sources.append(SourceFile(obj["path"], obj["text"]))
                    return None
                if tag == "frozenset":
                    return frozenset(obj["v"])
                if tag == "float":
                    if obj["v"] not in ("inf", "-inf", "nan"):
                        raise ValueError("a float that JSON can write")
                    return float(obj["v"])
                if tag == "path":
                    return Path(obj["v"])
                if tag == "doc":
                    return _Doc(obj["data"])
                if tag == "msg":
                    template, args = obj["t"], obj["a"]
                    if not (isinstance(template, str) and all(
                            isinstance(k, str) and isinstance(x, (str, int, float, type(None))) for k, x in args)):
                        raise ValueError("a message with other than text and numbers in it")
                    return Msg(template, dict(args))
                if tag == "join":
                    if not (isinstance(obj["s"], str) and all(isinstance(x, str) for x in obj["v"])):
                        raise ValueError("a joined message with other than text in it")
                    return join(obj["v"], obj["s"])
                cls = classes.get(tag)  # type: ignore[arg-type]
                if cls is None:
                    raise ValueError(f"unknown tag {tag!r}")
                if issubclass(cls, enum.Enum):
                    return cls[obj["v"]]
                names = fields[tag]
                if len(obj) != len(names) + 1:
                    raise ValueError(f"{tag} with other fields than its own")
                return cls(**{alias: obj[alias] for _, alias in names})
            except (KeyError, IndexError, TypeError) as exc:
                raise ValueError(f"malformed {tag!r}: {exc}") from None

        return hook


@record
class _Doc:
    data: Any


_BUILTIN_TAGS = frozenset({"tuple", "span", "dict", "source", "frozenset", "float", "path", "doc", "msg", "join"})
