"""Findings as JUnit XML (`--format junit`), for GitLab merge requests and other CI test reports.

One test suite per file. In it, a test case `compiles` (an <error> when the
file has language errors), one test case per principle checked (a <failure>
when it has findings at or above the fail-on level; a <skipped> case when the
principle is not assessed, because the spec does not state a fact it rests
on; findings below the fail-on level are listed in <system-out>), and a case `suppressions` when
suppression comments have problems (S001..S003). Each case has the `file` it
is about and, when it has findings, the `line` of the first. Built with
xml.etree, so every message is escaped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from reformlang.diagnostics import Diagnostic, Severity

COMPILES = "compiles"
SUPPRESSIONS = "suppressions"
# Characters XML 1.0 cannot hold at all, even escaped (a spec may contain them in a string).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _about_suppressions(d: Diagnostic) -> bool:
    return d.principle is None and d.code.startswith("S")


def _line(d: Diagnostic) -> str:
    where = d.file
    if d.span is not None:
        line, col = d.span.start_position
        where = f"{d.file}:{line}:{col}"
    principle = f" [{d.principle}]" if d.principle else ""
    text = f"{where}: {d.severity.label}[{d.code}]: {d.message}{principle}"
    return _clean(text + (f"\n  help: {d.help}" if d.help else ""))


def render_junit(findings: Sequence[Diagnostic], checked: dict[str, dict[str, list[str]]],
                 files: Sequence[str], fails: Callable[[Diagnostic], bool]) -> str:
    """`checked`: path -> framework -> principles; `files`: every file read; `fails(d)`: does d fail the run?"""
    by_file: dict[str, list[Diagnostic]] = {}
    for d in findings:
        by_file.setdefault(d.file, []).append(d)
    paths = sorted(set(files) | set(by_file) | set(checked))
    root = ET.Element("testsuites", name="reformlang check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for path in paths:
        mine = by_file.get(path, [])
        suite = ET.SubElement(root, "testsuite", name=_clean(path))
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        cases: list[tuple[str, list[Diagnostic]]] = [
            (COMPILES, [d for d in mine if not d.principle and not _about_suppressions(d)])]
        marks = [d for d in mine if _about_suppressions(d)]
        if marks:
            cases.append((SUPPRESSIONS, marks))
        principles = sorted(p for ps in checked.get(path, {}).values() for p in ps)
        principles += sorted({d.principle for d in mine if d.principle} - set(principles))
        cases += [(p, [d for d in mine if d.principle == p]) for p in principles]
        for name, ds in cases:
            # `file` and `line` (where the case's first finding is) let GitLab and Jenkins link to the source.
            case = ET.SubElement(suite, "testcase", name=name, classname=_clean(path), file=_clean(path))
            placed = [d for d in ds if d.span is not None]
            if placed:
                case.set("line", str(min(d.span.start_position[0] for d in placed)))
            counts["tests"] += 1
            failing = [d for d in ds if fails(d)]
            if name == COMPILES and any(d.severity is Severity.ERROR for d in failing):
                element, key = "error", "errors"
            elif failing:
                element, key = "failure", "failures"
            else:
                element = key = None
            unstated = [d for d in ds if d.unstated]
            if element is not None:
                first = failing[0]
                node = ET.SubElement(case, element, message=_clean(first.message), type=first.code)
                node.text = "\n".join(_line(d) for d in failing) + "\n"
                counts[key] += 1
            elif unstated and not any(d.severity >= Severity.WARNING and not d.unstated for d in ds):
                # Not assessed: the spec does not state what the principle rests on.
                ET.SubElement(case, "skipped", message=_clean(unstated[0].message))
                counts["skipped"] += 1
            failed_ids = {id(d) for d in failing}
            quiet = [d for d in ds if id(d) not in failed_ids]
            if quiet:
                ET.SubElement(case, "system-out").text = "\n".join(_line(d) for d in quiet) + "\n"
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
