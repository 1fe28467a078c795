"""Parse reformlang source into the syntax tree (`syntax.ast`).

`grammar/reform.lark` is the one definition of the syntax, and Lark builds
its LALR(1) tables. Valid text is parsed by a small loop of our own over
those tables (`syntax/lalr.py`), which reduces straight into `ast` nodes; it
is about three times faster than Lark's parser with an inline transformer.
When that loop meets an error, the same text is parsed again by Lark itself,
so that every syntax error is Lark's, described by `syntax/errors.py`.
`parse_with_lark` is that reference path in full; tests hold the two to the
same trees, spans and errors.
"""

from __future__ import annotations

from typing import Any

from reformlang.collector import paused
from reformlang.diagnostics import Sink
from reformlang.i18n import msg
from reformlang.source import SourceFile, Span
from reformlang.syntax import ast

# Deeper than any real spec; keeps every later recursive walk far from
# Python's recursion limit.
MAX_DEPTH = 40
# Digits in one number: beyond this it cannot be a real amount, and Python's
# int() refuses very long strings anyway.
MAX_DIGITS = 24

# A token as the builder sees it: (type, text, start, end).
_TYPE, _TEXT, _START, _END = 0, 1, 2, 3
_new_span = tuple.__new__  # Span(...) without NamedTuple's Python-level __new__


class Builder:
    """Builds `ast` nodes bottom-up, one method per rule of the grammar (named as the rule or its alias).

    Each method receives the rule's children as Lark's tree builder would
    give them: tokens as (type, text, start, end) tuples, rules as the nodes
    built for them, `_`-rules spliced in.
    """

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.errors: list[tuple[str, str, Span, str | None]] = []

    def _span(self, start: int, end: int) -> Span:
        return _new_span(Span, (self.source, start, end))

    def _name(self, tok: tuple) -> ast.Name:
        return ast.Name(tok[_TEXT], _new_span(Span, (self.source, tok[_START], tok[_END])))

    def _string(self, tok: tuple) -> ast.String:
        raw = tok[_TEXT]
        return ast.String(_unescape(raw, self, tok), raw, self._span(tok[_START], tok[_END]))

    # -- values
    def string(self, c: list) -> ast.String:
        return self._string(c[0])

    def ref(self, c: list) -> ast.Ref:
        tok = c[0]
        return ast.Ref(tok[_TEXT], _new_span(Span, (self.source, tok[_START], tok[_END])))

    def number(self, c: list) -> ast.Number:
        tok = c[0]
        raw = tok[_TEXT]
        digits = raw.replace("_", "") if "_" in raw else raw
        span = _new_span(Span, (self.source, tok[_START], tok[_END]))
        if len(digits) > MAX_DIGITS:
            self.errors.append(("E007", msg("the number `{start}…` is too long ({n} digits)", start=raw[:12],
                                            n=len(digits)),
                                span, msg("numbers in a spec have at most {n} digits", n=MAX_DIGITS)))
            value: int | float = 0
        elif tok[_TYPE] == "DECIMAL":
            value = float(digits)
        else:
            value = int(digits)
        return ast.Number(value, raw, span)

    def percent(self, c: list) -> ast.Percent:
        num = c[0]
        return ast.Percent(num, self._span(num.span.start, c[1][_END]))

    def money(self, c: list) -> ast.Money:
        num, cur = c
        return ast.Money(num, cur[_TEXT], self._span(num.span.start, cur[_END]), self._span(cur[_START], cur[_END]))

    def range(self, c: list) -> ast.Range:
        low, _, high = c
        return ast.Range(low, high, self._span(low.span.start, high.span.end))

    def measurement(self, c: list) -> ast.Measurement:
        value, prep, year = c
        return ast.Measurement(value, prep[_TEXT], year, self._span(value.span.start, year.span.end))

    def list(self, c: list) -> ast.ListValue:
        items = tuple(x for x in c if type(x) is not tuple)
        return ast.ListValue(items, self._span(c[0][_START], c[-1][_END]))

    # -- items
    def attribute(self, c: list) -> ast.Attribute:
        key, _, value = c
        source, start = self.source, key[_START]  # the commonest rule: its spans built in place
        return ast.Attribute(ast.Name(key[_TEXT], _new_span(Span, (source, start, key[_END]))), value,
                             _new_span(Span, (source, start, value.span.end)))

    def use(self, c: list) -> ast.Use:
        kw, target = c
        node = self._string(target) if target[_TYPE] == "STRING" else self._name(target)
        return ast.Use(node, self._span(kw[_START], target[_END]))

    def link(self, c: list) -> ast.Link:
        kw, src, arrow, dst = c[0], c[1], c[2], c[3]
        kinds = tuple(self._name(t) for t in c[5:-1] if t[_TYPE] == "NAME")
        return ast.Link(self._name(src), arrow[_TEXT], self._name(dst), kinds, self._span(kw[_START], c[-1][_END]))

    def block(self, c: list) -> ast.Block:
        keyword = c[0]
        i = 1
        ident = title = None
        if c[i][_TYPE] == "NAME":
            ident = self._name(c[i])
            i += 1
        if c[i][_TYPE] == "STRING":
            title = self._string(c[i])
            i += 1
        header_end = c[i - 1][_END]
        items = tuple(c[i + 1 : -1])
        depth = 1
        for item in items:
            if type(item) is ast.Block and item.depth >= depth:
                depth = item.depth + 1
        close = c[-1]
        start = keyword[_START]
        return ast.Block(self._name(keyword), ident, title, items,
                         self._span(start, close[_END]), self._span(start, header_end),
                         self._span(close[_START], close[_END]), depth)

    def start(self, c: list) -> ast.File:
        return ast.File(tuple(c), (), self._span(0, len(self.source.text)))


_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}


def _unescape(raw: str, b: Builder, tok: tuple) -> str:
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
                start = tok[_START] + 1 + i
                b.errors.append(("E006", msg("unknown escape `\\{char}` in a string", char=nxt),
                                 b._span(start, start + 2),
                                 msg('strings know `\\"`, `\\\\`, `\\n` and `\\t`; write `\\\\` for a backslash')))
                out.append(nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def parse(source: SourceFile, sink: Sink) -> ast.File | None:
    """Parse one file. Syntax errors go to `sink`; returns None when there were any."""
    from reformlang.syntax import lalr

    builder = Builder(source)
    with paused():  # the tree is long-lived and acyclic (reformlang.collector)
        try:
            tree, comments = lalr.parse(source.text, builder)
        except lalr.SyntaxFailure:
            # Lark parses it again: its exception, described as always.
            return parse_with_lark(source, sink)
    return _finish(source, sink, tree, comments, builder.errors)


def parse_with_lark(source: SourceFile, sink: Sink) -> ast.File | None:
    """Parse one file with Lark's own parser, building inline: the reference for `parse`."""
    from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput, UnexpectedToken

    from reformlang.syntax.errors import describe_lex_error, describe_parse_error

    parser, transformer = _lark_parser()
    builder = transformer.builder = Builder(source)
    transformer.comments = comments = []
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
        transformer.builder = transformer.comments = None
    return _finish(source, sink, tree, comments, builder.errors)


def _finish(source: SourceFile, sink: Sink, tree: ast.File, comments: list, errors: list) -> ast.File | None:
    for code, message, span, help_ in errors:
        sink.error(code, message, span, help_)
    tree = ast.File(tree.items, tuple(ast.Comment(text.rstrip("\r"), Span(source, start, end))
                                      for text, start, end in comments), tree.span)
    deep = _too_deep(tree)
    if deep is not None:
        sink.error("E005", msg("blocks are nested more than {n} deep", n=MAX_DEPTH), deep.header,
                   msg("a spec nests a few levels at most (initiative > priority > indicator); "
                       "check for a missing `}}`"))
        return None
    if errors:
        return None
    return tree


# ---------------------------------------------------------------- Lark itself
_lark = None


def _lark_parser():
    """Lark's LALR parser for the grammar, building inline through a `Builder`.

    Its tables are kept in the per-user cache as plain data (Lark's own
    serialisation; its `cache=` option would pickle them): building them
    costs about 25 ms of CPU, and this parser runs whenever a file has a
    syntax error.
    """
    global _lark
    if _lark is None:
        from lark import Lark

        from reformlang import cache
        from reformlang.resources import grammar_path
        from reformlang.syntax.lexer import ReformLexer

        transformer = _lark_transformer()
        callbacks = {"COMMENT": transformer.comment}
        key = cache.digest("grammar", cache.code_key()) if cache.cache_dir() is not None else None
        tables = cache.load("grammar", key, loads=_tables_codec().loads) if key else None
        parser = None
        if tables is not None:
            try:
                parser = _from_tables(tables, transformer, callbacks)
            except Exception:  # noqa: BLE001 -- tables Lark cannot read are rebuilt, never trusted
                parser = None
        if parser is None:
            parser = Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr", lexer=ReformLexer,
                          transformer=transformer, lexer_callbacks=callbacks)
            if key:
                cache.store("grammar", key, _to_tables(parser), dumps=_tables_codec().dumps)
        _lark = parser, transformer
    return _lark


# What cannot be plain data in Lark's serialisation (our lexer class, the
# transformer, callbacks) is left out when storing and put back when loading.
_NOT_PLAIN = ("lexer", "transformer", "lexer_callbacks")


def _tables_codec():
    from reformlang.plain import Codec

    return Codec()


def _to_tables(lark) -> dict:
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    data, memo = lark.memo_serialize([TerminalDef, Rule])
    data["options"] = {k: v for k, v in data["options"].items() if k not in _NOT_PLAIN}
    data["parser"]["lexer_conf"] = {**data["parser"]["lexer_conf"], "lexer_type": None}
    return {"data": data, "memo": memo}


def _from_tables(tables: dict, transformer, callbacks: dict):
    from lark import Lark

    from reformlang.syntax.lexer import ReformLexer

    data = tables["data"]
    data["options"] = {**data["options"], "lexer": ReformLexer}
    data["parser"]["lexer_conf"]["lexer_type"] = ReformLexer
    return Lark._load_from_dict(data, tables["memo"], transformer=transformer, lexer_callbacks=callbacks)


def _lark_transformer():
    """A Lark Transformer that hands each rule to its `Builder` method, tokens as tuples."""
    from lark import Token, Transformer

    def adapt(name):
        def call(self, children):
            return getattr(self.builder, name)([(c.type, str(c), c.start_pos, c.end_pos) if isinstance(c, Token)
                                                else c for c in children])
        return call

    def comment(self, tok) -> None:
        self.comments.append((str(tok), tok.start_pos, tok.end_pos))

    methods = {n: adapt(n) for n in vars(Builder) if not n.startswith("_")}
    cls = type("LarkToAst", (Transformer,), {**methods, "comment": comment, "builder": None, "comments": None})
    return cls()


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
