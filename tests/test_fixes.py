"""`reformlang check --fix`: findings carry fixes; safe ones apply with --fix, unsafe ones only with
--unsafe-fixes; the result is formatted, parses, and a second run changes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reformlang.checks as checks
from reformlang.checks import Rule, RuleDocs
from reformlang.cli.main import main
from reformlang.diagnostics import Edit, Fix, Sink
from reformlang.format import format_source
from reformlang.lint.fixes import apply_edits, fix_text
from reformlang.source import SourceFile

WEAK = Path(__file__).resolve().parent / "golden" / "check" / "weak.reform"

TYPOS = """\
use lftm

initiative r "R" {
  period: 2027 .. 2030

  level ministry "Ministry" {
    tier: top
  }

  level districts "Districts" {  # reformlang: ignore[LM010] -- no network yet
    tier: middle
    units: 3
  }

  link districts -> ministy { feedbak }

  funding f "F" {
    amount: 10 CAN
    from: ministry
    to: distrcts
  }
}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()  # its own repository: no configuration above applies
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ what a fix looks like
def test_findings_carry_fixes_in_json(project, capsys):
    (project / "typos.reform").write_text(TYPOS)
    _, out, _ = run(capsys, "check", "--format", "json", "typos.reform")
    fixes = {f["code"] + ":" + f["message"]: f["fix"] for f in json.loads(out)["findings"]}
    fix = fixes["E101:no level named `ministy` in this initiative"]
    assert fix == {"applicability": "safe", "message": "replace `ministy` with `ministry`",
                   "edits": [{"line": 15, "column": 21, "end_line": 15, "end_column": 28, "content": "ministry"}]}
    assert fixes["E102:unknown link kind `feedbak`"]["edits"][0]["content"] == "feedback"
    assert fixes["E110:`CAN` is not an ISO 4217 currency code"]["edits"][0]["content"] == "CAD"


def test_text_output_names_the_fix_and_counts_the_fixable(project, capsys):
    (project / "typos.reform").write_text(TYPOS)
    _, out, _ = run(capsys, "check", "typos.reform")
    assert "fix: replace `distrcts` with `districts` (--fix)" in out
    assert "4 fixable with --fix" in out.splitlines()[-1]


def test_fix_applies_writes_formats_and_reports_what_remains(project, capsys):
    spec = project / "typos.reform"
    spec.write_text(TYPOS)
    code, out, err = run(capsys, "check", "--fix", "--format", "json", "typos.reform")
    text = spec.read_text()
    assert "ministy" not in text and "feedbak" not in text and "distrcts" not in text and "10 CAD" in text
    # Once the spec compiles, the suppression turns out to waive nothing (no network): a safe fix removes it.
    assert "reformlang: ignore" not in text
    doc = json.loads(out)
    assert doc["summary"]["fixed"] == 5 and "fixed 5 findings in typos.reform" in err
    assert not [f for f in doc["findings"] if f["code"].startswith(("E", "S"))]  # what remains is design findings
    assert run(capsys, "fmt", "--check", "typos.reform")[0] == 0
    # A second run has nothing left to fix and changes nothing.
    run(capsys, "check", "--fix", "typos.reform")
    assert spec.read_text() == text


def test_diff_shows_the_fixes_and_writes_nothing(project, capsys):
    spec = project / "typos.reform"
    spec.write_text(TYPOS)
    code, out, err = run(capsys, "check", "--diff", "typos.reform")
    assert code == 1
    assert "-  link districts -> ministy { feedbak }" in out and "+  link districts -> ministry { feedback }" in out
    assert "+++ typos.reform (fixed)" in out
    assert spec.read_text() == TYPOS
    assert "5 fixes would be applied" in err


def test_fix_on_standard_input_prints_the_fixed_spec(project, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TYPOS.encode())))
    code, out, err = run(capsys, "check", "--fix", "-")
    assert "link districts -> ministry { feedback }" in out and "checked 1 file" in err


def test_a_fix_that_would_break_the_parse_is_dropped():
    src = SourceFile("x.reform", 'use lftm\ninitiative r "R" {\n  period: 2027 .. 2030\n}\n')
    broken = Fix.safe("break it", Edit(src.span(0, 3), "}}}"))
    at = src.text.index("2027")
    fine = Fix.safe("rename", Edit(src.span(at, at + 4), "2028"))

    def findings(text):
        from reformlang.diagnostics import Diagnostic, Severity

        if "2028" in text:
            return []
        return [Diagnostic("X1", Severity.WARNING, "m", src.span(0, 3), fix=broken),
                Diagnostic("X2", Severity.WARNING, "m", src.span(at, at + 4), fix=fine)]

    result = fix_text("x.reform", src.text, findings, unsafe=True)
    assert "2028" in result.after and "}}}" not in result.after
    assert [d.code for d in result.fixed] == ["X2"]


def test_overlapping_fixes_apply_one_at_a_time():
    src = SourceFile("x", "abcdef")
    a = Fix.safe("a", Edit(src.span(1, 3), "X"))
    b = Fix.safe("b", Edit(src.span(2, 4), "Y"))
    c = Fix.safe("c", Edit(src.span(5, 5), "Z"))
    text, taken = apply_edits(src.text, [b, a, c])
    assert text == "aXdeZf" and taken == [a, c]


# ------------------------------------------------------------------ safe and unsafe
_DOCS = RuleDocs(what="w", why="y", weak="a", strong="b")


class UnstatedJoining(Rule):
    """A stand-in rule whose fix states a fact the author did not: unsafe."""

    code = "TX010"
    name = "unstated-meeting"
    principle = "lftm.buy_in"
    summary = "The engagement names nobody it was made with."
    docs = _DOCS

    def check(self, facts):
        e = facts.initiative.engagement
        if e is not None and e.process == "imposed":
            span = e.spans["process"]
            yield self.finding("imposed", span, "co-design it",
                               fix=Fix.unsafe("make it co-designed", Edit(span, "process: co_designed")))


@pytest.fixture
def unsafe_rule(monkeypatch):
    monkeypatch.setattr(checks, "all_rules", lambda: [UnstatedJoining()])


def test_fix_alone_applies_only_safe_fixes(project, unsafe_rule, capsys):
    spec = project / "weak.reform"
    spec.write_text(WEAK.read_text().replace("ignore[big_ideas.precision]", "ignore[big_ideas.precison]"))
    code, out, _ = run(capsys, "check", "--fix", "weak.reform")
    text = spec.read_text()
    assert "precison" not in text  # the misspelled name in the suppression: a safe fix
    assert "process: imposed" in text  # the stand-in's unsafe fix waits for --unsafe-fixes
    assert "fix: make it co-designed (--fix --unsafe-fixes)" in out
    assert "1 more with --fix --unsafe-fixes" in out.splitlines()[-1]
    run(capsys, "check", "--fix", "--unsafe-fixes", "weak.reform")
    assert "process: co_designed" in spec.read_text()


def test_weak_spec_fixed_with_unsafe_fixes_is_canonical_and_stable(project, capsys):
    """The issue's 'done when', with the real rules."""
    spec = project / "weak.reform"
    shutil.copy(WEAK, spec)
    before = spec.read_text()
    # --fix alone: the rules' fixes state facts (unsafe), so nothing of the design changes.
    run(capsys, "check", "--fix", "weak.reform")
    assert "process: imposed" in spec.read_text() and "mode: pilot" in spec.read_text()
    code, out, err = run(capsys, "check", "--fix", "--unsafe-fixes", "weak.reform")
    after = spec.read_text()
    assert code in (0, 1) and "Traceback" not in err
    assert run(capsys, "fmt", "--check", "weak.reform")[0] == 0
    run(capsys, "check", "--fix", "--unsafe-fixes", "weak.reform")
    assert spec.read_text() == after
    _, out, _ = run(capsys, "check", "--format", "json", "weak.reform")
    left = [f for f in json.loads(out)["findings"] if f["fix"] is not None]
    assert not left, f"fixes left after --fix --unsafe-fixes: {left}"
    assert after != before and "fixed" in err
    assert "process: co_designed" in after and "mode: diffusion" in after


# ------------------------------------------------------------------ properties
_NAMES = ["ministry", "districts", "schools", "feedback", "support", "co_learning", "CAD", "NZD", "top",
          "middle", "bottom", "lftm", "LM010", "big_ideas.precision"]


def _misspell(word: str, i: int) -> str:
    i = i % len(word)
    return word[:i] + word[i + 1:] if len(word) > 3 else word + "x"


BASE = """\
use lftm
use big_ideas
use networks

initiative r "R" {{
  period: 2027 .. 2030

  level ministry "Ministry" {{  # reformlang: ignore[{supp}] -- reason
    tier: {tier}
  }}

  level districts "Districts" {{
    tier: middle
    units: 3
  }}

  level schools "Schools" {{
    tier: bottom
    units: 30
  }}

  link districts -> {target} {{ {kind}, support }}

  funding f "F" {{
    amount: 10 {cur}
    from: ministry
    to: {to}
  }}

  network n "N" {{  # reformlang: ignore[{netsupp}] -- reason
    members: schools
    {joining}
  }}

  accountability {{ {acc} }}
}}
"""


@st.composite
def specs(draw):
    def maybe(word):
        return _misspell(word, draw(st.integers(0, 20))) if draw(st.booleans()) else word

    return BASE.format(supp=maybe(draw(st.sampled_from(["LM010", "big_ideas.precision", "lftm"]))),
                       tier=maybe("top"), target=maybe("ministry"), kind=maybe("feedback"),
                       cur=maybe(draw(st.sampled_from(["CAD", "NZD", "CAN"]))), to=maybe("districts"),
                       netsupp=maybe(draw(st.sampled_from(["NW004", "networks.size", "NW001"]))),
                       joining=draw(st.sampled_from(["", "joining: invited", "joining: mandated", "meets: termly",
                                                     "trust: []", "joining: open  meets: yearly"])),
                       acc=draw(st.sampled_from(["", "transparency: none", "consequence: sanctions",
                                                 "style: punitive  internal: []"])))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=specs())
def test_fixes_never_break_the_parse_and_settle(text, tmp_path_factory):
    from reformlang.driver import compile_source
    from reformlang.lint.report import Linter

    folder = tmp_path_factory.mktemp("p")
    (folder / ".git").mkdir(exist_ok=True)
    linter = Linter()
    path = str(folder / "spec.reform")

    def findings_of(t):
        return linter.lint([(path, compile_source(SourceFile(path, t)), None)])[1]

    once = fix_text(path, text, findings_of, unsafe=True)
    assert format_source(SourceFile(path, once.after), Sink()) is not None, "a fix broke the parse"
    twice = fix_text(path, once.after, findings_of, unsafe=True)
    assert twice.after == once.after and not twice.fixed


# ------------------------------------------------------------------ the helpers rules build their fixes with
BLOCKS = """\
use lftm

initiative r "R" {
  period: 2027 .. 2030

  level ministry "Ministry" { tier: top }

  level districts "Districts" {
    tier: middle
    units: 3
  }

  network n "N" {  # reformlang: ignore[NW004] -- a facilitator is being hired
    members: districts
    joining: invited
  }
}
"""


def test_rule_fix_helpers_insert_and_replace_without_moving_comments():
    from reformlang.checks.fixes import add_attribute, set_attribute
    from reformlang.driver import compile_source
    from reformlang.lint.fixes import canonical

    init = compile_source(SourceFile("x.reform", BLOCKS)).spec.initiatives[0]
    net, ministry = init.networks[0], init.levels[0]
    fixes = [add_attribute(net, "meets", "monthly"), set_attribute(net, "joining", "open"),
             add_attribute(ministry, "leader", '"Minister"')]
    assert all(f is not None and not f.is_safe for f in fixes)  # every rule fix states a fact: unsafe
    assert add_attribute(net, "joining", "open") is None  # stated already: nothing to add
    assert set_attribute(net, "meets", "monthly") is None  # nothing stated to replace
    text, taken = apply_edits(BLOCKS, fixes)
    assert len(taken) == 3
    out = canonical("x.reform", text)
    assert out is not None
    # The block's suppression stays on its header line, where it covers the whole block.
    assert 'network n "N" {  # reformlang: ignore[NW004] -- a facilitator is being hired\n    meets: monthly\n' in out
    assert "joining: open" in out and 'leader: "Minister"' in out


@pytest.mark.parametrize("example", sorted(p.name for p in (Path(__file__).resolve().parent.parent / "examples")
                                           .glob("*.reform")))
def test_every_fix_on_the_examples_parses_formats_and_settles(example, project, capsys):
    """Every fix the checker offers on the examples, safe and unsafe, applied until none is left."""
    shutil.copy(Path(__file__).resolve().parent.parent / "examples" / example, project / example)
    run(capsys, "check", "--fix", "--unsafe-fixes", example)
    after = (project / example).read_text()
    assert run(capsys, "fmt", "--check", example)[0] == 0
    _, out, _ = run(capsys, "check", "--format", "json", example)
    findings = json.loads(out)["findings"]
    assert [f for f in findings if f["fix"]] == []
    assert [f for f in findings if f["severity"] == "error"] == [], "a fix wrote something the language refuses"
    run(capsys, "check", "--fix", "--unsafe-fixes", example)
    assert (project / example).read_text() == after
