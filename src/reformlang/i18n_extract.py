"""Babel extractors for what people read that is not a `_()` call: the standard library's texts and
the rules' docs (babel.cfg names them; `make messages` and tests/test_i18n.py run them).

- `extract_reform`: from a stdlib/*.reform file, each framework's and principle's title, `about`
  and `holds_when`, and each vocabulary's title and words (as `backends.words.word` shows them,
  with their titles and `about`). Sources are citations and stay as published.
- `extract_rules`: from a rule module, the rule's `summary`, its docs' `what` and `why` (what
  `reformlang explain` and `reformlang rules` show), its `plain` advice (plans, brief), and its
  findings' messages (`msg()`, `_()`); the weak and strong examples are spec text.

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
            if getattr(value, "plain", ""):
                yield 1, None, value.plain, [f"rule {value.code}: what to do, in plain words ({{subject}}: "
                                             "the title of the part of the design)"]
    # and its findings' messages (`msg()`, `_()`), as Babel's Python extractor finds them
    from babel.messages.extract import extract_python

    yield from extract_python(fileobj, keywords, comment_tags, options)


# --------------------------------------------------------------------------- the catalog's upkeep
# `make messages` (and tests/test_i18n.py) extract with these keywords: `msg()` builds a finding's
# translatable message (reformlang.i18n.Msg), its first argument the English template.
KEYWORDS = {"_": None, "N_": None, "gettext": None, "msg": None, "ngettext": (1, 2)}
WIDTH = 100


def extracted(root: Path) -> dict:
    """Every message the sources hold (babel.cfg), each with where it was first found."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(root / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    out: dict = {}
    for filename, lineno, message, comments, _context in extract_from_dir(
            str(root), method_map, options_map, keywords=KEYWORDS):
        key = tuple(message) if isinstance(message, (list, tuple)) else message
        if key:
            where, seen = out.setdefault(key, (f"{filename}:{lineno}", []))
            seen.extend(c for c in comments if c not in seen)
    return out


def update_catalogs(root: Path) -> list[str]:
    """Merge the extracted messages into each .po: new ones come in untranslated, gone ones go; the
    file's opening comment and header are kept as they are, the entries sorted and wrapped at 100
    columns, so that the diff of a change shows only what changed. Returns the untranslated ids."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    found = extracted(root)
    untranslated = []
    for po in sorted((root / "src/reformlang/locale").glob("*/LC_MESSAGES/*.po")):
        text = po.read_text(encoding="utf-8")
        head = text[: text.index("\n\n") + 2]  # the opening comment and the header entry
        with po.open("rb") as f:
            old = read_po(f, locale=po.parent.parent.name)
        template = Catalog()
        for key, (_where, comments) in found.items():
            template.add(key, auto_comments=comments)
        old.update(template, no_fuzzy_matching=True)  # keeps the catalog's own plural forms
        for m in old:
            if m.id and not (m.string if not isinstance(m.string, tuple) else all(m.string)):
                untranslated.append(m.id if isinstance(m.id, str) else m.id[0])
        _write(po, head, old)
    return untranslated


NBSP = "\u00a0"


def french_typography(text: str) -> str:
    """French punctuation as the Office québécois de la langue française has it: a no-break space before
    the colon and inside « guillemets », and before a percent sign after a figure (none before ; ? !, as
    Quebec usage has it). `code` spans are spec syntax and stay as typed. tests/test_i18n.py checks it."""
    import re

    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unbalanced backtick: no code spans
        parts = [text]
    for k in range(0, len(parts), 2):
        part = re.sub(r"[ \u00a0]*:(?=\s|$)", NBSP + ":", parts[k])
        part = re.sub(r"«[ \u00a0]*", "«" + NBSP, part)
        part = re.sub(r"[ \u00a0]*»", NBSP + "»", part)
        parts[k] = re.sub(r"(\d|\)[sd]) (%%?)(?!\()", "\\1" + NBSP + "\\2", part)
    return "`".join(parts)


def _write(po: Path, head: str, catalog) -> None:
    import io

    from babel.messages.pofile import write_po

    if po.parent.parent.name == "fr":  # one rule for the whole catalog, whoever wrote the entry
        for m in catalog:
            if m.id and m.string:
                m.string = (tuple(french_typography(x) for x in m.string) if isinstance(m.string, tuple)
                            else french_typography(m.string))

    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, no_location=True, omit_header=True, sort_output=True,
             ignore_obsolete=True)
    tmp = po.with_suffix(".po.tmp")
    tmp.write_text(head + out.getvalue().decode("utf-8"), encoding="utf-8")
    tmp.replace(po)


def fill(root: Path, lang: str, translations: dict) -> list[str]:
    """Set translations ({English: French}, a list of forms for a plural) in `lang`'s catalog; returns
    the English ids it does not hold (run `make messages` first)."""
    from babel.messages.pofile import read_po

    po = root / f"src/reformlang/locale/{lang}/LC_MESSAGES/reformlang.po"
    text = po.read_text(encoding="utf-8")
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    unknown = []
    for msgid, string in translations.items():
        m = catalog.get(msgid)
        if m is None:
            unknown.append(msgid)
            continue
        m.string = tuple(string) if isinstance(string, list) else string
    _write(po, text[: text.index("\n\n") + 2], catalog)
    return unknown


if __name__ == "__main__":
    import json
    import sys

    if sys.argv[1:2] == ["--fill"]:
        # python -m reformlang.i18n_extract --fill fr.json: {"English": "French", ...}
        with open(sys.argv[2], encoding="utf-8") as f:
            for m in fill(Path.cwd(), "fr", json.load(f)):
                print(f"not in the catalog: {m!r}")
        sys.exit(0)
    missing = update_catalogs(Path.cwd())
    for m in missing:
        print(f"untranslated: {m!r}")
    print(f"{len(missing)} message(s) to translate")
