"""The Pygments lexer: found by name through its entry point, and it reads every spec without an error token."""

from __future__ import annotations

from pathlib import Path

import pytest
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Comment, Error, Keyword, Name, Number, Operator, String

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted([*ROOT.glob("examples/*.reform"), *ROOT.glob("stdlib/*.reform"), ROOT / "tests" / "lsp" / "special_education.reform"])


def test_registered_by_entry_point() -> None:
    assert get_lexer_by_name("reformlang").name == "reformlang"
    assert get_lexer_by_name("reform").name == "reformlang"  # the docs' fences say ```reform
    assert get_lexer_for_filename("x.reform").name == "reformlang"


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.name)
def test_no_error_tokens(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    toks = list(get_lexer_by_name("reformlang").get_tokens(text))
    errors = [v for t, v in toks if t in Error]
    assert not errors, errors[:5]
    assert "".join(v for _, v in toks) == (text if text.endswith("\n") else text + "\n")  # nothing dropped


def test_what_each_part_is() -> None:
    text = ('use lftm\n# a comment\ninitiative reform "Title \\"x\\"" {\n  period: 2026 .. 2031\n'
            '  level districts "Districts" { tier: middle  units: 4_900 }\n'
            '  link districts -> districts { co_learning }  # reformlang: ignore[LM003] -- why\n'
            '  funding f "F" { amount: 25_000_000 CAD }\n'
            '  priority p "P" { indicator i "I" { baseline: 54% in 2026 } }\n}\n')
    toks = [(t, v) for t, v in get_lexer_by_name("reformlang").get_tokens(text) if v.strip()]
    kinds = dict((v, t) for t, v in toks)
    assert kinds["use"] in Keyword and kinds["lftm"] in Name.Namespace
    assert kinds["# a comment"] in Comment.Single
    assert kinds["# reformlang: ignore[LM003] -- why"] in Comment.Special
    assert kinds["initiative"] in Keyword and kinds["level"] in Keyword and kinds["link"] in Keyword
    assert kinds["period"] in Name.Attribute and kinds["tier"] in Name.Attribute
    assert kinds["\\\""] in String.Escape
    assert kinds["2026"] in Number and kinds["4_900"] in Number and kinds["25_000_000"] in Number
    assert kinds["CAD"] in Keyword.Type and kinds["%"] in Number and kinds["54"] in Number
    assert kinds["in"] in Operator.Word and kinds[".."] in Operator and kinds["->"] in Operator
    assert kinds["middle"] in Name
