"""The per-user cache: plain data that round-trips to an equal model, keyed on the code, checked, pruned,
and never trusted when broken or planted."""

from __future__ import annotations

import json
import math
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CONTRACT, EXAMPLES, ROOT
from reformlang import cache
from reformlang.diagnostics import Sink
from reformlang.driver import Loader, _codec, compile_path, merge
from reformlang.plain import Codec
from reformlang.resources import stdlib_dir
from reformlang.source import SourceFile, Span

FRAMEWORKS = ["big_ideas", "coherence", "collaborative_professionalism", "joint_initiative", "lftm", "networks"]


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REFORMLANG_NO_CACHE", raising=False)
    return tmp_path / "reformlang"


def _library(loader: Loader):
    prelude = loader.prelude()
    frameworks = [loader.load(p, None, Sink()) for p in sorted(stdlib_dir().glob("*.reform"))
                  if p.stem != "vocabulary"]
    return merge([prelude, *frameworks])


def same(a, b, where: str = "value") -> None:
    """Equal, positions included: attrs' == leaves spans out, this does not."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, Span):
        assert (a.path, a.start, a.end, a.source.text) == (b.path, b.start, b.end, b.source.text), where
    elif attrs.has(type(a)):
        for f in attrs.fields(type(a)):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b), where
    else:
        assert a == b, where


# ------------------------------------------------------------ round trips
@pytest.mark.parametrize("path", [*sorted(EXAMPLES.glob("*.reform")), CONTRACT, *sorted(stdlib_dir().glob("*.reform"))],
                         ids=lambda p: p.name)
def test_a_resolved_spec_survives_json_and_back(path):
    comp = compile_path(path, path.name)
    codec = _codec()
    text = codec.dumps((comp.spec, comp.diagnostics))
    json.loads(text)  # plain JSON
    spec, diagnostics = codec.loads(text)
    same(spec, comp.spec, path.name)
    same(diagnostics, comp.diagnostics, "diagnostics")
    assert spec == comp.spec


def test_the_cached_stdlib_equals_a_cold_load_positions_included(folder):
    cold = _library(Loader())
    (entry,) = (folder / "stdlib").glob("*.json")
    warm_loader = Loader()
    warm = _library(warm_loader)
    assert sorted(warm.frameworks) == sorted(cold.frameworks) == FRAMEWORKS
    same(dict(warm.frameworks), dict(cold.frameworks), "frameworks")
    same(dict(warm.vocabularies), dict(cold.vocabularies), "vocabularies")
    assert json.loads(entry.read_bytes().partition(b"\n")[2])  # the entry is plain JSON


plain_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: (st.lists(inner, max_size=4) | st.tuples(inner, inner)
                   | st.dictionaries(st.text() | st.integers() | st.tuples(st.integers()), inner, max_size=4)
                   | st.frozensets(st.text(), max_size=3)),
    max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(plain_values)
def test_plain_values_come_back_with_their_types(value):
    codec = Codec()
    same(codec.loads(codec.dumps(value)), value)


# ------------------------------------------------------------ poisoning
@pytest.mark.parametrize("payload", [
    b'{"@":"doc","sources":[],"data":{"@":"os.system","v":"touch pwned"}}',  # a tag outside the allow-list
    b'{"@":"doc","sources":[],"data":{"@":"Word","id":"x","title":null,"about":null,"span":null,"evil":1}}',
    b'{"@":"doc","sources":[{"@":"source","path":"a","text":"ab"}],"data":{"@":"span","v":[0,1,99]}}',
    b'{"not":"a document"}',
])
def test_the_codec_refuses_what_it_did_not_write(payload):
    with pytest.raises(ValueError):
        _codec().loads(payload)


def _plant(path: Path, payload: bytes, kind: str, key: str) -> None:
    import hashlib

    head = {"reformlang-cache": cache.FORMAT, "kind": kind, "key": key,
            "blake2b": hashlib.blake2b(payload, digest_size=32).hexdigest(), "size": len(payload)}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(json.dumps(head).encode() + b"\n" + payload)
    os.chmod(path, 0o600)


class _Exploit:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _check_in_a_new_process(folder: Path, spec: Path = CONTRACT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reformlang", "check", str(spec)], capture_output=True,
                          text=True, env={**os.environ, "XDG_CACHE_HOME": str(folder.parent)})


def test_a_planted_cache_file_is_never_executed(folder, tmp_path):
    assert _check_in_a_new_process(folder).returncode == 0  # fills the cache
    broken = tmp_path / "broken.reform"  # a syntax error: Lark parses it again, with its tables cached
    broken.write_text("initiative x {\n", encoding="utf-8")
    assert _check_in_a_new_process(folder, broken).returncode == 1
    marker = tmp_path / "pwned"
    exploit = pickle.dumps({"x": _Exploit(marker)})
    # Where the old cache kept its pickle, and in place of every entry (with a valid checksum).
    (folder / f"stdlib-{'0' * 20}.pickle").write_bytes(exploit)
    entries = sorted(folder.glob("*/*.json"))
    assert {p.parent.name for p in entries} == {"code", "grammar", "results", "runs", "stdlib", "toml"}
    for entry in entries:
        _plant(entry, exploit, entry.parent.name, entry.stem)
    code = _check_in_a_new_process(folder)
    assert code.returncode == 0, code.stderr
    assert "0 errors" in code.stdout
    assert not marker.exists()
    for entry in entries:  # rebuilt
        assert cache.load(entry.parent.name, entry.stem, loads=lambda b: b) is not None
        assert b"__reduce__" not in entry.read_bytes() and entry.read_bytes()[:1] == b"{"
    assert not list(folder.glob("*.pickle"))  # the old format is pruned


def test_a_corrupt_entry_is_a_miss_and_is_rebuilt(folder):
    _library(Loader())
    (entry,) = (folder / "stdlib").glob("*.json")
    good = entry.read_bytes()
    entry.write_bytes(good[:-40] + b"x" * 40)  # the checksum no longer matches
    assert cache.load("stdlib", entry.stem) is None
    library = _library(Loader())
    assert "lftm" in library.frameworks and library.words("tier") == {"top", "middle", "bottom"}
    assert entry.read_bytes() == good  # written again


def test_an_entry_renamed_to_another_key_is_a_miss(folder):
    assert cache.store("results", "a" * 40, {"x": 1})
    os.rename(folder / "results" / f"{'a' * 40}.json", folder / "results" / f"{'b' * 40}.json")
    assert cache.load("results", "b" * 40) is None
    assert cache.store("results", "a" * 40, {"x": 1}) and cache.load("results", "a" * 40) == {"x": 1}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_or_folder_planted_as_an_entry_is_a_miss_not_a_hang(folder):
    """A FIFO in an entry's place blocked `check` forever on open; a folder there is no entry either."""
    assert cache.store("results", "a" * 40, {"x": 1})
    entry = folder / "results" / f"{'a' * 40}.json"
    entry.unlink()
    os.mkfifo(entry)
    assert cache.load("results", "a" * 40) is None  # returns at once: opened without blocking, refused
    entry.unlink()
    entry.mkdir()
    assert cache.load("results", "a" * 40) is None


def test_a_cache_folder_others_can_write_to_is_not_used(folder):
    folder.mkdir(parents=True)
    os.chmod(folder, 0o777)
    assert cache.cache_dir() is None
    assert not cache.store("results", "a" * 40, {"x": 1})
    os.chmod(folder, 0o700)
    assert cache.cache_dir() == str(folder)


def test_no_cache_folder_means_no_cache(folder, monkeypatch):
    monkeypatch.setenv("REFORMLANG_NO_CACHE", "1")
    assert "lftm" in _library(Loader()).frameworks
    assert not folder.exists()


# ------------------------------------------------------------ pruning
def test_old_entries_are_pruned_keeping_the_recently_used(folder):
    keys = [f"{i:040x}" for i in range(7)]
    for i, key in enumerate(keys[:5]):
        assert cache.store("results", key, i, keep=5)
        os.utime(folder / "results" / f"{key}.json", (1_000_000 + i, 1_000_000 + i))
    assert cache.load("results", keys[0]) == 0  # the oldest, but used just now
    leftover = folder / "results" / ".x.json.123.tmp"  # what a killed write leaves behind
    leftover.write_text("half")
    os.utime(leftover, (1_000_000, 1_000_000))
    for i, key in enumerate(keys[5:], 5):
        assert cache.store("results", key, i, keep=5)
    kept = sorted(p.stem for p in (folder / "results").iterdir())
    assert kept == sorted([keys[0], keys[3], keys[4], keys[5], keys[6]])


# ------------------------------------------------------------ staleness
def test_the_code_key_covers_the_resolver_grammar_and_stdlib():
    names = {os.path.basename(p) for p in cache.code_files()}
    assert {"resolve.py", "parser.py", "driver.py", "plain.py", "reform.lark", "lftm.reform", "reformlang.mo",
            "plan.html.j2"} <= names


def _checkout_copy(tmp_path):
    """A copy of the package beside its grammar and stdlib, and an environment that runs it with its own
    cache folder."""
    copy = tmp_path / "checkout"
    shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("grammar", "stdlib"):
        shutil.copytree(ROOT / folder, copy / folder)
    env = {**os.environ, "PYTHONPATH": str(copy / "src"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("REFORMLANG_NO_CACHE", None)
    return copy, env


def test_an_edit_to_the_resolver_is_not_served_stale(tmp_path):
    """A copy of the package, run twice on one cache folder, with resolve.py edited in between."""
    copy, env = _checkout_copy(tmp_path)
    probe = ("import reformlang, sys; from reformlang.driver import loader; "
             "assert reformlang.__file__.startswith(sys.argv[1]), reformlang.__file__; "
             "print(loader().prelude().vocabularies[0].title)")

    def title() -> str:
        return subprocess.run([sys.executable, "-c", probe, str(copy)], env=env, capture_output=True, text=True,
                              check=True).stdout.strip()

    before = title()
    assert before and before != "EDITED"
    assert title() == before  # now from the cache
    resolver = copy / "src" / "reformlang" / "semantics" / "resolve.py"
    resolver.write_text(resolver.read_text(encoding="utf-8") + (
        "\n\nimport attrs  # noqa: E402\n\n_resolve_library = resolve_library\n\n\n"
        "def resolve_library(tree, sink, *args, **kwargs):\n"
        "    vocabularies, frameworks = _resolve_library(tree, sink, *args, **kwargs)\n"
        "    return [attrs.evolve(v, title='EDITED') for v in vocabularies], frameworks\n"), encoding="utf-8")
    assert title() == "EDITED"


def test_a_link_planted_as_an_entry_is_neither_read_nor_written_through(folder, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (folder / "results").mkdir(parents=True)
    entry = folder / "results" / f"{'c' * 40}.json"
    entry.symlink_to(victim)
    assert cache.load("results", "c" * 40) is None
    assert cache.store("results", "c" * 40, {"x": 1})
    assert victim.read_text() == "precious"
    assert not entry.is_symlink() and cache.load("results", "c" * 40) == {"x": 1}
    assert (entry.stat().st_mode & 0o777) == 0o600


def test_the_code_key_follows_a_new_module_a_catalog_and_a_template(tmp_path):
    """The key comes from a manifest of the files, trusted while their folders and they are unchanged: a
    module added, a message catalog or a template edited in place each give a new key."""
    copy, env = _checkout_copy(tmp_path)
    probe = ("import reformlang, sys; from reformlang import cache; "
             "assert reformlang.__file__.startswith(sys.argv[1]), reformlang.__file__; print(cache.code_key())")

    def key() -> str:
        return subprocess.run([sys.executable, "-c", probe, str(copy)], env=env, capture_output=True, text=True,
                              check=True).stdout.strip()

    keys = [key()]
    assert key() == keys[0]  # from the manifest
    assert len(list((tmp_path / "cache" / "reformlang" / "code").iterdir())) == 1
    package = copy / "src" / "reformlang"
    (package / "checks" / "new_rules.py").write_text("X = 1\n", encoding="utf-8")
    keys.append(key())
    with (package / "locale" / "fr" / "LC_MESSAGES" / "reformlang.mo").open("ab") as catalog:
        catalog.write(b"\0")
    keys.append(key())
    template = next((package / "backends").rglob("*.j2"))
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    keys.append(key())
    (package / "checks" / "new_rules.py").unlink()
    keys.append(key())
    assert len(set(keys)) == len(keys), keys
    assert key() == keys[-1]


def test_a_configuration_table_is_read_back_from_the_cache_as_tomllib_parsed_it(folder, tmp_path):
    from reformlang import project

    config = tmp_path / "pyproject.toml"
    text = ('[tool.reformlang]\nselect = ["lftm", "E"]\nthresholds = { min_networks = 3, ratio = 0.25 }\n'
            'exclude = "drafts"\n')
    config.write_text(text, encoding="utf-8")
    import tomllib

    expected = tomllib.loads(text)["tool"]["reformlang"]
    project._tables.clear()
    assert project.read_table(config) == expected
    assert len(list((folder / "toml").iterdir())) == 1
    project._tables.clear()
    assert project.read_table(config) == expected  # from the cache now
    # A table JSON cannot hold as it is (a date) is parsed every time, and stored never.
    config.write_text("[tool.reformlang]\nsince = 2026-01-01\n", encoding="utf-8")
    project._tables.clear()
    assert str(project.read_table(config)["since"]) == "2026-01-01"
    assert len(list((folder / "toml").iterdir())) == 1
    # Another tool's pyproject.toml has no table of ours; a broken one reads as empty (lint.config says why).
    config.write_text("[tool.black]\nline-length = 99\n", encoding="utf-8")
    assert project.read_table(config) is None
    project._tables.clear()
    assert project.read_table(config) is None
    config.write_text("[tool.reformlang\n", encoding="utf-8")
    assert project.read_table(config) == {}
