"""From compilations to a Report: which rules run on each file, at what severity, and what is waived.

Order of work for one spec: its configuration picks the rules (select, ignore,
per-file-ignores) and the frameworks (those it `use`s plus `require`); the
rules run; `severity` re-grades their findings; suppression comments waive
some; the scorecard is drawn from what is left; then the baseline, if any,
sets aside findings already recorded. Language errors always reach the report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

import attrs

from reformlang.diagnostics import Diagnostic, Severity
from reformlang.lint.baseline import Baseline
from reformlang.lint.catalogue import Catalogue
from reformlang.lint.config import Finder, Overrides
from reformlang.lint.results import FileResult
from reformlang.records import record


@attrs.define
class Report:
    """Everything a renderer needs; findings are sorted and final."""

    findings: list[Diagnostic]
    paths: list[str]  # every file read (checked or not)
    scorecards: dict[str, dict]  # path -> checks.scorecard(...) for each spec the rules ran on
    checked: dict[str, dict[str, list[str]]]  # path -> framework -> principles checked
    rule_list: Callable[[], list[Any]]  # every rule, for SARIF metadata (asked for only by SARIF)
    fail_on: dict[str, Severity] = attrs.field(factory=dict)  # path -> level that fails
    default_fail_on: Severity = Severity.ERROR  # for other files: a library a spec uses, an unreadable path
    suppressed: int = 0
    baselined: int = 0
    stale_baseline: int = 0  # baseline entries that matched nothing (fixed since)
    io_problem: bool = False
    reviews: dict[str, Review] = attrs.field(factory=dict)  # path -> the verdict on each spec the rules ran on
    waived: list[tuple[Diagnostic, str | None]] = attrs.field(factory=list)  # suppressed, with the reason (SARIF)
    roots: dict[str, Any] = attrs.field(factory=dict)  # path -> project root (a Path), for SARIF

    @property
    def rules(self) -> list[Any]:
        return self.rule_list()

    @property
    def files(self) -> int:
        return len(self.paths)

    def rebase(self, baseline: Baseline, everything: list[Diagnostic]) -> None:
        """Set aside, from every finding of the run, those recorded in `baseline`."""
        self.findings, known, self.stale_baseline = baseline.split(everything)
        self.baselined = len(known)

    def fails(self, d: Diagnostic) -> bool:
        """Does this finding reach its file's `fail-on` level?"""
        return d.severity >= self.fail_on.get(d.file, self.default_fail_on)

    @property
    def failed(self) -> bool:
        # A finding below every level in force cannot fail: most of a large report is passed over unasked.
        lowest = min((*self.fail_on.values(), self.default_fail_on))
        return any(self.fails(d) for d in self.findings if d.severity >= lowest)

    @property
    def exit_code(self) -> int:
        if self.io_problem:
            return 2
        return 1 if self.failed else 0


class Linter:
    """Holds what stays the same across files: the rules, and where configuration is found.

    The rules and the configuration are loaded when first needed: a run whose
    every file comes from the result cache needs neither.
    """

    def __init__(self, checks: ModuleType | Any | None = None, config: str | None = None,
                 overrides: Overrides = Overrides(), stdin_filename: str | None = None) -> None:
        self._checks = checks
        self.config = config
        self.overrides = overrides
        self.stdin_filename = stdin_filename  # the file standard input stands for (`--stdin-filename`)
        self._finder: Finder | None = None

    def _config_path(self, path: str | None) -> str | None:
        """The path whose configuration applies: `--stdin-filename` names one for standard input."""
        if path in (None, "<stdin>"):
            return self.stdin_filename
        return path

    @property
    def checks(self) -> ModuleType | Any:
        if self._checks is None:
            import reformlang.checks as checks  # the rules; imported here so a fake can stand in

            self._checks = checks
        return self._checks

    @property
    def finder(self) -> Finder:
        if self._finder is None:
            from reformlang.driver import loader

            stdlib = loader().stdlib_frameworks()
            self._finder = Finder(Catalogue(self.checks.all_rules(), stdlib), stdlib, self.config,
                                  self.overrides)  # may raise ConfigError
        return self._finder

    @property
    def catalogue(self) -> Catalogue:
        return self.finder.catalogue

    def lint(self, compiled: Iterable[tuple[str, Any, Diagnostic | None]],
             baseline: Baseline | None = None) -> tuple[Report, list[Diagnostic]]:
        """Check every compilation; returns the report and every finding before the baseline (to record one)."""
        return self.report((self.result(path, comp, err) for path, comp, err in compiled), baseline)

    def result(self, path: str, comp: Any, err: Diagnostic | None) -> FileResult:
        """One file's share of the report: an I/O error, its language errors, or its review."""
        if err is not None:
            return FileResult(None, [err], io_problem=True)
        config = self.finder.for_path(self._config_path(path))
        spec = comp.spec
        if spec is None or not comp.ok or spec.is_library:
            return FileResult(comp.path, list(comp.diagnostics), config.fail_on)
        review = self.review(path, spec, config)
        return FileResult(comp.path, [*comp.diagnostics, *review.findings], config.fail_on, review.scorecard,
                          review.checked, review.suppressed, review=review, waived=list(review.waived))

    def report(self, results: Iterable[FileResult],
               baseline: Baseline | None = None) -> tuple[Report, list[Diagnostic]]:
        """The report on `results`; also every finding before the baseline (to record one)."""
        found: list[Diagnostic] = []
        scorecards: dict[str, dict] = {}
        checked: dict[str, dict[str, list[str]]] = {}
        fail_on: dict[str, Severity] = {}
        reviews: dict[str, Review] = {}
        waived: list[tuple[Diagnostic, str | None]] = []
        roots: dict[str, Any] = {}
        suppressed = 0
        paths: list[str] = []
        io_problem = False
        for r in results:
            found.extend(r.diagnostics)
            if r.io_problem:
                io_problem = True
                continue
            paths.append(r.path)
            fail_on[r.path] = r.fail_on
            roots[r.path] = self.root_for(r.path)
            waived.extend(r.waived)
            if r.scorecard is not None:
                scorecards[r.path] = r.scorecard
                checked[r.path] = r.checked
                suppressed += r.suppressed
            if r.review is not None:
                reviews[r.path] = r.review
        everything = _dedupe(found)
        reported, known, stale = everything, [], 0
        if baseline is not None:
            reported, known, stale = baseline.split(everything)
        # A file that is not itself a spec checked here (a library a spec uses) is held to the strictest level.
        default = min(fail_on.values(), default=self.overrides.fail_on or Severity.ERROR)
        report = Report(reported, paths, scorecards, checked, lambda: self.catalogue.rules, fail_on, default,
                        suppressed, len(known), stale, io_problem, reviews,
                        sorted(waived, key=lambda w: w[0].sort_key), roots)
        return report, everything

    def root_for(self, path: str | None) -> Any:
        """The project root of a file (project.project_root): what SARIF and GitLab paths are relative to.
        Needs neither the rules nor the configuration parsed, so a cached run stays cheap."""
        from reformlang.project import project_root

        return project_root(self._config_path(path), self.config)

    def review(self, path: str | None, spec: Any, config: Any = None) -> Review:
        """Hold one spec to its rules, as configured for its path: what `check` reports
        on it, and what plans and diagrams show."""
        from reformlang.lint import suppressions
        from reformlang.lint.catalogue import matches

        if config is None:
            config = self.finder.for_path(self._config_path(path))
        ignore = config.ignores_for(self._config_path(path) or path or "<stdin>")
        rules = [r for r in self.catalogue.rules if config.enabled(r.code, r.principle, ignore)]
        frameworks = list(dict.fromkeys((*spec.frameworks, *config.require)))
        result = self.checks.run_checks(spec, frameworks=frameworks, rules=rules, thresholds=config.thresholds)
        # A fact not stated is graded by `unstated`, whatever the rule's own severity.
        findings = [_graded(d, config.unstated if d.unstated else config.severity_of(d.code, d.principle, d.severity))
                    for d in result.findings]
        marks, problems = suppressions.parse(spec, self.catalogue)
        ran = [r for r in rules if r.principle.split(".", 1)[0] in frameworks]
        kept, waived, unused = suppressions.apply(
            findings, marks, lambda name: any(matches(name, r.code, r.principle) for r in ran))
        about_marks = [
            _graded(d, config.severity_of(d.code, None, d.severity))
            for d in (*problems, *unused) if config.enabled(d.code, None, ignore)
        ]
        card = self.checks.scorecard(result.checked, [d for d in kept if d.principle])
        reasons = []
        for d in waived:
            mark = suppressions.waiver(d, marks)
            reasons.append((d, mark.reason if mark else None))
        return Review(tuple(sorted((*kept, *about_marks), key=lambda d: d.sort_key)),
                      {k: card[k] for k in sorted(card)}, result.checked, len(waived), tuple(reasons))


@record
class Review:
    """The checker's verdict on one spec, after its configuration and suppression comments: what
    `check` reports on it (less language errors and the baseline), and what plans and diagrams show.

    A planner who waived a finding in the spec, with a reason, does not meet it
    again as a risk in the plan; the scorecard is drawn from what is left.
    """

    findings: tuple[Diagnostic, ...]  # rule findings kept, and what is wrong with the suppressions
    # {framework_id: {"title", "held", "checked", "principles": {principle_id: "held" | "not held"}}}, sorted
    scorecard: dict
    checked: dict[str, list[str]]  # framework -> principles checked
    suppressed: int  # findings waived by suppression comments
    waived: tuple[tuple[Diagnostic, str | None], ...] = ()  # those findings, with the comment's reason (SARIF)


def _graded(d: Diagnostic, severity: Severity) -> Diagnostic:
    return d if d.severity is severity else attrs.evolve(d, severity=severity)


def _dedupe(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted, and once each: a library file checked on its own and through `use` reports once."""
    keys = [d.sort_key for d in diagnostics]  # each worked out once, for the sort and the comparison
    seen = set()
    out = []
    for i in sorted(range(len(diagnostics)), key=keys.__getitem__):
        d = diagnostics[i]
        key = (keys[i], d.severity)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
