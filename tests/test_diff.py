"""`reformlang diff`: what a change does to a reform design (blocks, money, findings, scorecard)."""

from __future__ import annotations

import json
import subprocess

from conftest import EXAMPLES, needs

from reformlang.cli.main import main

OLD = str(EXAMPLES / "new_zealand_2014.reform")
NEW = str(EXAMPLES / "new_zealand_joint_initiative_2015.reform")


def run(capsys, *argv):
    code = main(["diff", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_nz_names_the_engagement_change_and_the_findings_it_resolved(capsys):
    code, out, err = run(capsys, OLD, NEW, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    engagement = [c for c in data["changes"] if c["kind"] == "engagement"]
    assert engagement and engagement[0]["change"] == "changed"
    process = {f["name"]: f for f in engagement[0]["fields"]}["process"]
    assert (process["before"], process["after"]) == ("imposed", "negotiated")
    resolved = {f["code"] for f in data["resolved"] if not f["not_assessed"]}
    assert "LM008" in resolved  # imposed without buy-in: the engagement change resolves it
    assert "LM008" not in {f["code"] for f in data["introduced"]}
    # Compared initiative to initiative whatever their ids: no initiative added or removed.
    assert not [c for c in data["changes"] if c["kind"] == "initiative" and c["change"] != "changed"]
    lftm = {s["framework"]: s for s in data["scorecard"]}["lftm"]
    assert lftm["after"]["held"] == lftm["before"]["held"] + 1
    assert {"Buy-in, not imposition"} <= {p["title"] for p in lftm["principles"]}


def test_text_and_markdown_say_it_in_words(capsys):
    _, text, _ = run(capsys, OLD, NEW)
    assert "process: imposed -> negotiated" in text
    assert "Findings resolved:" in text and "LM008 Buy-in, not imposition" in text
    _, md, _ = run(capsys, OLD, NEW, "--format", "md")
    assert "| Changed | engagement | process: imposed → negotiated" in md
    assert "✓ LM008 Buy-in, not imposition" in md


def test_same_spec_has_no_changes(capsys):
    code, out, _ = run(capsys, OLD, OLD)
    assert code == 0 and "No change to the design" in out


def test_money_moved_between_tiers(tmp_path, capsys):
    old = tmp_path / "old.reform"
    new = tmp_path / "new.reform"
    body = """initiative r "R" {{
  level ministry "Ministry" {{ tier: top  units: 1 }}
  level districts "Districts" {{ tier: middle  units: 10 }}
  level schools "Schools" {{ tier: bottom  units: 100 }}
  funding f "Fund" {{ from: ministry  to: {to}  amount: 1_000 NZD  period: 2026 .. 2027 }}
}}
"""
    old.write_text(body.format(to="schools"))
    new.write_text(body.format(to="districts"))
    code, out, err = run(capsys, str(old), str(new), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    moved = {(m["tier"], m["before"], m["after"]) for m in data["money_by_tier"]}
    assert moved == {("bottom", "1,000 NZD", "0 NZD"), ("middle", "0 NZD", "1,000 NZD")}
    fund = [c for c in data["changes"] if c["kind"] == "funding"][0]
    assert {"name": "to", "before": "schools", "after": "districts"} in fund["fields"]


def test_markdown_escapes_titles(tmp_path, capsys):
    old = tmp_path / "a.reform"
    new = tmp_path / "b.reform"
    old.write_text('initiative r "R" {\n  level m "M" { tier: top units: 1 }\n}\n')
    new.write_text('initiative r "R" {\n  level m "M | <b>*x*</b>" { tier: top units: 1 }\n}\n')
    _, md, _ = run(capsys, str(old), str(new), "--format", "md")
    assert "<b>" not in md and "M \\| \\<b\\>\\*x\\*\\</b\\>" in md


def test_usage_errors(capsys):
    code, _, err = run(capsys, OLD)
    assert code == 2 and "two specs" in err
    code, _, err = run(capsys, "--rev", "HEAD", OLD, NEW)
    assert code == 2 and "--rev takes one SPEC" in err


@needs("git")
def test_rev_compares_with_the_committed_version(tmp_path, capsys):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    spec = tmp_path / "r.reform"
    spec.write_text((EXAMPLES / "new_zealand_2014.reform").read_text())
    subprocess.run([*git, "add", "r.reform"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "first"], cwd=tmp_path, check=True)
    spec.write_text(spec.read_text().replace("process: imposed", "process: co_designed"))
    code, out, err = run(capsys, "--rev", "HEAD", str(spec))
    assert code == 0, err
    assert "process: imposed -> co-designed" in out and "LM008" in out
    code, _, err = run(capsys, "--rev", "nonexistent", str(spec))
    assert code == 2 and "at revision nonexistent" in err
