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
ALL_FRAMEWORKS = ("big_ideas", "lftm", "networks", "joint_initiative", "coherence", "collaborative_professionalism")


def _result(case):
    return evaluate(case, CASES_FILE.parent)


def _cases_md_rows() -> list[tuple[str, str, str]]:
    """(case, facts, what the research concluded) for each row of the design brief's table of cases."""
    rows = []
    for line in (ROOT / "tests" / "design" / "cases.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("case", "---"):
            rows.append(tuple(cells))
    return rows


def test_every_case_of_the_brief_is_in_the_cases_file_as_written():
    rows = _cases_md_rows()
    assert len(rows) == 8
    for name, facts, concluded in rows:
        mine = [c for c in CASES if c.title.startswith(name.split(" (")[0])]
        assert mine, f"no case in examples/cases.toml for {name!r}"
        assert any(c.facts.startswith(facts) and c.concluded == concluded for c in mine), \
            f"{name}: the facts and conclusion must be those of cases.md"


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


def _unstated(node):
    """Every copy of a model node with one optional attribute it states (anywhere below it) left unstated:
    the value unset and its span gone, as if the line were not written."""
    import attrs

    from reformlang.semantics.schema import BLOCKS

    required = {(b.model, a.field or name) for b in BLOCKS.values() for name, a in b.attributes.items() if a.required}
    fields = {f.name: f for f in attrs.fields(type(node))}
    for attr in sorted(getattr(node, "spans", None) or {}):
        name = attr if attr in fields else f"{attr}_"  # `with` is `with_` in the model
        f = fields.get(name)
        if f is None or f.default is attrs.NOTHING or (type(node), name) in required:
            continue
        default = f.default.factory() if isinstance(f.default, attrs.Factory) else f.default
        yield attrs.evolve(node, **{name: default, "spans": {k: v for k, v in node.spans.items() if k != attr}})
    for f in attrs.fields(type(node)):
        value = getattr(node, f.name)
        if f.name in ("spans", "span", "header"):
            continue
        if attrs.has(type(value)):
            for inner in _unstated(value):
                yield attrs.evolve(node, **{f.name: inner})
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    for inner in _unstated(item):
                        yield attrs.evolve(node, **{f.name: value[:i] + (inner,) + value[i + 1:]})


# The examples, the design contract and every rule's passing fixture (a design that states enough to hold).
UNSTATING = [CASES_FILE.parent / c.example for c in CASES] + [ROOT / "tests" / "design" / "contract.reform"] + \
    sorted((ROOT / "tests" / "rules").glob("*/pass.reform"))


@pytest.mark.parametrize("path", UNSTATING, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_leaving_any_one_fact_out_never_makes_a_principle_not_held(path):
    """The examples leave out what their sources do not give; leaving out one more fact must never turn a
    principle to "not held": a warning never rests on a fact the spec does not state."""
    import attrs

    from reformlang.checks import run_checks
    from reformlang.checks.scorecard import statuses
    from reformlang.driver import compile_path

    spec = compile_path(path).spec

    def status_of(initiative):
        result = run_checks(attrs.evolve(spec, initiatives=(initiative,)), frameworks=ALL_FRAMEWORKS)
        return statuses([p for ps in result.checked.values() for p in ps], result.findings)

    worse, variants = [], 0
    for initiative in spec.initiatives:
        before = status_of(initiative)
        for fewer in _unstated(initiative):
            variants += 1
            worse += [p for p, s in status_of(fewer).items() if s == "not held" and before.get(p) != "not held"]
    assert variants >= 1
    assert worse == []
