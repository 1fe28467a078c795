"""Shared test fixtures: golden files and paths.

Golden files hold what people read (diagnostics, DOT, Mermaid, plans, configs).
Regenerate them after a deliberate change with `make golden` (pytest
--update-golden) and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
TESTS = Path(__file__).resolve().parent
# Copies of the design contract and of the schemas the suite checks against:
# a test reads only files inside the repository.
CONTRACT = TESTS / "design" / "contract.reform"
FRAMEWORKS_MD = TESTS / "design" / "frameworks.md"
SARIF_SCHEMA = TESTS / "schemas" / "sarif-schema-2.1.0.json"


# System programs some tests drive. `make test` installs them (apt-get, as root on
# Debian); a test skips only when one is missing after that, and says which.
TOOLS = {
    "dot": ("graphviz", "Graphviz's `dot`"),
    "chromium": ("chromium", "Chromium"),
    "node": ("nodejs", "Node.js"),
    "git": ("git", "git"),
    "zsh": ("zsh", "zsh"),  # the completion scripts are run in their shells
    "fish": ("fish", "fish"),
}


def tool(name: str) -> str | None:
    """The path of a system program, or None."""
    import shutil

    if name == "chromium":
        return shutil.which("chromium") or shutil.which("chromium-browser")
    return shutil.which(name)


_COULD_NOT_INSTALL = "is not installed and `make test` could not install it on this machine"


def needs(name: str):
    """Skip unless the system program is installed, naming it and why it is missing."""
    package, label = TOOLS[name]
    return pytest.mark.skipif(
        tool(name) is None,
        reason=f"{label} {_COULD_NOT_INSTALL} "
               f"(it runs `apt-get install {package}` as root on Debian; elsewhere install it yourself)")


def legitimate_skip(reason: str) -> bool:
    """The one reason a test may skip: a system program `make test` could not install (see `needs`)."""
    return _COULD_NOT_INSTALL in reason


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A skip for any other reason (a missing file, an optional package) fails the test: the suite
    runs whole on a fresh clone."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if not legitimate_skip(reason):
            report.outcome = "failed"
            report.longrepr = (f"{item.nodeid} skipped ({reason}); a test may skip only for a system "
                               "program `make test` could not install (tests/conftest.py `needs`)")


def pytest_configure(config):
    """Each test session caches in a folder of its own: nothing from the user's cache (or an earlier
    run, or another checkout) can leak into a result, and nothing is left behind."""
    import os
    import tempfile

    # Plans carry the date of their inputs (reformlang.provenance): a fixed one keeps golden files
    # from changing with each commit of an example.
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"  # 2026-01-01
    folder = tempfile.mkdtemp(prefix="reformlang-test-cache-")
    config._reformlang_cache = (folder, os.environ.get("XDG_CACHE_HOME"))
    os.environ["XDG_CACHE_HOME"] = folder


def pytest_unconfigure(config):
    import os
    import shutil

    folder, before = getattr(config, "_reformlang_cache", (None, None))
    if folder is None:
        return
    shutil.rmtree(folder, ignore_errors=True)
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden files from the current output")


class Golden:
    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, relpath: str, actual: str) -> None:
        """Compare `actual` with tests/golden/RELPATH (or write it under --update-golden)."""
        path = GOLDEN / relpath
        if self.update or not path.exists():
            if not self.update:
                pytest.fail(f"golden file {path} is missing; run `make golden` to create it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"output differs from {path}; if the change is deliberate, run `make golden`"


@pytest.fixture
def golden(request) -> Golden:
    return Golden(request.config.getoption("--update-golden"))


@pytest.fixture
def contract_path() -> Path:
    return CONTRACT


@pytest.fixture(autouse=True)
def _english_after_every_test():
    """A test that ran in French (`main([... "--lang", "fr"])` keeps the process's language) must not
    leave the next test in French; nor its library files, read with its own working folder (the paths
    shown), in the loader's process-wide cache, as a user's separate runs would not."""
    yield
    import sys

    from reformlang import i18n

    i18n.use("en")
    if "reformlang.driver" in sys.modules:
        sys.modules["reformlang.driver"].forget_project_files()
