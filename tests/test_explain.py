"""`reformlang explain`, `reformlang rules` and the generated docs/rules.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reformlang.checks import all_rules
from reformlang.checks.docs import render_rules_markdown
from reformlang.cli.main import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_explain_a_rule_code(capsys, golden):
    code, out, _ = run(capsys, "explain", "LM003")
    assert code == 0
    golden.check("explain/LM003.txt", out)


def test_explain_a_principle_shows_its_source_and_every_rule(capsys, golden):
    code, out, _ = run(capsys, "explain", "big_ideas.intelligent_accountability")
    assert code == 0
    assert 'source: Fullan, "Leadership from the Middle" (2015): the seven big ideas' in out
    for c in ("BI008", "BI009", "BI010", "BI011", "BI012"):
        assert c in out
    golden.check("explain/big_ideas.intelligent_accountability.txt", out)


def test_explain_a_framework_lists_its_principles(capsys):
    code, out, _ = run(capsys, "explain", "joint_initiative")
    assert code == 0
    assert "joint_initiative.career_pathways" in out and "JI005" in out


@pytest.mark.parametrize("principle", sorted({r.principle for r in all_rules()}))
def test_every_principle_explains_with_examples(capsys, principle):
    code, out, _ = run(capsys, "explain", principle)
    assert code == 0
    assert out.startswith(principle + ": ")
    assert "source: " in out and "Why it matters:" in out and "Weak:" in out and "Stronger:" in out


@pytest.mark.parametrize("typo, hint", [("lm0003", "LM003"), ("lftm.buyin", "lftm.buy_in"),
                                        ("network", "networks")])
def test_unknown_id_suggests_and_exits_2(capsys, typo, hint):
    code, out, err = run(capsys, "explain", typo)
    assert code == 2 and out == ""
    assert f"no rule, principle or framework `{typo}`" in err
    assert f"did you mean `{hint}`?" in err


def test_rules_lists_every_rule(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    lines = [line for line in out.splitlines() if line[:2].isupper()]
    assert [line.split()[0] for line in lines] == [r.code for r in all_rules()]
    assert "LM003  no-upward-partner-link" in out


def test_rules_as_json(capsys):
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 1
    first = {r["code"]: r for r in data["rules"]}["LM003"]
    assert first == {"code": "LM003", "name": "no-upward-partner-link", "principle": "lftm.partner_upward",
                     "severity": "warning",
                     "summary": "The spec states its levels and none is the top; a partner link left out is not "
                                "assessed."}


def test_docs_rules_md_is_up_to_date():
    path = ROOT / "docs" / "rules.md"
    assert path.is_file(), "docs/rules.md is missing: run `python -m reformlang.checks.docs`"
    assert path.read_text(encoding="utf-8") == render_rules_markdown(), \
        "docs/rules.md is stale: run `python -m reformlang.checks.docs` and commit it"


def test_docs_cover_every_rule():
    text = render_rules_markdown()
    for r in all_rules():
        assert f"### {r.code} `{r.name}`" in text


def test_explain_simulation_prints_the_model_that_ships_with_the_package(capsys):
    assert main(["explain", "simulation"]) == 0
    out = capsys.readouterr().out
    assert "not a forecast" in out and "hypothesis" in out and "unowned_fade" in out
