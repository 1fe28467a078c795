"""The suite is self-contained: it reads only files inside the repository, caches in a folder of its
own, and skips only for a system program `make test` could not install."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from conftest import CONTRACT, FRAMEWORKS_MD, ROOT, SARIF_SCHEMA, legitimate_skip, needs

TESTS = ROOT / "tests"


def test_no_test_reads_outside_the_repository():
    outside = re.compile(r"""["']shared["']|\.\./shared|parent\.parent\.parent|/work/""")
    for path in sorted(TESTS.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if path.name != "test_suite.py":
                assert not outside.search(line), f"{path.relative_to(ROOT)}:{number} reaches outside: {line.strip()}"


def test_the_copied_design_files_are_here():
    assert "initiative" in CONTRACT.read_text(encoding="utf-8")
    assert "lftm.middle_exists" in FRAMEWORKS_MD.read_text(encoding="utf-8")
    assert '"$schema"' in SARIF_SCHEMA.read_text(encoding="utf-8")


def test_the_session_caches_in_a_folder_of_its_own():
    folder = Path(os.environ["XDG_CACHE_HOME"])
    assert folder.name.startswith("reformlang-test-cache-")
    assert folder.parent == Path(tempfile.gettempdir())
    assert folder != Path.home() / ".cache"


def test_only_a_missing_system_program_is_a_reason_to_skip():
    reason = needs("dot").kwargs["reason"]
    assert "Graphviz's `dot`" in reason and "apt-get install graphviz" in reason
    assert legitimate_skip(reason)
    assert not legitimate_skip("../design/contract.reform is not beside this checkout")
    assert not legitimate_skip("could not import 'jsonschema': No module named 'jsonschema'")
