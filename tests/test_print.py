"""Printable diagrams: the HTML plan printed to PDF in headless Chromium, every page A4 (or Letter, with
--paper letter), every diagram on a page it fits with its text at 8 pt or more."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, needs
from reformlang.backends.plan import render_plan
from reformlang.driver import compile_path
from reformlang.stages import review

MM = 72 / 25.4
PAPERS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}  # portrait width and height, in points
# The plan's print margins (plan.html.j2): 12 mm on a portrait page, 9 mm on a landscape one.
CONTENT = {paper: {"portrait": (w - 24 * MM, h - 24 * MM), "landscape": (h - 18 * MM, w - 18 * MM)}
           for paper, (w, h) in PAPERS.items()}
SVG = re.compile(r'<svg role="img" class="(\w+)"[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"(.*?)</svg>', re.S)


def _plan(path: Path, paper: str = "a4") -> str:
    spec = compile_path(path).spec
    return render_plan(spec, "html", review(spec), paper=paper)


@needs("dot")
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.reform")), ids=lambda p: p.stem)
def test_every_diagram_fits_a_page_with_text_at_8pt_or_more(path, paper):
    html = _plan(path, paper)
    found = SVG.findall(html)
    assert found
    for cls, width, height, body in found:
        assert cls in ("portrait", "wide"), f"{path.name}: a diagram {width} pt wide fits no {paper} page"
        page = CONTENT[paper]["portrait" if cls == "portrait" else "landscape"]
        scale = min(1.0, page[0] / float(width))  # the print stylesheet fits a diagram to the page's width
        smallest = min(float(x) for x in re.findall(r'font-size="([\d.]+)"', body))
        assert smallest * scale >= 8, f"{path.name}: text printed at {smallest * scale:.1f} pt"


@needs("chromium")
@needs("dot")
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", ["ontario_2003", "diffusion", "districts_together"])
def test_the_plan_prints_on_its_paper_with_wide_diagrams_on_landscape_pages(name, paper):
    from pypdf import PdfReader

    from reformlang.backends.pdf import print_pdf

    html = _plan(EXAMPLES / f"{name}.reform", paper)
    pages = PdfReader(io.BytesIO(print_pdf(html, "the plan"))).pages
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages}
    w, h = (round(x) for x in PAPERS[paper])
    assert sizes <= {(w, h), (h, w)}, sizes
    if 'class="wide"' in html:
        assert (h, w) in sizes  # a wide diagram has a landscape page


def test_the_paper_comes_from_the_flag_or_the_configuration(tmp_path, capsys):
    from reformlang.cli.main import main

    spec = tmp_path / "nz.reform"
    spec.write_text((EXAMPLES / "new_zealand_2014.reform").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["plan", str(spec), "--format", "html"]) == 0
    assert "@page { size: A4; margin: 12mm; }" in capsys.readouterr().out
    (tmp_path / "reformlang.toml").write_text('paper = "letter"\n', encoding="utf-8")
    assert main(["plan", str(spec), "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert "@page { size: letter; margin: 12mm; }" in out and "@page wide { size: letter landscape;" in out
    assert main(["plan", str(spec), "--format", "html", "--paper", "a4"]) == 0
    assert "@page { size: A4;" in capsys.readouterr().out
    assert main(["check", "--show-settings", str(spec)]) == 0
    assert re.search(r'^paper = "letter" +# .*reformlang\.toml$', capsys.readouterr().out, re.M)
    (tmp_path / "reformlang.toml").write_text('paper = "legal"\n', encoding="utf-8")
    assert main(["plan", str(spec), "--format", "html"]) == 2
    assert "`paper` must be one of a4, letter" in capsys.readouterr().err
    assert main(["check", str(spec), "--no-cache"]) == 2
    assert "`paper` must be one of a4, letter" in capsys.readouterr().err
