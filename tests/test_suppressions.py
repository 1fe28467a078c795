"""Suppression comments: `# reformlang: ignore[...] -- reason` on a line, or on a block's header line."""

from __future__ import annotations

import json

import pytest

from reformlang.cli.main import main
from reformlang.diagnostics import Diagnostic, Severity
from reformlang.driver import compile_source
from reformlang.lint import suppressions
from reformlang.lint.catalogue import Catalogue
from reformlang.source import SourceFile

SPEC = """use lftm
use big_ideas

initiative push "Push" {
  period: 2027 .. 2030
  engagement {
    process: imposed  # reformlang: ignore[lftm.buy_in] -- the union asked for a fast start
  }
  level ministry "Ministry" {  # reformlang: ignore[big_ideas.resolute_leadership] -- named in 2027
    tier: top
    units: 1
  }
  level schools "Schools" {
    tier: bottom
    units: 30
  }
  rollout {
    mode: pilot  # reformlang: ignore[LX9]
  }
}
"""


class _R:
    def __init__(self, code: str, principle: str) -> None:
        self.code, self.principle, self.severity = code, principle, Severity.WARNING


CATALOGUE = Catalogue([_R("LX1", "lftm.buy_in"), _R("BX1", "big_ideas.resolute_leadership"),
                       _R("LX9", "lftm.diffusion")])


@pytest.fixture
def spec():
    comp = compile_source(SourceFile("push.reform", SPEC))
    assert comp.ok, comp.diagnostics
    return comp.spec


def finding(code: str, principle: str, span) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, f"{code} here", span, None, principle)


def test_line_and_block_coverage(spec):
    init = spec.initiatives[0]
    ministry, schools = init.levels
    imposed = finding("LX1", "lftm.buy_in", init.engagement.spans["process"])
    in_block = finding("BX1", "big_ideas.resolute_leadership", ministry.spans["units"])
    at_header = finding("BX1", "big_ideas.resolute_leadership", ministry.header)
    other_block = finding("BX1", "big_ideas.resolute_leadership", schools.header)
    wrong_code = finding("LX9", "lftm.diffusion", init.engagement.spans["process"])
    marks, problems = suppressions.parse(spec, CATALOGUE)
    kept, waived, unused = suppressions.apply([imposed, in_block, at_header, other_block, wrong_code], marks)
    assert [d.span for d in waived] == [imposed.span, in_block.span, at_header.span]
    assert [d.span for d in kept] == [other_block.span, wrong_code.span]
    # The rollout's comment has no reason: it waives nothing, so it is S001 alone, not also unused.
    assert [d.code for d in problems] == ["S001"]
    assert problems[0].span.line == 18 and "waives nothing" in problems[0].message
    assert "ignore[LX9] -- " in problems[0].help
    assert unused == []


def test_a_line_comment_does_not_cover_the_next_line(spec):
    init = spec.initiatives[0]
    marks, _ = suppressions.parse(spec, CATALOGUE)
    below = finding("LX1", "lftm.buy_in", init.engagement.span)  # the engagement header, line 6
    kept, waived, _ = suppressions.apply([below], marks)
    assert kept == [below] and waived == []


def test_a_suppression_names_a_framework_or_several_names():
    text = SPEC.replace("ignore[lftm.buy_in]", "ignore[ lftm , BX1 ]")
    spec = compile_source(SourceFile("push.reform", text)).spec
    marks, _ = suppressions.parse(spec, CATALOGUE)
    init = spec.initiatives[0]
    imposed = finding("LX1", "lftm.buy_in", init.engagement.spans["process"])
    _, waived, unused = suppressions.apply([imposed], marks)
    assert waived == [imposed]
    assert any("`BX1`" in d.message and d.span.line == 7 for d in unused)


def test_unreadable_and_unknown_suppressions_are_reported():
    text = SPEC.replace("# reformlang: ignore[LX9]", "# reformlang: ignore LX9 -- typo") \
               .replace("ignore[lftm.buy_in]", "ignore[lftm.buyin]")
    spec = compile_source(SourceFile("push.reform", text)).spec
    _, problems = suppressions.parse(spec, CATALOGUE)
    assert sorted((d.code, d.span.line) for d in problems) == [("S003", 7), ("S003", 18)]
    unknown = next(d for d in problems if d.span.line == 7)
    assert unknown.help == "did you mean `lftm.buy_in`?"


def test_language_errors_cannot_be_suppressed(spec):
    init = spec.initiatives[0]
    marks, _ = suppressions.parse(spec, Catalogue([_R("E201", "lftm.buy_in")]))
    error = Diagnostic("E201", Severity.ERROR, "broken", init.engagement.spans["process"])
    kept, waived, _ = suppressions.apply([error], marks)
    assert kept == [error] and not waived


# ------------------------------------------------------------------ end to end, with the real rules
@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_json(capsys, *argv: str) -> tuple[int, dict]:
    code = main(["check", "--format", "json", *argv])
    out, _ = capsys.readouterr()
    return code, json.loads(out)


def test_cli_reports_suppression_problems_and_counts_the_suppressed(repo, capsys):
    (repo / "push.reform").write_text(SPEC.replace("ignore[LX9]", "ignore[lftm.middle_exists]"), encoding="utf-8")
    code, doc = run_json(capsys, "push.reform")
    found = [(f["code"], f["line"]) for f in doc["findings"]]
    assert ("S001", 18) in found and ("S002", 18) not in found  # no reason: it is no suppression at all
    assert not any(f["principle"] == "lftm.buy_in" for f in doc["findings"])
    assert doc["summary"]["suppressed"] >= 1
    assert doc["scorecard"]["push.reform"]["lftm"]["principles"]["lftm.buy_in"] == "held"
    # S-codes are findings like any other: a project may turn them off.
    (repo / "reformlang.toml").write_text('ignore = ["S001", "S002"]\n', encoding="utf-8")
    _, doc = run_json(capsys, "push.reform")
    assert not any(f["code"].startswith("S") for f in doc["findings"])


def test_a_suppression_of_a_rule_that_did_not_run_is_not_stale(repo, capsys):
    (repo / "push.reform").write_text(SPEC.replace("ignore[LX9]", "ignore[lftm.middle_exists] -- later"),
                                      encoding="utf-8")
    _, doc = run_json(capsys, "push.reform")
    assert ("S002", 18) in [(f["code"], f["line"]) for f in doc["findings"]]
    (repo / "reformlang.toml").write_text('ignore = ["lftm.middle_exists"]\n', encoding="utf-8")
    _, doc = run_json(capsys, "push.reform")
    assert ("S002", 18) not in [(f["code"], f["line"]) for f in doc["findings"]]


def test_a_suppression_without_a_reason_waives_nothing(repo, capsys):
    text = SPEC.replace("# reformlang: ignore[lftm.buy_in] -- the union asked for a fast start",
                        "# reformlang: ignore[LM008]")
    (repo / "push.reform").write_text(text, encoding="utf-8")
    code, doc = run_json(capsys, "push.reform")
    line = text.splitlines().index("    process: imposed  # reformlang: ignore[LM008]") + 1
    found = [(f["code"], f["line"]) for f in doc["findings"]]
    assert ("LM008", line) in found and ("S001", line) in found
    s001 = next(f for f in doc["findings"] if f["code"] == "S001" and f["line"] == line)
    assert "waives nothing" in s001["message"]
    assert doc["scorecard"]["push.reform"]["lftm"]["principles"]["lftm.buy_in"] == "not held"
    # With the reason, the same comment waives the finding.
    (repo / "push.reform").write_text(text.replace("ignore[LM008]", "ignore[LM008] -- a fast start"),
                                      encoding="utf-8")
    _, doc = run_json(capsys, "push.reform")
    assert not any(f["code"] in ("LM008", "S001") and f["line"] == line for f in doc["findings"])
