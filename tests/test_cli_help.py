"""`reformlang --help` answers without argparse, with argparse's own text (cli/_help.py is generated from it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reformlang.cli import _help
from reformlang.cli.main import build_parser, help_module, main

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_help_is_generated_from_the_parser(monkeypatch):
    shipped = (ROOT / "src" / "reformlang" / "cli" / "_help.py").read_text(encoding="utf-8")
    assert shipped == help_module(), "run `make docs` (python -m reformlang.cli.main --write-help)"
    monkeypatch.setenv("COLUMNS", "80")
    assert _help.TEXT == build_parser().format_help()


def _run(args: list[str], columns: str) -> subprocess.CompletedProcess:
    code = ("import sys\nfrom reformlang.cli.main import main\n"
            "try:\n    code = main(sys.argv[1:])\nexcept SystemExit as exc:\n    code = exc.code\n"
            "print('argparse' in sys.modules, file=sys.stderr)\nraise SystemExit(code)\n")
    env = {**os.environ, "COLUMNS": columns, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)


@pytest.mark.parametrize("args, status", [(["--help"], 0), (["-h"], 0), ([], 2)])
def test_top_level_help_is_argparses_text_without_argparse(args, status, monkeypatch):
    done = _run(args, "80")
    monkeypatch.setenv("COLUMNS", "80")
    assert done.stdout == build_parser().format_help()
    assert done.returncode == status
    assert done.stderr.strip() == "False"  # argparse was never imported


def test_other_widths_and_abbreviations_still_go_through_argparse(monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    narrow = build_parser().format_help()
    assert narrow != _help.TEXT  # the wrapping differs: the pre-rendered text would be wrong here
    done = _run(["--help"], "50")
    assert (done.stdout, done.returncode, done.stderr.strip()) == (narrow, 0, "True")
    done = _run(["--hel"], "80")  # argparse accepts an abbreviation of --help
    assert (done.stdout, done.returncode) == (_help.TEXT, 0)


def test_main_in_process_prints_the_same(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    assert capsys.readouterr().out == build_parser().format_help()
    assert main([]) == 2


@pytest.mark.parametrize("paths", [["examples"], ["a.reform", "b c.reform", "dossier/é.reform"], ["x", "x"],
                                   ["--no-cache", "examples"], ["-q", "a", "b", "--exit-zero", "--no-cache"],
                                   ["--statistics", "--quiet", "x", "--watch"], ["--fix", "--unsafe-fixes", "x"],
                                   ["--diff", "--diff", "x"], ["--show-settings", "x"]])
def test_check_paths_parse_as_argparse_does(paths):
    from reformlang.cli.main import _plain_check

    parsed = vars(build_parser("check").parse_args(["check", *paths]))
    plain = vars(_plain_check(paths))
    assert plain == parsed  # every option's value, the paths, the command and the function run


@pytest.mark.parametrize("argv", [[], ["--no-cache"], ["-"], ["a", "--no-cache", "b"], ["--no-cach", "a"],
                                  ["-qq", "a"], ["--format", "json", "a"], ["--format=json", "a"], ["--", "a"],
                                  ["a", "-h"], ["", "a"], ["--lang", "fr", "a"]])
def test_anything_else_is_left_to_argparse(argv, capsys):
    """An option with a value, an abbreviation, '-', a split run of paths: argparse's to parse (or refuse)."""
    from reformlang.cli.main import _plain_check

    assert _plain_check(argv) is None


@pytest.mark.parametrize("command", ["check", "build", "lsp"])
def test_command_help_is_argparses_text_without_argparse(command, monkeypatch):
    from reformlang.cli.main import command_help

    done = _run([command, "--help"], "80")
    monkeypatch.setenv("COLUMNS", "80")
    assert done.stdout == command_help(command) == _help.COMMAND_HELP[command]
    assert done.stdout.startswith(f"usage: reformlang {command} ")
    assert (done.returncode, done.stderr.strip()) == (0, "False")
    assert _run([command, "--help"], "60").stderr.strip() == "True"  # another width: argparse renders it
