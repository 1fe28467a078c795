"""Input cannot hurt the user: each attack of issue 9, reproduced, and what happens now.

A pull request's spec is hostile input to the CI machine that checks it: it
must not read files outside the project, print what is not a spec, write over
or delete what it did not create, exhaust memory or time, or drive the
terminal. Each case asserts the exit code, the message, and that nothing
leaked or was overwritten.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import needs, tool
from reformlang.cli.main import main
from reformlang.files import discover
from reformlang.project import project_root
from reformlang.visible import is_visible, visible

ROOT = Path(__file__).resolve().parent.parent
SECRET = "SECRET_TOKEN_4f9c"  # what must never appear in any output
FORMATS = ("text", "json", "sarif", "github", "junit")

SPEC = '''initiative tiny "Tiny" {
  period: 2026 .. 2031
  level ministry "Ministry" { tier: top  units: 1 }
  level schools "Schools" { tier: bottom  units: 40 }
  link ministry -> schools { support }
}
'''


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project (a folder with .git) inside a machine whose other files hold a secret."""
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "secret.reform").write_text(f"{SECRET}: leaked\n", encoding="utf-8")
    (tmp_path / "environ").write_text(f"{SECRET}=1\n", encoding="utf-8")
    proj = tmp_path / "proj"
    (proj / ".git").mkdir(parents=True)
    monkeypatch.chdir(proj)
    return proj


def uses(target: str) -> str:
    return f'use "{target}"\n' + SPEC


# ------------------------------------------------------------------ the project root
def test_project_root_is_the_configuration_folder_then_git_then_the_spec_folder(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "specs" / "deep").mkdir(parents=True)
    spec = repo / "specs" / "deep" / "a.reform"
    assert project_root(spec) == repo.resolve()  # the nearest folder holding .git
    (repo / "specs" / "reformlang.toml").write_text("", encoding="utf-8")
    assert project_root(spec) == (repo / "specs").resolve()  # the configuration in effect
    other = tmp_path / "elsewhere" / "reformlang.toml"
    other.parent.mkdir()
    other.write_text("", encoding="utf-8")
    assert project_root(spec, other) == other.parent.resolve()  # --config
    # A pyproject.toml for another tool is not a configuration.
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "pyproject.toml").write_text("[tool.black]\n", encoding="utf-8")
    assert project_root(lone / "x.reform") == lone.resolve()  # neither: the spec's own folder
    monkeypatch.chdir(lone)
    assert project_root(None) == lone.resolve()  # standard input: the current folder


# ------------------------------------------------------------------ `use` stays inside the project
@pytest.mark.parametrize("target, code", [
    ("../secret.reform", "E119"),  # .. above the root
    ("./sub/../../secret.reform", "E119"),
    ("ABSOLUTE", "E119"),  # an absolute path
    ("/proc/self/environ", "E119"),
    ("./.env", "E120"),  # inside, but not a spec
    ("./link.reform", "E119"),  # a symbolic link leading out
])
@pytest.mark.parametrize("fmt", FORMATS)
def test_use_cannot_read_outside_the_project_or_print_what_is_not_a_spec(project, capsys, target, code, fmt):
    (project / ".env").write_text(f"TOKEN={SECRET}\n", encoding="utf-8")
    (project / "link.reform").symlink_to(project.parent / "secret.reform")
    target = str(project.parent / "environ") if target == "ABSOLUTE" else target
    (project / "s.reform").write_text(uses(target), encoding="utf-8")
    exit_code, out, err = run(capsys, "check", "--format", fmt, "s.reform")
    assert exit_code == 1
    assert SECRET not in out + err
    assert code in out
    if fmt == "text":
        assert "s.reform:1:5: error[" in out and "help: " in out


def test_a_library_cannot_reach_out_on_the_spec_s_behalf(project, capsys):
    (project / "lib").mkdir()
    (project / "lib" / "ours.reform").write_text('use "../../secret.reform"\n', encoding="utf-8")
    (project / "s.reform").write_text(uses("./lib/ours.reform"), encoding="utf-8")
    exit_code, out, _ = run(capsys, "check", "s.reform")
    assert exit_code == 1 and SECRET not in out
    assert "lib/ours.reform:1:5: error[E119]" in out


def test_use_inside_the_project_still_works(project, capsys):
    (project / "lib").mkdir()
    (project / "lib" / "words.reform").write_text('vocabulary outcome "Ours" { word numeracy_plus "More" {} }\n',
                                                   encoding="utf-8")
    (project / "specs").mkdir()
    (project / "specs" / "s.reform").write_text(uses("../lib/words.reform"), encoding="utf-8")
    exit_code, out, _ = run(capsys, "check", "specs/s.reform")
    assert "E119" not in out and "E112" not in out, out
    assert exit_code == 0


def test_standard_input_is_confined_to_the_current_folder_s_project(project, capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(uses("../secret.reform").encode())))
    exit_code, out, _ = run(capsys, "check", "-")
    assert exit_code == 1 and "<stdin>:1:5: error[E119]" in out and SECRET not in out


def test_config_flag_sets_the_project_root(project, capsys):
    (project / "conf").mkdir()
    (project / "conf" / "reformlang.toml").write_text("", encoding="utf-8")
    (project / "lib.reform").write_text('vocabulary outcome "Ours" { word extra "Extra" {} }\n', encoding="utf-8")
    (project / "s.reform").write_text(uses("./lib.reform"), encoding="utf-8")
    assert run(capsys, "check", "s.reform")[0] == 0
    exit_code, out, _ = run(capsys, "check", "--config", "conf/reformlang.toml", "s.reform")
    assert exit_code == 1 and "E119" in out and "outside the project" in out


# ------------------------------------------------------------------ names the system cannot hold
def test_a_use_name_of_300_characters_is_a_located_error(project, capsys, monkeypatch):
    import io

    text = f"use {'a' * 300}\n" + SPEC
    (project / "s.reform").write_text(text, encoding="utf-8")
    exit_code, out, _ = run(capsys, "check", "s.reform")
    assert exit_code == 1 and "s.reform:1:5: error[E112]" in out and "E900" not in out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    exit_code, out, _ = run(capsys, "check", "-")
    assert exit_code == 1 and "<stdin>:1:5: error[E112]" in out
    (project / "s.reform").write_text(uses(f"./{'b' * 300}.reform"), encoding="utf-8")
    exit_code, out, _ = run(capsys, "check", "s.reform")
    assert exit_code == 1 and "s.reform:1:5: error[E112]" in out and "255" in out


def test_a_spec_too_large_to_be_one_is_refused_without_being_read_whole(project, capsys, monkeypatch):
    monkeypatch.setattr("reformlang.files.MAX_SOURCE_BYTES", 1000)
    (project / "huge.reform").write_text("# padding\n" * 200, encoding="utf-8")
    exit_code, out, _ = run(capsys, "check", "huge.reform")
    assert exit_code == 2 and "huge.reform: error[E900]: cannot read huge.reform: it is larger than" in out
    (project / "s.reform").write_text(uses("./huge.reform"), encoding="utf-8")
    exit_code, out, _ = run(capsys, "check", "s.reform")
    assert exit_code == 1 and "s.reform:1:1: error[E112]: cannot read `./huge.reform`: it is larger than" in out


@pytest.mark.parametrize("fmt", ("sarif", "json", "junit", "github", "text"))
def test_a_file_name_that_is_not_utf8_keeps_every_format_valid(project, capsys, fmt):
    name = os.fsdecode(b"bad\xff.reform")
    (project / name).write_text("initiative x {\n  bogus: 1\n}\n", encoding="utf-8")
    exit_code, out, _ = run(capsys, "check", "--format", fmt, ".")
    assert exit_code == 1
    out.encode("utf-8")  # no lone surrogates
    if fmt in ("sarif", "json"):
        json.loads(out)
    elif fmt == "junit":
        ET.fromstring(out)
    assert "xff.reform" in out


# ------------------------------------------------------------------ no output over an input
def _outputs_refused(project, capsys, argv, protected):
    before = {p: p.read_bytes() for p in protected}
    exit_code, out, err = run(capsys, *argv)
    assert exit_code == 2, err
    assert "refusing to" in err and "input" in err
    assert {p: p.read_bytes() for p in protected} == before


@pytest.mark.parametrize("argv", [
    ("graph", "s.reform", "-o", "s.reform"),
    ("check", "-o", "s.reform", "s.reform"),
    ("check", "--write-baseline", "s.reform", "s.reform"),
    ("plan", "s.reform", "-o", "s.reform"),
    ("simconfig", "s.reform", "-o", "s.reform"),
    ("graph", "s.reform", "-o", "lib.reform"),  # a file the spec uses
    ("graph", "s.reform", "-o", "alias.dot"),  # a symbolic link to the spec
    ("check", "-o", "reformlang.toml", "s.reform"),  # the configuration
])
def test_no_command_writes_over_its_input(project, capsys, argv):
    (project / "lib.reform").write_text('vocabulary outcome "Ours" { word extra "Extra" {} }\n', encoding="utf-8")
    (project / "s.reform").write_text(uses("./lib.reform"), encoding="utf-8")
    (project / "alias.dot").symlink_to(project / "s.reform")
    (project / "reformlang.toml").write_text("fail-on = \"error\"\n", encoding="utf-8")
    _outputs_refused(project, capsys, argv,
                     [project / "s.reform", project / "lib.reform", project / "reformlang.toml"])


def test_simulate_does_not_write_over_its_config(project, capsys):
    (project / "s.reform").write_text(SPEC, encoding="utf-8")
    assert run(capsys, "simconfig", "s.reform", "-o", "sim/config.json")[0] == 0
    _outputs_refused(project, capsys, ("simulate", "sim/config.json", "-o", "sim"), [project / "sim" / "config.json"])


def test_build_does_not_delete_its_input(project, capsys):
    out = project / "out"
    out.mkdir()
    (out / ".reformlang-build").write_text("a previous build\n", encoding="utf-8")
    (out / "my.reform").write_text(SPEC, encoding="utf-8")
    _outputs_refused(project, capsys, ("build", "out/my.reform", "-o", "out"), [out / "my.reform"])
    assert (out / ".reformlang-build").exists()


# ------------------------------------------------------------------ sizes refused up front
BIG_MIDDLE = '''initiative big "Big" {
  period: 2026 .. 2028
  level ministry "Ministry" { tier: top  units: 1 }
  level districts "Districts" { tier: middle  units: MIDDLE }
  level schools "Schools" { tier: bottom  units: SCHOOLS }
  link ministry -> districts { support }
  link districts -> schools { support }
  network circles "Circles" { members: districts  size: 5 .. 20  meets: monthly }
}
'''


@pytest.mark.parametrize("middle, schools", [("100_000_000", "4_900"), ("72", "100_000_000")])
def test_a_simulation_too_large_for_memory_is_refused_with_the_estimate_and_the_limit(project, capsys, middle,
                                                                                      schools):
    (project / "big.reform").write_text(BIG_MIDDLE.replace("MIDDLE", middle).replace("SCHOOLS", schools),
                                        encoding="utf-8")
    assert run(capsys, "check", "big.reform")[0] == 0  # a legal spec
    exit_code, _, err = run(capsys, "simulate", "big.reform", "-o", "sim")
    assert exit_code == 2
    assert "estimated" in err and "GiB" in err and "limit of 4.0 GiB" in err and "help:" in err
    assert not (project / "sim").exists()


def test_the_limits_admit_one_and_a_half_million_schools_for_120_monthly_steps():
    from reformlang.simulation.model import MAX_MEMORY, MAX_WORK, size_of

    config = {"run": {"start": 2026, "steps_per_year": 12}, "schools": {"count": 1_500_000},
              "levels": [{"id": "districts", "units": 72}],
              "networks": [{"tier": "bottom", "size": {"low": 5}}, {"tier": "bottom", "size": {"low": 5}},
                           {"tier": "middle", "members": "districts", "size": {"low": 5}}]}
    size = size_of(config, runs=20, until=2036)
    assert size.steps == 120 and size.memory < MAX_MEMORY and size.work < MAX_WORK
    size.check()  # does not raise


def test_simulation_limits_are_checked_before_levers_walk_the_years(project, capsys):
    (project / "s.reform").write_text(SPEC, encoding="utf-8")
    exit_code, _, err = run(capsys, "simulate", "s.reform", "--until", "99999999999", "-o", "sim")
    assert exit_code == 2 and "at most 200 years" in err


def _config(project, capsys) -> dict:
    (project / "s.reform").write_text(SPEC, encoding="utf-8")
    assert run(capsys, "simconfig", "s.reform", "-o", "c.json")[0] == 0
    return json.loads((project / "c.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case, message", [
    ("units_1e18", "too large"),
    ("deep", "nested too deeply"),
    ("digits", "5,001 digits"),
    ("nan", "not a finite number"),
    ("huge_float", "not a finite number"),
])
def test_a_hostile_simulation_config_is_refused_clearly(project, capsys, case, message):
    config = _config(project, capsys)
    if case == "units_1e18":
        text = json.dumps(config).replace('"count": 40', '"count": 1e18')
    elif case == "deep":
        text = "[" * 5000 + "]" * 5000
    elif case == "digits":
        text = json.dumps(config).replace('"runs": 20', '"runs": ' + "9" * 5001)
    elif case == "nan":
        text = json.dumps(config).replace('"seed": 0', '"seed": NaN')
    else:
        text = json.dumps(config).replace('"seed": 0', '"seed": 1e999')
    (project / "hostile.json").write_text(text, encoding="utf-8")
    exit_code, _, err = run(capsys, "simulate", "hostile.json", "-o", "sim")
    assert exit_code == 2 and message in err and "internal error" not in err


def test_dot_runs_under_a_time_limit(project, capsys, monkeypatch, tmp_path):
    fake = tmp_path / "bin" / "dot"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexec sleep 30\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("REFORMLANG_DOT_TIMEOUT", "0.2")
    (project / "s.reform").write_text(SPEC, encoding="utf-8")
    exit_code, _, err = run(capsys, "graph", "s.reform", "--format", "svg", "-o", "s.svg")
    assert exit_code == 2
    assert "did not finish" in err and "0.2 seconds" in err and "REFORMLANG_DOT_TIMEOUT" in err
    assert not (project / "s.svg").exists()


# ------------------------------------------------------------------ control and bidirectional characters
HOSTILE_TITLE = "Schools \x1b[2J\x1b]0;pwned\x07 \u202eevil\u202c \u2066x\u2069 \x9b"
RAW = ("\x1b", "\x07", "\u202e", "\u202c", "\u2066", "\u2069", "\x9b")


@pytest.fixture
def hostile_spec(project):
    text = SPEC.replace('"Schools"', '"' + HOSTILE_TITLE + '"').replace("units: 40", "units: 40  bogus_key: 1")
    (project / "s.reform").write_text(text, encoding="utf-8")
    return project / "s.reform"


@pytest.mark.parametrize("fmt", ("text", "github"))
def test_terminal_output_escapes_control_and_bidi_characters(hostile_spec, capsys, fmt):
    # The `use` path is quoted in the message, the title shows in the source line.
    hostile_spec.write_text(f'use "/{HOSTILE_TITLE}"\n' + hostile_spec.read_text(encoding="utf-8"), encoding="utf-8")
    exit_code, out, _ = run(capsys, "check", "--format", fmt, "s.reform")
    assert exit_code == 1
    assert not any(ch in out for ch in RAW)
    assert "\\x1b[2J" in out and "\\u202eevil" in out


def test_the_caret_stays_under_the_span_after_escaping(project, capsys):
    (project / "s.reform").write_text('initiative x "\u202e\u202e" { bogus: 1 }\n', encoding="utf-8")
    _, out, _ = run(capsys, "check", "s.reform")
    lines = out.splitlines()
    source = next(line for line in lines if line.startswith("1 | "))
    caret = lines[lines.index(source) + 1]
    start = caret.index("^")
    assert source[start:start + len("bogus")] == "bogus" and caret.count("^") == len("bogus")


@pytest.mark.parametrize("argv", [
    ("plan", "s.reform"), ("plan", "s.reform", "--format", "html"),
    ("graph", "s.reform"), ("graph", "s.reform", "--format", "mermaid"),
])
def test_plans_and_diagrams_make_control_and_bidi_characters_visible(hostile_spec, capsys, argv):
    text = SPEC.replace('"Schools"', '"' + HOSTILE_TITLE + '"')
    hostile_spec.write_text(text, encoding="utf-8")
    if "html" in argv and tool("dot") is None:
        pytest.skip(needs("dot").kwargs["reason"])
    exit_code, out, _ = run(capsys, *argv)
    assert exit_code == 0
    assert not any(ch in out for ch in RAW)
    assert "u202e" in out


# ------------------------------------------------------------------ file discovery
def test_an_empty_folder_says_no_spec_was_found(project, capsys):
    (project / "closed").mkdir()
    for command in ("check", "fmt"):
        exit_code, out, err = run(capsys, command, "closed")
        assert exit_code == 2 and "no spec found under closed" in out + err


def test_an_unreadable_folder_is_reported(project, capsys, monkeypatch):
    closed = project / "closed"
    closed.mkdir()
    (closed / "s.reform").write_text(SPEC, encoding="utf-8")
    closed.chmod(0)
    # As root, permissions do not stop reading: refuse as the system refuses anyone else (the folder
    # itself can be looked at; listing it, or looking at anything inside, is denied).
    denied = closed.resolve()
    real_scandir, real_stat, real_lstat = os.scandir, os.stat, os.lstat

    def guard(path, inside_only=True):
        target = Path(os.path.abspath(os.fspath(path)))
        if denied in target.parents or (not inside_only and target == denied):
            raise PermissionError(13, "Permission denied", os.fspath(path))

    def scandir(path="."):
        guard(path, inside_only=False)
        return real_scandir(path)

    def stat(path, *args, **kwargs):
        guard(path)
        return real_stat(path, *args, **kwargs)

    def lstat(path, *args, **kwargs):
        guard(path)
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "lstat", lstat)
    try:
        for command in ("check", "fmt"):
            exit_code, out, err = run(capsys, command, "closed")
            assert exit_code == 2 and "cannot read folder closed: Permission denied" in out + err
            assert "internal error" not in out + err
        exit_code, out, _ = run(capsys, "check", "closed/s.reform")
        assert exit_code == 2 and "cannot read closed/s.reform" in out
    finally:
        monkeypatch.undo()
        closed.chmod(0o755)


def test_discovery_skips_tool_folders_build_output_and_exclude(project):
    bad = "this is not a spec {\n"
    for folder in (".git/x", ".venv/lib", "node_modules/pkg", "drafts", "old/deep", "out/site"):
        (project / folder).mkdir(parents=True, exist_ok=True)
        (project / folder / "bad.reform").write_text(bad, encoding="utf-8")
    (project / "out" / ".reformlang-build").write_text("", encoding="utf-8")
    (project / ".out2.building-abc").mkdir()
    (project / ".out2.building-abc" / "bad.reform").write_text(bad, encoding="utf-8")
    (project / "good.reform").write_text(SPEC, encoding="utf-8")
    (project / "reformlang.toml").write_text('exclude = ["drafts", "old/**"]\n', encoding="utf-8")
    found = discover(["."])
    assert [p.as_posix() for p in found.files] == ["good.reform"] and not found.problems
    # A file named on the command line is read even where a walk would skip it.
    assert discover(["drafts/bad.reform"]).files == [Path("drafts/bad.reform")]


@pytest.mark.parametrize("named", [".", "leak.reform"])  # a walk, or a name from `git diff --name-only`
def test_a_symlink_leading_out_of_the_project_is_not_read(project, capsys, named):
    (project / "good.reform").write_text(SPEC, encoding="utf-8")
    (project / "leak.reform").symlink_to(project.parent / "secret.reform")
    exit_code, out, _ = run(capsys, "check", named)
    assert exit_code == 2 and SECRET not in out and "symbolic link to a file outside the project" in out
    (project / "inside.reform").symlink_to("good.reform")  # a link within the project is fine
    assert run(capsys, "check", "inside.reform")[0] == 0


def test_exclude_must_be_a_list_of_globs(project, capsys):
    (project / "s.reform").write_text(SPEC, encoding="utf-8")
    (project / "reformlang.toml").write_text("exclude = 3\n", encoding="utf-8")
    exit_code, _, err = run(capsys, "check", "s.reform")
    assert exit_code == 2 and "reformlang.toml:1:1: error[C002]: `exclude` must be a list of globs" in err


def test_check_dot_in_this_repository_reads_neither_venv_nor_the_error_fixtures(monkeypatch):
    monkeypatch.chdir(ROOT)
    found = discover(["."])
    paths = [p.as_posix() for p in found.files]
    assert paths and not found.problems
    assert not [p for p in paths if p.startswith((".venv/", "tests/errors/"))]
    assert "examples/npdl.reform" in paths


# ------------------------------------------------------------------ signals and links
@needs("dot")
def test_a_build_killed_with_sigterm_leaves_no_staging_folder(project):
    (project / "s.reform").write_text(SPEC.replace("units: 40", "units: 20_000"), encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "reformlang", "build", "s.reform", "-o", "out",
                             "--runs", "400"], cwd=project, env=env, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):  # wait (at most a minute) until the build has started writing
            if list(project.glob(".out.building-*")) or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert list(project.glob(".out.building-*")), "the build never started"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM
    assert "stopped by SIGTERM" in err
    assert not list(project.glob(".out.*")) and not (project / "out").exists()


def test_fmt_on_a_symlink_formats_the_target_and_keeps_the_link(project, capsys):
    (project / "real.reform").write_text('initiative x "X" {\nperiod: 2026 .. 2031\n}\n', encoding="utf-8")
    link = project / "link.reform"
    link.symlink_to("real.reform")
    exit_code, _, _ = run(capsys, "fmt", "link.reform")
    assert exit_code == 0
    assert link.is_symlink() and os.readlink(link) == "real.reform"
    assert (project / "real.reform").read_text(encoding="utf-8") == 'initiative x "X" {\n  period: 2026 .. 2031\n}\n'


# ------------------------------------------------------------------ the escaping itself, for every text
@settings(max_examples=300, deadline=None)
@given(st.text())
def test_visible_leaves_no_control_or_bidi_character_and_changes_nothing_else(text):
    shown = visible(text)
    assert is_visible(shown)
    assert not any(ch in shown for ch in RAW)
    if is_visible(text):
        assert shown == text  # ordinary text, accents and emoji included, is untouched
    # Nothing is lost: every character is either kept or written as its escape.
    assert len(shown) >= len(text)
    assert visible(text, keep="\n").count("\n") == text.count("\n")


# ------------------------------------------------------------------ the result cache reads no device
@pytest.mark.skipif(not os.path.exists("/dev/zero") or not hasattr(os, "mkfifo"), reason="needs /dev/zero and FIFOs")
def test_a_refused_use_of_a_device_or_fifo_does_not_hang_the_result_cache(project):
    """The result cache hashed every file a `use` named, refused or not: `use "/dev/zero"`
    was reported, then read without end (killed for memory); a FIFO blocked forever."""
    os.mkfifo(project / "fifo.reform")
    (project / "zero.reform").symlink_to("/dev/zero")
    for i, target in enumerate(["/dev/zero", "fifo.reform", "zero.reform", "../../../dev/zero"]):
        (project / f"s{i}.reform").write_text(uses(target), encoding="utf-8")
        for _ in range(2):  # the second run is answered from the cache, which checks the file again
            done = subprocess.run([sys.executable, "-m", "reformlang", "check", f"s{i}.reform"],
                                  capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
            assert done.returncode == 1 and "1 error" in done.stdout, (target, done.stdout, done.stderr)


def test_the_result_cache_hashes_only_regular_files(project):
    from reformlang.lint.result_cache import file_state

    os.mkfifo(project / "fifo")
    (project / "dir").mkdir()
    (project / "f.reform").write_text(SPEC, encoding="utf-8")
    # None of these may block or read without end: a planted cache entry can name any path.
    assert file_state(str(project / "fifo")).startswith("not a file")
    assert file_state(str(project / "dir")).startswith("not a file")
    if os.path.exists("/dev/zero"):
        assert file_state("/dev/zero").startswith("not a file")
    assert file_state(str(project / "f.reform")) != file_state(str(project / "missing.reform")) == "missing"
    # A file only tried by a `use` is not read at all: its kind and link are what counted.
    assert file_state(str(project / "f.reform"), read=False).startswith("kind ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_named_on_the_command_line_is_refused_for_what_it_is(project, capsys):
    """It was "no such file or folder" for a file that is there: a wrong reason to act on."""
    os.mkfifo(project / "pipe.reform")
    exit_code, out, _ = run(capsys, "check", "pipe.reform")
    assert exit_code == 2 and "pipe.reform is not a regular file" in out and "no such file" not in out


# ------------------------------------------------------------------ configuration beyond what Python holds
@pytest.mark.parametrize("line, message, where", [
    ("[thresholds]\nnetwork_size_max = 1e400\n", "`thresholds.network_size_max` must be a finite number, not inf",
     "reformlang.toml:2:1"),
    ("[thresholds]\nfew_priorities = 1" + "0" * 400 + "\n", "must be a finite number, not an integer of 401 digits",
     "reformlang.toml:2:1"),
    ("[thresholds]\nfew_priorities = 1" + "0" * 5000 + "\n", "a number has too many digits to read",
     "reformlang.toml:2:18"),
    ("x = 1\na = " + "[" * 5000 + "]" * 5000 + "\n", "values are nested too deep to read", "reformlang.toml:2:"),
    ("a = " + "{b=" * 3000 + "1" + "}" * 3000 + "\n", "values are nested too deep to read", "reformlang.toml:1:"),
])
def test_a_configuration_beyond_what_python_holds_is_a_located_error(project, capsys, line, message, where):
    """Each was exit 3: OverflowError from an infinite threshold, ValueError from Python's
    4,300-digit limit, RecursionError from tomllib on deep nesting."""
    (project / "s.reform").write_text(SPEC, encoding="utf-8")
    (project / "reformlang.toml").write_text(line, encoding="utf-8")
    exit_code, out, err = run(capsys, "check", "s.reform")
    assert exit_code == 2 and message in out + err and where in out + err, out + err


def test_the_simulation_plot_of_a_hostile_title_is_valid_svg(hostile_spec, capsys):
    """An escape or bell in the initiative's title reached trajectories.svg raw: not XML, so no
    browser or XML reader would open the plot."""
    text = SPEC.replace('initiative tiny "Tiny"', 'initiative tiny "' + HOSTILE_TITLE + '"')
    hostile_spec.write_text(text, encoding="utf-8")
    exit_code, _, _ = run(capsys, "simulate", "s.reform", "--runs", "2", "-o", "sim")
    assert exit_code == 0
    svg = (hostile_spec.parent / "sim" / "trajectories.svg").read_text(encoding="utf-8")
    ET.fromstring(svg)  # well-formed XML
    assert not any(ch in svg for ch in RAW)


def test_show_settings_escapes_a_hostile_file_name(project, capsys):
    """`--show-settings` printed the file name raw: an escape sequence in a name drove the terminal."""
    name = "a\x1b]0;pwned\x07\u202e.reform"
    (project / name).write_text(SPEC, encoding="utf-8")
    exit_code, out, _ = run(capsys, "check", "--show-settings", name)
    assert exit_code == 0 and not any(ch in out for ch in RAW)
    assert "# settings for a\\x1b]0;pwned\\x07\\u202e.reform" in out


@pytest.mark.parametrize("argv", [
    ("check", "s.reform", "--format", "sarif", "-o", "report.sarif"),
    ("graph", "s.reform", "-o", "report.sarif"),
    ("check", "s.reform", "--write-baseline", "report.sarif"),
])
def test_an_output_that_is_a_link_out_of_the_project_is_not_written_through(project, capsys, argv):
    """A pull request can commit `report.sarif -> ~/.bashrc`: CI then wrote its report (holding the
    spec's text) into a file of the machine. Writing follows the reading rule now."""
    (project / "s.reform").write_text(SPEC, encoding="utf-8")
    outside = project.parent / "environ"
    before = outside.read_bytes()
    (project / "report.sarif").symlink_to(outside)
    exit_code, _, err = run(capsys, *argv)
    assert exit_code == 2 and "symbolic link to a file outside the project" in err
    assert outside.read_bytes() == before and (project / "report.sarif").is_symlink()
    (project / "inside.txt").write_text("old\n", encoding="utf-8")  # a link within the project is written through
    (project / "report.sarif").unlink()
    (project / "report.sarif").symlink_to("inside.txt")
    assert run(capsys, *argv)[0] == 0 and (project / "inside.txt").read_text(encoding="utf-8") != "old\n"


def test_an_unknown_option_is_echoed_with_its_control_characters_escaped(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--\x1b[31mred\u202e"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments" in err and "\x1b" not in err and "\u202e" not in err
    assert is_visible(err.replace("\n", ""))
