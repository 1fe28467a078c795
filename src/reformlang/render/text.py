"""Diagnostics as text: `path:line:col: error[CODE]: message`, the source line, a caret, help."""

from __future__ import annotations

from collections.abc import Iterable

from reformlang.diagnostics import Diagnostic, Severity
from reformlang.i18n import N_, _, colon, ngettext, translator
from reformlang.source import Span
from reformlang.visible import is_visible, visible

NEWLINE = "\n"  # a line break in a message is harmless; a carriage return or an escape sequence is not
_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
# The severities as words for people (`explain`); the `error[CODE]` prefix itself stays English.
SEVERITY_WORDS = (N_("error"), N_("warning"), N_("info"))


class Style:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour else text


def render_diagnostic(d: Diagnostic, colour: bool = False) -> str:
    """One diagnostic for a terminal: whatever came from the spec (its lines, the titles and names
    quoted in messages, file names) has its control and bidirectional characters escaped."""
    lines: list[str] = []
    _Renderer(colour).write(d, lines)
    return "\n".join(lines)


class _Renderer:
    """Renders the diagnostics of one report: the labels are looked up in the current language once,
    and what repeats from one diagnostic to the next (file names, severity prefixes, the excerpt of a
    span that several findings point at) is worked out once."""

    def __init__(self, colour: bool) -> None:
        s = self.s = Style(colour)
        self.tr = translator()
        self.note = f"  {s(_('note'), '1;36')}{colon()}"
        self.note_at = _("%(message)s at %(place)s")
        self.help = f"  {s(_('help'), '1;32')}{colon()}"
        self.fix = f"  {s(_('fix'), '1;32')}{colon()}"
        self._files: dict[str, str] = {}
        self._prefixes: dict[tuple[Severity, str], str] = {}
        self._principles: dict[str, str] = {}
        self._excerpts: dict[tuple[Span, str], list[str]] = {}

    def write(self, d: Diagnostic, lines: list[str]) -> None:
        """Add the lines of `d` to `lines`."""
        s, tr = self.s, self.tr
        prefix = self._prefixes.get((d.severity, d.code))
        if prefix is None:
            # `error[CODE]` stays English in every language: editors' and CI's problem matchers parse it.
            prefix = self._prefixes[d.severity, d.code] = s(f"{d.severity.label}[{d.code}]",
                                                            "1;" + _COLOURS[d.severity])
        principle = ""
        if d.principle:
            principle = self._principles.get(d.principle)
            if principle is None:
                principle = self._principles[d.principle] = f" [{visible(d.principle)}]"
        if d.span is None:
            where = self._file(d.file)
        else:
            line, col = d.span.source.position(d.span.start)
            where = f"{self._file(d.span.source.path)}:{line}:{col}"
        lines.append(f"{s(where, '1')}: {prefix}: {s(visible(tr(d.message), keep=NEWLINE), '1')}{principle}")
        if d.span is not None:
            lines += self._excerpt(d.span, _COLOURS[d.severity])
        for r in d.related:
            line, col = r.span.source.position(r.span.start)
            place = f"{self._file(r.span.source.path)}:{line}:{col}"
            lines.append(self.note + self.note_at % {"message": visible(tr(r.message), keep=NEWLINE), "place": place})
            lines += self._excerpt(r.span, "36")
        if d.help:
            lines.append(self.help + visible(tr(d.help), keep=NEWLINE))
        if d.fix is not None and d.fix.edits:
            how = "--fix" if d.fix.is_safe else "--fix --unsafe-fixes"
            lines.append(f"{self.fix}{visible(tr(d.fix.message))} ({how})")

    def _file(self, path: str) -> str:
        shown = self._files.get(path)
        if shown is None:
            shown = self._files[path] = visible(path)
        return shown

    def _excerpt(self, span: Span, colour: str) -> list[str]:
        lines = self._excerpts.get((span, colour))
        if lines is None:
            lines = self._excerpts[span, colour] = _excerpt(span, self.s, colour)
        return lines


def _excerpt(span: Span, s: Style, colour: str) -> list[str]:
    """The span's first line with a caret under it (to the line's end when the span runs on)."""
    source = span.source
    line, col = source.position(span.start)
    end_line, end_col = source.position(span.end)
    text = source.line_text(line)
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
    if is_visible(text):
        col, width = len(text[: col - 1]) + 1, max(1, len(text[col - 1 : col - 1 + width]))
    else:
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
    """The diagnostics, a blank line between two, as one text (built from one list of lines)."""
    render = _Renderer(colour)
    lines: list[str] = []
    for d in diagnostics:
        if lines:
            lines.append("")
        render.write(d, lines)
    return "\n".join(lines) + ("\n" if lines else "")


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
