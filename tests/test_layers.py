"""Layers that point one way, and a checker that runs once per spec per command."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import reformlang.checks
from reformlang.cli.main import main

from conftest import ROOT, needs

PACKAGE = ROOT / "src" / "reformlang"
WORDS = Path(__file__).resolve().parent / "words"


def _imports(path: Path) -> set[str]:
    """Every reformlang module a file imports, at the top or inside a function."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reformlang"):
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("reformlang"))
    return out


def _files(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py")) if folder else sorted(PACKAGE.glob("*.py"))


# Who may not import whom: (the files, the modules they must not reach).
FORBIDDEN = [
    ("", "reformlang.cli"),  # the top-level modules (driver, stages, ...)
    ("syntax", "reformlang.semantics"),
    ("semantics", "reformlang.driver"),
    ("semantics", "reformlang.stages"),
    ("analysis", "reformlang.checks"),
    ("analysis", "reformlang.backends"),
    ("analysis", "reformlang.stages"),
    ("checks", "reformlang.stages"),
    ("checks", "reformlang.backends"),
    ("lint", "reformlang.stages"),
    ("lint", "reformlang.backends"),
    ("render", "reformlang.stages"),
    ("backends", "reformlang.cli"),
    ("backends", "reformlang.stages"),
    ("backends", "reformlang.simulation"),
    ("backends", "reformlang.driver"),
    ("simulation", "reformlang.backends"),
    ("simulation", "reformlang.stages"),
    ("simulation", "reformlang.cli"),
]


@pytest.mark.parametrize("folder, forbidden", FORBIDDEN, ids=[f"{f or 'top'}-not-{m}" for f, m in FORBIDDEN])
def test_imports_point_down_the_pipeline(folder, forbidden):
    for path in _files(folder):
        if folder == "" and path.name in ("__main__.py",):
            continue
        bad = {m for m in _imports(path) if m == forbidden or m.startswith(forbidden + ".")}
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


@pytest.fixture
def counted(monkeypatch):
    """How many times the checker ran, by spec path."""
    runs: dict[str, int] = {}
    real = reformlang.checks.run_checks
    monkeypatch.setenv("REFORMLANG_NO_CACHE", "1")  # a cached result would spare the checker altogether

    def run_checks(spec, *args, **kwargs):
        runs[spec.path] = runs.get(spec.path, 0) + 1
        return real(spec, *args, **kwargs)

    monkeypatch.setattr(reformlang.checks, "run_checks", run_checks)
    return runs


def test_check_runs_the_checker_once_per_spec(counted, capsys):
    main(["check", str(WORDS / "liked.reform"), str(WORDS / "unliked.reform")])
    assert sorted(counted.values()) == [1, 1]


def test_plan_and_graph_run_the_checker_once(counted, tmp_path):
    spec = str(WORDS / "liked.reform")
    assert main(["plan", spec, "-o", str(tmp_path / "plan.md")]) == 0
    assert list(counted.values()) == [1]
    counted.clear()
    assert main(["graph", spec, "--findings", "-o", str(tmp_path / "g.dot")]) == 0
    assert list(counted.values()) == [1]


@needs("dot")
def test_build_runs_the_checker_once_per_spec(counted, tmp_path, monkeypatch):
    monkeypatch.setattr("reformlang.simulation.simulate_spec", lambda spec, out, **_options: [])
    # One process (--jobs 1), so that the counter sees every review.
    assert main(["build", str(WORDS / "liked.reform"), str(WORDS / "unliked.reform"),
                 "-o", str(tmp_path / "out"), "--jobs", "1"]) == 0
    assert sorted(counted.values()) == [1, 1], "build used to check each spec twice"


def test_immutable_classes_are_records_not_attrs_frozen():
    """`@attrs.frozen` compiles a repr, equality and hash per class at import (what start-up paid most
    for); records share them (reformlang.records). Only records.py itself calls attrs.frozen."""
    offenders = [str(path.relative_to(PACKAGE)) for path in sorted(PACKAGE.rglob("*.py"))
                 if path.name != "records.py" and "@attrs.frozen" in path.read_text(encoding="utf-8")]
    assert offenders == []
