"""JSON text as `json.dumps(value, indent=2, ensure_ascii=False)` writes it, in a fraction of the time.

With an indent, the standard library encodes in Python, one generator step per
value: two thirds of writing a SARIF report of 1,800 findings. Here the C
encoder writes every innermost object and array (those holding no non-empty
object or array: most of a report) in one call, its item separator carrying
the newline and indent of its depth; Python lays out only the levels above.
The text is the same, byte for byte (tests/test_jsontext.py holds it to
json.dumps on generated values).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _string
from typing import Any

try:
    from json.encoder import c_make_encoder as _make_encoder
except ImportError:  # a Python without the _json accelerator
    _make_encoder = None

INDENT = "  "
_CONTAINERS = (dict, list, tuple)


def dumps(value: Any) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)`."""
    if _make_encoder is None:
        return json.dumps(value, indent=2, ensure_ascii=False)
    out: list[str] = []
    _write(value, 0, out.append)
    return "".join(out)


def _unknown(value: Any) -> Any:
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


_encoders: dict[int, Any] = {}


def _encoder(depth: int):
    """The C encoder for values at `depth`: items of an object or array there go one a line."""
    encode = _encoders.get(depth)
    if encode is None:
        encode = _encoders[depth] = _make_encoder(None, _unknown, _string, None, ": ",
                                                  ",\n" + INDENT * (depth + 1), False, False, True)
    return encode


def _key(key: Any) -> str:
    """An object's key as json writes it: numbers, booleans and null become strings."""
    if isinstance(key, str):
        return _string(key)
    if isinstance(key, (int, float)) or key is None:
        return _string("".join(_encoder(0)(key, 0)))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _write(value: Any, depth: int, put) -> None:
    if type(value) is str:
        put(_string(value))
        return
    if not isinstance(value, _CONTAINERS):
        put("".join(_encoder(depth)(value, 0)))
        return
    if not value:
        put("{}" if isinstance(value, dict) else "[]")
        return
    is_object = isinstance(value, dict)
    items = value.values() if is_object else value
    inner = "\n" + INDENT * (depth + 1)
    for v in items:
        if isinstance(v, _CONTAINERS) and v:
            break
    else:
        # Innermost: the C encoder writes it whole, but for the line breaks inside its brackets.
        text = "".join(_encoder(depth)(value, 0))
        put(f"{text[0]}{inner}{text[1:-1]}\n{INDENT * depth}{text[-1]}")
        return
    separator = ("{" if is_object else "[") + inner
    if is_object:
        for k, v in value.items():
            put(f"{separator}{_key(k)}: ")
            separator = "," + inner
            _write(v, depth + 1, put)
    else:
        for v in value:
            put(separator)
            separator = "," + inner
            _write(v, depth + 1, put)
    put(f"\n{INDENT * depth}{'}' if is_object else ']'}")
