"""One open file as the language server sees it: its analysis, and answers about a place in it.

`analyse` compiles and lints the text exactly as `reformlang check` would
(driver.compile_source, then lint.report.Linter with the configuration found
for the file's path), and indexes the syntax tree: every block's declaration,
every reference to an id, every vocabulary word. While the text does not
parse, the last good index is kept for hover, completion and definition.

What the cursor sits in is read from the tokens before it, not from the
tree, so completion works on a half-typed line that does not parse yet.
Everything here works in character offsets; the server turns them into LSP
positions. Nothing here imports pygls.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs

from reformlang.diagnostics import Diagnostic, Severity
from reformlang.records import record
from reformlang.semantics import model
from reformlang.semantics.schema import BLOCKS, LIBRARY, TOP_LEVEL, BlockSpec
from reformlang.semantics.values import AnyOf, Attr, Identifier, Ref, StudentsKind, Word
from reformlang.source import SourceFile, Span
from reformlang.syntax import ast
from reformlang.syntax.tokens import PUNCTUATION, TOKEN

ALL_BLOCKS: dict[str, BlockSpec] = {**BLOCKS, **LIBRARY}
NAME = re.compile(r"[a-z_][a-z0-9_]*")
_IGNORE = re.compile(r"#\s*reformlang\s*:\s*ignore\s*\[(?P<names>[^\]]*)\]?", re.IGNORECASE)
_CODE = re.compile(r"[A-Z]{1,3}\d{3}")


# ------------------------------------------------------------------ the index
@record
class Decl:
    """A block that declares an id (a level, a priority, a word of a vocabulary, ...)."""

    keyword: str
    id: str
    title: str | None
    name: Span  # the id as written
    block: ast.Block | None  # None for a header written since the last version that parsed
    scope: int  # which top-level block (initiative or vocabulary) holds it, by position
    vocabulary: str | None = None  # for a word: its vocabulary


@record
class Use:
    """A place an id or a word is used: a reference to a declaration, or a vocabulary word."""

    span: Span
    name: str
    scope: int
    target: str | None = None  # the kind of id it names (level, indicator, ...), when a reference
    vocabulary: str | None = None  # the vocabulary, when a word


@attrs.define
class Index:
    tree: ast.File
    decls: list[Decl] = attrs.field(factory=list)
    uses: list[Use] = attrs.field(factory=list)
    use_lines: list[ast.Use] = attrs.field(factory=list)

    def decl(self, kind: str, name: str, scope: int) -> Decl | None:
        for d in self.decls:
            if d.id == name and d.scope == scope and (d.keyword == kind or ALL_BLOCKS[d.keyword].symbol == kind):
                return d
        return None

    def word_decl(self, vocabulary: str, name: str) -> Decl | None:
        return next((d for d in self.decls if d.keyword == "word" and d.vocabulary == vocabulary and d.id == name),
                    None)

    def ids_of(self, kind: str, scope: int | None = None) -> list[Decl]:
        return [d for d in self.decls if ALL_BLOCKS[d.keyword].symbol == kind and (scope is None or d.scope == scope)]


def _kinds(attr: Attr) -> tuple:
    k = attr.kind
    return k.kinds if isinstance(k, AnyOf) else (k,)


def build_index(tree: ast.File) -> Index:
    index = Index(tree)
    index.use_lines = list(tree.uses)
    for n, item in enumerate(tree.items):
        if isinstance(item, ast.Block):
            _declare(index, item, n, None)
    declared = {(d.scope, ALL_BLOCKS[d.keyword].symbol, d.id) for d in index.decls}
    for n, item in enumerate(tree.items):
        if isinstance(item, ast.Block):
            _refer(index, item, n, declared, None)
    return index


def _declare(index: Index, block: ast.Block, scope: int, vocabulary: str | None) -> None:
    spec = ALL_BLOCKS.get(block.keyword.text)
    if spec is None:
        return
    if block.id is not None and (spec.symbol or spec.keyword == "word"):
        index.decls.append(Decl(spec.keyword, block.id.text, block.title.value if block.title else None,
                                block.id.span, block, scope, vocabulary))
    inner = block.id.text if spec.keyword == "vocabulary" and block.id else vocabulary
    for child in block.blocks():
        _declare(index, child, scope, inner)


def _refer(index: Index, block: ast.Block, scope: int, declared: set, vocabulary: str | None) -> None:
    spec = ALL_BLOCKS.get(block.keyword.text)
    if spec is None:
        return
    for item in block.items:
        if isinstance(item, ast.Block):
            inner = block.id.text if spec.keyword == "vocabulary" and block.id else vocabulary
            _refer(index, item, scope, declared, inner)
        elif isinstance(item, ast.Link):
            for end in (item.source, item.target):
                index.uses.append(Use(end.span, end.text, scope, target="level"))
            for kind in item.kinds:
                index.uses.append(Use(kind.span, kind.text, scope, vocabulary=BLOCKS["link"].words))
        elif isinstance(item, ast.Attribute):
            attr = spec.attributes.get(item.key.text)
            if attr is None:
                continue
            values = item.value.items if isinstance(item.value, ast.ListValue) else (item.value,)
            for v in values:
                if not isinstance(v, ast.Ref):
                    continue
                use = _classify(attr, v, scope, declared, vocabulary)
                if use is not None:
                    index.uses.append(use)


def _classify(attr: Attr, v: ast.Ref, scope: int, declared: set, vocabulary: str | None) -> Use | None:
    for k in _kinds(attr):
        if isinstance(k, Ref) and (scope, k.target, v.name) in declared:
            return Use(v.span, v.name, scope, target=k.target)
        if isinstance(k, Word) and k.vocabulary != "group":
            return Use(v.span, v.name, scope, vocabulary=k.vocabulary)
        if isinstance(k, Identifier) and vocabulary is not None:  # a word's `like`
            return Use(v.span, v.name, scope, vocabulary=vocabulary)
    for k in _kinds(attr):  # a reference that does not resolve is still a reference (for rename, outline)
        if isinstance(k, Ref):
            return Use(v.span, v.name, scope, target=k.target)
    return None


# ------------------------------------------------------------------ the analysis
@attrs.define
class Analysis:
    """What one version of a file compiles to. Its index (for hover, completion, ...) is built when first
    asked for, off the path of diagnostics; while the text does not parse, it is the last good version's."""

    source: SourceFile
    diagnostics: tuple[Diagnostic, ...]
    spec: model.Spec | None
    parsed: bool  # False: the text does not parse; index and library are those of `good`
    good: Analysis | None = None  # the last version that parsed, when this one does not
    _index: Index | None = None
    lang: str = "en"  # the language of the messages shown (the configuration's `lang`)

    @property
    def index(self) -> Index | None:
        if not self.parsed:
            return self.good.index if self.good else None
        if self._index is None:
            from reformlang.diagnostics import Sink
            from reformlang.syntax.parser import parse

            tree = parse(self.source, Sink())
            self._index = build_index(tree) if tree is not None else Index(ast.File((), (), self.source.span(0, 0)))
        return self._index

    @property
    def library(self) -> model.Library | None:
        if not self.parsed:
            return self.good.library if self.good else None
        return self.spec.library if self.spec else None

    @property
    def used_files(self) -> dict[str, Path]:
        """`use "./x"` targets as written -> the file."""
        index = self.index
        base = Path(self.source.path).parent
        return {u.target.value: (base / u.target.value).resolve() for u in (index.use_lines if index else ())
                if isinstance(u.target, ast.String)}


def analyse(path: str, text: str, previous: Analysis | None = None) -> Analysis:
    """Compile and lint `text` as the file at `path`, as `reformlang check path` would report it."""
    from reformlang.driver import compile_source, forget_project_files
    from reformlang.errors import UserError
    from reformlang.lint.report import Linter
    from reformlang.project import project_root

    source = SourceFile(path, text)
    file = Path(path)
    forget_project_files()  # a library file the editor saved since is read again
    comp = compile_source(source, base=file.parent, root=project_root(file))
    diagnostics: list[Diagnostic] = list(comp.diagnostics)
    lang = "en"
    if comp.spec is not None:
        try:
            linter = Linter()
            report, _ = linter.lint([(path, comp, None)])
            diagnostics = list(report.findings)
            lang = linter.finder.for_path(path).lang  # `lang` in the configuration: the editor's messages too
        except UserError as exc:  # a broken configuration: say so on the file, keep the language errors
            diagnostics.append(Diagnostic("E900", Severity.ERROR, f"configuration: {exc}", source.span(0, 0),
                                          exc.help))
            diagnostics.extend(exc.diagnostics)
        return Analysis(source, tuple(diagnostics), comp.spec, True, lang=lang)
    good = previous if previous is None or previous.parsed else previous.good
    return Analysis(source, tuple(diagnostics), None, False, good, lang=good.lang if good else "en")


# ------------------------------------------------------------------ tokens
@record
class Token:
    kind: str  # NAME, UPPER, STRING, INT, DECIMAL, COMMENT, DOTDOT, ARROW, or the punctuation itself
    text: str
    start: int
    end: int


_PUNCTUATION_KINDS = frozenset(PUNCTUATION.values())


def tokens(text: str) -> Iterator[Token]:
    """The file's tokens, by the language's own token pattern; a character it does not use is skipped."""
    pos, end = 0, len(text)
    match = TOKEN.match
    while pos < end:
        m = match(text, pos)
        if m is None:
            pos += 1
            continue
        kind = m.lastgroup or ""
        if kind != "WS":
            yield Token(m.group() if kind in _PUNCTUATION_KINDS else kind, m.group(), pos, m.end())
        pos = m.end()


def block_path(text: str, offset: int) -> list[tuple[str, str | None]]:
    """The blocks around `offset`, outermost first: (keyword, id). Read from the tokens, so it works on
    text that does not parse; a block header is `keyword [id] ["Title"] {` on one line."""
    stack: list[tuple[str, str | None]] = []
    line: list[Token] = []
    for tok in tokens(text[:offset]):
        if tok.kind == "{":
            names = [t for t in line if t.kind == "NAME"]
            if names:
                stack.append((names[0].text, names[1].text if len(names) > 1 and names[0].text != "link" else None))
            else:
                stack.append(("?", None))
            line = []
        elif tok.kind == "}":
            if stack:
                stack.pop()
            line = []
        elif tok.kind != "COMMENT":
            if line and text.count("\n", line[-1].end, tok.start):
                line = []
            line.append(tok)
    return stack


def token_at(text: str, offset: int) -> Token | None:
    """The token under the cursor, or the one just before it (the cursor at the end of a word)."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end == -1 else line_end
    for tok in tokens(text[line_start:line_end]):
        if tok.start <= offset - line_start <= tok.end:
            return Token(tok.kind, tok.text, tok.start + line_start, tok.end + line_start)
    return None


def word_in_comment(comment: Token, offset: int) -> tuple[str, int, int] | None:
    """The rule code or principle id (`LM003`, `lftm.buy_in`) under the cursor in a comment."""
    for m in re.finditer(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?", comment.text):
        if comment.start + m.start() <= offset <= comment.start + m.end():
            return m.group(), comment.start + m.start(), comment.start + m.end()
    return None


# ------------------------------------------------------------------ what is where
@record
class Found:
    """What stands at a place: a keyword, an attribute key, a word, a reference, a declaration, ..."""

    what: str  # "block", "attribute", "word", "ref", "decl", "use", "code", "framework"
    name: str
    start: int
    end: int
    block: str | None = None  # the block keyword around it
    target: str | None = None
    vocabulary: str | None = None
    decl: Decl | None = None


def find(analysis: Analysis, offset: int) -> Found | None:
    text = analysis.source.text
    tok = token_at(text, offset)
    if tok is None:
        return None
    if tok.kind == "COMMENT":
        hit = word_in_comment(tok, offset)
        if hit is not None and (_CODE.fullmatch(hit[0]) or "." in hit[0]):
            return Found("code", *hit)
        return None
    index = analysis.index
    if index is not None:
        for d in index.decls:
            if d.name.start <= offset <= d.name.end and d.name.text == d.id and tok.text == d.id:
                return Found("decl", d.id, d.name.start, d.name.end, d.keyword, decl=d)
        for u in index.uses:
            if u.span.start <= offset <= u.span.end and tok.text == u.name:
                return Found("ref" if u.target else "word", u.name, u.span.start, u.span.end, target=u.target,
                             vocabulary=u.vocabulary)
        for u in index.use_lines:
            if u.target.span.start <= offset <= u.target.span.end:
                if isinstance(u.target, ast.Name):
                    return Found("framework", u.target.text, u.target.span.start, u.target.span.end)
                return Found("use", u.target.value, u.target.span.start, u.target.span.end)
    if tok.kind != "NAME":
        return None
    path = block_path(text, tok.start)
    rest = text[tok.end:text.find("\n", tok.end) if "\n" in text[tok.end:] else len(text)]
    if rest.lstrip().startswith(":"):
        return Found("attribute", tok.text, tok.start, tok.end, block=path[-1][0] if path else None)
    before = text[text.rfind("\n", 0, tok.start) + 1:tok.start]
    if not before.strip() and tok.text in ALL_BLOCKS:
        return Found("block", tok.text, tok.start, tok.end)
    if before.strip() == "use":
        return Found("framework", tok.text, tok.start, tok.end)
    # A value written after `key:` (a word the index could not place: the text does not parse).
    m = re.match(r"\s*([a-z_][a-z0-9_]*)\s*:", before)
    if m and path:
        spec = ALL_BLOCKS.get(path[-1][0])
        attr = spec.attributes.get(m.group(1)) if spec else None
        if attr is not None:
            for k in _kinds(attr):
                if isinstance(k, Word):
                    return Found("word", tok.text, tok.start, tok.end, vocabulary=k.vocabulary)
                if isinstance(k, Ref):
                    return Found("ref", tok.text, tok.start, tok.end, target=k.target)
    return None


def scope_at(index: Index, offset: int) -> int | None:
    for n, item in enumerate(index.tree.items):
        if item.span.start <= offset <= item.span.end:
            return n
    return None


def scope_of_block(index: Index, keyword: str, block_id: str | None, offset: int) -> int | None:
    """The scope at `offset` (the last good tree's block positions may have moved: match by id too)."""
    s = scope_at(index, offset)
    if s is not None:
        return s
    for n, item in enumerate(index.tree.items):
        if isinstance(item, ast.Block) and item.keyword.text == keyword and item.id and item.id.text == block_id:
            return n
    return 0 if index.tree.items else None


def definition(analysis: Analysis, offset: int) -> tuple[str, Span | None] | None:
    """Where the thing at `offset` is declared: (file path, span), span None for a whole file."""
    found = find(analysis, offset)
    if found is None or analysis.index is None:
        return None
    index = analysis.index
    if found.what == "decl":
        return analysis.source.path, found.decl.name
    if found.what == "ref":
        d = _ref_decl(analysis, found, offset)
        return (analysis.source.path, d.name) if d else None
    if found.what == "use":
        target = analysis.used_files.get(found.name)
        return (str(target), None) if target and target.is_file() else None
    if found.what == "framework":
        from reformlang.resources import stdlib_dir

        path = stdlib_dir() / f"{found.name}.reform"
        return (str(path), None) if path.is_file() else None
    if found.what == "word":
        d = index.word_decl(found.vocabulary, found.name)
        if d is not None:
            return analysis.source.path, d.name
        w = analysis.library.word(found.vocabulary, found.name) if analysis.library else None
        if w is not None and w.header is not None:
            return library_path(w.header.source.path), _id_span(w.header, found.name)
    return None


def _ref_decl(analysis: Analysis, found: Found, offset: int) -> Decl | None:
    index = analysis.index
    path = block_path(analysis.source.text, offset)
    scope = scope_of_block(index, path[0][0], path[0][1], offset) if path else scope_at(index, offset)
    return index.decl(found.target, found.name, scope) if scope is not None else None


def library_path(display: str) -> str:
    """The file a span of a library file points into (the stdlib's are shown as `<stdlib>/name`)."""
    from reformlang.resources import stdlib_dir

    if display.startswith("<stdlib>/"):
        return str(stdlib_dir() / display.removeprefix("<stdlib>/"))
    return str(Path(display).resolve())


def _id_span(header: Span, name: str) -> Span:
    m = re.search(rf"\b{re.escape(name)}\b", header.text)
    return header.source.span(header.start + m.start(), header.start + m.end()) if m else header


def references(analysis: Analysis, offset: int, include_declaration: bool = True) -> list[tuple[str, Span]]:
    """Every place in this file that names the same id or word as the place at `offset`."""
    found = find(analysis, offset)
    if found is None or analysis.index is None:
        return []
    index = analysis.index
    path = analysis.source.path
    if found.what in ("decl", "ref"):
        decl = found.decl if found.what == "decl" else _ref_decl(analysis, found, offset)
        if decl is None:
            return []
        if decl.keyword == "word":
            return _word_places(index, path, decl.vocabulary, decl.id, include_declaration)
        kind = ALL_BLOCKS[decl.keyword].symbol
        out = [(path, decl.name)] if include_declaration else []
        out += [(path, u.span) for u in index.uses if u.target == kind and u.name == decl.id and u.scope == decl.scope]
        return out
    if found.what == "word":
        return _word_places(index, path, found.vocabulary, found.name, include_declaration)
    if found.what in ("use", "framework"):
        return [(path, u.target.span) for u in index.use_lines
                if (u.target.value if isinstance(u.target, ast.String) else u.target.text) == found.name]
    return []


def _word_places(index: Index, path: str, vocabulary: str, name: str, include_declaration: bool):
    out = []
    d = index.word_decl(vocabulary, name)
    if d is not None and include_declaration:
        out.append((path, d.name))
    out += [(path, u.span) for u in index.uses if u.vocabulary == vocabulary and u.name == name]
    return out


def rename(analysis: Analysis, offset: int, new: str) -> dict[str, list[tuple[Span, str]]] | str:
    """The edits that rename the id or word at `offset`, by file; or why it cannot be renamed.

    An id of the spec is renamed where it is declared and wherever it is used. A word declared in a
    library file this spec `use`s is renamed there (with the `like`s that name it) and in this spec.
    The standard library is never edited.
    """
    if not NAME.fullmatch(new):
        return f"`{new}` is not a name: use lower case letters, digits and `_`, starting with a letter"
    found = find(analysis, offset)
    if found is None or found.what not in ("decl", "ref", "word") or analysis.index is None:
        return "put the cursor on an id or a vocabulary word to rename it"
    places = references(analysis, offset, include_declaration=True)
    edits: dict[str, list[tuple[Span, str]]] = {}
    for path, span in places:
        edits.setdefault(path, []).append((span, new))
    vocabulary = found.vocabulary or (found.decl.vocabulary if found.decl else None)
    if vocabulary and (found.what == "word" or (found.decl and found.decl.keyword == "word")):
        d = analysis.index.word_decl(vocabulary, found.name)
        if d is None:
            w = analysis.library.word(vocabulary, found.name) if analysis.library else None
            if w is None or w.header is None:
                return f"`{found.name}` is not declared where it can be renamed"
            file = library_path(w.header.source.path)
            if w.core:
                return f"`{found.name}` is a word of the standard library, which cannot be renamed"
            lib = _library_index(file)
            if lib is None:
                return f"{file} does not parse: fix it before renaming"
            edits[file] = [(s, new) for _, s in _word_places(lib, file, vocabulary, found.name, True)]
    if not edits:
        return "nothing to rename here"
    return edits


def _library_index(path: str) -> Index | None:
    from reformlang.diagnostics import Sink
    from reformlang.files import read_source
    from reformlang.source import decode_source
    from reformlang.syntax.parser import parse

    source, bad = decode_source(read_source(Path(path)), path)
    tree = parse(source, Sink()) if bad is None else None
    return build_index(tree) if tree is not None else None


# ------------------------------------------------------------------ hover
def hover(analysis: Analysis, offset: int, explain: Callable[[str], str | None]) -> tuple[str, int, int] | None:
    """Markdown for what stands at `offset`, and the range it covers."""
    found = find(analysis, offset)
    if found is None:
        return None
    span = (found.start, found.end)
    if found.what == "code":
        text = explain(found.name)
        return (f"```text\n{text.rstrip()}\n```", *span) if text else None
    if found.what == "block":
        spec = ALL_BLOCKS[found.name]
        return (f"**`{spec.keyword}`** block: `{spec.header}`\n\n{spec.about}", *span)
    if found.what == "attribute":
        spec = ALL_BLOCKS.get(found.block or "")
        attr = spec.attributes.get(found.name) if spec else None
        if attr is None:
            return None
        required = " (required)" if attr.required else ""
        return (f"**`{found.name}`** of `{spec.keyword}`: {attr.noun}{required}\n\n{attr.about}\n\n"
                f"e.g. `{found.name}: {attr.example}`", *span)
    if found.what == "word":
        return (_word_hover(analysis, found.vocabulary, found.name), *span) if found.vocabulary else None
    if found.what == "framework":
        fw = analysis.library.frameworks.get(found.name) if analysis.library else None
        text = explain(found.name) if fw is None else None
        if fw is not None:
            text = f"**{fw.id}**: {fw.title or ''}\n\n{fw.about or ''}\n\nsource: {fw.source or 'not named'}"
        elif text:
            text = f"```text\n{text.rstrip()}\n```"
        return (text, *span) if text else None
    if found.what == "use":
        target = analysis.used_files.get(found.name)
        return (f"library file `{target}`", *span) if target else None
    decl = found.decl if found.what == "decl" else _ref_decl(analysis, found, offset)
    if decl is None:
        return (f"no {found.target} named `{found.name}` here", *span) if found.target else None
    if decl.keyword == "word":
        return _word_hover(analysis, decl.vocabulary, decl.id), *span
    if decl.block is None:
        return None
    line = decl.block.header.start_position[0]
    title = f' "{decl.title}"' if decl.title else ""
    facts = []
    for a in decl.block.attributes():
        facts.append(f"- `{a.key.text}: {a.value.span.text if a.value.span else ''}`")
    body = "\n".join(facts[:8])
    return (f"**`{decl.keyword} {decl.id}`**{title} (line {line})\n\n{ALL_BLOCKS[decl.keyword].about}"
            + (f"\n\n{body}" if body else ""), *span)


def _word_hover(analysis: Analysis, vocabulary: str, name: str) -> str:
    lib = analysis.library
    w = lib.word(vocabulary, name) if lib else None
    if w is None:
        return f"`{name}`: not a word of the `{vocabulary}` vocabulary"
    lines = [f"**`{name}`** ({vocabulary.replace('_', ' ')}){': ' + w.title if w.title else ''}"]
    if w.about:
        lines += ["", w.about]
    meaning = lib.meaning(vocabulary, name)
    if not w.core:
        lines += ["", f"means to the checker: `{meaning}`" if meaning else "has no stated meaning for the checker"]
    if w.header is not None:
        lines += ["", f"declared in `{w.header.source.path}`"]
    return "\n".join(lines)


# ------------------------------------------------------------------ completion
@record
class Item:
    label: str
    kind: str  # "block", "attribute", "word", "id", "framework", "code"
    detail: str = ""
    doc: str = ""
    insert: str | None = None


def complete(analysis: Analysis, offset: int, rules: list, frameworks: list[str],
             library: model.Library) -> list[Item]:
    text = analysis.source.text
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    hash_at = _comment_start(before)
    if hash_at is not None:
        m = _IGNORE.search(before[hash_at:])
        if m and "]" not in before[hash_at + m.end("names"):]:
            return _codes(rules)
        return []
    if re.fullmatch(r"\s*use\s+[a-z_0-9]*", before):
        return [Item(f, "framework", "framework of the standard library") for f in frameworks]
    path = block_path(text, offset)
    block = path[-1][0] if path else None
    if block == "link":
        return _words(library, BLOCKS["link"].words or "")
    m = re.fullmatch(r"\s*([a-z_][a-z0-9_]*)\s*:\s*(?:\[\s*)?(?:[^\[\]]*,\s*)?[a-z_0-9]*", before)
    if m:
        spec = ALL_BLOCKS.get(block or "")
        attr = spec.attributes.get(m.group(1)) if spec else None
        return _values(analysis, attr, path, offset, library) if attr else []
    if re.fullmatch(r"\s*[a-z_]*", before):
        return _keys(block, path)
    return []


def _comment_start(line: str) -> int | None:
    in_string = False
    i = 0
    while i < len(line):
        c = line[i]
        if c == "\\" and in_string:
            i += 2
            continue
        if c == '"':
            in_string = not in_string
        elif c == "#" and not in_string:
            return i
        i += 1
    return None


def _codes(rules: list) -> list[Item]:
    out = [Item(r.code, "code", f"{r.name} ({r.principle})", r.summary) for r in rules]
    seen = set()
    for r in rules:
        if r.principle not in seen:
            seen.add(r.principle)
            out.append(Item(r.principle, "code", "principle"))
    return out


def _words(library: model.Library, vocabulary: str) -> list[Item]:
    v = library.vocabularies.get(vocabulary)
    if v is None:
        return []
    return [Item(w.id, "word", f"{vocabulary.replace('_', ' ')}{': ' + w.title if w.title else ''}", w.about or "")
            for w in v.words]


def _values(analysis: Analysis, attr: Attr, path, offset: int, library: model.Library) -> list[Item]:
    out: list[Item] = []
    for k in _kinds(attr):
        if isinstance(k, Word):
            out += _words(library, k.vocabulary)
        elif isinstance(k, Ref):
            out += [Item(d.id, "id", f"{d.keyword}{': ' + d.title if d.title else ''}")
                    for d in _ids_in_scope(analysis, k.target, path, offset)]
        elif isinstance(k, StudentsKind):
            out.append(Item("all", "word", "all students"))
            out += _words(library, "group")
        elif isinstance(k, Identifier) and len(path) >= 2 and path[-2][0] == "vocabulary" and path[-2][1]:
            out += _words(library, path[-2][1])
    return list({i.label: i for i in out}.values())


def _ids_in_scope(analysis: Analysis, kind: str, path, offset: int) -> list[Decl]:
    """Ids of a kind declared in the initiative around the cursor: from the text as it is now when it
    parses, else from the last good version plus the headers written since."""
    index = analysis.index
    found: dict[str, Decl] = {}
    if index is not None:
        scope = scope_of_block(index, path[0][0], path[0][1], offset) if path else None
        for d in index.ids_of(kind, scope):
            found[d.id] = d
    keyword = next((b.keyword for b in ALL_BLOCKS.values() if b.symbol == kind), kind)
    for m in re.finditer(rf"^\s*{keyword}\s+([a-z_][a-z0-9_]*)(?:\s+\"((?:[^\"\\\n]|\\.)*)\")?",
                         analysis.source.text, re.M):
        if m.group(1) not in found:
            found[m.group(1)] = Decl(keyword, m.group(1), m.group(2), analysis.source.span(m.start(1), m.end(1)),
                                     None, -1)
    return sorted(found.values(), key=lambda d: d.id)


def _keys(block: str | None, path) -> list[Item]:
    if block is None:
        return [Item(kw, "block", ALL_BLOCKS[kw].header, ALL_BLOCKS[kw].about) for kw in TOP_LEVEL] + \
            [Item("use", "block", "use framework", "commit the spec to a framework of the standard library")]
    spec = ALL_BLOCKS.get(block)
    if spec is None:
        return []
    out = [Item(key, "attribute", a.noun, a.about, f"{key}: ") for key, a in spec.attributes.items()]
    out += [Item(kw, "block", ALL_BLOCKS[kw].header, ALL_BLOCKS[kw].about) for kw in spec.children]
    return out


# ------------------------------------------------------------------ outline, folding, tokens
@record
class Symbol:
    keyword: str
    name: str
    detail: str
    span: Span
    selection: Span
    children: tuple[Symbol, ...] = ()


def outline(tree: ast.File) -> list[Symbol]:
    return [s for item in tree.items if isinstance(item, (ast.Block, ast.Link)) for s in [_symbol(item)]]


def _symbol(item) -> Symbol:
    if isinstance(item, ast.Link):
        name = f"{item.source.text} {item.arrow} {item.target.text}"
        return Symbol("link", name, ", ".join(k.text for k in item.kinds), item.span, item.source.span)
    name = item.id.text if item.id else item.keyword.text
    children = tuple(_symbol(i) for i in item.items if isinstance(i, (ast.Block, ast.Link)))
    sel = item.id.span if item.id else item.keyword.span
    return Symbol(item.keyword.text, name, item.title.value if item.title else item.keyword.text, item.span, sel,
                  children)


def folding(text: str, tree: ast.File | None) -> list[tuple[int, int, str]]:
    """(first line, last line, kind) of each block over several lines and each run of comment lines; 0-based."""
    src = SourceFile("", text)
    out: list[tuple[int, int, str]] = []
    if tree is not None:
        stack = [i for i in tree.items if isinstance(i, ast.Block)]
        while stack:
            b = stack.pop()
            first, last = src.position(b.span.start)[0] - 1, src.position(b.span.end)[0] - 1
            if last > first:
                out.append((first, last, "region"))
            stack.extend(b.blocks())
    run: list[int] = []
    for n, line in enumerate(text.split("\n")):
        if line.lstrip().startswith("#"):
            run.append(n)
            continue
        if len(run) > 1:
            out.append((run[0], run[-1], "comment"))
        run = []
    if len(run) > 1:
        out.append((run[0], run[-1], "comment"))
    return sorted(out)


TOKEN_TYPES = ["keyword", "property", "variable", "enumMember", "string", "number", "comment", "operator", "type"]
TOKEN_MODIFIERS = ["declaration"]


def semantic_tokens(analysis: Analysis) -> list[tuple[int, int, str, int]]:
    """(start, end, type, modifiers bit set) for every token, in order."""
    text = analysis.source.text
    index = analysis.index if analysis.parsed else None
    decls = {d.name.start for d in index.decls} if index else set()
    words = {u.span.start for u in index.uses if u.vocabulary} if index else set()
    refs = {u.span.start for u in index.uses if u.target} if index else set()
    out = []
    toks = list(tokens(text))
    for n, t in enumerate(toks):
        kind = t.kind
        nxt = toks[n + 1] if n + 1 < len(toks) else None
        if kind == "COMMENT":
            out.append((t.start, t.end, "comment", 0))
        elif kind == "STRING":
            out.append((t.start, t.end, "string", 0))
        elif kind in ("INT", "DECIMAL", "%"):
            out.append((t.start, t.end, "number", 0))
        elif kind == "UPPER":
            out.append((t.start, t.end, "type", 0))
        elif kind in ("ARROW", "DOTDOT"):
            out.append((t.start, t.end, "operator", 0))
        elif kind == "NAME":
            prev_line = n == 0 or text.count("\n", toks[n - 1].end, t.start) > 0
            if t.start in decls:
                out.append((t.start, t.end, "variable", 1))
            elif t.start in refs:
                out.append((t.start, t.end, "variable", 0))
            elif t.start in words:
                out.append((t.start, t.end, "enumMember", 0))
            elif nxt is not None and nxt.kind == ":":
                out.append((t.start, t.end, "property", 0))
            elif (prev_line and (t.text in ALL_BLOCKS or t.text in ("use", "link"))) or t.text in ("in", "by") \
                    and n and toks[n - 1].kind in ("INT", "DECIMAL", "%", "UPPER"):
                out.append((t.start, t.end, "keyword", 0))
            else:
                out.append((t.start, t.end, "variable", 0))
    return out


# ------------------------------------------------------------------ code actions
def suppression_edit(text: str, d: Diagnostic) -> tuple[int, str] | None:
    """Where and what to insert to suppress a finding on its line: a trailing comment whose reason the
    author writes after `--` (a suppression without a reason waives nothing)."""
    if d.span is None or not d.principle:
        return None
    line_end = text.find("\n", d.span.start)
    line_end = len(text) if line_end == -1 else line_end
    line = text[text.rfind("\n", 0, d.span.start) + 1:line_end]
    if _comment_start(line) is not None:
        return None
    return line_end, f"  # reformlang: ignore[{d.code}] -- "
