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
    p.set_defaults(run=run)


def run(args) -> int:
    from reformlang.checks import all_rules

    rules = all_rules()
    if args.format == "json":
        import json

        data = [{"code": r.code, "name": r.name, "principle": r.principle, "severity": r.severity.label,
                 "summary": r.summary} for r in rules]
        sys.stdout.write(json.dumps({"version": 1, "rules": data}, indent=2, ensure_ascii=False) + "\n")
        return 0
    width_name = max(len(r.name) for r in rules)
    width_principle = max(len(r.principle) for r in rules)
    for r in rules:
        sys.stdout.write(f"{r.code}  {r.name:<{width_name}}  {r.principle:<{width_principle}}  "
                         f"{r.severity.label:<7}  {r.summary}\n")
    sys.stdout.write(f"\n{len(rules)} rules; `reformlang explain CODE` says why each matters\n")
    return 0
