"""What the language server answers, asked at every place of real and broken specs: never an exception,
and each answer about the place asked (a hover's range holds the cursor; a definition points at the id)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reformlang.checks import all_rules
from reformlang.cli.explain import explanation
from reformlang.driver import core_library, loader
from reformlang.lsp import document as doc

ROOT = Path(__file__).resolve().parent.parent
SPECS = [ROOT / "tests" / "lsp" / "special_education.reform", *sorted((ROOT / "tests" / "errors").glob("E1*.reform"))[:12]]


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.name)
def test_every_place_answers(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    rules, frameworks, library = all_rules(), loader().stdlib_frameworks(), core_library()
    good = doc.analyse(str(path), text)
    # the same file cut in half (it no longer parses), answered from the last good version
    for a in (good, doc.analyse(str(path), text[: len(text) // 2], good)):
        assert doc.semantic_tokens(a) == sorted(doc.semantic_tokens(a))
        for off in range(0, len(a.source.text) + 1, 3):
            h = doc.hover(a, off, explanation)
            if h is not None:
                assert h[1] <= off <= h[2]
            doc.complete(a, off, rules, frameworks, a.library or library)
            d = doc.definition(a, off)
            if d is not None and d[1] is not None and d[0] == a.source.path:
                found = doc.find(a, off)
                assert d[1].text == found.name
            doc.references(a, off)
            doc.rename(a, off, "renamed")


def test_rename_refuses_what_is_not_a_name() -> None:
    path = ROOT / "tests" / "lsp" / "special_education.reform"
    text = path.read_text(encoding="utf-8")
    a = doc.analyse(str(path), text)
    at = text.index("level districts") + 7
    assert "not a name" in doc.rename(a, at, "Districts")
    assert "not a name" in doc.rename(a, at, "two words")
    edits = doc.rename(a, at, "boards")
    assert {s.text for s, _ in edits[str(path)]} == {"districts"}
