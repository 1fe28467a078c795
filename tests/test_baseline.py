"""The baseline: record today's findings, then report and fail only on new ones."""

from __future__ import annotations

import json

import pytest

from reformlang.cli.main import main

SPEC = """use lftm
use big_ideas

initiative push "Push" {
  period: 2027 .. 2030
  students: all
  engagement {
    process: imposed
  }
  level ministry "Ministry" {
    tier: top
    units: 1
    leader: "Minister"
  }
  level schools "Schools" {
    tier: bottom
    units: 30
    leader: "Principals"
  }
  rollout {
    mode: pilot
  }
}
"""

NEW_LEVEL = """  level academies "Academies" {
    tier: bottom
    units: 4
    leader: "Trust boards"
    leader_term: 2027 .. 2028
  }
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "push.reform").write_text(SPEC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(capsys, *argv: str) -> tuple[int, dict, str]:
    code = main(["check", "--format", "json", "--fail-on", "warning", *argv])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else {}, err


def test_round_trip(repo, capsys):
    code, before, _ = check(capsys, "specs")
    assert code == 1 and before["findings"]

    code, doc, err = check(capsys, "--write-baseline", "baseline.json", "specs")
    assert code == 0 and doc["findings"] == []
    assert f"recorded {len(before['findings'])} findings in baseline.json" in err
    written = (repo / "baseline.json").read_bytes()
    recorded = json.loads(written)
    assert recorded["version"] == 1
    assert {e["code"] for e in recorded["findings"]} == {f["code"] for f in before["findings"]}
    assert all(e["path"] == "specs/push.reform" for e in recorded["findings"])

    code, doc, _ = check(capsys, "--baseline", "baseline.json", "specs")
    assert code == 0 and doc["findings"] == [] and doc["summary"]["baselined"] == len(before["findings"])

    # Writing again gives the same bytes (sorted, no timestamps).
    check(capsys, "--write-baseline", "baseline.json", "specs")
    assert (repo / "baseline.json").read_bytes() == written


def test_edits_above_a_finding_keep_it_recorded_and_only_the_new_problem_fails(repo, capsys):
    check(capsys, "--write-baseline", "baseline.json", "specs")
    spec = repo / "specs" / "push.reform"
    # Lines added above every finding, and a new level whose leader leaves before the initiative ends.
    edited = SPEC.replace("  period:", "  # moved down by two lines\n  jurisdiction: \"North\"\n  period:")
    edited = edited.replace("  rollout {", NEW_LEVEL + "  rollout {")
    spec.write_text(edited, encoding="utf-8")
    code, doc, _ = check(capsys, "--baseline", "baseline.json", "specs")
    assert code == 1
    new_line = edited.count("\n", 0, edited.index("    leader_term: 2027 .. 2028")) + 1
    assert [(f["principle"], f["line"]) for f in doc["findings"]] == [("big_ideas.resolute_leadership", new_line)]


def test_baseline_paths_do_not_depend_on_the_working_folder(repo, capsys, monkeypatch):
    check(capsys, "--write-baseline", "baseline.json", "specs")
    monkeypatch.chdir(repo / "specs")
    code, doc, _ = check(capsys, "--baseline", "../baseline.json", "push.reform")
    assert code == 0 and doc["findings"] == []


def test_a_second_copy_of_a_recorded_finding_is_new(repo, capsys):
    check(capsys, "--write-baseline", "baseline.json", "specs")
    (repo / "specs" / "push.reform").write_text(SPEC + "\n" + SPEC.split("\n", 3)[3].replace("push", "push_two"),
                                                encoding="utf-8")
    code, doc, _ = check(capsys, "--baseline", "baseline.json", "specs")
    assert code == 1 and doc["findings"]


def test_language_errors_are_never_recorded(repo, capsys):
    (repo / "specs" / "broken.reform").write_text("initiative x {\n", encoding="utf-8")
    code, doc, _ = check(capsys, "--write-baseline", "baseline.json", "specs")
    assert code == 1
    assert {f["path"] for f in doc["findings"]} == {"specs/broken.reform"}
    recorded = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))
    assert all(e["path"] == "specs/push.reform" for e in recorded["findings"])


@pytest.mark.parametrize("content,message", [
    (None, "cannot read baseline"),
    ("{not json", "not a reformlang baseline"),
    ('{"version": 7, "findings": []}', "not a version 1 reformlang baseline"),
])
def test_unusable_baseline_is_a_usage_error(repo, capsys, content, message):
    if content is not None:
        (repo / "baseline.json").write_text(content, encoding="utf-8")
    code = main(["check", "--baseline", "baseline.json", "specs"])
    out, err = capsys.readouterr()
    assert code == 2 and message in err and out == ""


def test_refreshing_a_baseline_that_does_not_exist_yet(repo, capsys):
    code, doc, _ = check(capsys, "--baseline", "b.json", "--write-baseline", "b.json", "specs")
    assert code == 0 and doc["findings"] == [] and (repo / "b.json").exists()


def test_fixed_findings_are_counted_as_stale(repo, capsys):
    check(capsys, "--write-baseline", "baseline.json", "specs")
    spec = repo / "specs" / "push.reform"
    spec.write_text(SPEC.replace("process: imposed", "process: co_designed\n    with: [\"Teachers\"]"),
                    encoding="utf-8")
    code, doc, _ = check(capsys, "--baseline", "baseline.json", "specs")
    assert code == 0 and doc["summary"]["baseline_stale"] >= 1
