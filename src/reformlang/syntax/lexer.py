"""The tokenizer: one compiled regular expression, scanned once, feeding Lark's LALR parser.

Lark's own lexers try a regular expression per token from Python and take
about three quarters of parse time; a single `finditer` over the text is
about twice as fast. Like Lark's contextual lexer, a word that can be a
keyword (`use`, `link`, `in`, `by`) is one only where the parser accepts that
keyword, so `in` stays an ordinary name everywhere else.
"""

from __future__ import annotations

from collections.abc import Iterator

from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer, LexerState, Token

from reformlang.syntax.tokens import KEYWORDS, PUNCTUATION, TERMINALS, TOKEN  # noqa: F401 -- re-exported

__all__ = ["KEYWORDS", "PUNCTUATION", "TERMINALS", "TOKEN", "ReformLexer"]


class ReformLexer(Lexer):
    """A Lark custom lexer (interface 1: it sees the parser's state)."""

    __future_interface__ = 1

    def __init__(self, lexer_conf) -> None:
        self.on_comment = lexer_conf.callbacks.get("COMMENT")

    def lex(self, lexer_state: LexerState, parser_state) -> Iterator[Token]:
        text = lexer_state.text.text
        new = Token._future_new
        on_comment = self.on_comment
        keywords = KEYWORDS
        match = TOKEN.match
        pos, end = 0, len(text)
        while pos < end:
            m = match(text, pos)
            if m is None:
                raise UnexpectedCharacters(text, pos, *_line_col(text, pos),
                                           allowed=_accepted(parser_state), state=parser_state)
            kind = m.lastgroup
            start, pos = pos, m.end()
            if kind == "WS":
                continue
            value = m.group()
            if kind == "NAME" and value in keywords:
                keyword = keywords[value]
                if keyword in parser_state.parse_conf.states[parser_state.position]:
                    kind = keyword
            elif kind == "COMMENT":
                if on_comment is not None:
                    on_comment(new(kind, value, start, None, None, None, None, pos))
                continue
            yield new(kind, value, start, None, None, None, None, pos)


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _accepted(parser_state) -> set[str]:
    try:
        return {t for t in parser_state.parse_conf.states[parser_state.position] if t in TERMINALS}
    except (AttributeError, KeyError, IndexError):
        return set()
