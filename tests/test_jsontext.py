"""jsontext.dumps writes the very text of json.dumps(value, indent=2, ensure_ascii=False)."""

from __future__ import annotations

import enum
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reformlang import jsontext


def expected(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text())
keys = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple)
    | st.dictionaries(keys, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(values)
def test_same_text_as_json(value):
    assert jsontext.dumps(value) == expected(value)


class Level(enum.IntEnum):
    LOW = 1


class Tag(str):
    pass


@pytest.mark.parametrize("value", [
    {}, [], (), "", 0, None, True, math.inf, -math.inf,
    {"a": {}, "b": [], "c": [[], {}], "d": [[1]], "e": {"f": {"g": None}}},
    {1: "one", 2.5: "two and a half", True: "yes", None: "nothing", math.nan: "nan"},
    {"level": Level.LOW, "tag": Tag("x\n\u2028\"é"), "nested": [{"level": Level.LOW}, [Tag("y")]]},
    {"deep": [[[[[[["bottom", {"k": [1, 2.0, "three"]}]]]]]]]},
    [{"message": "line one\nline two", "control": "\x1b[31m\x00", "bidi": "\u202e"}],
])
def test_edge_cases(value):
    assert jsontext.dumps(value) == expected(value)


@pytest.mark.parametrize("value", [{"a": object()}, [{"b": [object()]}], {("tuple", "key"): 1},
                                   {"x": {("tuple", "key"): [1]}}])
def test_what_json_refuses_it_refuses(value):
    with pytest.raises(TypeError) as ours:
        jsontext.dumps(value)
    with pytest.raises(TypeError) as theirs:
        expected(value)
    assert str(ours.value) == str(theirs.value)
