"""The schema is the language's one table: the model agrees with it, the docs and findings come from it."""

from __future__ import annotations

import attrs
import pytest

from reformlang import reference
from reformlang.backends.findings import elements
from reformlang.driver import compile_source
from reformlang.semantics.schema import BLOCKS, LIBRARY, NONE, PARENTS, TOP_LEVEL
from reformlang.source import SourceFile

from conftest import ROOT

ALL = {**BLOCKS, **LIBRARY}
POSITION = {"span", "header", "spans"}  # where a node came from, on every model class


@pytest.mark.parametrize("keyword", ALL)
def test_model_fields_and_schema_attributes_agree(keyword):
    spec = ALL[keyword]
    fields = {f.name for f in attrs.fields(spec.model)}
    written = {attr.field or key for key, attr in spec.attributes.items()}
    children = {child.field for child in spec.children.values()}
    named = ({"id"} if spec.id != NONE else set()) | ({"title"} if spec.title != NONE else set())
    parent = {spec.parent_field} if spec.parent_field else set()
    from_schema = written | children | named | parent | set(spec.derived)
    assert from_schema <= fields, f"`{keyword}` has schema entries the model lacks: {from_schema - fields}"
    assert fields - POSITION <= from_schema, \
        f"model {spec.model.__name__} has fields the schema does not know: {fields - POSITION - from_schema}"
    assert POSITION <= fields, f"model {spec.model.__name__} keeps no position"


@pytest.mark.parametrize("keyword", ALL)
def test_every_block_and_attribute_is_documented_in_the_schema(keyword):
    spec = ALL[keyword]
    assert spec.about and spec.about.endswith("."), keyword
    assert spec.example.startswith(spec.keyword), f"`{keyword}`'s example does not show the block"
    for key, attr in spec.attributes.items():
        assert attr.about, f"`{keyword}.{key}` has no about"


def test_every_child_block_is_in_the_schema_and_every_block_has_a_place():
    for spec in ALL.values():
        for keyword in spec.children:
            assert keyword in ALL, f"`{spec.keyword}` holds an unknown block `{keyword}`"
    assert set(TOP_LEVEL) == {"initiative", "vocabulary", "framework"}
    assert set(PARENTS) == set(ALL)


def test_the_language_reference_is_up_to_date():
    path = ROOT / "docs" / "language.md"
    text = path.read_text(encoding="utf-8")
    assert reference.render(text) == text, "docs/language.md is stale: run `make docs`"


def test_the_reference_shows_every_block_and_every_attribute():
    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    for spec in ALL.values():
        assert f"## {spec.keyword}\n" in text
        for key, attr in spec.attributes.items():
            assert f"| `{key}` | {attr.noun}" in text, f"{spec.keyword}.{key}"


def test_findings_attach_to_every_block_kind_of_the_schema():
    text = (ROOT / "tests" / "words" / "liked.reform").read_text(encoding="utf-8")
    text = text.rstrip().rstrip("}") + """
  learning_model { vision: "Belonging"  letting_go: "Schools choose"  reining_in: [annual_review] }
  simulation { runs: 2 }
}
"""
    comp = compile_source(SourceFile("all.reform", text), base=ROOT / "tests" / "words")
    assert comp.ok, [d.message for d in comp.diagnostics]
    kinds = {key[0] for key, _ in elements(comp.spec.initiatives[0])}
    assert kinds == set(BLOCKS)


def test_a_new_block_kind_in_the_schema_reaches_findings_and_docs(monkeypatch):
    """What CONTRIBUTING.md promises: the schema and the model are the places to edit."""
    import reformlang.backends.findings as findings
    import reformlang.semantics.schema as schema
    from reformlang.driver import core_library
    from reformlang.semantics.values import Attr, Text

    @attrs.frozen
    class Mentoring:  # as it would stand in semantics/model.py
        offer: str | None = None
        span: object = attrs.field(default=None, eq=False)
        header: object = attrs.field(default=None, eq=False)
        spans: object = attrs.field(factory=dict, eq=False)

    mentoring = schema.BlockSpec("mentoring", Mentoring, "How new leaders are mentored.", id=NONE, title=NONE,
                                 attributes={"offer": Attr(Text(), about="the mentoring offered")},
                                 example='mentoring { offer: "Every new principal has a mentor" }')
    initiative = attrs.evolve(schema.BLOCKS["initiative"], children={
        **schema.BLOCKS["initiative"].children, "mentoring": schema.Child("mentoring", many=False)})
    blocks = {**schema.BLOCKS, "initiative": initiative, "mentoring": mentoring}
    monkeypatch.setattr(schema, "BLOCKS", blocks)
    monkeypatch.setattr(reference, "BLOCKS", blocks)
    monkeypatch.setitem(schema.PARENTS, "mentoring", ["initiative"])

    docs = reference.blocks(core_library())
    assert "### mentoring" in docs and "| `offer` | text |" in docs and "[mentoring](#mentoring)" in docs

    empty = {c.field: (() if c.many else None) for c in initiative.children.values()}
    node = type("Initiative", (), {**empty, "id": "x", "span": None, "mentoring": Mentoring("help")})()
    assert ("mentoring", "x", "") in {key for key, _ in findings.elements(node)}

    from reformlang.backends.plan import context

    assert context._other(node) == [{"title": "Mentoring", "about": "How new leaders are mentored.",
                                     "rows": [{"name": "The mentoring offered", "value": "help"}], "findings": []}]


def test_make_docs_rewrites_the_reference(tmp_path):
    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    start = text.index("<!-- generated: blocks -->\n") + len("<!-- generated: blocks -->\n")
    end = text.index("<!-- end generated: blocks -->")
    stale = tmp_path / "language.md"
    stale.write_text(text[:start] + "out of date\n" + text[end:], encoding="utf-8")
    assert reference.main(["--check", str(stale)]) == 1
    assert reference.main([str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == text
