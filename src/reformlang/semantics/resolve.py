"""Resolve a syntax tree into the model: check every block and attribute against
the schema, convert values, and prove that references resolve.

Reports every error it finds and carries on; a part that fails to convert is
left unset, so later stages still see the rest of the spec.
"""

from __future__ import annotations

from typing import Any

import attrs

from reformlang.diagnostics import Related, Sink, replace_fix, suggestion
from reformlang.semantics import model
from reformlang.semantics.schema import BLOCKS, LIBRARY, LIBRARY_BLOCKS, NONE, PARENTS, REQUIRED, TOP_LEVEL, BlockSpec
from reformlang.semantics.values import FAIL, Context
from reformlang.syntax import ast


def resolve_initiatives(tree: ast.File, library: model.Library, sink: Sink) -> tuple[model.Initiative, ...]:
    out = []
    for item in tree.items:
        if isinstance(item, ast.Block) and item.keyword.text == "initiative":
            init = _Resolver(library, sink).initiative(item)
            if init is not None:
                out.append(init)
    return tuple(out)


def check_top_level(tree: ast.File, sink: Sink) -> None:
    """Report items that cannot stand at the top of a file."""
    seen_block = False
    for item in tree.items:
        if isinstance(item, ast.Use):
            if seen_block:
                sink.error("E117", "`use` lines come before the first block", item.span,
                           "move this line to the top of the file")
        elif isinstance(item, ast.Block):
            seen_block = True
            kw = item.keyword.text
            if kw not in TOP_LEVEL:
                _misplaced(sink, item.keyword, "the top of the file", TOP_LEVEL)
        elif isinstance(item, ast.Attribute):
            seen_block = True
            sink.error("E103", f"the attribute `{item.key.text}` must be inside a block", item.key.span,
                       "attributes belong to a block: `initiative my_reform \"Title\" { ... }`")
        elif isinstance(item, ast.Link):
            seen_block = True
            sink.error("E104", "a `link` belongs inside an `initiative`", item.span,
                       "move it inside the initiative it connects")


def _misplaced(sink: Sink, keyword: ast.Name, where: str, allowed: tuple[str, ...] | list[str]) -> None:
    kw = keyword.text
    homes = PARENTS.get(kw)
    if homes:
        inside = " or ".join(f"`{h}`" if h != "the top of the file" else h for h in homes)
        sink.error("E104", f"`{kw}` cannot stand in {where}", keyword.span,
                   f"{_a(kw)} `{kw}` belongs inside {inside}" if homes[0] != "the top of the file" else
                   f"{_a(kw)} `{kw}` belongs at the top of the file")
    else:
        sink.error("E104", f"unknown block `{kw}`", keyword.span,
                   suggestion(kw, allowed, f"blocks in {where}") or
                   "see docs/language.md for the blocks of the language",
                   fix=replace_fix(keyword.span, kw, allowed))


def _measured(m: model.Measurement) -> str:
    """How a baseline or target is measured, in words: "a percentage", "money in NZD"."""
    if m.unit == "money":
        return f"money in {m.currency}"
    return {"percent": "a percentage", "count": "a number"}.get(m.unit, m.unit)


def _a(word: str) -> str:
    """The article for a keyword: "an `initiative`", "a `level`"."""
    return "an" if word[:1] in "aeiou" else "a"


_SPECS = {**BLOCKS, **LIBRARY}


class _Resolver:
    def __init__(self, library: model.Library, sink: Sink) -> None:
        self.library = library
        self.sink = sink
        self.symbols: dict[str, dict[str, ast.Name]] = {}
        self.ctx = Context(sink, library, self.symbols)

    # -- declarations
    def _declare(self, block: ast.Block) -> None:
        """Collect the ids declared anywhere in the initiative, without recursion past the schema."""
        stack = [block]
        while stack:
            b = stack.pop()
            spec = BLOCKS.get(b.keyword.text)
            if spec is None:
                continue
            if spec.symbol and b.id is not None and spec.keyword != "initiative":
                table = self.symbols.setdefault(spec.symbol, {})
                first = table.get(b.id.text)
                if first is not None:
                    self.sink.error("E106", f"there is already {_a(spec.symbol)} {spec.symbol} named `{b.id.text}`", b.id.span,
                                    "ids are unique within their kind in an initiative; rename one of them",
                                    [Related(first.span, "first declared here")])
                else:
                    table[b.id.text] = b.id
            stack.extend(reversed(b.blocks()))

    def initiative(self, block: ast.Block) -> model.Initiative | None:
        self._declare(block)
        return self.block(block, BLOCKS["initiative"], parent_id=None)

    # -- blocks
    def block(self, block: ast.Block, spec: BlockSpec, parent_id: str | None) -> Any:
        sink = self.sink
        kw = spec.keyword
        fields: dict[str, Any] = {"span": block.span, "header": block.header}
        if spec.id == REQUIRED:
            if block.id is None:
                sink.error("E107", f"this `{kw}` needs an id", block.keyword.span,
                           f"name it after the keyword: `{kw} my_{kw} \"Title\" {{`; the id is how other parts "
                           f"refer to it")
                return None
            fields["id"] = block.id.text
        elif spec.id == NONE and block.id is not None:
            sink.error("E107", f"{_a(kw)} `{kw}` block takes no id", block.id.span,
                       f"write `{kw} {{ ... }}`; there is one per initiative")
        if spec.title != NONE:
            fields["title"] = block.title.value if block.title else None
        elif block.title is not None:
            sink.error("E107", f"{_a(kw)} `{kw}` block takes no title", block.title.span, f"write `{kw} {{ ... }}`")

        spans: dict[str, Any] = {}
        lists: dict[str, list] = {}
        singles: dict[str, ast.Block] = {}
        links: list[model.Link] = []
        for item in block.items:
            if isinstance(item, ast.Attribute):
                self._attribute(item, spec, fields, spans)
            elif isinstance(item, ast.Block):
                child_kw = item.keyword.text
                child = spec.children.get(child_kw)
                if child is None:
                    _misplaced(sink, item.keyword, f"{_a(kw)} `{kw}`", tuple(spec.children))
                    continue
                if not child.many and child_kw in singles:
                    sink.error("E115", f"this `{kw}` already has {_a(child_kw)} `{child_kw}` block", item.keyword.span,
                               f"merge the two `{child_kw}` blocks into one",
                               [Related(singles[child_kw].keyword.span, "the first one is here")])
                    continue
                singles[child_kw] = item
                value = self.block(item, _SPECS[child_kw], parent_id=fields.get("id"))
                if value is None:
                    continue
                if child.many:
                    lists.setdefault(child.field, []).append(value)
                else:
                    fields[child.field] = value
                    spans[child.field] = item.span
            elif isinstance(item, ast.Link):
                if kw != "initiative":
                    sink.error("E104", f"a `link` belongs inside an `initiative`, not {_a(kw)} `{kw}`", item.span,
                               f"move it out of the `{kw}` block, next to the `level` blocks it joins")
                    continue
                link = self._link(item)
                if link is not None:
                    links.append(link)
            elif isinstance(item, ast.Use):
                sink.error("E117", "`use` lines come before the first block", item.span,
                           "move this line to the top of the file")
        for name, attr in spec.attributes.items():
            if attr.required and (attr.field or name) not in spans:
                sink.error("E118", f"this `{kw}` needs `{name}`", block.header,
                           f"add `{name}: {attr.kind.example}`")
        for field, values in lists.items():
            fields[field] = tuple(values)
        if links:
            fields["links"] = tuple(links)
        if spec.parent_field:
            fields[spec.parent_field] = parent_id
        fields["spans"] = spans
        node = spec.model(**fields)
        if kw == "indicator":
            self._check_indicator(node)
        return node

    def _attribute(self, item: ast.Attribute, spec: BlockSpec, fields: dict, spans: dict) -> None:
        key = item.key.text
        attr = spec.attributes.get(key)
        if attr is None:
            help_ = suggestion(key, spec.attributes, f"attributes of `{spec.keyword}`")
            fix = replace_fix(item.key.span, key, spec.attributes)
            if key in spec.children:
                help_, fix = f"`{key}` is a block here: `{key} ... {{ ... }}`", None
            self.sink.error("E103", f"`{spec.keyword}` has no attribute `{key}`", item.key.span, help_, fix=fix)
            return
        field = attr.field or key
        if field in spans:
            self.sink.error("E114", f"`{key}` is set twice in this `{spec.keyword}`", item.key.span,
                            "keep one of them", [Related(spans[field], "first set here")])
            return
        spans[field] = item.span
        value = attr.convert(item.value, self.ctx, key)
        if value is not FAIL:
            fields[field] = value

    def _link(self, item: ast.Link) -> model.Link | None:
        ok = True
        for end in (item.source, item.target):
            if end.text not in self.symbols.get("level", {}):
                self.sink.error("E101", f"no level named `{end.text}` in this initiative", end.span,
                                suggestion(end.text, self.symbols.get("level", {}), "levels")
                                or "a link joins two levels declared with `level`",
                                fix=replace_fix(end.span, end.text, self.symbols.get("level", {})))
                ok = False
        kinds = []
        vocabulary = BLOCKS["link"].words or ""
        for k in item.kinds:
            if k.text in self.library.words(vocabulary):
                kinds.append(k.text)
            else:
                self.sink.error("E102", f"unknown link kind `{k.text}`", k.span,
                                suggestion(k.text, self.library.words(vocabulary), "link kinds"),
                                fix=replace_fix(k.span, k.text, self.library.words(vocabulary)))
        if not item.kinds:
            self.sink.error("E105", "this link carries nothing", item.span,
                            "name what flows along it: `{ support, capacity_building }`")
        if not ok:
            return None
        return model.Link(item.source.text, item.target.text, item.both_ways, tuple(kinds), span=item.span,
                          header=item.span.source.span(item.span.start, item.target.span.end))

    def _check_indicator(self, ind: model.Indicator) -> None:
        b, t = ind.baseline, ind.target
        if b is None or t is None:
            return
        if t.year <= b.year:
            self.sink.error("E108", f"the target is dated {t.year}, not after the baseline's {b.year}",
                            ind.spans.get("target"), "date the target after the baseline: `... by "
                            f"{b.year + 5}`", [Related(ind.spans["baseline"], "the baseline")])
        if b.unit != t.unit or b.currency != t.currency:
            self.sink.error("E105", f"the target is {_measured(t)} but the baseline is {_measured(b)}",
                            ind.spans.get("target"),
                            "use the same unit for both (both percentages, both counts or both the same "
                            "currency)", [Related(ind.spans["baseline"], "the baseline")])


# ----------------------------------------------------------------- library
def resolve_library(tree: ast.File, sink: Sink, core: bool = False) -> tuple[list[model.Vocabulary], list[model.Framework]]:
    """The vocabularies and frameworks a file declares; `core` for the standard library's own."""
    vocabularies, frameworks = [], []
    resolver = _Resolver(model.Library(), sink)
    for item in tree.items:
        if not isinstance(item, ast.Block) or item.keyword.text not in LIBRARY_BLOCKS:
            continue
        node = resolver.block(item, LIBRARY[item.keyword.text], parent_id=None)
        if node is None:
            continue
        if isinstance(node, model.Vocabulary):
            words = _unique(item, node.words, sink)
            vocabularies.append(attrs.evolve(node, words=tuple(attrs.evolve(w, core=core) for w in words)))
        else:
            principles = _unique(item, node.principles, sink)
            frameworks.append(attrs.evolve(node, principles=tuple(
                attrs.evolve(p, id=f"{node.id}.{p.id}", name=p.id) for p in principles)))
    return vocabularies, frameworks


def _unique(block: ast.Block, nodes, sink: Sink) -> list:
    """The first of each id among a library block's children; a repeat is reported."""
    seen: dict[str, ast.Name] = {}
    for b in block.blocks():
        if b.id is None:
            continue
        if b.id.text in seen:
            sink.error("E106", f"`{b.id.text}` is declared twice", b.id.span, None,
                       [Related(seen[b.id.text].span, "first declared here")])
        else:
            seen[b.id.text] = b.id
    out: dict[str, Any] = {}
    for n in nodes:
        out.setdefault(n.id, n)
    return list(out.values())


def check_words(library: model.Library, sink: Sink) -> None:
    """Every `like` names a word of its own vocabulary, and following them never loops."""
    for vocabulary in library.vocabularies.values():
        for w in vocabulary.words:
            if w.like is None or w.core:
                continue
            where = w.spans.get("like", w.span)
            if vocabulary.word(w.like) is None:
                sink.error("E102", f"`{w.like}` is not a word of the vocabulary `{vocabulary.id}`", where,
                           suggestion(w.like, vocabulary.ids(), f"words of `{vocabulary.id}`")
                           or f"name the word of `{vocabulary.id}` that `{w.id}` behaves like")
            elif _loops(library, vocabulary, w):
                sink.error("E113", f"`like` loops back on itself at `{w.id}` in `{vocabulary.id}`", where,
                           "make one of these words `like` a word of the standard library")


def _loops(library: model.Library, vocabulary: model.Vocabulary, word: model.Word) -> bool:
    seen = {word.id}
    w = word
    while w is not None and w.like is not None and not w.core:
        if w.like in seen:
            return True
        seen.add(w.like)
        w = vocabulary.word(w.like)
    return False
