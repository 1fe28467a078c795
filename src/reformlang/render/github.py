"""Findings as GitHub Actions workflow commands (`--format github`): one annotation line each.

`::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE principle::message`.
GitHub reads `%`, CR and LF as escapes everywhere, and `:` and `,` also
inside properties, so those are percent-encoded; a help line follows the
message as an escaped newline.
"""

from __future__ import annotations

from collections.abc import Iterable

from reformlang.diagnostics import Diagnostic, Severity
from reformlang.visible import visible

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    # The log is a terminal too: control and bidirectional characters from the spec are escaped.
    props = f"file={escape_property(visible(d.file))}"
    if d.span is not None:
        line, col = d.span.start_position
        end_line, end_col = d.span.end_position
        props += f",line={line},col={col},endLine={end_line},endColumn={end_col}"  # digits: nothing to escape
    title = f"{d.code} {d.principle}" if d.principle else d.code
    props += f",title={escape_property(visible(title))}"
    message = visible(d.message, keep="\n") + (f"\nhelp: {visible(d.help, keep=chr(10))}" if d.help else "")
    return f"::{_COMMAND[d.severity]} {props}::{escape_data(message)}"


def render_github(findings: Iterable[Diagnostic]) -> str:
    return "".join(annotation(d) + "\n" for d in findings)
