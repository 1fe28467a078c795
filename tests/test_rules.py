"""Every rule, tested from data: tests/rules/<CODE>/ holds one spec per status of its principle.

- pass.reform: the rule finds nothing, and its principle is held;
- fail.reform: what the spec states goes against the principle: the rule's
  findings are exactly expected.txt (`line:col CODE principle message`, one
  per line), and the principle is not held;
- not_assessed.reform: the spec leaves out a fact the rule rests on: the
  findings are exactly not_assessed.txt, each an info finding that says what
  to state, and the principle is not assessed.

A rule that can never give one of the two (one that only compares stated
facts, or one whose facts are either stated or left out) says why in
never_not_assessed.txt or never_not_held.txt instead of that fixture.

Every spec must compile with no errors. Regenerate the expected files after a
deliberate change with `pytest --update-golden` and review the diff.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from conftest import FRAMEWORKS_MD

from reformlang.checks import all_rules, rule_for, run_checks
from reformlang.checks.catalog import stdlib_framework
from reformlang.checks.scorecard import statuses
from reformlang.diagnostics import Severity, Sink
from reformlang.driver import compile_path
from reformlang.source import SourceFile
from reformlang.syntax.parser import parse

FIXTURES = Path(__file__).resolve().parent / "rules"
FRAMEWORKS = ("big_ideas", "lftm", "networks", "joint_initiative", "coherence", "collaborative_professionalism")
DESIGN = FRAMEWORKS_MD  # the copy of the design contract in tests/design/
RULES = all_rules()
CODES = [r.code for r in RULES]


def check_fixture(rule, path: Path) -> tuple[list, str]:
    """The rule's findings on one fixture, and the status of its principle."""
    comp = compile_path(path, path.name)
    errors = [f"{d.span.line if d.span else 0}: {d.message}" for d in comp.diagnostics if d.severity is Severity.ERROR]
    assert not errors, f"{path} does not compile: {errors}"
    result = run_checks(comp.spec, frameworks=[rule.framework], rules=[rule])
    status = statuses([rule.principle], result.findings)[rule.principle]
    return result.findings, status


def lines_of(findings) -> str:
    return "".join(f"{d.span.line}:{d.span.column} {d.code} {d.principle} {d.message}\n" for d in findings)


def _matches_golden(request, path: Path, text: str) -> None:
    if request.config.getoption("--update-golden"):
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} is missing; run `pytest --update-golden` and review it"
    assert text == path.read_text(encoding="utf-8"), f"{path} differs; if deliberate, run `pytest --update-golden`"


@pytest.mark.parametrize("code", CODES)
def test_rule_holds_on_its_passing_fixture(code):
    rule = rule_for(code)
    findings, status = check_fixture(rule, FIXTURES / code / "pass.reform")
    assert lines_of(findings) == "", f"{code} flags its passing fixture"
    assert status == "held"


def _never(rule, folder: Path, status: str) -> bool:
    """Does the rule say why it can never give `status` (and is that true of its code)?"""
    name, fixture = {"not held": ("never_not_held.txt", "fail.reform"),
                     "not assessed": ("never_not_assessed.txt", "not_assessed.reform")}[status]
    never = folder / name
    if not never.is_file():
        return False
    assert not (folder / fixture).exists(), f"{rule.code}: {fixture} or {name}, not both"
    assert len(never.read_text(encoding="utf-8").split()) >= 20, f"{never} must say why"
    reports = "self.finding(" if status == "not held" else "self.not_assessed("
    assert reports not in inspect.getsource(type(rule)), \
        f"{rule.code} can report its principle {status}: give it {fixture} instead of {name}"
    return True


@pytest.mark.parametrize("code", CODES)
def test_rule_flags_its_failing_fixture(code, request):
    rule = rule_for(code)
    folder = FIXTURES / code
    if _never(rule, folder, "not held"):
        return
    findings, status = check_fixture(rule, folder / "fail.reform")
    assert findings, f"{code} finds nothing in its failing fixture"
    assert status == "not held", f"{code}: its failing fixture should state what goes against the principle"
    _matches_golden(request, folder / "expected.txt", lines_of(findings))


@pytest.mark.parametrize("code", CODES)
def test_rule_does_not_assess_what_its_fixture_leaves_out(code, request):
    rule = rule_for(code)
    folder = FIXTURES / code
    if _never(rule, folder, "not assessed"):
        return
    findings, status = check_fixture(rule, folder / "not_assessed.reform")
    assert findings, f"{code} says nothing about what its not_assessed fixture leaves out"
    assert all(d.unstated and d.severity is Severity.INFO for d in findings), \
        f"{code}: a fact left out is an info finding (Rule.not_assessed), not a warning"
    assert status == "not assessed"
    _matches_golden(request, folder / "not_assessed.txt", lines_of(findings))


@pytest.mark.parametrize("code", CODES)
def test_every_rule_can_be_held_and_covers_at_least_one_other_status(code):
    files = {p.name for p in (FIXTURES / code).iterdir()}
    assert "pass.reform" in files
    assert {"fail.reform", "not_assessed.reform"} & files, f"{code} has neither a not held nor a not assessed case"


def test_every_fixture_folder_belongs_to_a_rule():
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == sorted(CODES)


def _stdlib_principles() -> set[str]:
    return {p.id for fw in FRAMEWORKS for p in stdlib_framework(fw).principles}


def test_every_principle_has_a_rule():
    covered = {r.principle for r in RULES}
    assert _stdlib_principles() - covered == set()
    ids = set(re.findall(r"`((?:%s)\.[a-z_]+)`" % "|".join(FRAMEWORKS), DESIGN.read_text(encoding="utf-8")))
    assert len(ids) == 43 and ids - covered == set()


@pytest.mark.parametrize("code", CODES)
def test_rule_metadata_and_docs_are_complete(code):
    rule = rule_for(code)
    assert re.fullmatch(r"(BI|LM|NW|JI|CO|CP)\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.name), "names are kebab-case and say what they flag"
    assert rule.principle in _stdlib_principles()
    assert rule.summary.strip() and "\n" not in rule.summary
    assert isinstance(rule.severity, Severity)
    module = type(rule).__module__.rsplit(".", 1)[-1]
    assert module == f"{rule.code.lower()}_{rule.name.replace('-', '_')}", "one module per rule, named by code and name"
    assert type(rule).__module__.split(".")[-2] == rule.framework
    assert rule.docs.missing() == [], f"{code} docs lack {rule.docs.missing()}"
    # that `why` names its source by title is tests/test_sources.py
    assert rule.docs.weak.strip() != rule.docs.strong.strip()


@pytest.mark.parametrize("code", CODES)
def test_rule_examples_are_valid_syntax(code):
    rule = rule_for(code)
    for snippet in (rule.docs.weak, rule.docs.strong):
        text = snippet if snippet.lstrip().startswith(("initiative", "use")) else \
            "initiative example {\n" + snippet + "\n}\n"
        sink = Sink()
        parse(SourceFile(f"{code}.reform", text), sink)
        assert not sink.items, [d.message for d in sink.items]


def test_severities_follow_the_house_rule():
    # warnings for design weaknesses, info for soft advice, never errors
    assert {r.severity for r in RULES} <= {Severity.WARNING, Severity.INFO}
    assert rule_for("bi014").severity is Severity.INFO


def _blanked(node):
    """Every copy of a model node with one field (anywhere below it) left unset."""
    import attrs

    for field in attrs.fields(type(node)):
        if field.name in ("id", "span", "header", "spans") or field.default is attrs.NOTHING:
            continue
        value = getattr(node, field.name)
        if value in (None, ()):
            continue
        yield attrs.evolve(node, **{field.name: None if field.default is None else ()})
        if attrs.has(type(value)):
            for inner in _blanked(value):
                yield attrs.evolve(node, **{field.name: inner})
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    for inner in _blanked(item):
                        yield attrs.evolve(node, **{field.name: value[:i] + (inner,) + value[i + 1:]})


def test_rules_survive_any_missing_fact(contract_path):
    """A spec with errors still reaches the checker with parts unset; no rule may crash on it."""
    import attrs

    spec = compile_path(contract_path).spec
    count = 0
    for initiative in _blanked(spec.initiatives[0]):
        run_checks(attrs.evolve(spec, initiatives=(initiative,)), frameworks=FRAMEWORKS)
        count += 1
    assert count > 50  # the contract has that many facts to take away


def test_rules_survive_every_spec_in_the_repository():
    root = FIXTURES.parent.parent
    for path in sorted([*root.glob("tests/**/*.reform"), *root.glob("examples/*.reform")]):
        comp = compile_path(path)
        if comp.spec is not None:
            run_checks(comp.spec, frameworks=FRAMEWORKS)
