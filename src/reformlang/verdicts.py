"""The verdict table: what the research concluded about each case, and what the checker says.

A cases file (examples/cases.toml in this repository) lists real reforms, each
encoded as an example spec, with the facts the sources give, what the research
concluded, and for the principles that conclusion (or a fact) speaks to, the
status the checker must give them. `render_verdicts` checks every example as
`reformlang check` would and writes the table docs/verdicts.md; the tests hold
the checker to the same file through `evaluate`.

It compiles and reviews each example through the stage driver (stages.py), as
`reformlang check` does. Run `python -m reformlang.verdicts [CASES [OUT]]`
(`make docs`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from reformlang.errors import UserError
from reformlang.records import record

DEFAULT_CASES = "examples/cases.toml"
DEFAULT_PATH = "docs/verdicts.md"

STATUSES = ("held", "not held", "not assessed")
# What a verdict may ask for: one status, or "held or not assessed" when the
# sources do not give the facts to show a principle and nothing stated goes against it.
ALLOWED = {s: (s,) for s in STATUSES} | {"held or not assessed": ("held", "not assessed")}
BASES = ("conclusion", "facts")
CASE_KEYS = {"example", "title", "facts", "concluded", "source", "verdict"}
VERDICT_KEYS = {"principle", "status", "basis", "because"}


@record
class Verdict:
    principle: str
    status: str  # a key of ALLOWED
    basis: str  # "conclusion" or "facts"
    because: str


@record
class Case:
    example: str  # file name, beside the cases file
    title: str
    facts: str
    concluded: str
    source: str
    verdicts: tuple[Verdict, ...]


@record
class Outcome:
    """One verdict and what the checker said."""

    verdict: Verdict
    actual: str | None  # None when the example is not held to the principle's framework

    @property
    def agrees(self) -> bool:
        return self.actual in ALLOWED[self.verdict.status]


@record
class CaseResult:
    case: Case
    path: Path
    scorecard: dict  # as `reformlang check --format json` gives it for the example
    findings: tuple  # the rule findings kept
    outcomes: tuple[Outcome, ...]
    # principles the checker finds not held that no verdict of the case explains
    unexplained: tuple[str, ...]

    @property
    def agrees(self) -> bool:
        return all(o.agrees for o in self.outcomes) and not self.unexplained


def _problem(path: Path, where: str, message: str) -> UserError:
    return UserError(f"{path}: {where}: {message}", help="see the comment at the top of the cases file")


def _text(path: Path, where: str, table: dict, key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _problem(path, where, f"`{key}` must be a non-empty string")
    return value.strip()


def load_cases(path: str | Path) -> list[Case]:
    """Read and validate a cases file. Raises UserError, naming the case and key, on a mistake."""
    import tomllib

    from reformlang.checks.catalog import principle as find_principle

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise UserError(f"cannot read {path}: {e.strerror or e}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise UserError(f"{path} is not valid TOML: {e}") from None
    except (RecursionError, ValueError):  # nested thousands deep; an integer of 4,300+ digits
        raise UserError(f"{path} cannot be read: values nested too deep or a number of too many digits") from None
    if data.get("version") != 1:
        raise _problem(path, "top level", "`version = 1` is required")
    cases = []
    for i, raw in enumerate(data.get("case", []), 1):
        where = f"case {i}"
        if not isinstance(raw, dict):
            raise _problem(path, where, "must be a table")
        if unknown := set(raw) - CASE_KEYS:
            raise _problem(path, where, f"unknown key `{sorted(unknown)[0]}`")
        example = _text(path, where, raw, "example")
        where = f"case {i} ({example})"
        if not (path.parent / example).is_file():
            raise _problem(path, where, f"no example `{example}` beside the cases file")
        verdicts = []
        for j, v in enumerate(raw.get("verdict", []), 1):
            vwhere = f"{where}, verdict {j}"
            if unknown := set(v) - VERDICT_KEYS:
                raise _problem(path, vwhere, f"unknown key `{sorted(unknown)[0]}`")
            pid = _text(path, vwhere, v, "principle")
            if find_principle(pid) is None:
                raise _problem(path, vwhere, f"no principle `{pid}` in the standard library")
            status = _text(path, vwhere, v, "status")
            if status not in ALLOWED:
                raise _problem(path, vwhere, f"`status` must be one of {', '.join(map(repr, ALLOWED))}")
            basis = _text(path, vwhere, v, "basis")
            if basis not in BASES:
                raise _problem(path, vwhere, f"`basis` must be one of {', '.join(map(repr, BASES))}")
            verdicts.append(Verdict(pid, status, basis, _text(path, vwhere, v, "because")))
        cases.append(Case(example, _text(path, where, raw, "title"), _text(path, where, raw, "facts"),
                          _text(path, where, raw, "concluded"), _text(path, where, raw, "source"),
                          tuple(verdicts)))
    if not cases:
        raise _problem(path, "top level", "no `[[case]]`")
    return cases


def _explained(case: Case) -> set[str]:
    """The principles a case allows to be not held: its "not held" verdicts, and those that presuppose one."""
    from reformlang.checks.registry import all_rules

    allowed = {v.principle for v in case.verdicts if "not held" in ALLOWED[v.status]}
    requires = {r.principle: r.requires for r in all_rules() if getattr(r, "requires", None)}
    grown = True
    while grown:
        more = {p for p, req in requires.items() if req in allowed} - allowed
        allowed |= more
        grown = bool(more)
    return allowed


def evaluate(case: Case, folder: Path) -> CaseResult:
    """Check a case's example as `reformlang check` would, and set the result beside its verdicts."""
    from reformlang.driver import compile_path
    from reformlang.stages import review

    path = folder / case.example
    comp = compile_path(path, f"{folder.name}/{case.example}")
    if not comp.ok:
        first = next(d for d in comp.diagnostics if d.severity.label == "error")
        raise UserError(f"{path} does not compile: {first.message}", diagnostics=comp.diagnostics)
    verdict = review(comp.spec)
    card = {fw: dict(v) for fw, v in verdict.scorecard.items()}
    status = {p: s for fw in card.values() for p, s in fw["principles"].items()}
    outcomes = tuple(Outcome(v, status.get(v.principle)) for v in case.verdicts)
    explained = _explained(case)
    unexplained = tuple(sorted(p for p, s in status.items() if s == "not held" and p not in explained))
    return CaseResult(case, path, card, verdict.findings, outcomes, unexplained)


def _title(pid: str) -> str:
    from reformlang.checks.catalog import principle as find_principle

    found = find_principle(pid)
    return found[1].title if found and found[1].title else pid


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def render_verdicts(cases_path: str | Path = DEFAULT_CASES, link_prefix: str = "../examples/") -> str:
    """docs/verdicts.md: the summary table, then each case with its verdicts and the example's scorecard."""
    cases_path = Path(cases_path)
    results = [evaluate(c, cases_path.parent) for c in load_cases(cases_path)]
    out = [
        "# The checker's verdicts on the cases",
        "",
        f"<!-- Generated by `make docs` from {cases_path.parent.name}/{cases_path.name} and the examples; "
        "do not edit by hand. -->",
        "",
        "Each example under `examples/` encodes one case the research draws on, stating only what the "
        "sources give (\"Leadership from the Middle\", Fullan, Education Canada, 2015; \"Making Progress "
        "Possible\", Thiers with Fullan, Educational Leadership, 2017) and leaving the rest unstated, with a "
        "comment saying so. For each case: the facts, what the research concluded, the principles that "
        "conclusion (or a fact of the case) speaks to with the status the checker must give them, and the "
        "checker's whole scorecard on the example, as `reformlang check` reports it. A principle whose "
        "facts the example does not state is *not assessed*, never *not held*; every *not held* below is "
        "one the research or the facts of the case call for. `examples/cases.toml` holds the cases; a "
        "test fails when this page or a verdict falls out of step with it.",
        "",
        "| case | example | what the research concluded | the checker |",
        "| --- | --- | --- | --- |",
    ]
    for r in results:
        agreed = sum(o.agrees for o in r.outcomes)
        summary = f"{agreed} of {len(r.outcomes)} verdicts agree"
        if r.unexplained:
            summary += f"; not held without reason: {', '.join(f'`{p}`' for p in r.unexplained)}"
        out.append(f"| {_cell(r.case.title)} | [{r.case.example}]({link_prefix}{r.case.example}) | "
                   f"{_cell(r.case.concluded)} | {_mark(r.agrees)} {summary} |")
    for r in results:
        c = r.case
        out += ["", f"## {c.title}", "",
                f"Example: [`examples/{c.example}`]({link_prefix}{c.example}). Source: \"{c.source}\".", "",
                f"**Facts.** {_sentence(c.facts)}", "",
                f"**What the research concluded.** {_sentence(c.concluded)}", "",
                "| principle | on | the research implies | because | the checker says | |",
                "| --- | --- | --- | --- | --- | --- |"]
        for o in r.outcomes:
            v = o.verdict
            out.append(f"| `{v.principle}` {_cell(_title(v.principle))} | {v.basis} | {v.status} | "
                       f"{_cell(v.because)} | {o.actual or 'not checked'} | {_mark(o.agrees)} |")
        if r.unexplained:
            out += ["", "Not held with no reason in the research or the facts: "
                    + ", ".join(f"`{p}`" for p in r.unexplained) + "."]
        out += ["", "The checker's scorecard on the example:", "",
                "| framework | held | not held | not assessed |", "| --- | --- | --- | --- |"]
        for fid, fw in sorted(r.scorecard.items()):
            by = {s: [p.split(".", 1)[1] for p, st in sorted(fw["principles"].items()) if st == s]
                  for s in STATUSES}
            cells = " | ".join(f"{len(by[s])}: {', '.join(by[s])}" if by[s] else "none" for s in STATUSES)
            out.append(f"| `{fid}` {_cell(fw.get('title', fid))} | {cells} |")
        if not r.scorecard:
            out.append("| (no framework) | | | |")
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    from reformlang.files import write_atomic

    args = sys.argv[1:] if argv is None else argv
    cases = args[0] if args else DEFAULT_CASES
    path = args[1] if len(args) > 1 else DEFAULT_PATH
    try:
        text = render_verdicts(cases)
    except UserError as e:
        print(f"error: {e.message}", file=sys.stderr)
        if e.help:
            print(f"  help: {e.help}", file=sys.stderr)
        return e.exit_code
    write_atomic(path, text)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
