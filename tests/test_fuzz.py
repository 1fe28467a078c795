"""The fuzz target (tests/fuzz.py) runs, and its invariants catch what they promise to catch.

The long run is `make test`'s (REFORMLANG_FUZZ_SECONDS, default 60); here a
short one proves the target works, and stand-in bugs prove each invariant bites.
"""

from __future__ import annotations

import pytest

import fuzz


def test_the_target_mutates_every_kind_of_seed_and_runs(tmp_path):
    seeds = fuzz.seeds()
    assert len(seeds) > 100  # examples, error fixtures, rule fixtures, the contract, the stdlib
    assert any(b"initiative" in s for s in seeds) and any(b"vocabulary" in s for s in seeds)
    pieces = fuzz.tokens()
    assert {"network", "tier", "middle", "co_designed", "\u202e"} <= set(pieces)
    assert fuzz.fuzz(2, tmp_path, first_seed=0) > 0


def test_a_crash_is_caught(tmp_path, monkeypatch):
    def boom(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("reformlang.driver.resolve_initiatives", boom)
    with pytest.raises(fuzz.Crash, match="crashed"):
        fuzz.check_one(tmp_path, b"initiative a { }\n")


def test_a_formatter_that_is_not_idempotent_is_caught(tmp_path, monkeypatch):
    import reformlang.format as formatting

    real = formatting.format_tree
    monkeypatch.setattr(formatting, "format_tree", lambda tree, source: real(tree, source) + "# again\n")
    monkeypatch.setattr(formatting, "verify", lambda *a: None)
    with pytest.raises(fuzz.Crash, match="idempotent"):
        fuzz.check_one(tmp_path, b"use lftm\ninitiative a \"A\" { period: 2026 .. 2030 }\n")


def test_a_formatter_that_changes_findings_is_caught(tmp_path, monkeypatch):
    import reformlang.format as formatting

    real = formatting.format_tree
    monkeypatch.setattr(formatting, "format_tree",
                        lambda tree, source: real(tree, source).replace("co_designed", "imposed"))
    monkeypatch.setattr(formatting, "verify", lambda *a: None)
    spec = (b'use lftm\ninitiative a "A" {\n  period: 2026 .. 2030\n'
            b'  engagement { process: co_designed with: [teachers] }\n}\n')
    with pytest.raises(fuzz.Crash, match="changed the findings"):
        fuzz.check_one(tmp_path, spec)
