"""Babel extractors for what people read that is not a `_()` call: the standard library's texts and
the rules' docs (babel.cfg names them; `make messages` and tests/test_i18n.py run them).

- `extract_reform`: from a stdlib/*.reform file, each framework's and principle's title, `about`
  and `holds_when`, and each vocabulary's title and words (as `backends.words.word` shows them,
  with their titles and `about`). Sources are citations and stay as published.
- `extract_rules`: from a rule module, the rule's `summary` and its docs' `what` and `why` (what
  `reformlang explain` and `reformlang rules` show); the weak and strong examples are spec text.

Each reads the text the product itself reads (the loader, the rule classes), so that the catalog
cannot drift from a hand-kept copy.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from collections.abc import Iterator

Message = tuple[int, str | None, str, list[str]]


def _line(node) -> int:
    span = getattr(node, "header", None) or getattr(node, "span", None)
    return span.start_position[0] if span is not None else 1


def extract_reform(fileobj, keywords, comment_tags, options) -> Iterator[Message]:
    from reformlang.backends.words import prose
    from reformlang.diagnostics import Sink
    from reformlang.driver import loader

    path = os.path.abspath(fileobj.name)
    loaded = loader().load(Path(path), None, Sink())
    if loaded is None:
        return
    for fw in loaded.frameworks:
        yield from _texts(fw, f"framework {fw.id}", ("title", "about"))
        for p in fw.principles:
            yield from _texts(p, f"principle {p.id}", ("title", "about", "holds_when"))
    for voc in loaded.vocabularies:
        yield from _texts(voc, f"vocabulary {voc.id}", ("title",))
        for w in voc.words:
            yield _line(w), None, prose(w.id), [f"the word `{w.id}` of vocabulary {voc.id}, as prose, lower case"]
            yield from _texts(w, f"word {voc.id}.{w.id}", ("title", "about"))


def _texts(node, what: str, fields) -> Iterator[Message]:
    for field in fields:
        text = getattr(node, field, None)
        if text:
            yield _line(node), None, text, [f"{what}: {field}"]


def extract_rules(fileobj, keywords, comment_tags, options) -> Iterator[Message]:
    from reformlang.checks.rule import Rule

    path = os.path.abspath(fileobj.name)
    parts = path.replace(os.sep, "/").rsplit("/reformlang/", 1)[-1].removesuffix(".py").split("/")
    module = importlib.import_module("reformlang." + ".".join(parts))
    for value in vars(module).values():
        if isinstance(value, type) and issubclass(value, Rule) and value.__module__ == module.__name__ \
                and getattr(value, "code", None):
            yield 1, None, value.summary, [f"rule {value.code}: summary"]
            yield 1, None, value.docs.what, [f"rule {value.code}: what it flags"]
            yield 1, None, value.docs.why, [f"rule {value.code}: why it matters"]
