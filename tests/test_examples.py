"""The examples: real reforms as specs. Each checks clean and opens with its story;
tests/test_verdicts.py holds the checker's verdicts on them to the research's conclusions."""

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


# What the checker must say about each example is in examples/cases.toml (tests/test_verdicts.py).


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
