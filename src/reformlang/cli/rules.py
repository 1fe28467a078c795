"""`reformlang rules`: list every rule of the checker (code, name, principle, severity, summary)."""

from __future__ import annotations

import argparse
import sys

EXAMPLE = """examples:
  reformlang rules
  reformlang rules --format json
  reformlang explain LM003
"""


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("rules", help=COMMANDS["rules"],
                       description="List every rule: its code, name, principle, default severity and summary.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    from reformlang.cli.common import add_lang_option

    add_lang_option(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from reformlang.checks import all_rules

    from reformlang.cli.common import use_lang
    from reformlang.i18n import _, ngettext

    rules = all_rules()
    if args.format == "json":  # a machine format: English whatever the language
        import json

        data = [{"code": r.code, "name": r.name, "principle": r.principle, "severity": r.severity.label,
                 "summary": r.summary} for r in rules]
        sys.stdout.write(json.dumps({"version": 1, "rules": data}, indent=2, ensure_ascii=False) + "\n")
        return 0
    use_lang(args)
    width_name = max(len(r.name) for r in rules)
    width_principle = max(len(r.principle) for r in rules)
    for r in rules:
        sys.stdout.write(f"{r.code}  {r.name:<{width_name}}  {r.principle:<{width_principle}}  "
                         f"{r.severity.label:<7}  {_(r.summary)}\n")
    sys.stdout.write("\n" + ngettext("%(num)d rule; `reformlang explain CODE` says why each matters",
                                      "%(num)d rules; `reformlang explain CODE` says why each matters",
                                      len(rules)) % {"num": len(rules)} + "\n")
    return 0
