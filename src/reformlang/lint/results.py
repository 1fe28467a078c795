"""What `check` found in one file (`FileResult`), and that result as JSON for the result cache.

Diagnostics keep their spans: a span in the file itself is stored by offsets
and rebuilt on the file's text when loaded; a span in another file (a
library the spec uses) is stored with that file's text.
"""

from __future__ import annotations

import attrs

from reformlang.diagnostics import Diagnostic, Related, Severity
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

    diagnostics = [[d.code, d.severity.name, d.message, span(d.span), d.help, d.principle,
                    [[span(r.span), r.message] for r in d.related], d.path] for d in result.diagnostics]
    return {"path": result.path, "diagnostics": diagnostics,
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

    diagnostics = [Diagnostic(code, Severity[sev], message, span(sp), help_, principle,
                              tuple(Related(span(rs), rm) for rs, rm in related), dpath)
                   for code, sev, message, sp, help_, principle, related, dpath in raw["diagnostics"]]
    fail_on = Severity[raw["fail_on"]] if raw["fail_on"] is not None else None
    return FileResult(raw["path"], diagnostics, fail_on, raw["scorecard"], raw["checked"], raw["suppressed"])
