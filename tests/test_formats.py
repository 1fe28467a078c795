"""`reformlang check --format text|json|github|junit|sarif`: what CI systems and people read.

Golden outputs are drawn from tests/golden/check/weak.reform with a small set
of stand-in rules, so that they change when rendering changes, not when the
real rules' wording does. SARIF is validated against the OASIS schema with
the real rules, on a file with findings and a file that does not parse.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import reformlang.checks as checks
from reformlang.checks import Rule, RuleDocs
from conftest import CONTRACT, SARIF_SCHEMA
from reformlang.cli.main import main
from reformlang.diagnostics import Diagnostic, Severity
from reformlang.render.github import annotation, escape_data, escape_property
from reformlang.source import SourceFile

ROOT = Path(__file__).resolve().parent.parent
WEAK = Path(__file__).resolve().parent / "golden" / "check" / "weak.reform"

_DOCS = RuleDocs(what="Flags a stand-in problem.", why="Tests need rules whose words do not change.",
                 weak="engagement { process: imposed }", strong="engagement { process: co_designed }")


class ImposedEngagement(Rule):
    code = "TX001"
    name = "imposed-engagement"
    principle = "lftm.buy_in"
    summary = "The reform is imposed."
    docs = _DOCS

    def check(self, facts):
        e = facts.initiative.engagement
        if e is not None and e.process == "imposed":
            yield self.finding("the reform is imposed on those who carry it", e.spans.get("process"),
                               "make it `negotiated` or `co_designed`", [(e.header, "engagement is here")])


class LevelWithoutLeader(Rule):
    code = "TX002"
    name = "level-without-leader"
    principle = "big_ideas.resolute_leadership"
    summary = "A level names no leader."
    docs = _DOCS

    def check(self, facts):
        for lv in facts.initiative.levels:
            if lv.leader is None:
                yield self.finding(f"level {lv.title!r} names no leader, 100% sure", lv.header,
                                   'add `leader: "..."`')


class PilotRollout(Rule):
    code = "TX003"
    name = "pilot-rollout"
    principle = "lftm.diffusion"
    severity = Severity.ERROR
    summary = "The rollout scales up from pilots."
    docs = _DOCS

    def check(self, facts):
        r = facts.initiative.rollout
        if r is not None and r.mode == "pilot":
            yield self.finding("the rollout scales up from pilots", r.spans.get("mode"), "use `mode: diffusion`")


class StrategyWithoutPeriod(Rule):
    code = "TX004"
    name = "strategy-without-period"
    principle = "big_ideas.precision"
    summary = "A strategy has no period."
    docs = _DOCS

    def check(self, facts):
        for s in facts.initiative.strategies:
            if s.period is None:
                yield self.finding(f"strategy `{s.id}` has no period", s.header, "add `period: 2027 .. 2030`")


STAND_INS = [ImposedEngagement(), LevelWithoutLeader(), PilotRollout(), StrategyWithoutPeriod()]


@pytest.fixture
def stand_in_rules(monkeypatch):
    monkeypatch.setattr(checks, "all_rules", lambda: list(STAND_INS))


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder that is its own repository (so no configuration above it applies), holding weak.reform."""
    (tmp_path / ".git").mkdir()
    shutil.copy(WEAK, tmp_path / "weak.reform")
    (tmp_path / "broken.reform").write_text('use lftm\ninitiative x "X" {\n  period: 2026 ..\n}\n',
                                            encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt,ext", [("text", "txt"), ("json", "json"), ("github", "txt"), ("junit", "xml")])
def test_golden_output(fmt, ext, project, stand_in_rules, capsys, golden, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = check(capsys, "--format", fmt, "weak.reform")
    assert code == 1  # TX003 is an error
    golden.check(f"check/weak.{fmt}.{ext}", out)
    # Same input, same bytes.
    assert check(capsys, "--format", fmt, "weak.reform")[1] == out


def test_json_contract(project, stand_in_rules, capsys):
    _, out, _ = check(capsys, "--format", "json", "weak.reform", "broken.reform")
    doc = json.loads(out)
    assert doc["version"] == 1
    keys = {"code", "severity", "message", "path", "line", "column", "end_line", "end_column", "principle", "help"}
    for f in doc["findings"]:
        assert keys <= set(f)
    syntax = [f for f in doc["findings"] if f["path"] == "broken.reform"]
    assert syntax and all(f["principle"] is None for f in syntax)
    card = doc["scorecard"]["weak.reform"]["lftm"]
    assert card["checked"] == 2 and card["held"] == 0
    assert card["principles"] == {"lftm.buy_in": "not held", "lftm.diffusion": "not held"}
    # The suppressed TX004 leaves its principle held.
    assert doc["scorecard"]["weak.reform"]["big_ideas"]["principles"]["big_ideas.precision"] == "held"


def test_junit_case_per_file_and_principle(project, stand_in_rules, capsys):
    _, out, _ = check(capsys, "--format", "junit", "weak.reform", "broken.reform")
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"weak.reform", "broken.reform"}
    broken = suites["broken.reform"].findall("testcase")
    assert [c.get("name") for c in broken] == ["compiles"] and broken[0].find("error") is not None
    weak = {c.get("name"): c for c in suites["weak.reform"].findall("testcase")}
    assert set(weak) == {"compiles", "big_ideas.precision", "big_ideas.resolute_leadership",
                         "lftm.buy_in", "lftm.diffusion"}
    # Only the error reaches the default fail-on level; warnings are reported as output of a passing case.
    assert weak["lftm.diffusion"].find("failure") is not None
    assert weak["lftm.buy_in"].find("failure") is None
    assert "imposed" in weak["lftm.buy_in"].find("system-out").text
    assert root.get("failures") == "1" and root.get("errors") == "1"


def test_junit_fail_on_warning_turns_warnings_into_failures(project, stand_in_rules, capsys):
    code, out, _ = check(capsys, "--format", "junit", "--fail-on", "warning", "weak.reform")
    root = ET.fromstring(out)
    assert code == 1 and root.get("failures") == "3"


def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    src = SourceFile("dir/we,ird:name.reform", "line one\n")
    d = Diagnostic("TX001", Severity.INFO, "a: b, c\nd", src.span(0, 4), None, "lftm.buy_in")
    assert annotation(d) == ("::notice file=dir/we%2Cird%3Aname.reform,line=1,col=1,endLine=1,endColumn=5,"
                             "title=TX001 lftm.buy_in::a: b, c%0Ad")


# ------------------------------------------------------------------ SARIF
def _sarif(capsys, *paths: str) -> dict:
    code, out, _ = check(capsys, "--format", "sarif", *paths)
    assert code in (0, 1)
    return json.loads(out)


def test_sarif_validates_against_the_schema(project, capsys):
    """With the real rules: the contract, an example with findings, a weak spec and a file that does not parse."""
    import jsonschema

    inputs = ["weak.reform", "broken.reform"]
    for source in (CONTRACT, ROOT / "examples" / "new_zealand_1989.reform"):
        shutil.copy(source, project / source.name)
        inputs.append(source.name)
    log = _sarif(capsys, *inputs)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert {"weak.reform", "broken.reform"} <= uris
    nz = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
          == "new_zealand_1989.reform"]
    assert any(r.get("properties", {}).get("principle") == "lftm.middle_exists" for r in nz)


def test_sarif_contract(project, stand_in_rules, capsys):
    _, first, _ = check(capsys, "--format", "sarif", "weak.reform", "broken.reform")
    _, second, _ = check(capsys, "--format", "sarif", "weak.reform", "broken.reform")
    assert first == second  # no timestamps, stable order
    log = json.loads(first)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    tx3 = rules["TX003"]
    assert tx3["defaultConfiguration"]["level"] == "error"
    assert tx3["properties"]["principle"] == "lftm.diffusion"
    assert tx3["shortDescription"]["text"] and tx3["fullDescription"]["text"]
    assert "co_designed" in tx3["help"]["text"] and "```" in tx3["help"]["markdown"]
    for r in run["results"]:
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] and loc["region"]["startLine"] >= 1
        assert r["partialFingerprints"]["reformlang/v1"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert by_rule["TX003"]["level"] == "error"
    assert by_rule["TX001"]["level"] == "warning"
    assert by_rule["TX001"]["relatedLocations"][0]["message"]["text"] == "engagement is here"
    language = [r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "broken.reform"]
    assert language and all(r["level"] == "error" for r in language)
    assert all(r["ruleId"] in rules for r in language)


def test_sarif_result_without_span_points_at_file_start():
    from reformlang.render.sarif import render_sarif

    d = Diagnostic("E900", Severity.ERROR, "cannot read gone.reform: no such file", None, path="gone.reform")
    log = json.loads(render_sarif([d], STAND_INS))
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc == {"artifactLocation": {"uri": "gone.reform"}, "region": {"startLine": 1, "startColumn": 1}}


def test_sarif_uri_of_odd_and_absolute_paths(tmp_path):
    from reformlang.render.sarif import artifact_uri

    assert artifact_uri("my specs/ré form.reform") == "my%20specs/r%C3%A9%20form.reform"
    assert artifact_uri(str(tmp_path / "a.reform")).startswith("file:///")


def test_related_spans_survive_in_json(project, stand_in_rules, capsys):
    _, out, _ = check(capsys, "--format", "json", "weak.reform")
    tx1 = next(f for f in json.loads(out)["findings"] if f["code"] == "TX001")
    assert tx1["related"] == [{"message": "engagement is here", "path": "weak.reform", "line": 10, "column": 3}]



def test_junit_puts_suppression_problems_in_their_own_case(project, stand_in_rules, capsys):
    text = (project / "weak.reform").read_text(encoding="utf-8")
    (project / "weak.reform").write_text(text.replace("-- the testing contract sets the period", ""),
                                         encoding="utf-8")
    _, out, _ = check(capsys, "--format", "junit", "--fail-on", "warning", "weak.reform")
    cases = {c.get("name"): c for c in ET.fromstring(out).iter("testcase")}
    assert cases["compiles"].find("failure") is None and cases["compiles"].find("error") is None
    assert cases["suppressions"].find("failure").get("type") == "S001"
