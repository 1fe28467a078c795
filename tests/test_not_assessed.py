"""Three states for every principle: held, not held, not assessed (the spec does not state what it rests on)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from reformlang.checks import run_checks, scorecard
from reformlang.cli.main import main
from reformlang.driver import compile_source
from reformlang.source import SourceFile

NETWORK = """\
use networks

initiative net "A network that leaves facts out" {
  period: 2026 .. 2030
  level districts "Districts" { tier: middle  units: 10  leader: "Council" }
  level schools "Schools" { tier: bottom  units: 200 }
  priority reading "Reading" {
    students: all
    owner: districts
    indicator grade6 "Grade 6 reading" { baseline: 50% in 2026  target: 70% by 2030 }
  }
  network circles "Reading circles" {
    members: schools
    joining: open
    facilitator: districts
    goals: [grade6]
    trust: [peer_visits]
    practice: collaborative_inquiry
    learns_from: ["University partners"]
    partners: [students, teachers, families]
  }
}
"""


def card_of(text: str, thresholds=None) -> tuple[dict, list]:
    comp = compile_source(SourceFile("n.reform", text))
    assert comp.ok, [d.message for d in comp.diagnostics]
    result = run_checks(comp.spec, thresholds=thresholds)
    return scorecard(result.checked, result.findings), result.findings


def test_unstated_funding_size_and_meetings_are_not_assessed_never_not_held():
    card, findings = card_of(NETWORK)
    principles = card["networks"]["principles"]
    for pid in ("networks.adequate_resources", "networks.size", "networks.learning_inwards"):
        assert principles[pid] == "not assessed", pid
    assert "not held" not in principles.values()
    for pid in ("networks.high_trust", "networks.ambitious_goals", "networks.skilled_facilitation",
                "networks.connecting_outward", "networks.new_partnerships", "networks.improving_practice"):
        assert principles[pid] == "held", pid
    assert card["networks"]["not_assessed"] == 3 and card["networks"]["held"] == 6
    unstated = [d for d in findings if d.unstated]
    assert {d.principle for d in unstated} == {"networks.adequate_resources", "networks.size",
                                                "networks.learning_inwards"}
    assert all(d.severity.label == "info" and "does not say" in d.message for d in unstated)


def test_what_the_spec_states_against_a_principle_is_not_held():
    text = NETWORK.replace("    partners: [students, teachers, families]\n",
                           "    partners: [students, teachers, families]\n"
                           "    resources: []\n    size: 2 .. 60\n    meets: yearly\n")
    principles = card_of(text)[0]["networks"]["principles"]
    for pid in ("networks.adequate_resources", "networks.size", "networks.learning_inwards"):
        assert principles[pid] == "not held", pid


def test_thresholds_come_from_the_configuration():
    text = NETWORK.replace("    partners: [students, teachers, families]\n",
                           "    partners: [students, teachers, families]\n    size: 10 .. 30\n")
    assert card_of(text)[0]["networks"]["principles"]["networks.size"] == "not held"
    card = card_of(text, {"network_size_max": 30})[0]
    assert card["networks"]["principles"]["networks.size"] == "held"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "net.reform").write_text(NETWORK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_json_junit_and_sarif_show_not_assessed(project, capsys):
    assert main(["check", "--format", "json", "net.reform"]) == 0
    doc = json.loads(capsys.readouterr().out)
    entry = doc["scorecard"]["net.reform"]["networks"]
    assert doc["version"] == 1
    assert entry["not_assessed"] == 3 and entry["principles"]["networks.size"] == "not assessed"
    assert any(f["unstated"] and f["severity"] == "info" for f in doc["findings"])

    assert main(["check", "--format", "junit", "net.reform"]) == 0
    root = ET.fromstring(capsys.readouterr().out)
    skipped = {c.get("name"): c.find("skipped") for c in root.iter("testcase") if c.find("skipped") is not None}
    assert set(skipped) == {"networks.adequate_resources", "networks.size", "networks.learning_inwards"}
    assert "does not say" in skipped["networks.size"].get("message")
    assert root.get("skipped") == "3"

    assert main(["check", "--format", "sarif", "net.reform"]) == 0
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert {r["level"] for r in results if r.get("properties", {}).get("unstated")} == {"note"}

    assert main(["check", "net.reform"]) == 0
    assert "(not assessed: adequate_resources, learning_inwards, size)" in capsys.readouterr().out


def test_unstated_warning_fails_a_spec_that_leaves_facts_out(project, capsys):
    (project / "reformlang.toml").write_text('unstated = "warning"\nfail-on = "warning"\n', encoding="utf-8")
    assert main(["check", "--format", "json", "net.reform"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert {f["severity"] for f in doc["findings"] if f["unstated"]} == {"warning"}
    # ... and the principles stay not assessed, not "not held"
    assert doc["scorecard"]["net.reform"]["networks"]["principles"]["networks.size"] == "not assessed"


def test_bad_unstated_and_threshold_values_are_configuration_errors(project, capsys):
    (project / "reformlang.toml").write_text('unstated = "loud"\n[thresholds]\nnetwork_size_mx = 3\n'
                                             'middle_work_share = 2\n', encoding="utf-8")
    assert main(["check", "net.reform"]) == 2
    err = capsys.readouterr().err
    assert "`unstated` must be one of" in err
    assert "did you mean `network_size_max`?" in err
    assert "`thresholds.middle_work_share` must be 0 to 1, not 2" in err
