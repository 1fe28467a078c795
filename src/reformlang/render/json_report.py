"""Diagnostics as JSON (`--format json`): `{"version": 1, "findings": [...]}`; see docs/json.md."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reformlang import jsontext
from reformlang.diagnostics import Diagnostic, Fix

VERSION = 1


def finding(d: Diagnostic) -> dict[str, Any]:
    if d.span is not None:
        line, col = d.span.start_position
        end_line, end_col = d.span.end_position
    else:
        line = col = end_line = end_col = None
    return {
        "code": d.code,
        "severity": d.severity.label,
        "message": d.message,
        "path": d.file,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "principle": d.principle,
        "unstated": d.unstated,
        "help": d.help,
        "related": [
            {"message": r.message, "path": r.span.path, "line": r.span.start_position[0],
             "column": r.span.start_position[1]}
            for r in d.related
        ],
        "fix": fix(d.fix),
    }


def fix(f: Fix | None) -> dict[str, Any] | None:
    """A fix as JSON: its applicability, what it does, and its edits (end exclusive, 1-based)."""
    if f is None:
        return None
    edits = []
    for e in f.edits:
        line, col = e.span.start_position
        end_line, end_col = e.span.end_position
        edits.append({"line": line, "column": col, "end_line": end_line, "end_column": end_col,
                      "content": e.content})
    return {"applicability": f.applicability.value, "message": f.message, "edits": edits}


def render_json(diagnostics: Iterable[Diagnostic], **extra: Any) -> str:
    doc: dict[str, Any] = {"version": VERSION, "findings": [finding(d) for d in diagnostics]}
    doc.update(extra)
    return jsontext.dumps(doc) + "\n"
