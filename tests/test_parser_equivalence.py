"""The fast parser (our loop over Lark's tables) and Lark's own parser agree on every input.

Same tree, same spans (every node's, and the comments'), same diagnostics:
on the whole corpus (examples, the standard library, error cases, golden and
rule fixtures) and on generated specs, valid, mutated and arbitrary. Also: the
shipped tables are the ones the grammar generates, and a valid file is parsed
without importing Lark.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st
from test_properties import QUICK, mutated, specs

from reformlang.diagnostics import Sink
from reformlang.source import SourceFile, decode_source
from reformlang.syntax import ast
from reformlang.syntax.parser import parse, parse_with_lark

CORPUS = sorted(p for folder in ("examples", "stdlib", "tests") for p in (ROOT / folder).rglob("*.reform"))
_SPANS = ("span", "header", "close", "currency_span")


def spans(node, out: list) -> list:
    """Every span in the tree, in order, with the node and field it belongs to (spans are outside ==)."""
    if attrs.has(type(node)):
        for f in attrs.fields(type(node)):
            value = getattr(node, f.name)
            if f.name in _SPANS:
                out.append((type(node).__name__, f.name, value.start, value.end))
            else:
                spans(value, out)
    elif isinstance(node, tuple):
        for x in node:
            spans(x, out)
    return out


def both(source: SourceFile) -> tuple:
    fast_sink, lark_sink = Sink(), Sink()
    fast, lark = parse(source, fast_sink), parse_with_lark(source, lark_sink)
    return fast, lark, fast_sink, lark_sink


def assert_same(source: SourceFile) -> ast.File | None:
    fast, lark, fast_sink, lark_sink = both(source)
    assert fast == lark
    if fast is not None:
        assert spans(fast, []) == spans(lark, [])
        assert [(c.text, c.span.start, c.span.end) for c in fast.comments] == \
               [(c.text, c.span.start, c.span.end) for c in lark.comments]
    assert [(d, d.span.start, d.span.end) for d in fast_sink.sorted()] == \
           [(d, d.span.start, d.span.end) for d in lark_sink.sorted()]
    return fast


def test_the_corpus_is_large_and_covers_errors():
    assert len(CORPUS) > 150
    assert any("errors" in p.parts for p in CORPUS)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_and_lark_parsers_agree_on_the_corpus(path: Path):
    source, _ = decode_source(path.read_bytes(), str(path))
    assert_same(source)


def test_they_agree_on_a_spec_with_every_construct():
    text = '''# top
use big_ideas
use "./other.reform"
initiative x "X \\"quoted\\" \\q" {  # an unknown escape: an error from the builder
  level a "A" { tier: top }
  link a -> b { funding, support, }
  link a <-> b { }
  indicator i "I" {
    baseline: 5.5% in 2026
    target: 1_000 CAD by 2030
    size: 5 .. 20
    list: [a, "b", 3, 4%, 5 NZD, 1 .. 2, 9 in 2027,]
    empty: []
    big: 1234567890123456789012345
  }
}
'''
    fast = assert_same(SourceFile("every.reform", text))
    assert fast is None  # the bad escape and the long number are errors, on both paths


@QUICK
@given(specs())
def test_they_agree_on_generated_specs(text):
    assert assert_same(SourceFile("generated.reform", text)) is not None


@QUICK
@given(mutated())
def test_they_agree_on_mutated_specs(text):
    assert_same(SourceFile("mutated.reform", text))


@QUICK
@given(st.text(st.sampled_from(list('abcin byuselink{}[]:,%.."->< 0123456789_#\nXYZ'))))
def test_they_agree_on_token_soup(text):
    assert_same(SourceFile("soup.reform", text))


def test_the_shipped_tables_are_generated_from_the_grammar(tmp_path):
    out = tmp_path / "tables.py"
    subprocess.run([sys.executable, "-m", "reformlang.syntax.lalr", str(out)], check=True)
    shipped = ROOT / "src" / "reformlang" / "syntax" / "_tables.py"
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8"), \
        "grammar/reform.lark changed: run `make tables`"


def test_a_valid_file_is_checked_without_importing_lark(tmp_path):
    code = ("import sys\n"
            "from reformlang.cli.main import main\n"
            f"main(['check', {str(ROOT / 'examples' / 'diffusion.reform')!r}])\n"
            "assert 'lark' not in sys.modules, 'lark was imported'\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
