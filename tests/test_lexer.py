"""The tokenizer agrees with the grammar, and keywords are keywords only where the parser takes them."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT

from reformlang.driver import compile_source
from reformlang.source import SourceFile
from reformlang.syntax.lexer import TERMINALS


def test_lexer_makes_exactly_the_grammars_terminals():
    grammar = (ROOT / "grammar" / "reform.lark").read_text(encoding="utf-8")
    declared = set(re.findall(r"^([A-Z_]+):", grammar, re.M)) - {"WS", "COMMENT"}
    assert declared == set(TERMINALS)


def test_keyword_words_are_ordinary_names_where_no_keyword_fits():
    text = """
initiative words "Words" {
  level ministry "M" { tier: top }
  learning_model {
    reining_in: [in, by, use, link]
  }
  priority p "P" {
    indicator i "I" {
      baseline: 5% in 2026
      target: 9% by 2030
      source: by
    }
  }
}
"""
    comp = compile_source(SourceFile("words.reform", text))
    assert comp.ok, [d.message for d in comp.diagnostics]
    init = comp.spec.initiatives[0]
    assert init.learning_model.reining_in == ("in", "by", "use", "link")
    ind = init.indicators[0]
    assert (ind.baseline.year, ind.target.year, ind.source) == (2026, 2030, "by")


def test_the_order_of_the_token_patterns_matters_only_between_decimal_and_int():
    """The patterns are tried commonest first (syntax/tokens.py), which is sound only while no two can
    match at the same place: each character that can start a token starts one kind, but for digits."""
    from reformlang.syntax.tokens import _PATTERNS

    tails = ("", "0", "a", ".", "0.0", "->", '"', "\n")
    starts = {kind: {chr(c) for c in range(0x20, 0x7F) if any(re.match(pattern, chr(c) + t) for t in tails)}
              for kind, pattern in _PATTERNS.items()}
    assert all(starts.values())
    shared = {(a, b) for a in starts for b in starts if a < b and starts[a] & starts[b]}
    assert shared == {("DECIMAL", "INT")}
    kinds = list(_PATTERNS)
    assert kinds.index("DECIMAL") < kinds.index("INT")  # `1.5` is one DECIMAL, not INT `1` and more


def test_a_tokens_first_character_names_its_kind():
    """The fast parser's tokenizer reads a token's kind from its first character (tokens.FIRST), with one
    group in its regular expression instead of one per kind: FIRST is what the patterns themselves say."""
    from reformlang.syntax.tokens import _PATTERNS, FIRST

    tails = ("", "0", "a", ".", "0.0", ">", "->", '"', "\n")
    derived = {}
    for kind, pattern in _PATTERNS.items():
        for c in range(0x20, 0x7F):
            if any(re.match(pattern, chr(c) + t) for t in tails):
                derived[chr(c)] = "INT" if kind == "DECIMAL" else kind  # a digit: INT unless a `.` follows
    assert FIRST == derived
    assert all(not re.match(pattern, "x") for kind, pattern in _PATTERNS.items() if kind != "NAME")


_GRAMMAR_TERMINAL = re.compile(r"^([A-Z]+): /(.*)/$", re.M)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet='"\\\n_.0123456789azAZ# x\t', max_size=30))
def test_the_token_patterns_match_what_the_grammars_terminals_match(text):
    """The tokenizer's patterns (syntax/tokens.py, written possessive so that a long token costs no memory
    per character) take the same text as the grammar's own regular expressions, for every terminal the
    grammar defines by one."""
    from reformlang.syntax.tokens import _PATTERNS, _SPACE

    patterns = {**_PATTERNS, "WS": f"{_SPACE}+"}
    grammar = (ROOT / "grammar" / "reform.lark").read_text(encoding="utf-8")
    for kind, pattern in _GRAMMAR_TERMINAL.findall(grammar):
        ours = re.match(patterns[kind], text)
        theirs = re.match(pattern, text)
        assert (ours and ours.end()) == (theirs and theirs.end()), (kind, text)


def test_a_long_string_or_number_takes_no_memory_per_character():
    """A 2 MB string took 800 MB to tokenize (the regular expression engine kept backtracking state per
    character); the possessive patterns keep none, so a child process stays small."""
    import subprocess
    import sys

    code = ("import resource\nfrom reformlang.syntax.tokens import SPACED_TOKEN\n"
            "text = 'x: \"' + 'a' * 4_000_000 + '\" n: ' + '1_' * 2_000_000 + '1.5'\n"
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "pos = 0\n"
            "while (m := SPACED_TOKEN.match(text, pos)) and m[1]:\n"
            "    pos = m.end()\n"
            "assert pos == len(text), pos\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n")
    grown_kib = int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                   check=True).stdout)
    assert grown_kib < 100_000  # the text alone is 12 MB; before, this grew by over 1.5 GB
