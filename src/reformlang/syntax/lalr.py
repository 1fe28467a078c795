"""The fast path of the parser: one loop over the LALR(1) tables Lark builds from the grammar.

Lark's parser spends its time per token and per reduction in general
machinery (a Token object per token, a parser-state method call per token,
tree-builder wrappers per reduction). Here the tokenizer, the shift/reduce
loop and the reductions are one function: tokens are plain tuples, and each
rule reduces through a `Builder` method or, for Lark's `_`-rules (spliced
into their parent) and `?`-rules (replaced by their only child), through the
same splicing Lark's tree builder does.

The tables come from `_tables.py`, generated from grammar/reform.lark by
`python -m reformlang.syntax.lalr` (`make tables`) and checked against the
grammar at load: when the grammar has changed since, they are built from it
with Lark at run time instead. Loading them needs neither Lark nor the
grammar's analysis, which keeps `check` from importing Lark at all.

On any error the loop raises `SyntaxFailure` and the caller parses again with
Lark, whose exception says what was expected.
"""

from __future__ import annotations

import sys
from operator import itemgetter

from reformlang.syntax.tokens import FIRST, KEYWORDS, SPACED_TOKEN


class SyntaxFailure(Exception):
    """The text is not valid: parse it again with Lark for the error."""


def generate() -> dict:
    """The tables, from Lark's analysis of the grammar: plain data, ready to be written as a module."""
    from lark import Lark
    from lark.parsers.lalr_analysis import Shift

    from reformlang.resources import grammar_path

    grammar = grammar_path().read_text(encoding="utf-8")
    lark = Lark(grammar, parser="lalr", lexer="basic")
    table = lark.parser.parser.parser.parse_table
    rules = list(lark.rules)
    index = {rule: i for i, rule in enumerate(rules)}
    # Lark numbers states in set order (object ids, string hashes): renumber them breadth-first from the
    # start, symbols in sorted order, so that the same grammar always gives the same file.
    start, end = table.start_states["start"], table.end_states["start"]
    number = {start: 0}
    queue = [start]
    for state in queue:
        for _, (action, arg) in sorted(table.states[state].items()):
            if action is Shift and arg not in number:
                number[arg] = len(number)
                queue.append(arg)
    if end not in number:
        number[end] = len(number)
    actions: dict[int, dict[str, int]] = {}
    gotos: dict[int, dict[str, int]] = {}
    for state, row in sorted(table.states.items(), key=lambda item: number[item[0]]):
        for sym, (action, arg) in sorted(row.items()):
            if action is Shift and not _is_terminal(sym):
                gotos.setdefault(number[state], {})[str(sym)] = number[arg]
            else:  # a shift to a state (>= 0) or a reduction by rule i (~i)
                actions.setdefault(number[state], {})[str(sym)] = number[arg] if action is Shift else ~index[arg]
    return {
        "grammar": grammar,
        "start": 0,
        "end": number[end],
        # (rule or alias name, origin, symbols, expand1): what the tree builder needs of each rule
        "rules": [(str(r.alias or r.origin.name), str(r.origin.name), tuple(str(s.name) for s in r.expansion),
                   bool(r.options.expand1 and not r.alias)) for r in rules],
        "actions": actions,
        "gotos": gotos,
        "filtered": sorted({str(s.name) for r in rules for s in r.expansion if s.is_term and s.filter_out}),
    }


def _is_terminal(sym: str) -> bool:
    return sym == "$END" or sym.isupper()


_loaded: dict | None = None


def tables() -> dict:
    global _loaded
    if _loaded is None:
        from reformlang.resources import grammar_path

        grammar = grammar_path().read_text(encoding="utf-8")
        try:
            from reformlang.syntax import _tables

            data = _tables.TABLES if _tables.TABLES["grammar"] == grammar else None
        except ImportError:
            data = None
        _loaded = data if data is not None else generate()
    return _loaded


def _reducers(data: dict, builder) -> list:
    """Per rule: (number of symbols, origin, function from the popped values to the rule's value)."""
    filtered = set(data["filtered"])
    single = _single_valued(data["rules"], filtered)
    out = []
    for name, origin, symbols, expand1 in data["rules"]:
        keep = [(i, _is_spliced(s) and s not in single) for i, s in enumerate(symbols) if s not in filtered]
        spliced = any(e for _, e in keep)
        build = None if origin.startswith("_") else getattr(builder, name, None)
        if build is None and not origin.startswith("_") and not expand1:
            raise RuntimeError(f"the grammar's rule `{name}` has no Builder method")
        if origin in single or (expand1 and len(symbols) == 1 and not spliced):
            fn = None  # one child that stands for the rule as it is: the loop only changes the state
        elif not spliced and len(keep) == len(symbols):
            if build is None:
                fn = list  # a `_`-rule of plain children: the parent splices them
            else:
                fn = build if not expand1 else _expand1(build)
        elif build is None and keep == [(0, True)]:
            fn = itemgetter(0)  # a list rule's first item: the item's list
        elif build is None and keep == [(0, True), (1, True)]:
            fn = _extend  # a list rule's next items
        elif build is None and keep == [(0, True), (1, False)]:
            fn = _append  # a list rule's next item
        else:
            fn = _splicer(keep, build, expand1)
        out.append((len(symbols), origin, fn))
    return out


def _is_spliced(symbol: str) -> bool:
    return not _is_terminal(symbol) and symbol.startswith("_")


def _single_valued(rules: list, filtered: set) -> set:
    """The `_`-rules (spliced into their parent) that always give their parent exactly one value: every
    alternative keeps one symbol, and it is not spliced itself (`_item: use | block | link | attribute`).
    Such a rule's value is its child, not a list of one to splice."""
    alternatives: dict[str, list] = {}
    for _, origin, symbols, _ in rules:
        alternatives.setdefault(origin, []).append([s for s in symbols if s not in filtered])
    return {origin for origin, alts in alternatives.items()
            if _is_spliced(origin) and not origin.startswith("__")
            and all(len(kept) == 1 and not _is_spliced(kept[0]) for kept in alts)}


def _extend(s: list) -> list:
    out = s[0]  # reuse the left-recursive list, as Lark does: linear, not quadratic
    out.extend(s[1])
    return out


def _append(s: list) -> list:
    out = s[0]
    out.append(s[1])
    return out


def _expand1(build):
    return lambda c: c[0] if len(c) == 1 else build(c)


def _splicer(keep: list, build, expand1: bool):
    def reduce(s: list):
        out = None
        for i, splice in keep:
            if splice:
                if out is None:
                    out = s[i]  # reuse the left-recursive list, as Lark does: linear, not quadratic
                else:
                    out.extend(s[i])
            elif out is None:
                out = [s[i]]
            else:
                out.append(s[i])
        if out is None:
            out = []
        if build is None:
            return out
        if expand1 and len(out) == 1:
            return out[0]
        return build(out)
    return reduce


def _rows(data: dict, reducers: list) -> tuple[dict, dict]:
    """The tables as one dict per state, the state's row: terminal -> the row shifted to (a dict) or the
    reduction (a tuple from `reducers`); nonterminal -> the row gone to. Terminals are upper case and
    nonterminals lower case, so one dict holds both, and the parse loop follows rows without indexing."""
    rows = {state: {} for state in {*data["actions"], *data["gotos"], data["start"], data["end"]}}
    for state, row in data["actions"].items():
        for sym, act in row.items():
            rows[state][sym] = rows[act] if act >= 0 else reducers[~act]
    for state, row in data["gotos"].items():
        for sym, to in row.items():
            if sym in rows[state]:  # a nonterminal named like a terminal: the row cannot hold both
                raise RuntimeError(f"the grammar's symbol `{sym}` is both a terminal and a rule")
            rows[state][sym] = rows[to]
    return rows[data["start"]], rows[data["end"]]


def parse(text: str, builder) -> tuple:
    """Parse `text`, reducing through `builder`: (the start rule's value, comments as (text, start, end))."""
    data = tables()
    row, end_row = _rows(data, _reducers(data, builder))
    keywords, first = KEYWORDS, FIRST
    match = SPACED_TOKEN.match  # white space and the token after it, in one match
    comments: list = []
    rows: list = []  # the rows of the states below the top one (`row`)
    values: list = []
    pos = 0
    while True:
        # The next token (None at the end of the text).
        while True:
            m = match(text, pos)
            if m is None:
                raise SyntaxFailure
            value = m[1]
            if not value:
                kind, token = "$END", None
                break
            pos = m.end()
            start = pos - len(value)
            kind = first[value[0]]
            if kind == "NAME":
                if value in keywords:
                    keyword = keywords[value]
                    if keyword in row:  # a keyword only where the parser takes one
                        kind = keyword
            elif kind == "INT":
                if "." in value:
                    kind = "DECIMAL"
            elif kind == "COMMENT":
                comments.append((value, start, pos))
                continue
            token = (kind, value, start, pos)
            break
        # Reduce as far as the token allows, then shift it.
        while True:
            act = row.get(kind)
            if act is None:
                raise SyntaxFailure
            if act.__class__ is dict:  # a shift
                rows.append(row)
                row = act
                values.append(token)
                break
            n, origin, fn = act
            if n == 1:  # in place: the commonest reductions (an item, a value) pop one and push one
                if fn is not None:  # None: the only child stands for the rule, as it is
                    values[-1] = fn(values[-1:])
            elif n:
                popped = values[-n:]
                del values[-n:]
                del rows[1 - n:]
                values.append(fn(popped))
            else:
                values.append(fn([]))
                rows.append(row)
            row = rows[-1][origin]
            if token is None and row is end_row:
                return values[-1], comments


def write_module(path: str) -> None:
    """Write the generated tables as a Python module (compiled once to bytecode, loaded without Lark)."""
    import pprint

    body = pprint.pformat(generate(), width=110, sort_dicts=True)
    text = ('"""LALR(1) tables for grammar/reform.lark, generated by `python -m reformlang.syntax.lalr`: '
            'do not edit."""\n\n'
            f"TABLES = {body}\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    from pathlib import Path

    write_module(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).with_name("_tables.py")))
