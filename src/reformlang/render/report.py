"""A whole check report (findings, scorecards, summary) in each output format.

`reformlang check` prints it; `reformlang build` writes it beside the plans,
so both say the same.
"""

from __future__ import annotations

FORMATS = ("text", "json", "sarif", "github", "junit")


def render_report(fmt: str, report, colour: bool = False) -> str:
    """A check report (`lint.report.Report`) in one of the `--format`s of `reformlang check`."""
    if fmt == "json":
        from reformlang.render.json_report import render_json

        return render_json(report.findings, scorecard=report.scorecards, summary=summary(report))
    if fmt == "sarif":
        from reformlang.lint.baseline import fingerprint
        from reformlang.render.sarif import render_sarif

        return render_sarif(report.findings, report.rules, fingerprint)
    if fmt == "github":
        from reformlang.render.github import render_github

        return render_github(report.findings)
    if fmt == "junit":
        from reformlang.render.junit import render_junit

        return render_junit(report.findings, report.checked, report.paths, report.fails)
    from reformlang.render.text import render_scorecards, render_text, summary_line, waived_note

    parts = []
    findings = render_text(report.findings, colour)
    if findings:
        parts.append(findings)
    card = render_scorecards(report.scorecards, colour)
    if card:
        parts.append(card)
    parts.append(summary_line(report.findings, report.files)
                 + waived_note(report.suppressed, report.baselined, report.stale_baseline) + "\n")
    return "\n".join(parts)


def summary(report) -> dict:
    """The counts of a report, for JSON."""
    from reformlang.diagnostics import Severity

    counts = {s.label: sum(1 for d in report.findings if d.severity is s) for s in reversed(Severity)}
    return {"files": report.files, **counts, "suppressed": report.suppressed, "baselined": report.baselined,
            "baseline_stale": report.stale_baseline, "failed": report.failed}
