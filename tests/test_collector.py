"""The collector is paused over a one-shot run, and a run that goes on (--watch) leaves no cycle frozen."""

from __future__ import annotations

import gc
import weakref

from reformlang import collector
from reformlang.collector import keep, paused


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_pause_inside_a_pause_is_part_of_it():
    assert gc.isenabled()
    try:
        with paused():
            with paused():
                pass
            assert not gc.isenabled()  # the inner pause did not turn it back on
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_what_outlives_a_pause_is_frozen():
    before = gc.get_freeze_count()
    try:
        with paused():
            kept = [_Cycle() for _ in range(10)]
        assert gc.get_freeze_count() >= before + len(kept)
    finally:
        gc.unfreeze()


def test_a_pause_that_collects_frees_the_cycles_it_made():
    try:
        with paused(collect=True):
            dropped = weakref.ref(_Cycle())  # unreachable at once, kept alive only by its own cycle
            assert dropped() is not None
        assert dropped() is None
    finally:
        gc.unfreeze()


class _Tree:
    """Stands for a syntax tree: something a run may keep until the process ends."""


def _kept_after(run) -> list[bool]:
    """Which of the trees `run` makes (through `make`) are still alive once it is over."""
    refs = []

    def make(size: int) -> None:
        tree = _Tree()
        refs.append(weakref.ref(tree))
        keep(tree, size)

    run(make)
    return [r() is not None for r in refs]


def test_outside_a_one_shot_run_nothing_is_kept():
    try:
        assert _kept_after(lambda make: [make(10) for _ in range(3)]) == [False, False, False]
        with paused():  # a pause that does not end the process (the language server, --watch)
            pass
        assert _kept_after(lambda make: make(10)) == [False]
    finally:
        gc.unfreeze()


def test_a_one_shot_run_keeps_its_first_tree_and_others_within_the_budget(monkeypatch):
    monkeypatch.setattr(collector, "KEEP_BUDGET", 100)

    def run(make):
        with paused(one_shot=True):
            make(500)  # the first: kept whatever its size, as it was in memory beside its model anyway
            make(60)
            make(60)  # past the budget: freed as usual
            make(40)

    try:
        assert _kept_after(run) == [True, True, False, True]
        # The next run frees what this one kept, and keeps nothing once it is over.
        with paused(one_shot=True):
            pass
        assert not collector._kept
        assert _kept_after(lambda make: make(1)) == [False]
    finally:
        collector._kept.clear()
        gc.unfreeze()


def test_check_keeps_the_tree_of_the_file_it_checks(tmp_path, capsys):
    from reformlang.cli.main import main
    from reformlang.syntax import ast

    spec = tmp_path / "a.reform"
    spec.write_text('use lftm\ninitiative a "A" {\n  period: 2026 .. 2030\n}\n', encoding="utf-8")
    (tmp_path / ".git").mkdir()
    try:
        main(["check", "--no-cache", str(spec)])
        assert [type(x) for x in collector._kept][:1] == [ast.File]
        main(["check", "--no-cache", str(spec)])
        assert sum(type(x) is ast.File for x in collector._kept) == 1  # the earlier run's was freed
    finally:
        collector._kept.clear()
        gc.unfreeze()
    capsys.readouterr()
