"""`reformlang compare`: designs side by side, their simulations on the same axes, in a real browser."""

from __future__ import annotations

import re
import subprocess

from conftest import EXAMPLES, needs, tool
from reformlang.cli.main import main

SPECS = [str(EXAMPLES / n) for n in ("new_zealand_2014.reform", "new_zealand_joint_initiative_2015.reform",
                                     "ontario_2003.reform")]


def _page(tmp_path) -> str:
    out = tmp_path / "compare.html"
    assert main(["compare", *SPECS, "-o", str(out), "--runs", "4"]) == 0
    return out.read_text(encoding="utf-8")


@needs("dot")
def test_every_design_has_its_column_on_the_same_axes(tmp_path):
    html = _page(tmp_path)
    assert html.count("<article") == 3
    for title in ("Investing in Educational Success", "The Joint Initiative", "Ontario&#39;s education strategy"):
        assert title in html
    x = set(re.findall(r'data-x-domain="([^"]+)"', html))
    y = set(re.findall(r'data-y-domain="([^"]+)"', html))
    assert len(re.findall(r'data-x-domain=', html)) == 9  # three measures for each of three designs
    assert len(x) == 1 and len(y) == 1  # the same axes for every design
    assert x == {"2003 2037"} or int(next(iter(x)).split()[0]) <= 2003  # Ontario starts earliest
    assert html.count('class="chart"') == 9 and html.count("<polygon") >= 9  # each with its band
    assert "Not assessed" in html and "Money by tier" in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # the system diagrams' ids do not collide
    assert "<script" not in html


@needs("chromium")
@needs("dot")
def test_compare_renders_in_chromium_without_console_errors(tmp_path):
    page = tmp_path / "compare.html"
    page.write_text(_page(tmp_path), encoding="utf-8")
    proc = subprocess.run([tool("chromium"), "--headless", "--no-sandbox", "--disable-gpu",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr",
                           "--v=0", "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert [line for line in proc.stderr.splitlines() if ":CONSOLE" in line] == []
    assert proc.stdout.count('class="chart"') == 9


def test_compare_needs_two_specs(capsys):
    assert main(["compare", SPECS[0]]) == 2
    assert "two or more specs" in capsys.readouterr().err
