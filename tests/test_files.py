"""Finding and reading specs on paths as strings (files.py): the names a walk finds are spelled as pathlib
spells them, and reading a file is bounded whatever it is."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reformlang.files import MAX_SOURCE_BYTES, discover, plain_path, read_source, read_upto

SPEC = 'initiative x "X" {\n}\n'


@given(st.lists(st.sampled_from(["", "/", "//", ".", "..", "a", "b.reform", "./", "a/"]), max_size=8).map("".join))
def test_a_path_is_spelled_as_pathlib_spells_it(path):
    assert plain_path(path) == str(PurePosixPath(path))


@pytest.fixture
def tree(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    for name in ("a.reform", "sub/b.reform", "sub/deeper/c.reform", "sub/notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(SPEC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("named, found", [
    (".", ["a.reform", "sub/b.reform", "sub/deeper/c.reform"]),  # not "./sub/b.reform"
    ("./", ["a.reform", "sub/b.reform", "sub/deeper/c.reform"]),
    ("sub/", ["sub/b.reform", "sub/deeper/c.reform"]),
    ("./sub//deeper/.", ["sub/deeper/c.reform"]),
    ("sub//b.reform", ["sub/b.reform"]),
    ("./a.reform", ["a.reform"]),
])
def test_the_names_found_are_those_a_walk_over_paths_found(tree, named, found):
    result = discover([named])
    assert result.names == found and not result.problems
    assert result.files == [Path(f) for f in found]


def test_a_file_named_twice_by_two_spellings_is_checked_once(tree):
    assert discover(["a.reform", "./a.reform", str(tree / "a.reform")]).names == ["a.reform", str(tree / "a.reform")]


def test_what_cannot_be_read_is_a_problem_not_a_crash(tree):
    found = discover(["missing.reform", "x" * 5000, "sub/notes.txt/x"])
    assert found.names == []
    assert [message for _, message, _ in found.problems] == [
        "cannot read missing.reform: no such file or folder",
        f"cannot read {'x' * 5000}: File name too long",
        "cannot read sub/notes.txt/x: no such file or folder",
    ]


def test_reading_stops_at_the_limit_whatever_the_file_says_its_size_is(tmp_path):
    path = tmp_path / "big"
    path.write_bytes(b"x" * 200_000)
    for limit in (1, 10, 199_999, 200_000, 200_001, 10**9):
        fd = os.open(path, os.O_RDONLY)
        try:
            assert read_upto(fd, limit) == b"x" * min(limit, 200_000)
        finally:
            os.close(fd)
    (tmp_path / "empty").write_bytes(b"")
    assert read_source(tmp_path / "empty") == b""


def test_a_pipe_is_read_to_its_end_or_to_the_limit():
    """A pipe says its size is 0: reading goes on in chunks."""
    for size, limit in ((300_000, 10**6), (300_000, 100_001)):
        r, w = os.pipe()

        def write(_w=w, _size=size):
            try:
                os.write(_w, b"y" * _size)
            except BrokenPipeError:  # the reader stopped at its limit
                pass
            finally:
                os.close(_w)

        writer = threading.Thread(target=write)
        writer.start()
        try:
            assert read_upto(r, limit) == b"y" * min(size, limit)
        finally:
            os.close(r)
            writer.join()


def test_a_spec_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "huge.reform"
    with open(path, "wb") as fh:
        fh.truncate(MAX_SOURCE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(OSError) as caught:
        read_source(path)
    assert caught.value.errno == errno.EFBIG
