"""Printable diagrams: the HTML plan printed to PDF in headless Chromium, every page A4, every diagram on
a page it fits with its text at 8 pt or more."""

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
A4 = (595.28, 841.89)
# The plan's print margins (plan.html.j2): 12 mm on a portrait page, 9 mm on a landscape one.
CONTENT = {"portrait": (A4[0] - 24 * MM, A4[1] - 24 * MM), "landscape": (A4[1] - 18 * MM, A4[0] - 18 * MM)}
SVG = re.compile(r'<svg role="img" class="(\w+)"[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"(.*?)</svg>', re.S)


def _plan(path: Path) -> str:
    spec = compile_path(path).spec
    return render_plan(spec, "html", review(spec))


@needs("dot")
@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.reform")), ids=lambda p: p.stem)
def test_every_diagram_fits_a_page_with_text_at_8pt_or_more(path):
    html = _plan(path)
    found = SVG.findall(html)
    assert found
    for cls, width, height, body in found:
        assert cls in ("portrait", "wide"), f"{path.name}: a diagram {width} pt wide fits no page"
        page = CONTENT["portrait" if cls == "portrait" else "landscape"]
        scale = min(1.0, page[0] / float(width))  # the print stylesheet fits a diagram to the page's width
        smallest = min(float(x) for x in re.findall(r'font-size="([\d.]+)"', body))
        assert smallest * scale >= 8, f"{path.name}: text printed at {smallest * scale:.1f} pt"


@needs("chromium")
@needs("dot")
@pytest.mark.parametrize("name", ["ontario_2003", "diffusion", "districts_together"])
def test_the_plan_prints_on_a4_with_wide_diagrams_on_landscape_pages(name):
    from pypdf import PdfReader

    from reformlang.backends.pdf import print_pdf

    html = _plan(EXAMPLES / f"{name}.reform")
    pages = PdfReader(io.BytesIO(print_pdf(html, "the plan"))).pages
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages}
    assert sizes <= {(595, 842), (842, 595)}, sizes
    if 'class="wide"' in html:
        assert (842, 595) in sizes  # a wide diagram has a landscape page
