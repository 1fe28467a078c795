"""`reformlang plan`: the implementation plan as Markdown (golden) and as one self-contained HTML page."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import needs
from reformlang.stages import review
from reformlang.backends.findings import principle_title
from reformlang.backends.plan import render_plan
from reformlang.cli.main import main
from reformlang.driver import compile_path

HERE = Path(__file__).resolve().parent
ESCAPING = HERE / "golden" / "graph" / "escaping.reform"
needs_dot = needs("dot")

SECTIONS = ("Summary and vision", "Engagement", "Levels and roles", "Priorities and indicators", "Timeline",
            "Funding", "Networks", "Accountability", "Rollout", "Scorecard", "Risks and what to add")

WEAK = """use big_ideas
use lftm
use networks
initiative solo "Schools on their own" {
  period: 2026 .. 2030
  level ministry "Ministry" { tier: top  units: 1 }
  level schools "Schools" { tier: bottom  units: 2_500 }
  link ministry -> schools { direction }
  network clusters "School clusters" { members: schools  meets: yearly }
}
"""


def _spec(path: Path, display: str | None = None):
    comp = compile_path(path, display)
    assert comp.ok, [d.message for d in comp.diagnostics]
    return comp.spec


def _plan(spec, fmt: str) -> str:
    return render_plan(spec, fmt, review(spec))


def test_contract_plan_md_matches_golden(contract_path, golden):
    golden.check("plan/contract.md", _plan(_spec(contract_path, "contract.reform"), "md"))


def test_plan_md_has_every_section_and_the_figures_a_planner_needs(contract_path):
    text = _plan(_spec(contract_path), "md")
    for section in SECTIONS:
        assert section in text
    assert "+4.2 points a year" in text  # 54% in 2026 -> 75% by 2031
    assert "100% of 25,000,000 CAD reaches the middle" in text
    assert "| Ministry of Education (funding) |" in text  # who supports the districts' coaching strategy
    assert text.count("```mermaid") == 4
    assert "Schools: about 1,470 of 4,900" in text  # the launch phase's 30% coverage


def test_findings_become_risks_with_what_to_add(tmp_path):
    path = tmp_path / "weak.reform"
    path.write_text(WEAK, encoding="utf-8")
    spec = _spec(path)
    findings = review(spec).findings
    text = _plan(spec, "md")
    assert findings
    people, authors = text.split("## For authors: the changes to the spec")
    for d in findings:  # each risk in words for people, and as the checker says it for authors
        assert f"**{principle_title(spec.library, d.principle)}**" in people
        assert f"**{d.code}**" in authors
    assert authors.count("In the spec:") == sum(1 for d in findings if d.help)
    # The diagrams in the plan mark the same findings, by their principles.
    mermaid = "".join(re.findall(r"```mermaid\n(.*?)```", text, re.S))
    assert any(principle_title(spec.library, d.principle) in mermaid for d in findings) and "⚠" in mermaid
    # The network's missing ingredients are named against the eight.
    assert "✗ missing" in text and "Frequent interaction, learning inwards" in text


def test_markdown_escapes_titles(tmp_path):
    text = _plan(_spec(ESCAPING), "md")
    assert "<b>bold</b>" not in text and "<script>" not in text
    assert r"\<b\>bold\</b\>" in text
    # A pipe in a title must not split a table row.
    row = next(line for line in text.splitlines() if line.startswith("| Districts"))
    assert row.count("|") - row.count(r"\|") == 5


@needs_dot
def test_html_is_one_self_contained_escaped_file(contract_path):
    html = _plan(_spec(contract_path), "html")
    assert html.count("<svg") == 4
    assert "<script" not in html and "<link" not in html and "@import" not in html
    # No resource from outside the file: the only URLs are SVG's XML namespaces.
    urls = set(re.findall(r'(?:src|href)="([^"#][^"]*)"', html))
    assert urls == set(), urls
    assert "@media print" in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids collide between the inline diagrams"


@needs_dot
def test_html_escapes_every_title():
    html = _plan(_spec(ESCAPING), "html")
    assert "<b>bold</b>" not in html and "<script>alert" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags = set()

        def handle_starttag(self, tag, attrs):
            self.tags.add(tag)

    parser = Tags()
    parser.feed(html)
    # The page itself uses <strong>, never <b>: a <b> element could only come from a title.
    assert "script" not in parser.tags and "b" not in parser.tags


def test_same_spec_same_plan(contract_path):
    assert _plan(_spec(contract_path), "md") == _plan(_spec(contract_path), "md")


def test_command_writes_the_plan(contract_path, tmp_path):
    out = tmp_path / "plan.md"
    assert main(["plan", str(contract_path), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Implementation plan: Provincial Literacy Partnership")


def test_templates_folder_overrides_a_template_by_name(contract_path, tmp_path, capsys):
    (tmp_path / "plan.md.j2").write_text("Plan for {{ title }}: {{ initiatives | length }} initiative\n",
                                         encoding="utf-8")
    assert main(["plan", str(contract_path), "--templates", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "Plan for Provincial Literacy Partnership: 1 initiative\n"


def test_a_template_naming_something_unknown_fails_loudly(contract_path, tmp_path, capsys):
    (tmp_path / "plan.md.j2").write_text("{{ budjet }}\n", encoding="utf-8")
    assert main(["plan", str(contract_path), "--templates", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "budjet" in err and "undefined" in err


def test_a_broken_template_is_reported_with_its_line(contract_path, tmp_path, capsys):
    (tmp_path / "plan.md.j2").write_text("ok\n{% for x in %}\n", encoding="utf-8")
    assert main(["plan", str(contract_path), "--templates", str(tmp_path)]) == 2
    assert "plan.md.j2:2" in capsys.readouterr().err


def test_without_graphviz_html_says_how_to_install_it(contract_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", "")
    assert main(["plan", str(contract_path), "--format", "html"]) == 2
    assert "apt-get install graphviz" in capsys.readouterr().err
    assert main(["plan", str(contract_path), "--format", "md"]) == 0


def test_a_finding_waived_in_the_spec_is_not_a_risk_in_the_plan(tmp_path, capsys):
    path = tmp_path / "waived.reform"
    path.write_text(WEAK.replace(
        'initiative solo "Schools on their own" {',
        'initiative solo "Schools on their own" {  # reformlang: ignore[lftm.middle_exists] -- studied on purpose'),
        encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert "LM001" not in capsys.readouterr().out
    text = _plan(_spec(path), "md")
    assert "LM001" not in text and "There is a middle" not in text
    assert "LM001" in _plan(_spec(_write(tmp_path / "plain.reform", WEAK)), "md")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


EXAMPLE_FILES = sorted((HERE.parent / "examples").glob("*.reform"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_has_a_plan_in_both_formats(path):
    spec = _spec(path)
    checked = review(spec)
    text = render_plan(spec, "md", checked)
    for section in SECTIONS:
        assert section in text, section
    assert text.count("   In the spec: ") == sum(1 for d in checked.findings if d.help)
    if shutil.which("dot"):
        html = render_plan(spec, "html", checked)
        # Four diagrams per initiative; the network diagram only where there are networks.
        assert html.count("<svg") == sum(3 + bool(ini.networks) for ini in spec.initiatives)


SPEC_SYNTAX = re.compile(r"`[^`\n]+`")  # a code span: spec syntax, for authors only
RULE_CODE = re.compile(r"\b[A-Z]{2,3}\d{3}\b")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_plan_speaks_plainly_outside_the_authors_appendix(path):
    """People read words; spec syntax and rule codes are kept for the authors' appendix."""
    spec = _spec(path)
    checked = review(spec)
    md = render_plan(spec, "md", checked)
    people = re.sub(r"```mermaid\n.*?```", "", md.split("## For authors:")[0], flags=re.S)
    assert not SPEC_SYNTAX.findall(people)
    assert not RULE_CODE.findall(people)
    mermaid = "".join(re.findall(r"```mermaid\n(.*?)```", md, re.S))
    assert not RULE_CODE.findall(mermaid)  # diagram boxes name the principle, not the code
    html = render_plan(spec, "html", checked)
    head = html.split('id="authors"')[0]
    assert "<code>" not in head and not RULE_CODE.findall(head)
    assert '<html lang="en">' in html
    assert "Generated by reformlang " in md and "2026-01-01" in md  # version and SOURCE_DATE_EPOCH


def test_every_rule_has_plain_advice_without_spec_syntax():
    from reformlang.checks.registry import all_rules

    for rule in all_rules():
        assert rule.plain.strip(), rule.code
        assert "`" not in rule.plain and "_" not in rule.plain.replace("{subject}", ""), rule.code


def test_plain_advice_names_the_part_of_the_design(tmp_path):
    path = tmp_path / "weak.reform"
    path.write_text(WEAK, encoding="utf-8")
    spec = _spec(path)
    text = render_plan(spec, "md", review(spec))
    nets = [n for ini in spec.initiatives for n in ini.networks]
    assert nets and any(f"Give {n.title} a skilled facilitator" in text or n.title in text.split("## Risks")[1]
                        for n in nets)


def test_html_lang_is_a_parameter():
    spec = _spec(EXAMPLE_FILES[0])
    assert '<html lang="fr">' in render_plan(spec, "html", review(spec), lang="fr")


def test_date_comes_from_the_environment_or_git(monkeypatch, tmp_path):
    from reformlang.provenance import spec_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert spec_date("anything.reform") == "1970-01-01"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    lone = tmp_path / "lone.reform"
    lone.write_text("x")
    assert spec_date(str(lone)) is None  # neither is known: no date at all
def test_a_plan_shows_the_simulation_when_one_was_run(tmp_path):
    from reformlang.simulation import simulate_spec

    path = Path(__file__).parent / "simulation" / "ontario_special_education_reviewer.reform"
    spec = _spec(path)
    (written,) = simulate_spec(spec, tmp_path / "simulation", runs=2)
    said = {written.initiative: {"plot": "simulation/trajectories.svg", "headline": list(written.headline),
                                 "notes": list(written.notes), "runs": written.runs, "years": written.years}}
    md = render_plan(spec, "md", review(spec), simulation=said)
    section = md.split(". Simulation\n", 1)[1]
    assert "![Simulated coverage, performance, gap and commitment](simulation/trajectories.svg)" in section
    assert "gap narrows" in section and "not a forecast" in section
    assert "HYPOTHESIS" in section, "a middle-led design's sustained gains are labelled the research's hypothesis"
    assert "reformlang explain simulation" in section
    html = render_plan(spec, "html", review(spec), simulation=said)
    assert '<img src="simulation/trajectories.svg"' in html and 'href="#simulation"' in html
    assert ". Simulation\n" not in _plan(spec, "md"), "no simulation, no section"
