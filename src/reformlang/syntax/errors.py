"""Turn Lark's parse failures into messages in the language of the spec.

Lark reports the token it did not expect and the terminals it would have
taken; here that becomes "expected `}` to close the `level` block opened on
line 12", with the block found by a small scan of the text before the error.
"""

from __future__ import annotations

import re

from lark.exceptions import UnexpectedCharacters, UnexpectedInput

from reformlang.diagnostics import Diagnostic, Severity
from reformlang.i18n import join, msg
from reformlang.source import SourceFile, Span

# What a policy designer calls each terminal.
TERMINALS = {
    "NAME": msg("a name"),
    "UPPER": msg("a currency code"),
    "STRING": msg('a "quoted string"'),
    "INT": msg("a number"),
    "DECIMAL": msg("a number"),
    "LBRACE": "`{`",
    "RBRACE": "`}`",
    "LSQB": "`[`",
    "RSQB": "`]`",
    "COLON": "`:`",
    "COMMA": "`,`",
    "PERCENT": "`%`",
    "DOTDOT": "`..`",
    "ARROW": "`->`",
    "IN": "`in`",
    "BY": "`by`",
    "USE": "`use`",
    "LINK": "`link`",
    "$END": msg("the end of the file"),
}

_SCAN = re.compile(r'"(?:[^"\\\n]|\\.)*"|#[^\n]*|[{}]|[a-z_][a-z0-9_]*|\n')


def open_blocks(text: str, upto: int) -> list[tuple[str, int]]:
    """The blocks still open at `upto`: (keyword, offset of the keyword), outermost first."""
    stack: list[tuple[str, int]] = []
    line_first: tuple[str, int] | None = None  # first word on the current line
    for m in _SCAN.finditer(text, 0, upto):
        tok = m.group()
        if tok == "\n":
            line_first = None
        elif tok == "{":
            stack.append(line_first or ("block", m.start()))
            line_first = None
        elif tok == "}":
            if stack:
                stack.pop()
            line_first = None
        elif tok[0] in "\"#":
            continue
        elif line_first is None:
            line_first = (tok, m.start())
    return stack


def _describe(tok_type: str, value: str) -> str:
    if tok_type == "$END":
        return TERMINALS["$END"]
    if tok_type in ("NAME", "UPPER", "INT", "DECIMAL"):
        return f"`{value}`"
    if tok_type == "STRING":
        shown = value if len(value) <= 30 else value[:27] + '…"'
        return msg("the string {shown}", shown=shown)
    return TERMINALS.get(tok_type, f"`{value}`")


def _expected(expected: set[str]) -> str:
    if "NAME" in expected:  # `use` and `link` are names to a reader; "a name" covers them
        expected = expected - {"USE", "LINK"}
    words = sorted({TERMINALS.get(e, e) for e in expected if not e.startswith("__")})
    if len(words) == 1:
        return words[0]
    return msg("{a} or {b}", a=join(words[:-1]), b=words[-1])


def _diag(code: str, message: str, span: Span, help_: str | None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, span, help_)


def describe_lex_error(source: SourceFile, exc: UnexpectedCharacters) -> Diagnostic:
    pos = exc.pos_in_stream
    text = source.text
    ch = text[pos] if pos < len(text) else ""
    span = Span(source, pos, min(pos + 1, len(text)))
    if ch == '"':
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        return _diag("E003", msg("this string is not closed before the end of the line"), Span(source, pos, end),
                     msg('close it with `"`; a string cannot span lines (write `\\n` for a line break)'))
    if ch == "'":
        return _diag("E001", msg("strings use double quotes"), span, msg("write \"...\" instead of '...'"))
    if ch.isalpha() and ch.isupper():
        m = re.match(r"[A-Za-z0-9_]+", text[pos:])
        word = m.group() if m else ch
        snake = _snake(word)
        return _diag("E002", _not_a_name(word), Span(source, pos, pos + len(word)), _snake_help(snake))
    if ch == "=":
        return _diag("E001", msg("unexpected `=`"), span, msg("attributes are written `key: value`"))
    if ch == "\ufffd":
        return _diag("E004", msg("this file is not valid UTF-8"), span, msg("save the file as UTF-8"))
    if ch and not ch.isprintable() and ch not in "\t\r\n":
        return _diag("E001", msg("unexpected control character U+{code:04X}", code=ord(ch)), span,
                     msg("remove it; a spec is plain UTF-8 text"))
    blocks = open_blocks(text, pos)
    shown = ch if ch.isprintable() else f"U+{ord(ch):04X}"
    allowed = _outside_list(set(getattr(exc, "allowed", None) or ()), text, pos)
    help_ = _expected_help(allowed) if allowed else None
    help_ = _CHARACTER_HELP.get(ch, help_)
    if ch == "-" and text[:pos].rstrip()[-1:].isdigit():
        help_ = msg("a span of years is written with `..`: `2026 .. 2031`")
    if blocks:
        message = msg("unexpected character `{char}` in the `{block}` block", char=shown, block=blocks[-1][0])
    else:
        message = msg("unexpected character `{char}`", char=shown)
    return _diag("E001", message, span, help_)


# Characters people bring from other notations, and what reformlang writes instead.
def _money_help(code: str) -> str:
    return msg("write money as an amount and its currency code: `25_000_000 {code}`", code=code)


_CHARACTER_HELP = {
    ";": msg("remove the `;`: an attribute ends at the end of its line"),
    "$": _money_help("CAD"),
    "€": _money_help("EUR"),
    "£": _money_help("GBP"),
    "-": msg("numbers cannot be negative, and names use `_`: `capacity_building`"),
}


def _not_a_name(word: str) -> str:
    return msg("`{word}` is not a valid name here", word=word)


def _snake_help(snake: str) -> str:
    return msg("names are lowercase snake_case (`{snake}`); put words people read in a \"Title\"", snake=snake)


def _expected_help(expected: set[str]) -> str:
    return msg("expected {what}", what=_expected(expected))


def describe_parse_error(source: SourceFile, exc: UnexpectedInput) -> Diagnostic:
    token = getattr(exc, "token", None)
    expected = set(getattr(exc, "expected", None) or getattr(exc, "accepts", None) or ())
    text = source.text
    if token is None or token.type == "$END":
        tok_type, value, pos, end = "$END", "", len(text), len(text)
    else:
        tok_type, value = token.type, str(token)
        pos = token.start_pos if token.start_pos is not None else len(text)
        end = token.end_pos if token.end_pos is not None else pos
    span = Span(source, pos, max(end, pos))
    blocks = open_blocks(text, pos)
    expected = _outside_list(expected, text, pos)

    def opened(b: tuple[str, int]) -> str:
        return msg("the `{block}` block opened on line {line}", block=b[0], line=source.position(b[1])[0])

    if tok_type == "$END":
        if blocks:
            inner = blocks[-1]
            return _diag("E002", msg("expected `}}` to close {block}", block=opened(inner)),
                         Span(source, len(text), len(text)),
                         _unclosed_help(text) or msg("add the missing `}}` (every `{{` needs one)"))
        return _diag("E002", msg("the file ends too early: expected {what}", what=_expected(expected)), span,
                     msg("finish the last line, or remove it"))
    got = _describe(tok_type, value)
    if blocks:  # inside a block the file cannot end, and `use` belongs at the top
        expected -= {"$END", "USE"}
    if tok_type == "COMMA" and text[:pos].rstrip()[-1:].isdigit() and text[end:end + 1].isdigit():
        return _diag("E002", msg("a `,` inside a number"), span, msg("group the digits with `_`: `25_000_000`"))
    if tok_type == "COMMA" and blocks and not _in_list(text, pos):
        return _diag("E002", msg("unexpected `,` in {block}", block=opened(blocks[-1])), span,
                     msg("attributes are separated by line breaks, not commas; lists are written `[a, b, c]`"))
    if tok_type == "RBRACE" and not blocks:
        return _diag("E002", msg("this `}}` closes nothing"), span,
                     msg("remove it, or add the block it was meant to close"))
    if tok_type == "UPPER":
        snake = _snake(value)
        if re.fullmatch(r"[A-Z]{3}", value) and not text[:pos].rstrip()[-1:].isdigit():
            return _diag("E002", msg("`{code}` looks like a currency, but no amount comes right before it", code=value),
                         span, msg("write the amount in digits, then the code: `25_000_000 {code}`", code=value))
        if expected & {"NAME", "STRING"}:
            return _diag("E002", _not_a_name(value), span, _snake_help(snake))
    if "COLON" in expected or (expected and expected <= {"NAME", "STRING", "LBRACE", "ARROW"}):
        # After a bare word: either an attribute missing its colon or a block missing its brace.
        prev = _previous_word(text, pos)
        to = re.search(r"[0-9]\s+(to)\s*$", text[:pos]) if prev == "to" else None
        if to:
            return _diag("E002", msg("a range is written with `..`, not `to`"), Span(source, to.start(1), to.end(1)),
                         msg("write `5 .. 20` for a size, `2026 .. 2031` for years"))
        pair = _two_words_before(text, pos) if tok_type == "RBRACE" else None
        if pair and "LBRACE" in expected:
            # `tier middle` then `}`: an attribute that lost its colon, not a block that lost its brace.
            key, value, at = pair
            return _diag("E002", msg("expected `:` after `{key}`", key=key), Span(source, at, at + len(key)),
                         msg("write `{key}: {value}`; a block would need braces: `{key} {value} {{ ... }}`",
                             key=key, value=value))
        if prev and "LBRACE" in expected:
            return _diag("E002", msg("expected `{{` or a \"Title\" after `{word}`, found {got}", word=prev, got=got),
                         span, msg("for an attribute write `key: value`; for a block, "
                                   "`keyword id \"Title\" {{ ... }}`"))
    if expected & {"INT", "DECIMAL", "STRING", "NAME", "LSQB"} and "COLON" not in expected and _after_colon(text, pos):
        return _diag("E002", msg("expected a value after `:`, found {got}", got=got), span,
                     msg("give the attribute a value, e.g. `tier: middle`, `units: 72` or `baseline: 54% in 2026`"))
    if "RSQB" in expected and tok_type == "RBRACE":
        return _diag("E002", msg("expected `]` to close the list, found `}}`"), span,
                     msg("close the list with `]`: `[a, b, c]`"))
    if "RSQB" in expected and "COMMA" in expected:
        return _diag("E002", msg("expected `,` or `]` in the list, found {got}", got=got), span,
                     msg("separate list items with commas: `[a, b, c]`"))
    if tok_type == "LSQB":
        return _diag("E002", msg("lists cannot hold lists"), span, msg("write one flat list: `[a, b, c]`"))
    if blocks and expected and "RBRACE" in expected:
        return _diag("E002", msg("{unexpected} in {block}", unexpected=_unexpected(got), block=opened(blocks[-1])),
                     span, msg("expected {what}; blocks hold `key: value` attributes and other blocks",
                               what=_expected(expected)))
    return _diag("E002", _unexpected(got), span, _expected_help(expected) if expected else None)


def _unexpected(got: str) -> str:
    return msg("did not expect {got}", got=got) if got.startswith("the ") else msg("unexpected {got}", got=got)


_BRACKETS = re.compile(r'"(?:[^"\\\n]|\\.)*"|#[^\n]*|[\[\]{}]')


def _outside_list(expected: set[str], text: str, pos: int) -> set[str]:
    """Drop `,` and `]` from what Lark would accept unless `pos` is inside a `[...]` list.

    LALR merges states, so after any value Lark offers list punctuation even
    where no list is open; naming it would send the reader looking for a list.
    """
    return expected if _in_list(text, pos) else expected - {"COMMA", "RSQB"}


def _in_list(text: str, pos: int) -> bool:
    depth = 0
    for m in _BRACKETS.finditer(text, 0, pos):
        tok = m.group()
        if tok == "[":
            depth += 1
        elif tok == "]":
            depth = max(0, depth - 1)
        elif tok in "{}":
            depth = 0
    return depth > 0


def _two_words_before(text: str, pos: int) -> tuple[str, str, int] | None:
    """`key value` alone on the last line before `pos`, with the offset of `key`."""
    before = text[:pos].rstrip()
    start = before.rfind("\n") + 1
    line = before[start:]
    m = re.fullmatch(r"(\s*)([a-z_][a-z0-9_]*)\s+([a-z_][a-z0-9_]*)\s*", line.split("#")[0])
    if not m:
        return None
    return m.group(2), m.group(3), start + len(m.group(1))


def _unclosed_help(text: str) -> str | None:
    """Name the block that most likely lost its `}`, judging by indentation.

    Braces alone only say that the outermost block is open at the end of the
    file; the block whose `}` is missing is the first one closed by a `}`
    indented less than its keyword.
    """
    stack: list[tuple[str, int, int]] = []  # keyword, line number, indent
    for number, line in enumerate(text.split("\n"), start=1):
        code = re.sub(r'"(?:[^"\\]|\\.)*"|#.*', "", line)
        indent = len(line) - len(line.lstrip(" \t"))
        first_word = re.match(r"\s*([a-z_][a-z0-9_]*)", code)
        for ch in re.findall(r"[{}]", code):
            if ch == "{":
                stack.append((first_word.group(1) if first_word else "block", number, indent))
            elif stack:
                keyword, opened, open_indent = stack.pop()
                if code.strip().startswith("}") and indent < open_indent:
                    after = _first_line_at_or_left_of(text, opened, open_indent)
                    if after:
                        return msg("the `{block}` block opened on line {line} looks unclosed: add its `}}` before "
                                   "line {after} (every `{{` needs one)", block=keyword, line=opened, after=after)
                    return msg("the `{block}` block opened on line {line} looks unclosed: add its `}}` "
                               "(every `{{` needs one)", block=keyword, line=opened)
    return None


def _first_line_at_or_left_of(text: str, after_line: int, indent: int) -> int | None:
    for number, line in enumerate(text.split("\n")[after_line:], start=after_line + 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and len(line) - len(line.lstrip(" \t")) <= indent:
            return number
    return None


def _snake(word: str) -> str:
    """`GradeSix` -> `grade_six`, `CAD` -> `cad`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", word).lower()


def _previous_word(text: str, pos: int) -> str | None:
    m = re.search(r"([a-z_][a-z0-9_]*(?:\s+[a-z_][a-z0-9_]*)?)\s*$", text[max(0, pos - 200):pos])
    return m.group(1).split()[-1] if m else None


def _after_colon(text: str, pos: int) -> bool:
    return text[:pos].rstrip().endswith(":")
