"""The per-user cache of the standard library: same library as a cold load, and never trusted when broken."""

from __future__ import annotations

from reformlang.diagnostics import Sink
from reformlang.driver import Loader, merge


def _library(loader: Loader):
    prelude = loader.prelude()
    frameworks = [loader.load(loader_path, None, Sink()) for loader_path in _framework_paths()]
    return merge([prelude, *frameworks])


def _framework_paths():
    from reformlang.resources import stdlib_dir

    return sorted(p for p in stdlib_dir().glob("*.reform") if p.stem != "vocabulary")


def test_cached_stdlib_equals_a_cold_load(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cold = _library(Loader())
    saved = list((tmp_path / "reformlang").glob("stdlib-*.pickle"))
    assert len(saved) == 1
    warm = _library(Loader())
    assert sorted(warm.frameworks) == sorted(cold.frameworks) == ["big_ideas", "coherence",
                                                                  "collaborative_professionalism",
                                                                  "joint_initiative", "lftm", "networks"]
    for fid in cold.frameworks:
        assert warm.frameworks[fid] == cold.frameworks[fid]
    for vid in cold.vocabularies:
        assert warm.vocabularies[vid] == cold.vocabularies[vid]


def test_a_broken_cache_is_rebuilt_not_trusted(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _library(Loader())
    (saved,) = (tmp_path / "reformlang").glob("stdlib-*.pickle")
    saved.write_bytes(b"not a pickle")
    library = _library(Loader())
    assert "lftm" in library.frameworks and library.words("tier") == {"top", "middle", "bottom"}
    assert saved.read_bytes() != b"not a pickle"  # written again


def test_no_cache_folder_means_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("REFORMLANG_NO_CACHE", "1")
    assert "lftm" in _library(Loader()).frameworks
    assert not (tmp_path / "reformlang").exists()
