"""What `check` found in one file (`FileResult`), and that result as JSON for the result cache.

Diagnostics keep their spans: a span in the file itself is stored by offsets
and rebuilt on the file's text when loaded; a span in another file (a
library the spec uses) is stored with that file's text. Their messages keep
their templates and arguments (i18n.Msg), so that a result checked in one
language is shown in another from the cache.
"""

from __future__ import annotations

from typing import Any

import attrs

from reformlang.diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity
from reformlang.source import SourceFile, Span


@attrs.define
class FileResult:
    """One file read by `check`: what it contributes to the report."""

    path: str | None  # as named (None for a path that could not be read)
    diagnostics: list[Diagnostic]
    fail_on: Severity | None = None  # the level that fails this file, from its configuration
    scorecard: dict | None = None  # for a spec the rules ran on
    checked: dict[str, list[str]] | None = None
    suppressed: int = 0
    io_problem: bool = False
    # The review itself, when the file was checked in this run (plans and diagrams read it); not stored.
    review: Any = attrs.field(default=None, eq=False, repr=False)
    waived: list = attrs.field(factory=list)  # (finding, reason) waived by suppression comments, for SARIF


def to_json(result: FileResult, own: SourceFile | None) -> dict:
    sources: list[SourceFile] = []  # other files spans point into (a library the spec uses)

    def span(s: Span | None):
        if s is None:
            return None
        if s.source is own:
            index = -1
        else:
            for index, known in enumerate(sources):
                if known is s.source:
                    break
            else:
                sources.append(s.source)
                index = len(sources) - 1
        return [index, s.start, s.end]

    def plain(d: Diagnostic) -> dict:
        return {f.name: _field(f.name, getattr(d, f.name), span) for f in _FIELDS}

    diagnostics = [plain(d) for d in result.diagnostics]
    waived = [[plain(d), reason] for d, reason in result.waived]
    return {"path": result.path, "diagnostics": diagnostics, "waived": waived,
            "sources": [[s.path, s.text] for s in sources],
            "fail_on": result.fail_on.name if result.fail_on is not None else None,
            "scorecard": result.scorecard, "checked": result.checked, "suppressed": result.suppressed}


def from_json(raw: dict, path: str, data: bytes) -> FileResult:
    from reformlang.source import decode_source

    own, _ = decode_source(data, path)
    sources = [SourceFile(p, text) for p, text in raw["sources"]]

    def span(s):
        if s is None:
            return None
        index, start, end = s
        return Span(own if index == -1 else sources[index], start, end)

    def diagnostic(d: dict) -> Diagnostic:
        return Diagnostic(**{name: _unfield(name, value, span) for name, value in d.items()})

    diagnostics = [diagnostic(d) for d in raw["diagnostics"]]
    fail_on = Severity[raw["fail_on"]] if raw["fail_on"] is not None else None
    return FileResult(raw["path"], diagnostics, fail_on, raw["scorecard"], raw["checked"], raw["suppressed"],
                      waived=[(diagnostic(d), reason) for d, reason in raw["waived"]])


_FIELDS = attrs.fields(Diagnostic)  # every field is stored, so a field added later cannot be lost


def _field(name: str, value, span):
    if name == "span":
        return span(value)
    if name == "severity":
        return value.name
    if name == "related":
        return [[span(r.span), _text(r.message)] for r in value]
    if name == "fix":
        return value and {"applicability": value.applicability.value, "message": _text(value.message),
                          "edits": [[span(e.span), e.content] for e in value.edits]}
    if name in ("message", "help"):
        return _text(value)
    if value is not None and not isinstance(value, (str, bool, int, float)):
        raise TypeError(f"Diagnostic.{name} is not plain data: {value!r}")
    return value


def _unfield(name: str, value, span):
    if name == "span":
        return span(value)
    if name == "severity":
        return Severity[value]
    if name == "related":
        return tuple(Related(span(s), _untext(m)) for s, m in value)
    if name == "fix":
        return value and Fix(Applicability(value["applicability"]), _untext(value["message"]),
                             tuple(Edit(span(s), content) for s, content in value["edits"]))
    if name in ("message", "help"):
        return _untext(value)
    return value


def _text(value):
    """A message as stored: a translatable one (i18n.Msg) by its template and arguments (reformlang.plain)."""
    from reformlang.i18n import Msg

    if isinstance(value, Msg):
        from reformlang.plain import Codec

        return Codec().encode(value)["data"]
    return value


def _untext(value):
    if isinstance(value, dict):
        import json

        from reformlang.plain import TAG, Codec

        return Codec().loads(json.dumps({TAG: "doc", "sources": [], "data": value}))
    return value
