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

# Each token's pattern. The first that matches wins, and no two can start with the same character but
# DECIMAL and INT (DECIMAL is tried first), so the commonest come first: a match tries fewer. Punctuation
# is a group per terminal, so that a match names its kind.
_PATTERNS = {
    "NAME": r"[a-z_][a-z0-9_]*",
    **{kind: re.escape(char) for char, kind in PUNCTUATION.items()},
    # The repeats are possessive (`*+`): the same tokens, but the regular expression engine keeps no
    # backtracking state per repetition, which took 400 bytes a character (800 MB for a 2 MB string).
    "STRING": r'"(?:[^"\\\n]|\\.)*+"',
    "DECIMAL": r"[0-9]++(?:_[0-9]++)*+\.[0-9]++(?:_[0-9]++)*+",
    "INT": r"[0-9]++(?:_[0-9]++)*+",
    "COMMENT": r"\#[^\n]*",
    "UPPER": r"[A-Z][A-Za-z0-9_]*",
    "DOTDOT": r"\.\.",
    "ARROW": r"<->|->",
}
_SPACE = r"[ \t\f\r\n]"
_TOKENS = " | ".join(f"(?P<{kind}>{pattern})" for kind, pattern in _PATTERNS.items())

# One token, or a run of white space (Lark's lexer interface takes the two apart).
TOKEN = re.compile(rf"(?P<WS>{_SPACE}+) | {_TOKENS}", re.VERBOSE)
# White space and the token after it in one match, the token (or at the end of the text, nothing) its one
# group: the fast parser's. The kind is its first character's (FIRST): a regular expression with one group
# rather than one per kind is a twentieth cheaper per match.
SPACED_TOKEN = re.compile(rf"{_SPACE}*+ ( {' | '.join(_PATTERNS.values())} | \Z )", re.VERBOSE)
# The kind of token each character starts; DECIMAL and INT both start with a digit, and a number with a
# `.` in it is a DECIMAL. A test derives it from the patterns.
FIRST = {**dict.fromkeys("abcdefghijklmnopqrstuvwxyz_", "NAME"), **dict.fromkeys("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "UPPER"),
         **dict.fromkeys("0123456789", "INT"), **PUNCTUATION, '"': "STRING", "#": "COMMENT", ".": "DOTDOT",
         "-": "ARROW", "<": "ARROW"}

TERMINALS = frozenset({"STRING", "DECIMAL", "INT", "NAME", "UPPER", "DOTDOT", "ARROW", *PUNCTUATION.values(),
                       *KEYWORDS.values()})
