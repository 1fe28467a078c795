"""The language reference in docs/language.md, generated from the schema and the standard library.

docs/language.md keeps its prose by hand; the parts between
`<!-- generated: NAME -->` and `<!-- end generated: NAME -->` are written
here, from each block's `about` and `example` and each attribute's `about` and
`example` (semantics/schema.py) and from the words of stdlib/vocabulary.reform.
`make docs` rewrites them; tests/test_reference.py fails when they are stale.

    python -m reformlang.reference docs/language.md          # rewrite in place
    python -m reformlang.reference --check docs/language.md  # exit 1 when stale
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

from reformlang.semantics import model
from reformlang.semantics.schema import BLOCKS, LIBRARY, PARENTS, BlockSpec
from reformlang.semantics.values import AnyOf, Attr, Kind, StudentsKind, Word

MARK = re.compile(r"(<!-- generated: (\w+) -->\n)(.*?)(<!-- end generated: \2 -->)", re.S)
NOTE = "<!-- made by `make docs` from src/reformlang/semantics/schema.py and stdlib/; edit those, not this -->\n"


def _vocabularies(kind: Kind) -> list[str]:
    if isinstance(kind, Word):
        return [kind.vocabulary]
    if isinstance(kind, StudentsKind):
        return ["group"]
    if isinstance(kind, AnyOf):
        return [v for k in kind.kinds for v in _vocabularies(k)]
    return []


def _either(words: tuple[str, ...] | list[str]) -> str:
    shown = [f"`{w}`" for w in words]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def _anchor(keyword: str) -> str:
    return f"[{keyword}](#{keyword})"


def _a(word: str) -> str:
    return f"an `{word}`" if word[:1] in "aeiou" else f"a `{word}`"


def _block(spec: BlockSpec, library: model.Library, level: str) -> str:
    lines = [f"{level} {spec.keyword}", ""]
    about = spec.about
    parents = [p for p in PARENTS.get(spec.keyword, []) if p != "the top of the file"]
    if parents:
        one = all(not (BLOCKS.get(p) or LIBRARY[p]).children[spec.keyword].many for p in parents)
        where = " or ".join(_a(p) for p in parents)
        about += f" It stands inside {where}" + ("; one per " + parents[0] if one else "") + "."
    lines += [about, ""]
    form = f"`{spec.header}`"
    if spec.children:
        form += ", holding " + ", ".join(_anchor(k) for k in spec.children) + " blocks"
    lines += [form + ".", ""]
    if spec.example:
        lines += ["```reform", spec.example, "```", ""]
    if spec.attributes:
        lines += ["| attribute | kind | example | meaning |", "| --- | --- | --- | --- |"]
        for key, attr in spec.attributes.items():
            lines.append(f"| `{key}` | {_noun(attr)} | `{key}: {attr.example}` | {_meaning(attr, library)} |")
        lines.append("")
    return "\n".join(lines)


def _noun(attr: Attr) -> str:
    return attr.noun + (", **required**" if attr.required else "")


def _meaning(attr: Attr, library: model.Library) -> str:
    text = attr.about
    if isinstance(attr.kind, Word) and attr.kind.vocabulary != "group":
        text += ": " + _either(library.core_words(attr.kind.vocabulary))
    return text


def blocks(library: model.Library) -> str:
    index = "The blocks of a spec: " + ", ".join(_anchor(k) for k in BLOCKS) + ".\n"
    return "\n".join([index, *(_block(spec, library, "###") for spec in BLOCKS.values())])


def library_blocks(library: model.Library) -> str:
    return "\n".join(_block(spec, library, "####") for spec in LIBRARY.values())


def vocabularies(library: model.Library) -> str:
    used: dict[str, list[str]] = {}
    for spec in BLOCKS.values():
        if spec.words:
            used.setdefault(spec.words, []).append(f"`{spec.keyword}`")
        for key, attr in spec.attributes.items():
            for v in _vocabularies(attr.kind):
                used.setdefault(v, []).append(f"`{spec.keyword}.{key}`")
    lines = ["| vocabulary | used by | words |", "| --- | --- | --- |"]
    for v in library.vocabularies.values():
        words = ", ".join(f"`{w}`" for w in library.core_words(v.id))
        lines.append(f"| `{v.id}` | {', '.join(used.get(v.id, [])) or '—'} | {words} |")
    return "\n".join(lines) + "\n"


def traits(library: model.Library) -> str:
    lines = ["| vocabulary | trait | words |", "| --- | --- | --- |"]
    for v in library.vocabularies.values():
        names = dict.fromkeys(t for w in v.words if w.core for t in (w.traits or ()))
        for trait in names:
            lines.append(f"| `{v.id}` | `{trait}` | {', '.join(f'`{w}`' for w in library.having(v.id, trait))} |")
        counted = [(w.id, w.per_year) for w in v.words if w.core and w.per_year is not None]
        if counted:
            lines.append(f"| `{v.id}` | `per_year` | " + ", ".join(f"`{w}` {n}" for w, n in counted) + " |")
    return "\n".join(lines) + "\n"


SECTIONS: dict[str, Callable[[model.Library], str]] = {
    "blocks": blocks, "library_blocks": library_blocks, "vocabularies": vocabularies, "traits": traits,
}


def render(text: str) -> str:
    """The document with every generated section brought up to date."""
    from reformlang.driver import core_library

    library = core_library()

    def section(m: re.Match) -> str:
        make = SECTIONS.get(m.group(2))
        if make is None:
            raise SystemExit(f"docs: no generated section named `{m.group(2)}` (known: {', '.join(SECTIONS)})")
        return m.group(1) + NOTE + "\n" + make(library).rstrip("\n") + "\n\n" + m.group(4)

    return MARK.sub(section, text)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"] or ["docs/language.md"]
    stale = False
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        new = render(text)
        if new != text:
            stale = True
            if check:
                print(f"{path} is stale: run `make docs`", file=sys.stderr)
            else:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
