"""The big ideas (BI001-BI017) in French: what `check --lang fr` shows of their findings (message, help
line, related notes, fix) is French, on each rule's fixtures and on variants of them that reach every
other message the rules can give; JSON stays English."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from reformlang import i18n
from reformlang.checks import all_rules, rule_for, run_checks
from reformlang.cli.main import main
from reformlang.driver import compile_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/rules"
RULES_DIR = ROOT / "src/reformlang/checks/rules/big_ideas"
CODES = [r.code for r in all_rules() if r.framework == "big_ideas"]


def _priorities(n: int) -> str:
    return "".join(f'  priority extra{i} "Extra {i}" {{ outcome: literacy }}\n' for i in range(n))


_NETWORK = '  network {id} "Circles" {{ members: schools  joining: invited }}\n'
_SCHOOLS = '  level schools "Schools" { tier: bottom  leader: "Principals" }\n'

# (rule, fixture under tests/rules, what the variant is, edits of the fixture's text): variants that reach the
# messages the fixtures themselves do not.
VARIANTS = [
    ("BI002", "BI002/fail.reform", "four", [('  priority citizenship "Reading and writing" {\n'
                                             "    outcome: citizenship\n  }\n", "")]),
    ("BI002", "BI002/fail.reform", "eight", [("  priority citizenship", _priorities(3) + "  priority citizenship")]),
    ("BI002", "BI002/fail.reform", "ten", [("  priority citizenship", _priorities(5) + "  priority citizenship")]),
    ("BI003", "BI002/not_assessed.reform", "no-levels", []),
    ("BI004", "BI002/not_assessed.reform", "no-strategies", []),
    ("BI004", "BI004/fail.reform", "builds-nothing", [
        ("      builds: accountability\n    }\n",
         '      builds: accountability\n    }\n    strategy more "More" { builds: [] }\n'),
        ("purpose: accountability", "purpose: []")]),
    ("BI005", "BI002/not_assessed.reform", "no-priorities", []),
    ("BI005", "BI005/not_assessed.reform", "no-indicator", [
        ('    indicator grade6_reading "Grade 6 reading" {}\n', "")]),
    ("BI005", "BI005/not_assessed.reform", "half-measured", [
        ('"Grade 6 reading" {}', '"Grade 6 reading" { target: 75% by 2031 }', 1),
        ('"Grade 6 reading" {}', '"Grade 6 reading" { baseline: 54% in 2026 }')]),
    ("BI009", "BI009/not_assessed.reform", "punitive", [
        ("    external: provincial_assessment\n", "    external: provincial_assessment\n    style: punitive\n")]),
    ("BI009", "BI009/not_assessed.reform", "compliance", [
        ("    external: provincial_assessment\n", "    external: provincial_assessment\n    style: compliance\n")]),
    ("BI011", "BI011/fail.reform", "no-measures", [("measures: [grade6_reading]", "measures: []")]),
    ("BI011", "BI011/fail.reform", "one-indicator", [
        ('    indicator grade6_math "Grade 6 reading" {\n      baseline: 54% in 2026\n'
         "      target: 75% by 2031\n    }\n", "")]),
    ("BI013", "BI013/fail.reform", "pilot", [("    mode: diffusion\n", "    mode: pilot\n")]),
    ("BI013", "BI013/fail.reform", "shrinking", [("coverage: 60%", "coverage: 5%")]),
    ("BI013", "BI013/fail.reform", "stopping", [("period: 2028 .. 2031", "period: 2028 .. 2029")]),
    ("BI013", "BI013/fail.reform", "one-invited-network", [
        ("  period: 2026 .. 2031\n", "  period: 2026 .. 2031\n" + _SCHOOLS + _NETWORK.format(id="circles"), 1)]),
    ("BI013", "BI013/fail.reform", "two-invited-networks", [
        ("  period: 2026 .. 2031\n", "  period: 2026 .. 2031\n" + _SCHOOLS + _NETWORK.format(id="circles")
         + _NETWORK.format(id="clusters"), 1)]),
    ("BI013", "BI013/not_assessed.reform", "two-phases-unsaid", [
        ('    phase scale "Scale up" {',
         '    phase more "More" { period: 2027 .. 2028 }\n    phase scale "Scale up" {')]),
    ("BI015", "BI015/fail.reform", "no-period", [("  period: 2026 .. 2031\n", "")]),
    ("BI015", "BI015/not_assessed.reform", "one-term-unsaid", [
        ('    leader: "Council of Directors"\n',
         '    leader: "Council of Directors"\n    leader_term: 2026 .. 2031\n')]),
    ("BI017", "BI017/fail.reform", "one-indicator", [
        ('    indicator grade3_reading "Grade 3 reading" {\n      tracks: average\n    }\n', "")]),
]

CASES = [(code, FIXTURES / code / name, name.removesuffix(".reform"), []) for code in CODES
         for name in ("fail.reform", "not_assessed.reform") if (FIXTURES / code / name).is_file()]
CASES += [(code, FIXTURES / name, what, edits) for code, name, what, edits in VARIANTS]


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.use("en")  # a test that ran in French leaves the process in English


def _spec(path: Path, edits: list, tmp_path: Path) -> Path:
    """The fixture, or the variant of it that the edits make (each edit must apply: no silent no-op)."""
    if not edits:
        return path
    text = path.read_text(encoding="utf-8")
    for old, new, *count in edits:
        assert old in text, f"{path}: the variant's edit no longer applies: {old!r}"
        text = text.replace(old, new, *count)
    out = tmp_path / path.name
    out.write_text(text, encoding="utf-8")
    return out


def _findings(code: str, path: Path):
    comp = compile_path(path, str(path))
    assert comp.spec is not None and not [d for d in comp.diagnostics if d.severity.label == "error"], \
        f"{path} does not compile"
    return [d for d in run_checks(comp.spec, rules=[rule_for(code)]).findings if d.code == code]


def _texts(d) -> list[str]:
    """What the text report shows of a finding: message, related notes, help, and a fix with edits."""
    texts = [d.message, *(r.message for r in d.related if r.span is not None)]
    texts += [d.help] if d.help else []
    texts += [d.fix.message] if d.fix is not None and d.fix.edits else []
    return texts


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_the_big_ideas_findings_are_french(case, tmp_path, capsys):
    code, fixture, _what, edits = case
    path = _spec(fixture, edits, tmp_path)
    findings = _findings(code, path)
    assert findings, f"{code} finds nothing on {path.name}: the case tests nothing"
    main(["check", str(path), "--lang", "fr", "--select", code, "--no-cache"])
    out = capsys.readouterr().out
    for d in findings:
        for english in _texts(d):
            with i18n.language("fr"):
                french = i18n._(english)
            assert french != str(english), f"{code}: no French for {str(english)!r}"
            assert french in out, f"{code}: the French report does not show {french!r}"
            assert str(english) not in out, f"{code}: the French report shows English {str(english)!r}"
    main(["check", str(path), "--lang", "fr", "--select", code, "--no-cache", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert {f["message"] for f in report["findings"]} == {str(d.message) for d in findings}


def _templates(message) -> set[str]:
    if not isinstance(message, i18n.Msg):
        return set()
    parts = list(message.args.values()) + list(getattr(message, "items", ()))
    return {message.template}.union(*(_templates(p) for p in parts))


def test_the_french_cases_reach_every_message_of_the_big_ideas(tmp_path):
    """Every `msg()` template in the big ideas' modules is shown by some case above: a new message
    gets a case (and so a French check) with it."""
    written = set()
    for module in RULES_DIR.glob("bi*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "msg":
                written.add(node.args[0].value)
    assert len(written) > 100
    shown = set()
    for k, (code, fixture, _what, edits) in enumerate(CASES):
        folder = tmp_path / str(k)
        folder.mkdir()
        for d in _findings(code, _spec(fixture, edits, folder)):
            for text in _texts(d):
                shown |= _templates(text)
    missing = sorted(written - shown)
    assert not missing, "messages no case shows:\n" + "\n".join(missing)
