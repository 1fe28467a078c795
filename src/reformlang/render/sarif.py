"""Findings as SARIF 2.1.0 (`--format sarif`), for GitHub code scanning and other SARIF viewers.

Every result has a physical location (a finding without a span points at the
start of its file), a level, and a partial fingerprint that survives edits
above it. Paths are relative to the project root, named `%SRCROOT%` in
`originalUriBaseIds`, so a run from a subfolder names the same files as one
from the root. Rule metadata comes from the rules' own docs, with a
`helpUri` into the docs site (reformlang.links). Findings waived by a
suppression comment are present with `suppressions` (kind `inSource`, the
comment's reason as justification); a finding's fix is in `fixes`. Output is
deterministic: no timestamps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reformlang import __version__, jsontext
from reformlang.diagnostics import Diagnostic, Fix, Severity
from reformlang.lint.catalogue import S_CODES
from reformlang.links import code_url
from reformlang.source import Span

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "reformlang/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}



def artifact_uri(path: str) -> str:
    """A relative path stays relative (GitHub resolves it against the repository); an absolute one is a file URI."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/-._~")


def _artifact(path: str, root: Path | None) -> dict[str, str]:
    """An artifactLocation: relative to %SRCROOT% when the file lies under the root, else as given."""
    if root is not None and path not in ("<stdin>", "<unknown>"):
        import os

        absolute = Path(os.path.abspath(path))
        try:
            rel = absolute.relative_to(root)
        except ValueError:
            return {"uri": absolute.as_uri()}
        return {"uri": quote(rel.as_posix(), safe="/-._~"), "uriBaseId": SRCROOT}
    return {"uri": artifact_uri(path)}


def _docs(rule: Any) -> dict[str, str]:
    docs = getattr(rule, "docs", None)
    return {k: str(getattr(docs, k, "") or "") for k in ("what", "why", "weak", "strong")}


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    d = _docs(rule)
    full = " ".join(x.strip() for x in (d["what"], d["why"]) if x.strip()) or rule.summary
    text = (f"{d['what'].strip()}\n\nWhy it matters: {d['why'].strip()}\n\n"
            f"Flagged:\n{d['weak'].rstrip()}\n\nStronger:\n{d['strong'].rstrip()}\n")
    markdown = (f"{d['what'].strip()}\n\n**Why it matters.** {d['why'].strip()}\n\n"
                f"Flagged:\n\n```\n{d['weak'].strip(chr(10))}\n```\n\n"
                f"Stronger:\n\n```\n{d['strong'].strip(chr(10))}\n```\n\n"
                f"Principle: `{rule.principle}`. Run `reformlang explain {rule.code}` for more.\n")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "helpUri": code_url(rule.code),
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "principle": rule.principle,
            "framework": rule.principle.split(".", 1)[0],
            "tags": [rule.principle.split(".", 1)[0], rule.principle],
        },
    }


def _plain_descriptor(code: str, name: str, short: str, help_text: str, level: str) -> dict[str, Any]:
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": short},
        "helpUri": code_url(code),
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": level},
        "properties": {"principle": None, "tags": ["reformlang"]},
    }


def _region(span: Span | None) -> dict[str, int]:
    if span is None:
        return {"startLine": 1, "startColumn": 1}
    line, col = span.source.position(span.start)
    end_line, end_col = span.source.position(span.end)
    if (end_line, end_col) <= (line, col):
        end_line, end_col = line, col + 1  # an empty span still marks one character
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}


def _exact_region(span) -> dict[str, int]:
    """The region an edit replaces: exactly its span (empty for an insertion)."""
    line, col = span.start_position
    end_line, end_col = span.end_position
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}


def _fix(fix: Fix, artifact: Callable[[str], dict[str, str]]) -> dict[str, Any]:
    by_file: dict[str, list] = {}
    for e in fix.edits:
        by_file.setdefault(e.span.path, []).append(e)
    return {
        "description": {"text": fix.message},
        "artifactChanges": [
            {"artifactLocation": artifact(path),
             "replacements": [{"deletedRegion": _exact_region(e.span), "insertedContent": {"text": e.content}}
                              for e in sorted(edits, key=lambda e: (e.span.start, e.span.end))]}
            for path, edits in sorted(by_file.items())
        ],
        "properties": {"applicability": fix.applicability.value},
    }


def common_root(roots: Iterable[Path]) -> Path | None:
    """The one folder every file's project root lies in (the deepest such)."""
    import os

    roots = sorted({str(r) for r in roots})
    if not roots:
        return None
    return Path(os.path.commonpath(roots))


def render_sarif(findings: Sequence[Diagnostic], rules: Iterable[Any],
                 fingerprint=None, root: Path | None = None,
                 waived: Sequence[tuple[Diagnostic, str | None]] = ()) -> str:
    """A SARIF log with one run; `fingerprint(d)` gives each result's partial fingerprint.

    `root`: the project root, `%SRCROOT%` (absolute); `waived`: findings
    suppressed by comments, with the comment's reason.
    """
    artifacts: dict[str, dict[str, str]] = {}

    def artifact(path: str) -> dict[str, str]:
        """The artifactLocation of a file, worked out once per file (the same object wherever it is)."""
        if path not in artifacts:
            artifacts[path] = _artifact(path, root)
        return artifacts[path]

    def location(d: Diagnostic) -> dict[str, Any]:
        return {"physicalLocation": {"artifactLocation": artifact(d.file), "region": _region(d.span)}}

    descriptors: list[dict[str, Any]] = [_rule_descriptor(r) for r in sorted(rules, key=lambda r: r.code)]
    known = {r["id"] for r in descriptors}
    for code, (name, short, help_text) in sorted(S_CODES.items()):
        descriptors.append(_plain_descriptor(code, name, short, help_text, "warning"))
        known.add(code)
    # Language errors and warnings (syntax, resolution, I/O) get a plain descriptor each.
    for d in sorted({d.code: d for d in findings if d.code not in known}.values(), key=lambda d: d.code):
        descriptors.append(_plain_descriptor(
            d.code, "language-error" if d.severity is Severity.ERROR else "language-warning",
            "The spec does not compile as written." if d.severity is Severity.ERROR
            else "The spec compiles, but something in it is likely a mistake.",
            "Fix what the message says; `reformlang check FILE` shows the source line and a suggestion.",
            _LEVEL[d.severity]))
    index = {r["id"]: i for i, r in enumerate(descriptors)}
    reasons = {id(d): reason for d, reason in waived}
    everything = sorted([*findings, *(d for d, _ in waived if d.code in index)], key=lambda d: d.sort_key)
    results = []
    for d in everything:
        text = d.message + (f"\nhelp: {d.help}" if d.help else "")
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVEL[d.severity],
            "message": {"text": text},
            "locations": [location(d)],
        }
        if d.related:
            result["relatedLocations"] = [
                {"id": i, "message": {"text": r.message},
                 "physicalLocation": {"artifactLocation": artifact(r.span.path), "region": _region(r.span)}}
                for i, r in enumerate(d.related)
            ]
        if fingerprint is not None:
            result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(d)}
        if id(d) in reasons:
            suppression: dict[str, Any] = {"kind": "inSource"}
            if reasons[id(d)]:
                suppression["justification"] = reasons[id(d)]
            result["suppressions"] = [suppression]
        if d.fix is not None and d.fix.edits:
            result["fixes"] = [_fix(d.fix, artifact)]
        if d.principle:
            result["properties"] = {"principle": d.principle}
            if d.unstated:  # the principle is not assessed: the spec does not state a fact it rests on
                result["properties"]["unstated"] = True
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "reformlang",
                "semanticVersion": __version__,
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            **({"originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}}} if root else {}),
            "results": results,
        }],
    }
    return jsontext.dumps(log) + "\n"
