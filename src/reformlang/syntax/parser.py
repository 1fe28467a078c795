"""Parse reformlang source into the syntax tree (`syntax.ast`).

Lark builds the tree inline (`transformer=` on an LALR parser), which keeps
parsing linear and avoids a second pass; positions come from the tokens, since
every punctuation terminal is named and therefore kept.
"""

from __future__ import annotations

from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.grammar import Rule
from lark.lexer import TerminalDef

from reformlang import cache
from reformlang.diagnostics import Sink
from reformlang.plain import Codec
from reformlang.resources import grammar_path
from reformlang.source import SourceFile, Span
from reformlang.syntax import ast
from reformlang.syntax.errors import describe_parse_error, describe_lex_error
from reformlang.syntax.lexer import ReformLexer

# Deeper than any real spec; keeps every later recursive walk far from
# Python's recursion limit.
MAX_DEPTH = 40
# Digits in one number: beyond this it cannot be a real amount, and Python's
# int() refuses very long strings anyway.
MAX_DIGITS = 24


class _ToAst(Transformer):
    """Builds `ast` nodes bottom-up while Lark parses."""

    def __init__(self) -> None:
        super().__init__()
        self.source: SourceFile | None = None
        self.comments: list[Token] = []
        self.errors: list[tuple[str, str, Span, str | None]] = []

    def _span(self, start: int, end: int) -> Span:
        return Span(self.source, start, end)

    def _tok_span(self, tok: Token) -> Span:
        return Span(self.source, tok.start_pos, tok.end_pos)

    def _name(self, tok: Token) -> ast.Name:
        return ast.Name(str(tok), self._tok_span(tok))

    # -- values
    def string(self, c: list) -> ast.String:
        tok = c[0]
        raw = str(tok)
        return ast.String(_unescape(raw, self, tok), raw, self._tok_span(tok))

    def ref(self, c: list) -> ast.Ref:
        tok = c[0]
        return ast.Ref(str(tok), self._tok_span(tok))

    def number(self, c: list) -> ast.Number:
        tok = c[0]
        raw = str(tok)
        digits = raw.replace("_", "")
        span = self._tok_span(tok)
        if len(digits) > MAX_DIGITS:
            self.errors.append(("E007", f"the number `{raw[:12]}…` is too long ({len(digits)} digits)", span,
                                f"numbers in a spec have at most {MAX_DIGITS} digits"))
            value: int | float = 0
        elif tok.type == "DECIMAL":
            value = float(digits)
        else:
            value = int(digits)
        return ast.Number(value, raw, span)

    def percent(self, c: list) -> ast.Percent:
        num = c[0]
        return ast.Percent(num, self._span(num.span.start, c[1].end_pos))

    def money(self, c: list) -> ast.Money:
        num, cur = c
        return ast.Money(num, str(cur), self._span(num.span.start, cur.end_pos), self._tok_span(cur))

    def range(self, c: list) -> ast.Range:
        low, _, high = c
        return ast.Range(low, high, self._span(low.span.start, high.span.end))

    def measurement(self, c: list) -> ast.Measurement:
        value, prep, year = c
        return ast.Measurement(value, str(prep), year, self._span(value.span.start, year.span.end))

    def list(self, c: list) -> ast.ListValue:
        items = tuple(x for x in c if not isinstance(x, Token))
        return ast.ListValue(items, self._span(c[0].start_pos, c[-1].end_pos))

    # -- items
    def attribute(self, c: list) -> ast.Attribute:
        key, _, value = c
        return ast.Attribute(self._name(key), value, self._span(key.start_pos, value.span.end))

    def use(self, c: list) -> ast.Use:
        kw, target = c
        if target.type == "STRING":
            node: ast.Name | ast.String = ast.String(_unescape(str(target), self, target), str(target),
                                                     self._tok_span(target))
        else:
            node = self._name(target)
        return ast.Use(node, self._span(kw.start_pos, target.end_pos))

    def link(self, c: list) -> ast.Link:
        kw, src, arrow, dst = c[0], c[1], c[2], c[3]
        kinds = tuple(self._name(t) for t in c[5:-1] if t.type == "NAME")
        return ast.Link(self._name(src), str(arrow), self._name(dst), kinds, self._span(kw.start_pos, c[-1].end_pos))

    def block(self, c: list) -> ast.Block:
        keyword = c[0]
        i = 1
        ident = title = None
        if c[i].type == "NAME":
            ident = self._name(c[i])
            i += 1
        if c[i].type == "STRING":
            title = ast.String(_unescape(str(c[i]), self, c[i]), str(c[i]), self._tok_span(c[i]))
            i += 1
        header_end = c[i - 1].end_pos
        items = tuple(c[i + 1 : -1])
        depth = 1
        for item in items:
            if isinstance(item, ast.Block) and item.depth >= depth:
                depth = item.depth + 1
        close = c[-1]
        return ast.Block(self._name(keyword), ident, title, items,
                         self._span(keyword.start_pos, close.end_pos),
                         self._span(keyword.start_pos, header_end), self._tok_span(close), depth)

    def start(self, c: list) -> ast.File:
        return ast.File(tuple(c), (), self._span(0, len(self.source.text)))


_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}


def _unescape(raw: str, t: _ToAst, tok: Token) -> str:
    body = raw[1:-1]
    if "\\" not in body:
        return body
    out = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
            else:
                start = tok.start_pos + 1 + i
                t.errors.append(("E006", f"unknown escape `\\{nxt}` in a string", Span(t.source, start, start + 2),
                                 'strings know `\\"`, `\\\\`, `\\n` and `\\t`; write `\\\\` for a backslash'))
                out.append(nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


_transformer = _ToAst()
_lark: Lark | None = None


def _parser() -> Lark:
    global _lark
    if _lark is None:
        callbacks = {"COMMENT": _transformer.comments.append}
        key = cache.digest("grammar", cache.code_key()) if cache.cache_dir() is not None else None
        tables = cache.load("grammar", key, loads=_TABLES.loads) if key else None
        if tables is not None:
            try:
                _lark = _from_tables(tables, callbacks)
            except Exception:  # noqa: BLE001 -- tables Lark cannot read are rebuilt, never trusted
                _lark = None
        if _lark is None:
            _lark = Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr", lexer=ReformLexer,
                         transformer=_transformer, lexer_callbacks=callbacks)
            if key:
                cache.store("grammar", key, _to_tables(_lark), dumps=_TABLES.dumps)
    return _lark


# The LALR tables as plain data (Lark's own serialisation, which is plain
# dicts, lists and tuples; Lark's `cache=` option would pickle them). What
# cannot be plain (our lexer class, the transformer, callbacks) is put back
# when loading. Building the tables costs about 25 ms of CPU at every start.
_TABLES = Codec()
_NOT_PLAIN = ("lexer", "transformer", "lexer_callbacks")


def _to_tables(lark: Lark) -> dict:
    data, memo = lark.memo_serialize([TerminalDef, Rule])
    data["options"] = {k: v for k, v in data["options"].items() if k not in _NOT_PLAIN}
    data["parser"]["lexer_conf"] = {**data["parser"]["lexer_conf"], "lexer_type": None}
    return {"data": data, "memo": memo}


def _from_tables(tables: dict, callbacks: dict) -> Lark:
    data = tables["data"]
    data["options"] = {**data["options"], "lexer": ReformLexer}
    data["parser"]["lexer_conf"]["lexer_type"] = ReformLexer
    return Lark._load_from_dict(data, tables["memo"], transformer=_transformer, lexer_callbacks=callbacks)


def parse(source: SourceFile, sink: Sink) -> ast.File | None:
    """Parse one file. Syntax errors go to `sink`; returns None when there were any."""
    parser = _parser()
    t = _transformer
    t.source = source
    t.comments.clear()
    t.errors = []
    try:
        tree: Any = parser.parse(source.text)
    except UnexpectedCharacters as exc:
        sink.report(describe_lex_error(source, exc))
        return None
    except UnexpectedToken as exc:
        sink.report(describe_parse_error(source, exc))
        return None
    except UnexpectedInput as exc:  # UnexpectedEOF and friends
        sink.report(describe_parse_error(source, exc))
        return None
    except LarkError as exc:  # any other failure inside Lark is a bug in our grammar
        raise RuntimeError(f"parser failure: {exc}") from exc
    finally:
        t.source = None
    comments = tuple(ast.Comment(str(tok).rstrip("\r"), Span(source, tok.start_pos, tok.end_pos))
                     for tok in t.comments)
    t.comments.clear()
    for code, message, span, help_ in t.errors:
        sink.error(code, message, span, help_)
    tree = ast.File(tree.items, comments, tree.span)
    deep = _too_deep(tree)
    if deep is not None:
        sink.error("E005", f"blocks are nested more than {MAX_DEPTH} deep", deep.header,
                   "a spec nests a few levels at most (initiative > priority > indicator); "
                   "check for a missing `}`")
        return None
    if t.errors:
        return None
    return tree


def _too_deep(tree: ast.File) -> ast.Block | None:
    """The first block nested past MAX_DEPTH, found without recursion."""

    def deepest(items: tuple) -> ast.Block | None:
        best = None
        for item in items:
            if isinstance(item, ast.Block) and (best is None or item.depth > best.depth):
                best = item
        return best

    node = deepest(tree.items)
    if node is None or node.depth <= MAX_DEPTH:
        return None
    for _ in range(MAX_DEPTH):
        node = deepest(node.items)
    return node
