"""Diagnostics as text: `path:line:col: error[CODE]: message`, the source line, a caret, help."""

from __future__ import annotations

from collections.abc import Iterable

from reformlang.diagnostics import Diagnostic, Severity
from reformlang.i18n import N_, _, colon, ngettext
from reformlang.source import Span
from reformlang.visible import visible

NEWLINE = "\n"  # a line break in a message is harmless; a carriage return or an escape sequence is not
_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
# The severities as words for people (`explain`); the `error[CODE]` prefix itself stays English.
SEVERITY_WORDS = (N_("error"), N_("warning"), N_("info"))


class Style:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour else text


def location(d: Diagnostic) -> str:
    if d.span is None:
        return visible(d.file)
    line, col = d.span.start_position
    return f"{visible(d.file)}:{line}:{col}"


def render_diagnostic(d: Diagnostic, colour: bool = False) -> str:
    """One diagnostic for a terminal: whatever came from the spec (its lines, the titles and names
    quoted in messages, file names) has its control and bidirectional characters escaped."""
    s = Style(colour)
    # `error[CODE]` stays English in every language: editors' and CI's problem matchers parse it.
    sev = s(f"{d.severity.label}[{d.code}]", "1;" + _COLOURS[d.severity])
    principle = f" [{visible(d.principle)}]" if d.principle else ""
    lines = [f"{s(location(d), '1')}: {sev}: {s(visible(_(d.message), keep=NEWLINE), '1')}{principle}"]
    if d.span is not None:
        lines.extend(_excerpt(d.span, s, _COLOURS[d.severity]))
    for r in d.related:
        note = _("note")
        lines.append(f"  {s(note, '1;36')}{colon()}" + _("%(message)s at %(place)s")
                     % {"message": visible(_(r.message), keep=NEWLINE), "place": location_of(r.span)})
        lines.extend(_excerpt(r.span, s, "36"))
    if d.help:
        label = _("help")
        lines.append(f"  {s(label, '1;32')}{colon()}{visible(_(d.help), keep=NEWLINE)}")
    if d.fix is not None and d.fix.edits:
        how = "--fix" if d.fix.is_safe else "--fix --unsafe-fixes"
        label = _("fix")
        lines.append(f"  {s(label, '1;32')}{colon()}{visible(_(d.fix.message))} ({how})")
    return "\n".join(lines)


def location_of(span: Span) -> str:
    line, col = span.start_position
    return f"{visible(span.path)}:{line}:{col}"


def _excerpt(span: Span, s: Style, colour: str) -> list[str]:
    line, col = span.start_position
    end_line, end_col = span.end_position
    text = span.source.line_text(line)
    if end_line != line:
        end_col = len(text) + 1
    width = max(1, end_col - col)
    # Keep very long lines readable: show a window around the span.
    if len(text) > 200:
        start = max(0, col - 60)
        text = ("…" if start else "") + text[start : start + 160] + "…"
        col = col - start + (1 if start else 0)
        width = min(width, 160)
    text = text.replace("\t", " ")
    # Escaped characters take several columns: move the caret with them.
    col, width = len(visible(text[: col - 1])) + 1, max(1, len(visible(text[col - 1 : col - 1 + width])))
    text = visible(text)
    gutter = " " * len(str(line))
    return [
        f"{gutter} |",
        f"{line} | {text}",
        f"{gutter} | {' ' * (col - 1)}{s('^' * width, '1;' + colour)}",
    ]


def render_text(diagnostics: Iterable[Diagnostic], colour: bool = False) -> str:
    parts = [render_diagnostic(d, colour) for d in diagnostics]
    return "\n\n".join(parts) + ("\n" if parts else "")


def summary_line(diagnostics: list[Diagnostic], files: int) -> str:
    counts = {sev: sum(1 for d in diagnostics if d.severity is sev) for sev in Severity}
    errors, warnings, infos = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
    bits = [ngettext("%(num)d error", "%(num)d errors", errors) % {"num": errors},
            ngettext("%(num)d warning", "%(num)d warnings", warnings) % {"num": warnings}]
    if infos:
        bits.append(ngettext("%(num)d info", "%(num)d info", infos) % {"num": infos})
    return ngettext("checked %(num)d file: %(counts)s", "checked %(num)d files: %(counts)s", files) % {
        "num": files, "counts": ", ".join(bits)}


def render_scorecards(scorecards: dict[str, dict], colour: bool = False) -> str:
    """Per spec, one line per framework: principles held out of principles checked, then those not held
    and those not assessed (the spec does not state what they rest on)."""
    s = Style(colour)
    out: list[str] = []
    for path in sorted(scorecards):
        card = scorecards[path]
        if not card:
            continue
        if out:
            out.append("")
        out.append(_("%(scorecard)s for %(path)s:") % {"scorecard": s(_("scorecard"), "1"), "path": visible(path)})
        card = {visible(fid): {**entry, "title": visible(_(entry["title"]))} for fid, entry in card.items()}
        width_id = max(len(fid) for fid in card)
        width_title = max(len(entry["title"]) for entry in card.values())
        for fid in sorted(card):
            entry = card[fid]
            held, checked = entry["held"], entry["checked"]
            ratio = _("%(held)d/%(checked)d held") % {"held": held, "checked": checked}
            ratio = s(ratio, "32" if held == checked else "33")
            line = f"  {fid:<{width_id}}  {entry['title']:<{width_title}}  {ratio}"
            for status, label in (("not held", _("not held")), ("not assessed", _("not assessed"))):
                names = [visible(p.split(".", 1)[-1]) for p, v in sorted(entry["principles"].items()) if v == status]
                if names:
                    line += f"  ({label}: {', '.join(names)})"
            out.append(line)
    return "\n".join(out) + ("\n" if out else "")


def waived_note(suppressed: int, baselined: int, stale_baseline: int) -> str:
    """What the summary line leaves out: findings waived by comments or by the baseline."""
    bits = []
    if suppressed:
        bits.append(_("%(num)d suppressed by comments") % {"num": suppressed})
    if baselined:
        bits.append(_("%(num)d in the baseline") % {"num": baselined})
    if stale_baseline:
        bits.append(ngettext("%(num)d baseline entry no longer found", "%(num)d baseline entries no longer found",
                             stale_baseline) % {"num": stale_baseline})
    return f" ({'; '.join(bits)})" if bits else ""
