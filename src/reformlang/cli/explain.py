"""`reformlang explain ID`: a rule or a principle, its source, why it matters, a weak and a strong example."""

from __future__ import annotations

import argparse
import re
import sys
import textwrap

EXAMPLE = """examples:
  reformlang explain LM003
  reformlang explain lftm.partner_upward
  reformlang explain lftm
  reformlang explain simulation
"""

# Topics beside rules and principles: a document of docs/ that ships with the package.
TOPICS = {"simulation": "simulation.md"}

WIDTH = 88


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("explain", help=COMMANDS["explain"],
                       description="Explain a rule (by code, e.g. LM003), a principle (e.g. lftm.partner_upward) "
                                   "or a framework (e.g. lftm): what it asks, its source, why it matters, and "
                                   "a weak and a stronger example. `reformlang explain simulation` prints the "
                                   "simulator's model: its mechanisms, their sources, its parameters.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("id", metavar="ID", help="a rule code, a principle id, a framework id, or `simulation`")
    from reformlang.cli.common import add_lang_option

    add_lang_option(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from reformlang.checks import all_rules
    from reformlang.diagnostics import suggestion
    from reformlang.errors import UserError

    from reformlang.cli.common import use_lang

    use_lang(args)
    wanted = args.id.strip()
    if wanted in TOPICS:
        from reformlang.resources import doc_path

        sys.stdout.write(doc_path(TOPICS[wanted]).read_text(encoding="utf-8"))
        return 0
    text = explanation(wanted)
    if text is not None:
        sys.stdout.write(text)
        return 0
    rules = all_rules()
    frameworks = sorted({r.framework for r in rules})
    known = [r.code for r in rules] + [r.principle for r in rules] + frameworks + list(TOPICS)
    # rule codes are upper case; `lm03` should still find LM003
    probe = wanted.upper() if re.fullmatch(r"[A-Za-z]{2}\d+", wanted) else wanted
    hint = suggestion(probe, known)
    from reformlang.i18n import msg

    raise UserError(msg("no rule, principle or framework `{name}`", name=wanted),
                    help=hint or msg("run `reformlang rules` to list the rules"))


def explanation(wanted: str) -> str | None:
    """What `reformlang explain WANTED` prints, or None when it names no rule, principle or framework.
    The language server shows the same text on hover (cli/lsp.py hands it this function)."""
    from reformlang.checks import all_rules, rule_for, rules_for_principle
    from reformlang.checks.catalog import principle as find_principle
    from reformlang.checks.catalog import stdlib_framework
    from reformlang.i18n import _

    rule = rule_for(wanted)
    if rule is not None:
        return _principle_header(rule.principle, find_principle(rule.principle)) + "\n\n" + _rule_section(rule) + "\n"
    found = find_principle(wanted) if "." in wanted else None
    if found is not None:
        rules = rules_for_principle(found[1].id)
        return _principle_header(found[1].id, found) + "\n" + "".join("\n" + _rule_section(r) + "\n" for r in rules)
    rules = all_rules()
    frameworks = sorted({r.framework for r in rules})
    if wanted in frameworks:
        fw = stdlib_framework(wanted)
        out = [f"{wanted}: {_(fw.title)}", _("source: %(source)s") % {"source": fw.source}]
        if fw.about:
            out.append(_wrap(_("In reformlang's words: %(text)s") % {"text": _(fw.about)}, ""))
        out.append("")
        for p in fw.principles:
            codes = ", ".join(r.code for r in rules_for_principle(p.id))
            out.append(f"  {p.id:<44} {_(p.title)}  [{codes}]")
        out += ["", _("run `reformlang explain %(principle)s` or a rule code for the details")
                % {"principle": fw.principles[0].id}]
        return "\n".join(out) + "\n"
    return None


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent)


def _principle_header(principle_id: str, found) -> str:
    from reformlang.i18n import _

    if found is None:
        return f"{principle_id}"
    fw, p = found
    lines = [f"{p.id}: {_(p.title)}",
             _("framework: %(id)s (%(title)s)") % {"id": fw.id, "title": _(fw.title)},
             _("source: %(source)s") % {"source": p.source or fw.source}]  # a citation: as published
    if p.holds_when:
        lines.append(_wrap(_("holds when: %(text)s") % {"text": _(p.holds_when)}, ""))
    if p.about:
        # The sources are named above; the explanation is the project's own.
        lines += ["", _wrap(_("In reformlang's words: %(text)s") % {"text": _(p.about)})]
    return "\n".join(lines)


def _rule_section(rule) -> str:
    from reformlang.checks.docs import rule_thresholds, threshold_line
    from reformlang.i18n import _

    d = rule.docs
    lines = [_("%(code)s %(name)s (default severity: %(severity)s)")
             % {"code": rule.code, "name": rule.name, "severity": _(rule.severity.label)},
             "", _("What it flags:"), _wrap(_(d.what)),
             "", _("Why it matters:"), _wrap(_(d.why))]
    if thresholds := rule_thresholds(rule):
        lines += ["", _("Thresholds:"), *(_wrap(threshold_line(t).replace("`", "")) for t in thresholds)]
    lines += ["", _("Weak:"), textwrap.indent(d.weak.rstrip(), "    "),
              "", _("Stronger:"), textwrap.indent(d.strong.rstrip(), "    ")]
    return "\n".join(lines)
