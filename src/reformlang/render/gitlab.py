"""Findings as GitLab Code Quality JSON (`--format gitlab`), for the merge request's Code Quality widget.

A JSON array of Code Climate issues, the subset GitLab reads: `description`,
`check_name`, `fingerprint` (unique in the report), `severity` (`info`,
`minor`, `major`, `critical` or `blocker`) and `location` with the `path`
relative to the project root and the `lines` it covers. Same input, same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reformlang import jsontext
from reformlang.diagnostics import Diagnostic, Severity

# GitLab has five levels; a language error stops the spec from compiling at all.
SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def _path(path: str, root: Path | None) -> str:
    if root is not None and path not in ("<stdin>", "<unknown>"):
        try:
            return Path(os.path.abspath(path)).relative_to(root).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


def render_gitlab(findings: Sequence[Diagnostic], fingerprint: Callable[[Diagnostic], str],
                  root: Path | None = None) -> str:
    issues: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    paths: dict[str, str] = {}  # each file's, worked out once
    for d in findings:
        first = last = 1
        if d.span is not None:
            first = d.span.start_position[0]
            last = max(first, d.span.end_position[0])
        print_ = fingerprint(d)
        # The same problem twice in a file has one baseline fingerprint; GitLab needs each issue's own.
        seen[print_] = seen.get(print_, 0) + 1
        if seen[print_] > 1:
            print_ = f"{print_}-{seen[print_]}"
        description = d.message + (f" [{d.principle}]" if d.principle else "")
        if d.file not in paths:
            paths[d.file] = _path(d.file, root)
        issue: dict[str, Any] = {
            "type": "issue",
            "check_name": d.code,
            "description": description,
            "content": {"body": d.help} if d.help else None,
            "severity": SEVERITY[d.severity],
            "fingerprint": print_,
            "location": {"path": paths[d.file], "lines": {"begin": first, "end": last}},
        }
        if issue["content"] is None:
            del issue["content"]
        issues.append(issue)
    return jsontext.dumps(issues) + "\n"
