"""The result cache of `check`: a cached result renders exactly as a fresh one, and is never stale.

Runs are in-process through `main`, each against a cache folder of its own
(XDG_CACHE_HOME); a cached run is proved to be one by making checking
impossible while it runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT

from reformlang import cache as store
from reformlang import driver
from reformlang.cli.main import main
from reformlang.lint import result_cache
from reformlang.lint.report import Linter
from reformlang.render.report import FORMATS

USED = ROOT / "tests" / "errors" / "E112_used_file_has_errors"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("REFORMLANG_NO_CACHE", raising=False)
    return folder / "reformlang" / "results"


@pytest.fixture
def specs(tmp_path, monkeypatch):
    """A folder with clean specs, specs with findings, a spec with errors and one using a broken library."""
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / ".git").mkdir()  # the configuration search stops here
    for name in ("npdl", "diffusion", "ontario_2003"):
        shutil.copy(EXAMPLES / f"{name}.reform", folder)
    (folder / "broken.reform").write_text('initiative x "X" {\n  period: 2026 .. \n}\n', encoding="utf-8")
    shutil.copytree(USED, folder / "uses")
    monkeypatch.chdir(tmp_path)
    return "specs"


def run(capsys, *args: str) -> tuple[int, str, str]:
    # Each run as a new process would be: the loader keeps library files for the life of a process.
    driver._loader = None
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def no_checking(monkeypatch):
    """From here on, checking any file (or even building a report) fails the test."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("a cached run checked a file")

    monkeypatch.setattr("reformlang.driver.compile_bytes", refuse)
    monkeypatch.setattr(Linter, "result", refuse)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_cached_run_renders_exactly_as_a_fresh_one(fmt, specs, cache, capsys, monkeypatch):
    fresh = run(capsys, "--no-cache", "--format", fmt, specs)
    assert not cache.exists()  # --no-cache neither reads nor writes results
    assert run(capsys, "--format", fmt, specs) == fresh  # checked, and stored
    with monkeypatch.context() as m:
        no_checking(m)
        monkeypatch.setattr(Linter, "report", lambda *a, **k: pytest.fail("the run was not answered whole"))
        assert run(capsys, "--format", fmt, specs) == fresh  # the whole run from the cache
    assert fresh[0] == 1 and "broken.reform" in fresh[1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_results_cached_per_file_render_as_fresh_ones_in_every_format(fmt, specs, cache, capsys, monkeypatch):
    run(capsys, "--format", "text" if fmt != "text" else "json", specs)  # stores each file's result
    fresh = run(capsys, "--no-cache", "--format", fmt, specs)
    with monkeypatch.context() as m:
        no_checking(m)
        assert run(capsys, "--format", fmt, specs) == fresh  # a new report from stored file results


def test_a_changed_file_is_checked_again_and_the_others_are_not(specs, cache, capsys, monkeypatch, tmp_path):
    run(capsys, specs)
    spec = tmp_path / "specs" / "npdl.reform"
    spec.write_text(spec.read_text(encoding="utf-8") + "\nnot valid here\n", encoding="utf-8")
    checked = []
    real = Linter.result

    def counting(self, path, comp, err):
        checked.append(path)
        return real(self, path, comp, err)

    monkeypatch.setattr(Linter, "result", counting)
    code, out, _ = run(capsys, specs)
    assert checked == [str(spec.relative_to(tmp_path))]
    assert "npdl.reform:" in out and code == 1


def test_a_change_to_a_used_file_or_the_configuration_is_seen(specs, cache, capsys, tmp_path):
    main_spec = "specs/uses/main.reform"
    code, out, _ = run(capsys, main_spec)
    assert code == 1 and "used here has errors" in out
    # The library is fixed: the spec that uses it is clean now.
    lib = tmp_path / "specs" / "uses" / "our_outcomes.reform"
    lib.write_text('vocabulary outcome "Our outcomes" {\n'
                   '  word financial_literacy "Financial literacy" { about: "Managing money" }\n}\n',
                   encoding="utf-8")
    code, out, _ = run(capsys, main_spec)
    assert "used here has errors" not in out
    # A library that goes missing is seen too.
    lib.unlink()
    code, out, _ = run(capsys, main_spec)
    assert code == 1 and "cannot find `./our_outcomes.reform`" in out
    # And one that was missing, once created.
    lib.write_text('vocabulary outcome "Our outcomes" {\n'
                   '  word financial_literacy "Financial literacy" { about: "Managing money" }\n}\n',
                   encoding="utf-8")
    code, out, _ = run(capsys, main_spec)
    assert "cannot find" not in out and "used here has errors" not in out
    # A configuration file added above the spec changes what is reported.
    _, before, _ = run(capsys, "--format", "json", "specs/npdl.reform")
    assert '"LM' in before
    (tmp_path / "specs" / "reformlang.toml").write_text('ignore = ["lftm"]\n', encoding="utf-8")
    _, after, _ = run(capsys, "--format", "json", "specs/npdl.reform")
    assert after != before and '"principle": "lftm.' not in after


def test_flags_that_change_the_result_are_part_of_the_key(specs, cache, capsys):
    code, out, _ = run(capsys, "specs/npdl.reform")
    assert "warning" in out
    code, quiet, _ = run(capsys, "--select", "E", "specs/npdl.reform")
    assert quiet != out and "warning[" not in quiet


def test_damaged_entries_are_ignored_and_rewritten(specs, cache, capsys):
    fresh = run(capsys, "--no-cache", "--format", "json", specs)
    run(capsys, "--format", "json", specs)
    for kind in ("results", "runs"):  # well-formed entries holding nonsense
        for entry in (cache.parent / kind).iterdir():
            store.store(kind, entry.stem, {"version": 1, "uses": [], "result": {"path": 3}})
    assert run(capsys, "--format", "json", specs) == fresh
    for entry in [*cache.iterdir(), *(cache.parent / "runs").iterdir()]:
        entry.write_bytes(b"\x80 not json")
    assert run(capsys, "--format", "json", specs) == fresh
    assert run(capsys, "--format", "json", specs) == fresh


def test_the_cache_is_pruned_to_its_newest_entries(specs, cache, capsys, monkeypatch):
    monkeypatch.setattr(result_cache, "KEEP_FILES", 3)
    run(capsys, specs)
    assert len(list(cache.iterdir())) == 3


def test_reformlang_no_cache_turns_every_cache_off(specs, cache, capsys, monkeypatch):
    monkeypatch.setenv("REFORMLANG_NO_CACHE", "1")
    fresh = run(capsys, specs)
    assert run(capsys, specs) == fresh
    assert not cache.parent.exists()


def test_a_second_check_of_an_unchanged_folder_imports_neither_lark_nor_the_checker_nor_argparse(tmp_path):
    folder = tmp_path / "hundred"
    folder.mkdir()
    for i in range(10):
        for spec in sorted(EXAMPLES.glob("*.reform")):
            shutil.copy(spec, folder / f"{spec.stem}_{i}.reform")
    assert len(list(folder.iterdir())) == 100
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-m", "reformlang", "check", str(folder)], capture_output=True,
                           text=True, env=env)
    code = ("import sys\n"
            "from reformlang.cli.main import main\n"
            f"status = main(['check', {str(folder)!r}])\n"
            "heavy = sorted(m for m in sys.modules if m == 'lark' or m in ('reformlang.driver', "
            "'reformlang.syntax.parser', 'reformlang.checks', 'reformlang.lint.report', 'attrs', 'argparse'))\n"
            "assert not heavy, heavy\n"
            "sys.exit(status)\n")
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert second.stderr == ""
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    assert "checked 100 files" in second.stdout
