"""The tokens of the language: one compiled regular expression, shared by both parsers.

`syntax/lalr.py` (the fast path) and `syntax/lexer.py` (the tokenizer handed
to Lark) scan with it; it imports nothing heavy, so that checking a valid
file never imports Lark.
"""

from __future__ import annotations

import re

# Kept in step with the terminals of grammar/reform.lark; a test compares them.
PUNCTUATION = {"{": "LBRACE", "}": "RBRACE", "[": "LSQB", "]": "RSQB", ":": "COLON", ",": "COMMA",
                "%": "PERCENT"}
KEYWORDS = {"use": "USE", "link": "LINK", "in": "IN", "by": "BY"}

_TOKENS = r"""
    (?P<COMMENT>\#[^\n]*)
  | (?P<STRING>"(?:[^"\\\n]|\\.)*")
  | (?P<DECIMAL>[0-9]+(?:_[0-9]+)*\.[0-9]+(?:_[0-9]+)*)
  | (?P<INT>[0-9]+(?:_[0-9]+)*)
  | (?P<NAME>[a-z_][a-z0-9_]*)
  | (?P<UPPER>[A-Z][A-Za-z0-9_]*)
  | (?P<DOTDOT>\.\.)
  | (?P<ARROW><->|->)
  | (?P<PUNCT>[{}\[\]:,%])
"""
_SPACE = r"[ \t\f\r\n]"

# One token, or a run of white space (Lark's lexer interface takes the two apart).
TOKEN = re.compile(rf"(?P<WS>{_SPACE}+) | {_TOKENS}", re.VERBOSE)
# White space and the token after it in one match, or the end of the text (the fast parser's).
SPACED_TOKEN = re.compile(rf"{_SPACE}* (?: {_TOKENS} | (?P<EOF>\Z) )", re.VERBOSE)

TERMINALS = frozenset({"STRING", "DECIMAL", "INT", "NAME", "UPPER", "DOTDOT", "ARROW", *PUNCTUATION.values(),
                       *KEYWORDS.values()})
