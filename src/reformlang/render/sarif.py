"""Findings as SARIF 2.1.0 (`--format sarif`), for GitHub code scanning and other SARIF viewers.

Every result has a physical location (a finding without a span points at the
start of its file), a level, and a partial fingerprint that survives edits
above it. Rule metadata comes from the rules' own docs. Output is
deterministic: no timestamps, no absolute paths unless given absolute ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reformlang import __version__
from reformlang.diagnostics import Diagnostic, Severity
from reformlang.lint.catalogue import S_CODES

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "reformlang/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}



def artifact_uri(path: str) -> str:
    """A relative path stays relative (GitHub resolves it against the repository); an absolute one is a file URI."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/-._~")


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
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": level},
        "properties": {"principle": None, "tags": ["reformlang"]},
    }


def _region(d: Diagnostic) -> dict[str, int]:
    if d.span is None:
        return {"startLine": 1, "startColumn": 1}
    line, col = d.span.start_position
    end_line, end_col = d.span.end_position
    if (end_line, end_col) <= (line, col):
        end_line, end_col = line, col + 1  # an empty span still marks one character
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}


def _location(d: Diagnostic) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(d.file)}, "region": _region(d)}}


def render_sarif(findings: Sequence[Diagnostic], rules: Iterable[Any],
                 fingerprint=None) -> str:
    """A SARIF log with one run; `fingerprint(d)` gives each result's partial fingerprint."""
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
    results = []
    for d in findings:
        text = d.message + (f"\nhelp: {d.help}" if d.help else "")
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVEL[d.severity],
            "message": {"text": text},
            "locations": [_location(d)],
        }
        if d.related:
            result["relatedLocations"] = [
                {"id": i, "message": {"text": r.message},
                 "physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.span.path)},
                                      "region": _region(Diagnostic(d.code, d.severity, "", r.span))}}
                for i, r in enumerate(d.related)
            ]
        if fingerprint is not None:
            result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(d)}
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
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
