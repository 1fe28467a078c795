"""French for the findings of the networks (NW), coherence (CO), collaborative professionalism (CP) and
joint initiative (JI) rules: `check --lang fr` on the specs that make each rule speak (its fixtures under
tests/rules/, and variants that reach its other branches) says every message, help line, related note
and fix in French; the JSON report keeps them in English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reformlang import i18n
from reformlang.checks import rule_for, run_checks
from reformlang.cli.main import main
from reformlang.driver import compile_path

FIXTURES = Path(__file__).resolve().parent / "rules"
CODES = ([f"NW00{i}" for i in range(1, 10)] + [f"CO00{i}" for i in range(1, 6)]
         + [f"CP00{i}" for i in range(1, 4)] + [f"JI00{i}" for i in range(1, 6)])

# Branches the fixtures do not reach: {code: [(fixture, [(old, new), ...]), ...]}, edits of a fixture's text.
_INITIATIVE = 'initiative example "Example initiative" {'
_PERIOD = (_INITIATIVE, _INITIATIVE + "\n  period: 2026 .. 2033")
_FUND = ('  funding network_fund "Release time for networks" {\n    amount: 5_000_000 CAD\n    from: ministry\n'
         '    to: districts\n    purpose: capacity\n    period: 2026 .. 2031\n  }\n')
VARIANTS = {
    "NW002": [("pass.reform", [("target: 75% by 2031", "")])],  # a goal whose indicator has no target
    "NW005": [("pass.reform", [("meets: monthly", "meets: termly")]),  # meets only termly: the word in French
              ("pass.reform", [("meets: monthly", "meets: at_need"),  # a cadence of no stated frequency
                               (_INITIATIVE, 'vocabulary cadence { word at_need "When needed" {} }\n'
                                + _INITIATIVE)])],
    "NW008": [("fail.reform", [_PERIOD, ("resources: []", "resources: [network_fund]")]),  # money runs out
              ("fail.reform", [_PERIOD, ("resources: []", "resources: [network_fund]"),
                               ("    period: 2026 .. 2031\n", "")]),  # money of no stated years
              ("fail.reform", [(_FUND, "")])],  # no funding to point at
    "NW009": [("pass.reform", [("size: 5 .. 20", "size: 2 .. 40")])],  # too few or too many
    "CO002": [("not_assessed.reform", [('  priority literacy "Reading and writing" {\n    outcome: literacy\n  }\n',
                                        "")])],  # no priorities
    "CO003": [("fail.reform", [("    practice: []\n", ""),  # two networks that do not say their practice
                               ("  network literacy_networks",
                                '  network maths "Maths" {\n    members: schools\n  }\n  network literacy_networks')])],
    "CO005": [("fail.reform", [("    internal: []\n", "")])],  # internal accountability left out
    "CP002": [("pass.reform", [("  accountability {\n    internal: peer_review\n    external: national_tests\n  }\n",
                                "")])],  # no accountability
    "CP003": [("pass.reform", [('letting_go: "Each school chooses its inquiry focus within the shared goals"',
                                'vision: "Every student reads"')]),  # a learning model with no scope of autonomy
              ("pass.reform", [("  link schools <-> schools { co_learning }\n", "")])],  # free, with whom?
    "JI003": [("fail.reform", [("  network kahui_ako", '  network other "Other" {\n    members: schools\n'
                                "    partners: [principals]\n    practice: collaborative_inquiry\n  }\n"
                                "  network kahui_ako")]),  # two networks: the second is a related note
              ("pass.reform", [('  network kahui_ako "Communities of learning" {\n    members: schools\n'
                                "    partners: [teachers, principals, families]\n    practice: collaborative_inquiry\n"
                                "  }\n", "")])],  # no network
    "JI004": [("fail.reform", [("    goals: []\n", "")])],  # a network that does not say its goals
}


def _specs(code: str, tmp_path: Path) -> list[Path]:
    folder = FIXTURES / code
    specs = [folder / name for name in ("fail.reform", "not_assessed.reform") if (folder / name).is_file()]
    for i, (name, edits) in enumerate(VARIANTS.get(code, ())):
        text = (folder / name).read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, f"{code}/{name} no longer holds {old!r}: update VARIANTS"
            text = text.replace(old, new)
        specs.append(tmp_path / f"{code}_{i}.reform")
        specs[-1].write_text(text, encoding="utf-8")
    return specs


def _texts(d) -> list[str]:
    """What a finding says to people: its message, help, related notes and fix."""
    out = [d.message, *(r.message for r in d.related)]
    out += [d.help] if d.help else []
    out += [d.fix.message] if d.fix is not None and d.fix.edits else []
    return out


@pytest.mark.parametrize("code", CODES)
def test_the_rule_speaks_french(code, tmp_path, capsys):
    rule = rule_for(code)
    said = 0
    for spec in _specs(code, tmp_path):
        comp = compile_path(spec, spec.name)
        findings = run_checks(comp.spec, frameworks=[rule.framework], rules=[rule]).findings
        assert findings, f"{spec.name} no longer makes {code} speak"
        main(["check", "--lang", "fr", str(spec)])
        french_report = capsys.readouterr().out
        main(["check", "--lang", "fr", "--format", "json", str(spec)])
        json_report = json.dumps(json.loads(capsys.readouterr().out), ensure_ascii=False)
        for d in findings:
            for english in _texts(d):
                with i18n.language("fr"):
                    french = i18n._(english)
                assert french != english, f"{code} says in English: {english!r}"
                assert french in french_report and english not in french_report, (code, english)
                assert json.dumps(english, ensure_ascii=False)[1:-1] in json_report  # machines read English
                said += 1
    assert said
