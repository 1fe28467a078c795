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


# What a bare start of this interpreter has loaded: the baseline for what a run may add.
def _bare_modules(env: dict) -> set[str]:
    out = subprocess.run([sys.executable, "-c", "import sys; print(' '.join(sys.modules))"], capture_output=True,
                         text=True, env=env, check=True).stdout
    return set(out.split())


# Run `check` in a new process and name the modules it loaded (written to a file: stdout and stderr are the run's).
PROBE = ("import os, sys\n"
         "from reformlang.cli.main import main\n"
         "status = main(sys.argv[1:])\n"
         "open(os.environ['MODULES_OUT'], 'w').write(' '.join(sorted(sys.modules)))\n"
         "sys.exit(status)\n")

# What a run answered from the cache never needs: the checker and parser, and the modules (each
# costing a good part of a bare Python start) that the lean path does without.
HEAVY = {"lark", "reformlang.driver", "reformlang.syntax.parser", "reformlang.checks", "reformlang.lint.report",
         "attrs", "argparse", "pathlib", "re", "json", "json.decoder", "tomllib", "typing", "hashlib", "_hashlib",
         "fnmatch", "reformlang.render.report", "reformlang.visible", "gettext"}


def _probe(args: list[str], env: dict, tmp_path) -> tuple[int, str, str, set[str]]:
    modules = tmp_path / "modules.txt"
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          env={**env, "MODULES_OUT": str(modules)})
    return done.returncode, done.stdout, done.stderr, set(modules.read_text().split())


def test_a_second_check_of_an_unchanged_folder_imports_neither_lark_nor_the_checker_nor_argparse(tmp_path):
    project = tmp_path / "project"
    folder = project / "hundred"
    folder.mkdir(parents=True)
    (project / ".git").mkdir()
    # A pyproject.toml with a [tool.reformlang] table, as most projects have: the run answered from the cache
    # finds it without importing tomllib (its table is cached under its content).
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.reformlang]\nignore = ["LM009"]\n',
                                            encoding="utf-8")
    for i in range(10):
        for spec in sorted(EXAMPLES.glob("*.reform")):
            shutil.copy(spec, folder / f"{spec.stem}_{i}.reform")
    assert len(list(folder.iterdir())) == 100
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-m", "reformlang", "check", str(folder)], capture_output=True,
                           text=True, env=env)
    code, out, err, modules = _probe(["check", str(folder)], env, tmp_path)
    assert err == ""
    assert (code, out) == (first.returncode, first.stdout)
    assert "checked 100 files" in out and "LM009" not in out
    heavy = sorted((modules - _bare_modules(env)) & HEAVY)
    assert not heavy, heavy


@pytest.fixture
def project(tmp_path):
    """A project of its own (.git) holding the `specs` fixture's files, and a clean environment."""
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / ".git").mkdir()
    for name in ("npdl", "diffusion", "ontario_2003"):
        shutil.copy(EXAMPLES / f"{name}.reform", folder)
    (folder / "broken.reform").write_text('initiative x "X" {\n  period: 2026 .. \n}\n', encoding="utf-8")
    shutil.copytree(USED, folder / "uses")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    return folder, env


@pytest.mark.parametrize("options, config", [
    ([], None),
    (["--format", "json"], None),
    (["--format", "sarif"], None),
    (["--format", "github"], None),
    (["--lang", "fr"], None),
    ([], 'lang = "fr"\nexclude = ["uses/our_*"]\n'),
    (["--quiet"], '[tool.reformlang]\nignore = ["lftm"]\n'),
], ids=["text", "json", "sarif", "github", "lang-fr", "config-fr-exclude", "pyproject-quiet"])
def test_a_run_from_the_cache_in_a_new_process_prints_what_a_fresh_check_prints(options, config, project, tmp_path):
    folder, env = project
    if config is not None:
        name = "pyproject.toml" if config.startswith("[tool") else "reformlang.toml"
        (folder / name).write_text(config, encoding="utf-8")
    args = ["check", *options, str(folder)]
    fresh = subprocess.run([sys.executable, "-m", "reformlang", *args, "--no-cache"], capture_output=True,
                           text=True, env=env)
    stored = subprocess.run([sys.executable, "-m", "reformlang", *args], capture_output=True, text=True, env=env)
    *again, modules = _probe(args, env, tmp_path)
    assert (stored.returncode, stored.stdout, stored.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
    assert tuple(again) == (fresh.returncode, fresh.stdout, fresh.stderr)
    assert "reformlang.driver" not in modules and "lark" not in modules  # answered from the cache
    assert fresh.returncode == 1 and "broken.reform" in fresh.stdout
    if "fr" in options or (config and "fr" in config):
        assert "erreur" in fresh.stdout


def test_a_used_file_changed_between_two_processes_is_checked_again(project, tmp_path):
    folder, env = project
    args = ["check", str(folder / "uses" / "main.reform")]
    first = subprocess.run([sys.executable, "-m", "reformlang", *args], capture_output=True, text=True, env=env)
    assert first.returncode == 1 and "used here has errors" in first.stdout
    (folder / "uses" / "our_outcomes.reform").write_text(
        'vocabulary outcome "Our outcomes" {\n'
        '  word financial_literacy "Financial literacy" { about: "Managing money" }\n}\n', encoding="utf-8")
    fresh = subprocess.run([sys.executable, "-m", "reformlang", *args, "--no-cache"], capture_output=True,
                           text=True, env=env)
    code, out, err, modules = _probe(args, env, tmp_path)
    assert (code, out, err) == (fresh.returncode, fresh.stdout, fresh.stderr)
    assert "used here has errors" not in out
    assert "reformlang.driver" in modules  # checked again, not answered from the cache


def test_a_folder_named_on_the_command_line_is_reported_in_its_own_configurations_language(project, tmp_path):
    """`lang` in the folder's reformlang.toml applies to `check FOLDER` as to `check FOLDER/spec.reform` (it
    was read from the configuration above the folder)."""
    folder, env = project
    (folder / "reformlang.toml").write_text('lang = "fr"\n', encoding="utf-8")
    for named in (folder, folder / "npdl.reform"):
        done = subprocess.run([sys.executable, "-m", "reformlang", "check", "--no-cache", str(named)],
                              capture_output=True, text=True, env=env)
        assert "vérifié" in done.stdout.splitlines()[-1], named
