"""The checker names its sources honestly: by the titles the design contract gives them.

Two sources stand behind the frameworks (frameworks.md): "Leadership from the
Middle" (Fullan, Education Canada, 2015) for the big ideas, leadership from the
middle, the eight ingredients of networks and the Joint Initiative; "Making
Progress Possible" (Thiers with Fullan, Educational Leadership, 2017) for
diffusion, collaborative professionalism and the coherence framework's four
actions. Every principle in the standard library, every rule's "why" and
`reformlang explain` name the right one.
"""

from __future__ import annotations

import inspect

import pytest

from reformlang.checks import all_rules, rules_for_principle
from reformlang.checks.catalog import stdlib_framework
from reformlang.cli.main import main

LFTM = "Leadership from the Middle"
MPP = "Making Progress Possible"
FRAMEWORKS = ("big_ideas", "lftm", "networks", "joint_initiative", "coherence", "collaborative_professionalism")


def expected_source(principle_id: str) -> str:
    framework = principle_id.split(".", 1)[0]
    if principle_id == "lftm.diffusion" or framework in ("coherence", "collaborative_professionalism"):
        return MPP
    return LFTM


def _principles():
    return [(fw_id, p) for fw_id in FRAMEWORKS for p in stdlib_framework(fw_id).principles]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_each_rule_names_the_source_of_its_principle(rule):
    title = expected_source(rule.principle)
    assert f'"{title}"' in rule.docs.why, f"{rule.code}: `why` must name {title!r} ({rule.principle})"


@pytest.mark.parametrize("fw_id, principle", _principles(), ids=lambda x: getattr(x, "id", x))
def test_each_principle_in_the_standard_library_names_its_source(fw_id, principle):
    assert f'"{expected_source(principle.id)}"' in (principle.source or ""), principle.id


@pytest.mark.parametrize("fw_id", FRAMEWORKS)
def test_each_framework_names_its_source(fw_id):
    # A framework's source is that of its principles (lftm's diffusion aside: its own principle says so).
    assert f'"{expected_source(fw_id + ".")}"' in stdlib_framework(fw_id).source


@pytest.mark.parametrize("principle", sorted({p.id for _, p in _principles()}))
def test_explain_names_the_source(capsys, principle):
    assert main(["explain", principle]) == 0
    out = capsys.readouterr().out
    source_line = next(line for line in out.splitlines() if line.startswith("source: "))
    assert expected_source(principle) in source_line
    if principle.startswith("lftm.") and principle != "lftm.diffusion":
        assert MPP not in out


def test_explain_diffusion_and_collaborative_professionalism_name_making_progress_possible(capsys):
    for principle in ["lftm.diffusion", *(p.id for p in stdlib_framework("collaborative_professionalism").principles)]:
        assert main(["explain", principle]) == 0
        assert f'"{MPP}"' in capsys.readouterr().out, principle


def test_the_explanations_are_labelled_as_the_projects_own(capsys):
    assert main(["explain", "networks.size"]) == 0
    assert "In reformlang's words:" in capsys.readouterr().out


# Claims once made in the research's name that the sources do not make.
UNSOURCED = ("plateau", "improved every school", "improved all their schools", "members never meet as people",
             "work best",
             "Hargreaves and O'Connor")


def test_no_rule_or_principle_repeats_a_claim_the_sources_do_not_make():
    texts = [r.docs.why for r in all_rules()]
    for fw_id in FRAMEWORKS:
        fw = stdlib_framework(fw_id)
        texts += [fw.source or "", fw.about or ""]
        texts += [f"{p.about} {p.holds_when} {p.source}" for p in fw.principles]
    found = [(claim, t) for t in texts for claim in UNSOURCED if claim.lower() in t.lower()]
    assert found == []


def test_network_size_is_labelled_as_a_policy_parameter():
    (rule,) = rules_for_principle("networks.size")
    assert "not one of" in rule.docs.why and "reformlang" in rule.docs.why
    size = stdlib_framework("networks").principle("size")
    assert "not one of the eight ingredients" in size.source


def _thresholds_read_by(rule) -> list:
    from reformlang.semantics.schema import THRESHOLDS

    code = inspect.getsource(inspect.getmodule(type(rule)))
    return [t for name, t in THRESHOLDS.items() if f'"{name}"' in code or f"'{name}'" in code]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_a_rule_s_thresholds_are_labelled_in_its_docs(rule):
    for t in _thresholds_read_by(rule):
        assert f"`{t.name}`" in rule.docs.why, f"{rule.code} reads `{t.name}`: name it in its docs"
        assert "configurable" in rule.docs.why, f"{rule.code} reads `{t.name}`: say that it is configurable"
        if t.source is None:
            assert "reformlang's own" in rule.docs.why, f"{rule.code}: `{t.name}` is the project's own figure"


def test_a_threshold_with_a_source_names_it_by_title():
    from reformlang.semantics.schema import THRESHOLDS

    for t in THRESHOLDS.values():
        assert t.source is None or f'"{LFTM}"' in t.source or f'"{MPP}"' in t.source, t.name


def test_explain_shows_a_rule_s_thresholds_and_whose_they_are(capsys):
    assert main(["explain", "NW009"]) == 0
    out = capsys.readouterr().out
    assert "Thresholds:" in out and "network_size_max = 20" in out and '"Leadership from the Middle"' in out
    assert main(["explain", "LM002"]) == 0
    out = capsys.readouterr().out
    assert "middle_work_share = 0.25" in out and "reformlang's own default" in out


FOUR_PRIORITIES = """\
use big_ideas
use networks
use coherence

initiative x "X" {
  level schools "Schools" { tier: bottom }
  priority a "A" { outcome: literacy }
  priority b "B" { outcome: numeracy }
  priority c "C" { outcome: graduation }
  priority d "D" { outcome: wellbeing }
  network n "N" { members: schools  meets: termly }
}
"""


@pytest.mark.parametrize("threshold, value, principle", [
    ("few_priorities", 4, "big_ideas.few_priorities"),
    ("network_meetings_per_year", 4, "networks.learning_inwards"),
])
def test_the_project_s_own_figures_are_configurable(threshold, value, principle):
    # "A small number of key priorities" and "frequent" interaction: the research gives no figure.
    from reformlang.checks import run_checks
    from reformlang.checks.scorecard import statuses
    from reformlang.driver import compile_source
    from reformlang.semantics.schema import THRESHOLDS
    from reformlang.source import SourceFile

    assert THRESHOLDS[threshold].source is None
    spec = compile_source(SourceFile("x.reform", FOUR_PRIORITIES)).spec
    default = run_checks(spec).findings
    assert statuses([principle], default)[principle] == "not held"
    relaxed = run_checks(spec, thresholds={threshold: value}).findings
    assert statuses([principle], relaxed)[principle] == "held"
