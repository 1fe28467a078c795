"""`check --statistics`: how many findings of each code, most frequent first (as ruff prints them)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from reformlang.diagnostics import Diagnostic
from reformlang.i18n import _


def statistics(findings: Iterable[Diagnostic]) -> list[dict]:
    rows: dict[str, dict] = {}
    for d in findings:
        row = rows.setdefault(d.code, {"code": d.code, "count": 0, "fixable": 0, "message": d.message,
                                       "principle": d.principle})
        row["count"] += 1
        if d.fix is not None and d.fix.is_safe:
            row["fixable"] += 1
    return sorted(rows.values(), key=lambda r: (-r["count"], r["code"]))


def render_statistics(findings: Iterable[Diagnostic], as_json: bool = False, colour: bool = False) -> str:
    """One line per code: the count, the code, `[*]` when --fix fixes some, and one of its messages."""
    rows = statistics(findings)
    if as_json:
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if not rows:
        return ""
    width = max(len(str(r["count"])) for r in rows)
    lines = []
    for r in rows:
        mark = "[*]" if r["fixable"] else "   "
        about = r["principle"] or _(r["message"])
        code = f"\x1b[1m{r['code']}\x1b[0m" if colour else r["code"]
        lines.append(f"{r['count']:>{width}}  {code}  {mark} {about}")
    return "\n".join(lines) + "\n"
