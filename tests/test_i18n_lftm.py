"""The `lftm` rules (LM001-LM017) speak French with `--lang fr`: every message, help line, related note
and fix message they write, on the fixtures that make each of them speak (tests/rules/LMxxx/); the JSON
of the same run stays English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reformlang import i18n
from reformlang.checks import all_rules, run_checks
from reformlang.cli.main import main
from reformlang.driver import compile_path

FIXTURES = Path(__file__).resolve().parent / "rules"
RULES = [r for r in all_rules() if r.framework == "lftm"]
CASES = [(r, path) for r in RULES for path in sorted((FIXTURES / r.code).glob("*.reform")) if path.stem != "pass"]


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.use("en")


def _texts(d) -> list[tuple[str, str]]:
    """What a finding says that a person reads, with what it is."""
    texts = [("message", d.message)] + [("related note", r.message) for r in d.related]
    if d.help:
        texts.append(("help", d.help))
    # checks/fixes.py words the fixes the rules leave unworded ("write `joining: open`"): not the rules' own
    if d.fix is not None and isinstance(d.fix.message, i18n.Msg):
        texts.append(("fix", d.fix.message))
    return texts


def test_every_lftm_rule_has_a_fixture_that_makes_it_speak():
    assert len(RULES) == 17
    assert {r.code for r, _path in CASES} == {r.code for r in RULES}


@pytest.mark.parametrize("rule, path", CASES, ids=[f"{r.code}-{p.stem}" for r, p in CASES])
def test_lftm_findings_are_french_with_lang_fr(rule, path, capsys):
    comp = compile_path(path, path.name)
    findings = [d for d in run_checks(comp.spec, frameworks=["lftm"], rules=[rule]).findings if d.code == rule.code]
    assert findings, f"{path} makes {rule.code} say nothing"
    main(["check", "--lang", "fr", "--select", rule.code, str(path)])
    out = capsys.readouterr().out
    english = []
    for d in findings:
        for what, text in _texts(d):
            assert isinstance(text, i18n.Msg), f"{rule.code}'s {what} is not made with msg(): {text!r}"
            with i18n.language("fr"):
                french = i18n._(text)
            if french == str(text) or str(text) in out:
                english.append(f"{what}: {text}")
            assert french in out, f"{rule.code}'s {what} is not in the French report: {french!r}"
    assert not english, f"{rule.code} left in English on {path.name}:\n" + "\n".join(english)
    # machines read English whatever the language
    main(["check", "--lang", "fr", "--select", rule.code, "--format", "json", str(path)])
    report = json.loads(capsys.readouterr().out)
    messages = {f["message"] for f in _findings(report)}
    assert {str(d.message) for d in findings} <= messages


def _findings(report) -> list[dict]:
    """The findings of a JSON report, wherever its shape keeps them."""
    if isinstance(report, dict):
        if "code" in report and "message" in report:
            return [report]
        return [f for v in report.values() for f in _findings(v)]
    if isinstance(report, list):
        return [f for v in report for f in _findings(v)]
    return []


def test_the_plain_advice_of_every_lftm_rule_is_french():
    with i18n.language("fr"):
        english = [r.code for r in RULES if i18n._(r.plain) == r.plain]
    assert not english, f"no French for the plain advice of {english}"
