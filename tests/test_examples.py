"""The examples: real reforms as specs. Each checks clean, opens with its story,
and the checker's verdict on it agrees with what the research concluded."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reformlang.cli.main import main
from reformlang.semantics.schema import BLOCKS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LANGUAGE_DOC = ROOT / "docs" / "language.md"

# One spec per case of the design brief (cases.md), plus the diffusion pair.
CASES = [
    "england_1998", "ontario_2003", "ontario_special_education", "new_zealand_1989", "new_zealand_2014",
    "new_zealand_joint_initiative_2015", "npdl", "districts_together", "diffusion", "pilot_then_scale",
]


def _examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.reform"))


def test_every_case_has_an_example():
    assert sorted(p.stem for p in _examples()) == sorted(CASES)


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.stem)
def test_example_checks_with_no_errors(path, capsys):
    assert main(["check", str(path)]) == 0, capsys.readouterr().out
    assert "error[" not in capsys.readouterr().out


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.stem)
def test_example_opens_with_a_comment_on_the_case(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    opening = []
    for line in lines:
        if not line.startswith("#"):
            break
        opening.append(line)
    assert len(opening) >= 5, f"{path.name} should open with a comment block on what the case was"
    text = " ".join(opening)
    assert "research concluded" in text and "this spec shows" in text.lower()


def _flagged(path: Path, capsys) -> set[str]:
    """The principles the checker finds not held in a spec."""
    main(["check", "--format", "json", str(path)])
    findings = json.loads(capsys.readouterr().out)["findings"]
    return {f["principle"] for f in findings if f["principle"]}


# What the research concluded, as principles the checker must flag (or must not).
VERDICTS = {
    # A top-down strategy with precision: the big ideas hold, the middle only passes direction on.
    "england_1998": ({"lftm.middle_leads", "lftm.buy_in"},
                     {"big_ideas.precision", "big_ideas.few_priorities", "big_ideas.all_means_all"}),
    # Basic measures met through the big ideas, but led from the top and not aimed at deep learning.
    "ontario_2003": ({"lftm.middle_leads", "coherence.deepening_learning"},
                     {"big_ideas.precision", "big_ideas.few_priorities", "big_ideas.collective_capacity",
                      "big_ideas.intelligent_accountability", "big_ideas.all_means_all"}),
    # The first identified case of leadership from the middle.
    "ontario_special_education": (set(), {"lftm.middle_exists", "lftm.middle_leads", "lftm.partner_upward",
                                          "lftm.partner_downward", "lftm.lateral_learning",
                                          "lftm.resourced_middle", "lftm.buy_in", "lftm.diffusion"}),
    # Isolated autonomy: no middle, no shared measures.
    "new_zealand_1989": ({"lftm.middle_exists", "big_ideas.precision"}, set()),
    # Imposed on the system.
    "new_zealand_2014": ({"lftm.buy_in", "lftm.middle_leads"}, set()),
    # Reworked with the federations: a leadership-from-the-middle solution with the five principles.
    "new_zealand_joint_initiative_2015": (set(), {"lftm.buy_in", "lftm.middle_leads", "lftm.diffusion",
                                                  "joint_initiative.child_centred_pathway",
                                                  "joint_initiative.engaged_parents",
                                                  "joint_initiative.teacher_collaboration",
                                                  "joint_initiative.measurable_gain",
                                                  "joint_initiative.career_pathways"}),
    # Leadership from the middle aimed at innovation.
    "npdl": (set(), {"lftm.middle_leads", "lftm.lateral_learning", "lftm.vision_letting_go_reining_in",
                     "coherence.deepening_learning"}),
    # Leadership from the middle in use.
    "districts_together": (set(), {"lftm.middle_exists", "lftm.middle_leads", "lftm.lateral_learning"}),
    # Diffusion spreads further and faster than scaling pilots.
    "diffusion": (set(), {"lftm.diffusion", "big_ideas.all_means_all"}),
    "pilot_then_scale": ({"lftm.diffusion"}, set()),
}


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_checker_verdict_agrees_with_the_research(name, capsys):
    must, must_not = VERDICTS[name]
    flagged = _flagged(EXAMPLES / f"{name}.reform", capsys)
    assert must <= flagged, f"{name}: expected findings on {sorted(must - flagged)}"
    assert not (must_not & flagged), f"{name}: unexpected findings on {sorted(must_not & flagged)}"


def test_the_diffusion_pair_differs_only_in_how_the_reform_spreads():
    def body(name: str) -> list[str]:
        text = (EXAMPLES / f"{name}.reform").read_text(encoding="utf-8")
        start = text.index("  level ministry")
        return text[start:text.index("  rollout {")].splitlines()

    diffusion, pilot = body("diffusion"), body("pilot_then_scale")
    differ = [(a.strip(), b.strip()) for a, b in zip(diffusion, pilot, strict=True) if a != b]
    assert differ == [("joining: open", "joining: invited")]


def test_language_reference_covers_every_block_and_attribute():
    doc = LANGUAGE_DOC.read_text(encoding="utf-8")
    missing = [f"block `{kw}`" for kw in BLOCKS if f"### {kw}" not in doc and f"`{kw}`" not in doc]
    for kw, spec in BLOCKS.items():
        missing += [f"`{kw}.{a}`" for a in spec.attributes if f"`{a}`" not in doc]
    assert not missing, f"docs/language.md does not describe {missing}"


def test_language_reference_first_spec_checks_clean(tmp_path, capsys):
    doc = LANGUAGE_DOC.read_text(encoding="utf-8")
    first = re.search(r"```reform\n(.*?)```", doc, re.S).group(1)
    spec = tmp_path / "first.reform"
    spec.write_text(first, encoding="utf-8")
    assert main(["check", str(spec)]) == 0, capsys.readouterr().out
