"""The checker's verdicts on the examples agree with what the research concluded.

examples/cases.toml holds, for each case the research draws on, what it
concluded and the status the checker must give the principles that conclusion
(or a fact of the case) speaks to. docs/verdicts.md is generated from it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reformlang.verdicts import ALLOWED, evaluate, load_cases, render_verdicts
from reformlang.diagnostics import Severity
from reformlang.errors import UserError

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = ROOT / "examples" / "cases.toml"
CASES = load_cases(CASES_FILE)


def _result(case):
    return evaluate(case, CASES_FILE.parent)


def test_every_example_is_a_case():
    assert sorted(c.example for c in CASES) == sorted(p.name for p in (ROOT / "examples").glob("*.reform"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.example)
def test_the_checker_agrees_with_the_research(case):
    result = _result(case)
    wrong = [f"{o.verdict.principle}: the research implies {o.verdict.status} ({o.verdict.because}), "
             f"the checker says {o.actual}" for o in result.outcomes if not o.agrees]
    assert wrong == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.example)
def test_no_principle_is_not_held_on_a_fact_the_sources_do_not_give(case):
    # Every "not held" is one the research or the facts call for (or presupposes one that is).
    result = _result(case)
    assert result.unexplained == ()
    unexplained_warnings = [f"{d.code} {d.principle}: {d.message}" for d in result.findings
                            if d.severity >= Severity.WARNING and d.principle in result.unexplained]
    assert unexplained_warnings == []


def test_each_case_speaks_to_a_principle_and_praised_cases_hold_some():
    for case in CASES:
        assert case.verdicts, f"{case.example}: name the principles the research's conclusion speaks to"
        assert any(v.basis == "conclusion" for v in case.verdicts), case.example


def test_the_brief_s_own_verdicts_are_in_the_cases_file():
    # The verdicts the checker-depth issue names; the data must keep them.
    wanted = {
        ("new_zealand_1989.reform", "lftm.middle_exists"): "not held",
        ("ontario_2003.reform", "lftm.middle_leads"): "not held",
        ("ontario_special_education.reform", "lftm.middle_leads"): "held",
        ("ontario_special_education.reform", "lftm.resourced_middle"): "held",
        ("pilot_then_scale.reform", "lftm.diffusion"): "not held",
        ("diffusion.reform", "lftm.diffusion"): "held",
    }
    have = {(c.example, v.principle): v.status for c in CASES for v in c.verdicts}
    assert {k: have.get(k) for k in wanted} == wanted


def test_npdl_is_not_held_on_nothing_the_sources_do_not_give():
    (npdl,) = [c for c in CASES if c.example == "npdl.reform"]
    result = _result(npdl)
    not_held = [p for fw in result.scorecard.values() for p, s in fw["principles"].items() if s == "not held"]
    assert not_held == []


def test_verdict_table_is_up_to_date():
    text = render_verdicts(CASES_FILE)
    assert (ROOT / "docs" / "verdicts.md").read_text(encoding="utf-8") == text, \
        "docs/verdicts.md is stale: run `make docs`"
    assert text.count("\n## ") == len(CASES)


def test_every_status_a_verdict_may_ask_for_is_a_checker_status():
    assert {s for allowed in ALLOWED.values() for s in allowed} == {"held", "not held", "not assessed"}


@pytest.mark.parametrize("body, message", [
    ('version = 2\n', "`version = 1` is required"),
    ('version = 1\n', "no `[[case]]`"),
    ('version = 1\n[[case]]\nexample = "nope.reform"\n', "no example `nope.reform`"),
    ('version = 1\n[[case]]\nexample = "npdl.reform"\ntitle = "t"\nfacts = "f"\nconcluded = "c"\n'
     'source = "s"\n[[case.verdict]]\nprinciple = "lftm.nope"\nstatus = "held"\nbasis = "facts"\nbecause = "b"\n',
     "no principle `lftm.nope`"),
    ('version = 1\n[[case]]\nexample = "npdl.reform"\ntitle = "t"\nfacts = "f"\nconcluded = "c"\n'
     'source = "s"\n[[case.verdict]]\nprinciple = "lftm.diffusion"\nstatus = "maybe"\nbasis = "facts"\n'
     'because = "b"\n', "`status` must be one of"),
    ('version = 1\n[[case]]\nexample = "npdl.reform"\nverdit = []\n', "unknown key `verdit`"),
    ('version = 1\n[[case\n', "not valid TOML"),
])
def test_a_broken_cases_file_is_reported_with_where_and_what(tmp_path, body, message):
    (tmp_path / "npdl.reform").write_text((ROOT / "examples" / "npdl.reform").read_text(encoding="utf-8"))
    path = tmp_path / "cases.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(UserError) as e:
        load_cases(path)
    assert message in e.value.message
