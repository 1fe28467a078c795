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


def _brief(path: Path, fmt: str):
    spec = compile_path(path).spec
    return render_brief(spec, fmt, review(spec), simulated(spec, runs=4, seed=0))


@needs("chromium")
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_brief_prints_to_one_page(path):
    from pypdf import PdfReader

    pdf = _brief(path, "pdf")
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1, f"{path.name}: {len(pages)} pages"
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
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
