"""`reformlang check` as CI sees it: exit codes, output files, standard input, language errors."""

from __future__ import annotations

import io
import json
import sys

import pytest

from reformlang.cli.main import main

WEAK = """use lftm

initiative push "Push" {
  period: 2027 .. 2030
  engagement {
    process: imposed
  }
  level ministry "Ministry" {
    tier: top
    units: 1
    leader: "Minister"
  }
}
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "weak.reform").write_text(WEAK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_0_when_nothing_reaches_fail_on(repo, capsys):
    code, out, _ = run(capsys, "weak.reform")
    assert code == 0
    assert "[lftm.buy_in]" in out and "scorecard for weak.reform:" in out
    assert out.rstrip().splitlines()[-1].startswith("checked 1 file: 0 errors,")


@pytest.mark.parametrize("level", ["warning", "info"])
def test_exit_1_when_something_reaches_fail_on(repo, capsys, level):
    code, _, _ = run(capsys, "--fail-on", level, "weak.reform")
    assert code == 1


def test_language_errors_fail_and_are_shown_with_the_source_line(repo, capsys):
    (repo / "broken.reform").write_text('use lftm\ninitiative x "X" {\n  perod: 2026 .. 2030\n}\n',
                                        encoding="utf-8")
    code, out, _ = run(capsys, "broken.reform")
    assert code == 1
    assert "broken.reform:3:3: error[E" in out and "  perod: 2026 .. 2030" in out and "`period`" in out
    assert "scorecard" not in out  # nothing was checked against the frameworks


def test_missing_file_and_bad_usage_exit_2(repo, capsys):
    code, out, _ = run(capsys, "nowhere.reform")
    assert code == 2 and "cannot read nowhere.reform" in out
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "yaml", "weak.reform"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", "--fail-on", "fatal", "weak.reform"])
    assert exc.value.code == 2


def test_output_file(repo, capsys):
    code, out, _ = run(capsys, "--format", "sarif", "--output", "out/reformlang.sarif", "weak.reform")
    assert code == 0 and out == ""
    log = json.loads((repo / "out" / "reformlang.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]


def test_output_file_that_cannot_be_written(repo, capsys):
    (repo / "taken").write_text("a file, not a folder", encoding="utf-8")
    code, _, err = run(capsys, "--output", "taken/report.txt", "weak.reform")
    assert code == 2 and "cannot write taken/report.txt" in err


def test_standard_input(repo, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(WEAK.encode("utf-8"))))
    code, out, _ = run(capsys, "--format", "github", "-")
    assert code == 0
    assert any(line.startswith("::warning file=<stdin>,") and "lftm.buy_in" in line for line in out.splitlines())


def test_a_folder_with_a_library_file(repo, capsys):
    (repo / "lib").mkdir()
    (repo / "lib" / "words.reform").write_text('vocabulary regions "Regions" {\n  word north "North"\n}\n',
                                               encoding="utf-8")
    code, out, _ = run(capsys, "--format", "json", ".")
    doc = json.loads(out)
    assert code in (0, 1)
    assert doc["summary"]["files"] == 2
    assert "lib/words.reform" not in doc["scorecard"]


def test_the_contract_has_no_errors(contract_path, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    code, out, _ = run(capsys, "--format", "json", str(contract_path))
    doc = json.loads(out)
    assert code == 0 and doc["summary"]["error"] == 0
