"""The HTML plan in a real browser: headless Chromium loads it with no console error and shows the plan."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import needs, tool
from reformlang.stages import review
from reformlang.backends.plan import render_plan
from reformlang.driver import compile_path

HERE = Path(__file__).resolve().parent
ESCAPING = HERE / "golden" / "graph" / "escaping.reform"
CHROMIUM = tool("chromium")
pytestmark = [needs("chromium"), needs("dot")]


def _chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
            f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, page.as_uri()]
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)


def _console(stderr: str) -> list[str]:
    # Chromium logs every console message of the page as `INFO:CONSOLE...` (errors and uncaught exceptions too).
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def _write_plan(spec_path: Path, folder: Path) -> Path:
    spec = compile_path(spec_path).spec
    page = folder / "plan.html"
    page.write_text(render_plan(spec, "html", review(spec)), encoding="utf-8")
    return page


def test_the_console_check_sees_errors(tmp_path):
    """The check below would be empty if Chromium stopped reporting console messages; prove it does not."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><title>x</title><script>console.error('boom'); missing();</script>",
                    encoding="utf-8")
    proc = _chromium(page, tmp_path / "profile", "--dump-dom")
    assert any("boom" in line for line in _console(proc.stderr)), proc.stderr[-2000:]


@pytest.mark.parametrize("spec", ["contract", "escaping"])
def test_plan_loads_without_console_errors_and_shows_the_plan(spec, contract_path, tmp_path):
    page = _write_plan(contract_path if spec == "contract" else ESCAPING, tmp_path)
    proc = _chromium(page, tmp_path / "profile", "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert _console(proc.stderr) == []
    assert "<h1>Implementation plan: " in dom
    for section in ("Summary and vision", "Levels and roles", "Priorities and indicators", "Timeline", "Funding",
                    "Networks", "Accountability", "Rollout", "Scorecard", "Risks and what to add"):
        assert f">{section}<" in dom or f". {section}<" in dom, section
    assert dom.count("<svg") == 4
    if spec == "contract":
        assert "Provincial Literacy Partnership" in dom
    else:
        # The title with tags, quotes and braces is text on the page, not markup.
        assert "&lt;b&gt;bold&lt;/b&gt;" in dom and "<b>bold</b>" not in dom


def test_plan_screenshot_is_drawn(contract_path, tmp_path):
    page = _write_plan(contract_path, tmp_path)
    shot = tmp_path / "plan.png"
    proc = _chromium(page, tmp_path / "profile", "--hide-scrollbars", "--window-size=1200,1800",
                     f"--screenshot={shot}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 1800)
    assert _console(proc.stderr) == []
