"""The documentation site: mkdocs builds it from docs/ with --strict (no warning at all), every rule has
its anchor where SARIF's helpUri points, and specs are coloured by reformlang's own Pygments lexer."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from reformlang.checks import all_rules
from reformlang.links import SITE_URL, code_url

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "WARNING" not in r.stderr and "ERROR" not in r.stderr, r.stderr
    return out


def test_site_url_is_the_one_reports_link_to() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: (\S+)$", config, re.M).group(1) == SITE_URL


def test_every_rule_has_its_anchor(site: Path) -> None:
    html = (site / "rules" / "index.html").read_text(encoding="utf-8")
    for rule in all_rules():
        url = code_url(rule.code)
        assert url == f"{SITE_URL}rules/#{rule.code.lower()}"
        assert f'id="{rule.code.lower()}"' in html, rule.code


def test_every_page_is_built(site: Path) -> None:
    nav = re.findall(r"^  - [^:]+: (\S+)\.md$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    on_disk = sorted(p.stem for p in (ROOT / "docs").glob("*.md"))
    assert sorted(nav) == on_disk  # no page left out of the navigation
    for page in nav:
        assert (site / ("" if page == "index" else page) / "index.html").is_file()


def test_specs_are_highlighted(site: Path) -> None:
    html = (site / "language" / "index.html").read_text(encoding="utf-8")
    assert '<span class="kd">initiative</span>' in html  # a block keyword, by the reformlang lexer
    assert '<span class="na">tier</span>' in html  # an attribute
    for page in site.rglob("index.html"):
        if page.parent.name == "errors":  # its bad examples are wrong on purpose (a quote, an escape)
            continue
        assert 'class="err"' not in page.read_text(encoding="utf-8"), page  # no token the lexer could not read


def test_readme_links_to_the_site() -> None:
    assert SITE_URL in (ROOT / "README.md").read_text(encoding="utf-8")
