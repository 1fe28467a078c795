"""A whole check report (findings, scorecards, summary) in each output format.

`reformlang check` prints it; `reformlang build` writes it beside the plans,
so both say the same.
"""

from __future__ import annotations

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")


def render_report(fmt: str, report, colour: bool = False, root=None, quiet: bool = False,
                  fixed: int = 0) -> str:
    """A check report (`lint.report.Report`) in one of the `--format`s of `reformlang check`.

    `root`: the project root for paths in SARIF and GitLab reports (default: the files' own);
    `quiet`: text without the scorecard and summary; `fixed`: findings `--fix` fixed (for the summary).
    Only text is in the language of the run (reformlang.i18n); the machine formats stay English and
    stable, so that what one run records another matches whatever its language.
    """
    if fmt != "text":
        from reformlang.i18n import english

        with english():
            return _render_machine(fmt, report, root, fixed)
    return _render_text(report, colour, quiet, fixed)


def _render_machine(fmt: str, report, root, fixed: int) -> str:
    if fmt == "json":
        from reformlang.render.json_report import render_json

        return render_json(report.findings, scorecard=report.scorecards, summary=summary(report, fixed))
    if fmt == "sarif":
        from reformlang.lint.baseline import Fingerprints
        from reformlang.render.sarif import common_root, render_sarif

        base = root or common_root(report.roots.values())
        # Fingerprints name files from the root, so runs from any folder agree.
        return render_sarif(report.findings, report.rules, Fingerprints(base), base, report.waived)
    if fmt == "gitlab":
        from reformlang.lint.baseline import Fingerprints
        from reformlang.render.gitlab import render_gitlab
        from reformlang.render.sarif import common_root

        base = root or common_root(report.roots.values())
        return render_gitlab(report.findings, Fingerprints(base), base)
    if fmt == "github":
        from reformlang.render.github import render_github

        return render_github(report.findings)
    if fmt == "junit":
        from reformlang.render.junit import render_junit

        return render_junit(report.findings, report.checked, report.paths, report.fails)
    raise ValueError(f"no report format {fmt!r}")


def _render_text(report, colour: bool, quiet: bool, fixed: int) -> str:
    from reformlang.render.text import render_scorecards, render_text, summary_line, waived_note

    parts = []
    findings = render_text(report.findings, colour)
    if findings:
        parts.append(findings)
    if quiet:
        return "\n".join(parts)
    card = render_scorecards(report.scorecards, colour)
    if card:
        parts.append(card)
    fixable = sum(1 for d in report.findings if d.fix is not None and d.fix.is_safe)
    unsafe = sum(1 for d in report.findings if d.fix is not None and not d.fix.is_safe)
    parts.append(summary_line(report.findings, report.files)
                 + waived_note(report.suppressed, report.baselined, report.stale_baseline)
                 + fix_note(fixed, fixable, unsafe) + "\n")
    return "\n".join(parts)


def fix_note(fixed: int, fixable: int, unsafe: int = 0) -> str:
    """What `--fix` did, and what it could do (as ruff says it): safe fixes, and unsafe ones on request."""
    from reformlang.i18n import _, ngettext

    bits = []
    if fixed:
        bits.append(_("fixed %(num)d") % {"num": fixed})
    if fixable:
        bits.append(ngettext("%(num)d fixable with --fix", "%(num)d fixable with --fix", fixable) % {"num": fixable})
    if unsafe:
        bits.append(_("%(num)d more with --fix --unsafe-fixes") % {"num": unsafe})
    return f"; {', '.join(bits)}" if bits else ""


def summary(report, fixed: int = 0) -> dict:
    """The counts of a report, for JSON."""
    from reformlang.diagnostics import Severity

    counts = {s.label: sum(1 for d in report.findings if d.severity is s) for s in reversed(Severity)}
    return {"files": report.files, **counts, "suppressed": report.suppressed, "baselined": report.baselined,
            "baseline_stale": report.stale_baseline, "fixed": fixed, "failed": report.failed}
