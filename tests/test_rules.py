"""Every rule, tested from data: tests/rules/<CODE>/{pass,fail}.reform and expected.txt.

fail.reform must produce exactly the findings in expected.txt (`line:col CODE
principle message`, one per line); pass.reform must produce none of that rule.
Both must compile with no errors. Regenerate expected.txt after a deliberate
change with `pytest --update-golden` and review the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FRAMEWORKS_MD

from reformlang.checks import all_rules, rule_for, run_checks
from reformlang.checks.catalog import stdlib_framework
from reformlang.diagnostics import Severity, Sink
from reformlang.driver import compile_path
from reformlang.source import SourceFile
from reformlang.syntax.parser import parse

FIXTURES = Path(__file__).resolve().parent / "rules"
FRAMEWORKS = ("big_ideas", "lftm", "networks", "joint_initiative", "coherence", "collaborative_professionalism")
DESIGN = FRAMEWORKS_MD  # the copy of the design contract in tests/design/
RULES = all_rules()
CODES = [r.code for r in RULES]


def findings_of(rule, path: Path) -> list[str]:
    comp = compile_path(path, path.name)
    errors = [f"{d.span.line if d.span else 0}: {d.message}" for d in comp.diagnostics if d.severity is Severity.ERROR]
    assert not errors, f"{path} does not compile: {errors}"
    result = run_checks(comp.spec, frameworks=[rule.framework], rules=[rule])
    return [f"{d.span.line}:{d.span.column} {d.code} {d.principle} {d.message}" for d in result.findings]


@pytest.mark.parametrize("code", CODES)
def test_rule_fixtures(code, request):
    rule = rule_for(code)
    folder = FIXTURES / code
    assert (folder / "fail.reform").is_file() and (folder / "pass.reform").is_file(), \
        f"{code} needs tests/rules/{code}/fail.reform and pass.reform"
    assert findings_of(rule, folder / "pass.reform") == [], f"{code} flags its passing fixture"
    actual = findings_of(rule, folder / "fail.reform")
    assert actual, f"{code} finds nothing in its failing fixture"
    expected_path = folder / "expected.txt"
    text = "\n".join(actual) + "\n"
    if request.config.getoption("--update-golden"):
        expected_path.write_text(text, encoding="utf-8")
    assert expected_path.is_file(), f"{expected_path} is missing; run `pytest --update-golden` and review it"
    assert text == expected_path.read_text(encoding="utf-8")


def test_every_fixture_folder_belongs_to_a_rule():
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == sorted(CODES)


def _stdlib_principles() -> set[str]:
    return {p.id for fw in FRAMEWORKS for p in stdlib_framework(fw).principles}


def test_every_principle_has_a_rule():
    covered = {r.principle for r in RULES}
    assert _stdlib_principles() - covered == set()
    ids = set(re.findall(r"`((?:%s)\.[a-z_]+)`" % "|".join(FRAMEWORKS), DESIGN.read_text(encoding="utf-8")))
    assert len(ids) == 38 and ids - covered == set()


# Sources as frameworks.md names them; each rule's "why" cites at least one.
SOURCES = ("Fullan", "Hargreaves and Braun", "Rincón-Gallardo", "Joint Initiative", "Quinn",
           "New Pedagogies for Deep Learning", "Investing in Educational Success")


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
    assert any(s in rule.docs.why for s in SOURCES), f"{code}: `why` must cite its source by name"
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
