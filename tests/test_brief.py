"""`reformlang brief`: one printable page for the people who decide."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, needs
from reformlang.backends.brief import render_brief, top_risks
from reformlang.cli.main import main
from reformlang.driver import compile_path
from reformlang.stages import review, simulated

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.reform"))


def _brief(path: Path, fmt: str, paper: str = "a4", samples: int = 0):
    spec = compile_path(path).spec
    return render_brief(spec, fmt, review(spec), simulated(spec, runs=4, seed=0, samples=samples), paper=paper)


@needs("chromium")
@pytest.mark.parametrize("paper, size, lang", [("a4", (595, 842), "en"), ("letter", (612, 792), "en"),
                                               ("letter", (612, 792), "fr")])  # French is longer, Letter shorter
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_brief_prints_to_one_page(path, paper, size, lang):
    from pypdf import PdfReader

    from reformlang import i18n

    # With the longest caveat a brief has: a sensitivity test whose headline does not hold everywhere.
    with i18n.language(lang):
        pdf = _brief(path, "pdf", paper, samples=2)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1, f"{path.name}: {len(pages)} pages on {paper}"
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert (round(width), round(height)) == size  # A4 or Letter, in points
    if lang == "fr":
        return
    text = pages[0].extract_text().lower()
    assert "scorecard" in text and "three most important risks" in text and "not a forecast" in text


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_brief_says_it_in_words(path):
    md = _brief(path, "md")
    for heading in ("**Vision.**", "**Priorities and targets.**", "**Who leads what.**", "**Where the money goes.**",
                    "**Scorecard.**", "**The three most important risks.**", "**What the simulation suggests.**",
                    "*Caveat:*"):
        assert heading in md, heading
    assert not re.findall(r"`[^`\n]+`", md) and not re.findall(r"\b[A-Z]{2}\d{3}\b", md)
    assert "not held" in md and "not assessed" in md  # the scorecard's three states
    html = _brief(path, "html")
    assert '<html lang="en">' in html and "<script" not in html
    assert re.search(r"about <strong>\d+%</strong> of schools", html)


def test_top_risks_put_what_is_not_held_first_one_per_principle():
    risks = [
        {"principle_id": "a.x", "code": "A1", "severity": "info", "not_assessed": True, "advice": "x"},
        {"principle_id": "a.y", "code": "A2", "severity": "warning", "not_assessed": False, "advice": "y"},
        {"principle_id": "a.y", "code": "A3", "severity": "warning", "not_assessed": False, "advice": "y2"},
        {"principle_id": "a.z", "code": "A4", "severity": "error", "not_assessed": False, "advice": "z"},
        {"principle_id": "a.w", "code": "A5", "severity": "warning", "not_assessed": False, "advice": "w"},
    ]
    assert [r["code"] for r in top_risks(risks)] == ["A4", "A2", "A5"]


def test_brief_command_writes_and_is_reproducible(tmp_path, capsys):
    spec = str(EXAMPLES / "ontario_2003.reform")
    out = tmp_path / "brief.md"
    assert main(["brief", spec, "--format", "md", "-o", str(out), "--runs", "3"]) == 0
    first = out.read_bytes()
    assert main(["brief", spec, "--format", "md", "-o", str(out), "--runs", "3"]) == 0
    assert out.read_bytes() == first
    assert main(["brief", spec, "--format", "pdf"]) == 2
    assert "name a file with -o" in capsys.readouterr().err


def test_brief_without_the_simulate_extra_says_what_to_install(monkeypatch, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "numpy" else real(name, *a))
    assert main(["brief", str(EXAMPLES / "ontario_2003.reform")]) == 2
    err = capsys.readouterr().err
    assert "numpy" in err and "reformlang[simulate]" in err


@needs("dot")
def test_build_makes_the_brief_only_when_asked(tmp_path, capsys):
    spec = str(EXAMPLES / "ontario_2003.reform")
    assert main(["build", spec, "-o", str(tmp_path / "plain"), "--runs", "2", "-j", "1"]) == 0
    assert not (tmp_path / "plain" / "ontario_2003" / "brief.html").exists()
    assert main(["build", spec, "-o", str(tmp_path / "with"), "--runs", "2", "-j", "1", "--brief"]) == 0
    folder = tmp_path / "with" / "ontario_2003"
    assert (folder / "brief.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "**Scorecard.**" in (folder / "brief.md").read_text(encoding="utf-8")
    assert 'href="ontario_2003/brief.html"' in (tmp_path / "with" / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def simulations(monkeypatch):
    """How many times the model ran a design (a sensitivity run counts each of its variations' tasks)."""
    import reformlang.simulation.model as model_module

    calls = {"simulate": 0}
    real = model_module.simulate

    def simulate(config, *args, **kwargs):
        calls["simulate"] += 1
        return real(config, *args, **kwargs)

    monkeypatch.setattr(model_module, "simulate", simulate)
    return calls


@needs("dot")
def test_build_brief_simulates_once_and_is_the_brief_command_s(tmp_path, capsys, simulations):
    """`build --brief` shows the simulation the build ran: the model runs once per initiative, and the
    brief is byte for byte the one `reformlang brief` writes from the same runs (with no sensitivity test)."""
    spec = str(EXAMPLES / "ontario_2003.reform")
    assert main(["build", spec, "-o", str(tmp_path / "out"), "--runs", "3", "-j", "1", "--brief"]) == 0
    assert simulations["simulate"] == 1
    folder = tmp_path / "out" / "ontario_2003"
    for fmt in ("md", "html"):
        alone = tmp_path / f"brief.{fmt}"
        assert main(["brief", spec, "--format", fmt, "--runs", "3", "--samples", "0", "-o", str(alone)]) == 0
        assert (folder / f"brief.{fmt}").read_bytes() == alone.read_bytes()
    assert "was not tested" in (folder / "brief.md").read_text(encoding="utf-8")


@needs("dot")
def test_build_sensitivity_brief_says_what_the_build_s_sensitivity_found(tmp_path):
    """With --sensitivity the brief's caveat is the build's own test: every parameter one at a time, and
    the same verdict as the plan's headline."""
    spec = str(EXAMPLES / "new_zealand_2014.reform")
    assert main(["build", spec, "-o", str(tmp_path / "out"), "--runs", "2", "-j", "1", "--brief",
                 "--sensitivity"]) == 0
    folder = tmp_path / "out" / "new_zealand_2014"
    brief = (folder / "brief.md").read_text(encoding="utf-8")
    plan = (folder / "plan.md").read_text(encoding="utf-8")
    m = re.search(r"Each of the model's (\d+) parameters was set to 0\.5 and 1\.5 times its value, one at a "
                  r"time \((\d+) variations\)", brief)
    assert m and int(m.group(2)) == 2 * int(m.group(1))
    headline = re.search(r"^- mean performance (\w+) from (\d+) to (\d+) \([^)]*\); this (.*)$", plan, re.M)
    assert headline, plan
    direction, first, last, holds = headline.groups()
    if holds.startswith("holds"):
        assert f"mean performance {direction} from {first} to {last} in every variation" in brief
    else:
        against = re.match(r"does not hold in (\d+) of", holds).group(1)
        assert f"mean performance {direction} from {first} to {last}, but not in {against} of the" in brief


def test_the_brief_tests_its_headline_with_samples_by_default(capsys):
    from reformlang.simulation import SAMPLES

    spec = str(EXAMPLES / "new_zealand_2014.reform")
    assert main(["brief", spec, "--format", "md", "--runs", "2"]) == 0
    text = capsys.readouterr().out
    assert (f"The model's 33 parameters were varied all at once, each between 0.5 and 1.5 times its value, in "
            f"{SAMPLES} samples: mean performance") in text
    assert "the gap" in text.split("*Caveat:*")[1]
    assert main(["brief", spec, "--format", "md", "--runs", "2", "--samples", "0"]) == 0
    assert "How far these figures depend on the model's assumptions was not tested." in capsys.readouterr().out
    assert main(["brief", spec, "--samples", "-1"]) == 2


def test_a_sample_only_sensitivity_runs_the_base_and_the_samples():
    from reformlang.simulation import sensitivity
    from reformlang.simulation.simconfig import build_config, complete

    spec = compile_path(EXAMPLES / "new_zealand_2014.reform").spec
    config = complete(build_config(spec.initiatives[0], spec.library))
    result = sensitivity.run(config, runs=2, lhs=3, each=False)
    assert len(result.outcomes) == 4 and result.one_at_a_time() == [] and len(result.samples()) == 3
    verdict = sensitivity.verdict(result)
    assert verdict["method"] == "samples" and verdict["variations"] == 3
    assert [m["measure"] for m in verdict["measures"]] == ["mean_performance", "gap"]
    assert all(name.startswith("lhs ") for m in verdict["measures"] for name in m["against"])
