"""Resolve a syntax tree into the model: check every block and attribute against
the schema, convert values, and prove that references resolve.

Reports every error it finds and carries on; a part that fails to convert is
left unset, so later stages still see the rest of the spec.
"""

from __future__ import annotations

from typing import Any

import attrs

from reformlang.diagnostics import Related, Sink, replace_fix, suggestion
from reformlang.i18n import msg
from reformlang.semantics import model
from reformlang.semantics.schema import BLOCKS, LIBRARY, LIBRARY_BLOCKS, NONE, PARENTS, REQUIRED, TOP_LEVEL, BlockSpec
from reformlang.semantics.values import FAIL, Context, or_
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
                _use_after_block(sink, item)
        elif isinstance(item, ast.Block):
            seen_block = True
            kw = item.keyword.text
            if kw not in TOP_LEVEL:
                _misplaced(sink, item.keyword, _TOP, TOP_LEVEL)
        elif isinstance(item, ast.Attribute):
            seen_block = True
            sink.error("E103", msg("the attribute `{key}` must be inside a block", key=item.key.text), item.key.span,
                       msg("attributes belong to a block: `initiative my_reform \"Title\" {{ ... }}`"))
        elif isinstance(item, ast.Link):
            seen_block = True
            sink.error("E104", msg("a `link` belongs inside an `initiative`"), item.span,
                       msg("move it inside the initiative it connects"))


def _use_after_block(sink: Sink, item: ast.Use) -> None:
    sink.error("E117", msg("`use` lines come before the first block"), item.span,
               msg("move this line to the top of the file"))


_TOP = msg("the top of the file")  # where the blocks of PARENTS' "the top of the file" stand


def _misplaced(sink: Sink, keyword: ast.Name, where: str, allowed: tuple[str, ...] | list[str]) -> None:
    kw = keyword.text
    homes = PARENTS.get(kw)
    if homes:
        if homes[0] != _TOP:
            inside = or_([f"`{h}`" if h != _TOP else _TOP for h in homes])
            help_ = msg("{block} belongs inside {inside}", block=_a(kw), inside=inside)
        else:
            help_ = msg("{block} belongs at the top of the file", block=_a(kw))
        sink.error("E104", msg("`{kw}` cannot stand in {where}", kw=kw, where=where), keyword.span, help_)
    else:
        sink.error("E104", msg("unknown block `{kw}`", kw=kw), keyword.span,
                   suggestion(kw, allowed, msg("blocks in {where}", where=where)) or
                   msg("see docs/language.md for the blocks of the language"),
                   fix=replace_fix(keyword.span, kw, allowed))


def _measured(m: model.Measurement) -> str:
    """How a baseline or target is measured, in words: "a percentage", "money in NZD"."""
    if m.unit == "money":
        return msg("money in {currency}", currency=m.currency)
    if m.unit == "percent":
        return msg("a percentage")
    if m.unit == "count":
        return msg("a number")
    return m.unit


def _a(kw: str) -> str:
    """A keyword with its article: "an `initiative`", "a `level`" (in French, "un bloc `level`")."""
    return msg("an `{kw}`", kw=kw) if kw[:1] in "aeiou" else msg("a `{kw}`", kw=kw)


def _a_kind(kind: str, id_: str) -> str:
    """E106's "there is already a level named `x`", with the article of the kind."""
    if kind[:1] in "aeiou":
        return msg("there is already an {kind} named `{id}`", kind=kind, id=id_)
    return msg("there is already a {kind} named `{id}`", kind=kind, id=id_)


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
                    self.sink.error("E106", _a_kind(spec.symbol, b.id.text), b.id.span,
                                    msg("ids are unique within their kind in an initiative; rename one of them"),
                                    [Related(first.span, msg("first declared here"))])
                else:
                    table[b.id.text] = b.id
            if b.depth > 1:  # a block of depth 1 holds attributes only: nothing to look through
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
                sink.error("E107", msg("this `{kw}` needs an id", kw=kw), block.keyword.span,
                           msg("name it after the keyword: `{kw} my_{kw} \"Title\" {{`; the id is how other parts "
                               "refer to it", kw=kw))
                return None
            fields["id"] = block.id.text
        elif spec.id == NONE and block.id is not None:
            sink.error("E107", msg("{block} block takes no id", block=_a(kw)), block.id.span,
                       msg("write `{kw} {{ ... }}`; there is one per initiative", kw=kw))
        if spec.title != NONE:
            fields["title"] = block.title.value if block.title else None
        elif block.title is not None:
            sink.error("E107", msg("{block} block takes no title", block=_a(kw)), block.title.span,
                       msg("write `{kw} {{ ... }}`", kw=kw))

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
                    _misplaced(sink, item.keyword, _a(kw), tuple(spec.children))
                    continue
                if not child.many and child_kw in singles:
                    sink.error("E115", msg("this `{kw}` already has {block} block", kw=kw, block=_a(child_kw)),
                               item.keyword.span, msg("merge the two `{kw}` blocks into one", kw=child_kw),
                               [Related(singles[child_kw].keyword.span, msg("the first one is here"))])
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
                    sink.error("E104", msg("a `link` belongs inside an `initiative`, not {block}", block=_a(kw)),
                               item.span, msg("move it out of the `{kw}` block, next to the `level` blocks it joins",
                                              kw=kw))
                    continue
                link = self._link(item)
                if link is not None:
                    links.append(link)
            elif isinstance(item, ast.Use):
                _use_after_block(sink, item)
        for name, attr in spec.required:
            if (attr.field or name) not in spans:
                sink.error("E118", msg("this `{kw}` needs `{name}`", kw=kw, name=name), block.header,
                           msg("add `{name}: {example}`", name=name, example=attr.kind.example))
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
            help_ = suggestion(key, spec.attributes, msg("attributes of `{kw}`", kw=spec.keyword))
            fix = replace_fix(item.key.span, key, spec.attributes)
            if key in spec.children:
                help_, fix = msg("`{key}` is a block here: `{key} ... {{ ... }}`", key=key), None
            self.sink.error("E103", msg("`{kw}` has no attribute `{key}`", kw=spec.keyword, key=key), item.key.span,
                            help_, fix=fix)
            return
        field = attr.field or key
        if field in spans:
            self.sink.error("E114", msg("`{key}` is set twice in this `{kw}`", key=key, kw=spec.keyword), item.key.span,
                            msg("keep one of them"), [Related(spans[field], msg("first set here"))])
            return
        spans[field] = item.span
        value = attr.convert(item.value, self.ctx, key)
        if value is not FAIL:
            fields[field] = value

    def _link(self, item: ast.Link) -> model.Link | None:
        ok = True
        for end in (item.source, item.target):
            if end.text not in self.symbols.get("level", {}):
                self.sink.error("E101", msg("no level named `{name}` in this initiative", name=end.text), end.span,
                                suggestion(end.text, self.symbols.get("level", {}), msg("{kind}s", kind="level"))
                                or msg("a link joins two levels declared with `level`"),
                                fix=replace_fix(end.span, end.text, self.symbols.get("level", {})))
                ok = False
        kinds = []
        vocabulary = BLOCKS["link"].words or ""
        for k in item.kinds:
            if k.text in self.library.words(vocabulary):
                kinds.append(k.text)
            else:
                self.sink.error("E102", msg("unknown link kind `{kind}`", kind=k.text), k.span,
                                suggestion(k.text, self.library.words(vocabulary), msg("link kinds")),
                                fix=replace_fix(k.span, k.text, self.library.words(vocabulary)))
        if not item.kinds:
            self.sink.error("E105", msg("this link carries nothing"), item.span,
                            msg("name what flows along it: `{{ support, capacity_building }}`"))
        if not ok:
            return None
        return model.Link(item.source.text, item.target.text, item.both_ways, tuple(kinds), span=item.span,
                          header=item.span.source.span(item.span.start, item.target.span.end))

    def _check_indicator(self, ind: model.Indicator) -> None:
        b, t = ind.baseline, ind.target
        if b is None or t is None:
            return
        if t.year <= b.year:
            self.sink.error("E108", msg("the target is dated {target}, not after the baseline's {baseline}",
                                        target=t.year, baseline=b.year),
                            ind.spans.get("target"), msg("date the target after the baseline: `... by {year}`",
                                                         year=b.year + 5),
                            [Related(ind.spans["baseline"], msg("the baseline"))])
        if b.unit != t.unit or b.currency != t.currency:
            self.sink.error("E105", msg("the target is {target} but the baseline is {baseline}",
                                        target=_measured(t), baseline=_measured(b)),
                            ind.spans.get("target"),
                            msg("use the same unit for both (both percentages, both counts or both the same "
                                "currency)"), [Related(ind.spans["baseline"], msg("the baseline"))])


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
            sink.error("E106", msg("`{id}` is declared twice", id=b.id.text), b.id.span, None,
                       [Related(seen[b.id.text].span, msg("first declared here"))])
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
                sink.error("E102", msg("`{like}` is not a word of the vocabulary `{vocabulary}`", like=w.like,
                                       vocabulary=vocabulary.id), where,
                           suggestion(w.like, vocabulary.ids(),
                                      msg("words of `{vocabulary}`", vocabulary=vocabulary.id))
                           or msg("name the word of `{vocabulary}` that `{word}` behaves like",
                                  vocabulary=vocabulary.id, word=w.id))
            elif _loops(library, vocabulary, w):
                sink.error("E113", msg("`like` loops back on itself at `{word}` in `{vocabulary}`", word=w.id,
                                       vocabulary=vocabulary.id), where,
                           msg("make one of these words `like` a word of the standard library"))


def _loops(library: model.Library, vocabulary: model.Vocabulary, word: model.Word) -> bool:
    seen = {word.id}
    w = word
    while w is not None and w.like is not None and not w.core:
        if w.like in seen:
            return True
        seen.add(w.like)
        w = vocabulary.word(w.like)
    return False
