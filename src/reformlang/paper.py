"""The paper printable pages (plans, briefs) are laid out for: A4 (the default) or US Letter.

Each size says what its `@page` rule names and how wide a diagram may be drawn
and still print with its smallest text (9 pt) at 8 pt or more, within the
plan's margins (12 mm on a portrait page, 9 mm on a landscape one).
"""

from __future__ import annotations

PAPERS = ("a4", "letter")
DEFAULT = "a4"
MM = 72 / 25.4
SMALLEST, READABLE = 9, 8  # the diagrams' smallest text, and the least it may print at (pt)
MARGINS = {"portrait": 12, "landscape": 9}  # mm, as plan.html.j2's @page rules set them
SIZES = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}  # width, height in mm
CSS = {"a4": "A4", "letter": "letter"}  # the name CSS's `@page { size }` knows it by


def css(paper: str | None) -> str:
    return CSS[paper or DEFAULT]


def points(paper: str | None) -> tuple[float, float]:
    """The page's width and height in points, portrait."""
    w, h = SIZES[paper or DEFAULT]
    return w * MM, h * MM


def widest(paper: str | None) -> tuple[int, int]:
    """The widest a diagram may be drawn (pt) to print at 8 pt or more: on a portrait page, on a landscape one."""
    w, h = SIZES[paper or DEFAULT]
    portrait = (w - 2 * MARGINS["portrait"]) * MM * SMALLEST / READABLE
    landscape = (h - 2 * MARGINS["landscape"]) * MM * SMALLEST / READABLE
    return int(portrait), int(landscape)
