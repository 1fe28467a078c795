"""Project configuration: `[tool.reformlang]` in pyproject.toml or `reformlang.toml`, and its discovery.

The nearest configuration file above a spec applies to it (searching stops at
a folder holding `.git`, or at the filesystem root). Command-line flags
override the file, key by key. Every mistake in a file is reported as a
diagnostic that names file:line and, for a misspelling, the closest name.
"""

from __future__ import annotations

import fnmatch
import math
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from reformlang.diagnostics import Diagnostic, Severity, suggestion
from reformlang.errors import UserError
from reformlang.i18n import msg
from reformlang.lint.catalogue import Catalogue, framework_of, matches, specificity
from reformlang.project import config_in, exists
from reformlang.records import record
from reformlang.source import SourceFile, decode_source

KEYS = ("select", "ignore", "severity", "require", "per-file-ignores", "fail-on", "exclude", "unstated",
        "thresholds", "lang", "paper")
LEVELS = ("error", "warning", "info")


class ConfigError(UserError):
    """A configuration that cannot be used; carries the located diagnostics to show."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__(msg("the configuration has problems"), diagnostics=diagnostics,
                         help=msg("fix the configuration file named above (or give another with --config)"))


@record
class Config:
    """What to check and when to fail, for the specs under one configuration file."""

    path: str | None = None  # the file it came from; None for the built-in defaults
    root: Path = attrs.field(factory=Path.cwd)  # per-file-ignores globs are relative to this folder
    select: tuple[str, ...] | None = None  # None: every rule
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    require: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Severity = Severity.ERROR
    exclude: tuple[str, ...] = ()  # globs of files and folders that discovery skips (files.py)
    # The level of "not assessed" findings (a fact the spec does not state); "warning" makes
    # `--fail-on warning` fail a spec that leaves facts out.
    unstated: Severity = Severity.INFO
    thresholds: Mapping[str, float] = attrs.field(factory=dict)  # name -> value, over semantics.schema.THRESHOLDS
    lang: str = "en"  # the language of the outputs people read (reformlang.i18n); machine outputs stay English
    paper: str = "a4"  # the paper printable pages are laid out for (reformlang.paper)
    keys: frozenset[str] = frozenset()  # the keys the file sets (for --show-settings)
    flags: tuple[str, ...] = ()  # the keys command-line flags set or extended

    def with_overrides(self, overrides: Overrides) -> Config:
        """Command-line flags replace the file's value for the same key."""
        changes: dict[str, Any] = {}
        if overrides.select is not None:
            changes["select"] = overrides.select
        if overrides.ignore is not None:
            changes["ignore"] = overrides.ignore
        if overrides.require is not None:
            changes["require"] = overrides.require
        if overrides.fail_on is not None:
            changes["fail_on"] = overrides.fail_on
        select = changes.get("select", self.select)
        if overrides.extend_select and select is not None:  # select = None already runs every rule
            changes["select"] = tuple(dict.fromkeys((*select, *overrides.extend_select)))
        if overrides.extend_ignore:
            changes["ignore"] = tuple(dict.fromkeys((*changes.get("ignore", self.ignore), *overrides.extend_ignore)))
        flags = [k for k in ("select", "ignore", "require", "fail_on") if getattr(overrides, k) is not None]
        flags += [k for k in ("extend_select", "extend_ignore") if getattr(overrides, k)]
        return attrs.evolve(self, **changes, flags=tuple(flags))

    # -- questions the linter asks
    def ignores_for(self, path: str | Path) -> tuple[str, ...]:
        """`ignore` plus the `per-file-ignores` whose glob matches this file."""
        extra = [n for _, names in self.matching_ignores(path) for n in names]
        return self.ignore + tuple(extra)

    def matching_ignores(self, path: str | Path) -> list[tuple[str, tuple[str, ...]]]:
        """The `per-file-ignores` entries whose glob matches this file."""
        rel = _relative(Path(path), self.root)
        return [(p, names) for p, names in self.per_file_ignores if _glob_matches(p, rel)]

    def enabled(self, code: str, principle: str | None, ignore: Sequence[str] | None = None) -> bool:
        """Is this rule on? The most specific selector wins (code > principle > framework); ignore wins a tie."""
        ignore = self.ignore if ignore is None else ignore
        best_select = 0 if self.select is None else -1
        for s in self.select or ():
            if matches(s, code, principle):
                best_select = max(best_select, specificity(s, code))
        best_ignore = -1
        for s in ignore:
            if matches(s, code, principle):
                best_ignore = max(best_ignore, specificity(s, code))
        return best_select >= 0 and best_select > best_ignore

    def severity_of(self, code: str, principle: str | None, default: Severity) -> Severity:
        for key in (code, principle, framework_of(principle)):
            if key is not None and key in self.severity:
                return self.severity[key]
        return default


@record
class Overrides:
    """Command-line flags; None means 'not given, keep the file's value'."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    require: tuple[str, ...] | None = None
    fail_on: Severity | None = None
    extend_select: tuple[str, ...] = ()  # added to the file's value rather than replacing it
    extend_ignore: tuple[str, ...] = ()


def _relative(path: Path, root: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def _glob_matches(pattern: str, rel: str) -> bool:
    """Globs are relative to the configuration's folder; one without `/` also matches a bare file name."""
    pattern = pattern.removeprefix("./")
    if fnmatch.fnmatchcase(rel, pattern):
        return True
    return "/" not in pattern and fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], pattern)


# ------------------------------------------------------------------ discovery
class Finder:
    """Finds (and caches, per folder) the configuration that applies to each spec."""

    def __init__(self, catalogue: Catalogue, stdlib_frameworks: Sequence[str], explicit: str | None = None,
                 overrides: Overrides = Overrides()) -> None:
        self.catalogue = catalogue
        self.stdlib_frameworks = tuple(stdlib_frameworks)
        self.overrides = overrides
        self._by_dir: dict[Path, Config] = {}
        self._by_file: dict[Path, Config] = {}
        self._explicit: Config | None = None
        self.explicit = explicit  # the --config file, if any
        self._validate_overrides()
        if explicit is not None:
            self._explicit = self._load(Path(explicit), explicit=True)

    @property
    def files(self) -> list[Path]:
        """The configuration files read so far."""
        return list(self._by_file)

    def for_path(self, spec: str | Path | None) -> Config:
        if self._explicit is not None:
            return self._explicit
        start = Path(spec).resolve().parent if spec is not None else Path.cwd().resolve()
        return self._for_dir(start)

    def root_for(self, spec: str | Path | None) -> Path:
        """The project root of a spec (project.project_root): what SARIF paths are relative to."""
        from reformlang.project import project_root

        return project_root(spec, self.explicit)

    def _for_dir(self, folder: Path) -> Config:
        if folder in self._by_dir:
            return self._by_dir[folder]
        visited = []
        found: Config | None = None
        here = folder
        while True:
            if here in self._by_dir:
                found = self._by_dir[here]
                break
            visited.append(here)
            found = self._config_in(here)
            if found is not None or exists(here / ".git") or here.parent == here:
                break
            here = here.parent
        if found is None:
            found = Config(root=Path.cwd()).with_overrides(self.overrides)
        for v in visited:
            self._by_dir[v] = found
        return found

    def _config_in(self, folder: Path) -> Config | None:
        found = config_in(folder)  # the one rule for which file is in effect (project.py)
        return self._load(found, explicit=False) if found is not None else None

    def _load(self, path: Path, explicit: bool) -> Config | None:
        key = path.resolve()
        if key in self._by_file:
            return self._by_file[key]
        display = _display(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ConfigError([Diagnostic("C004", Severity.ERROR,
                                          msg("cannot read configuration {file}: {reason}", file=display,
                                              reason=str(exc.strerror or exc)),
                                          None, path=display)]) from None
        source, bad = decode_source(data, display)
        if bad is not None:  # pointed at where the first byte that is not UTF-8 is, as a spec's E004 is
            raise ConfigError([Diagnostic("C004", Severity.ERROR,
                                          msg("configuration {file} is not valid UTF-8", file=display),
                                          source.span(bad, bad + 1), msg("save the file as UTF-8"),
                                          path=display)])
        text = source.text
        import tomllib  # only when there is a configuration file to read

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([_toml_error(source, exc)]) from None
        except (RecursionError, ValueError) as exc:  # arrays nested thousands deep; an integer of 4,300+ digits
            raise ConfigError([_toml_limit(source, exc)]) from None
        pyproject = path.name == "pyproject.toml"
        if pyproject:
            table = data.get("tool", {}).get("reformlang") if isinstance(data.get("tool"), dict) else None
            if table is None:
                if explicit:
                    raise ConfigError([Diagnostic(
                        "C004", Severity.ERROR, msg("{file} has no [tool.reformlang] table", file=display),
                        source.span(0, 0), msg("add a [tool.reformlang] table, or name a reformlang.toml"),
                        path=display)])
                return None  # a pyproject.toml for something else: keep looking upward
            section = "tool.reformlang"
        else:
            table = data
            section = ""
        config = parse_config(table, source, section, path.resolve().parent, self.catalogue,
                              self.stdlib_frameworks).with_overrides(self.overrides)
        self._by_file[key] = config
        return config

    def _validate_overrides(self) -> None:
        """Flags name rules and frameworks just as the file does; a typo there is a usage error."""
        problems: list[Diagnostic] = []
        o = self.overrides
        for flag, names in (("--select", o.select), ("--ignore", o.ignore), ("--extend-select", o.extend_select),
                            ("--extend-ignore", o.extend_ignore)):
            for name in names or ():
                if not self.catalogue.knows(name):
                    problems.append(Diagnostic(
                        "C002", Severity.ERROR,
                        msg("{flag}: `{name}` is not a rule code, principle or framework", flag=flag, name=name),
                        None, suggestion(name, self.catalogue.names, msg("names")), path="<command line>"))
        for name in o.require or ():
            if name not in self.stdlib_frameworks:
                problems.append(Diagnostic(
                    "C002", Severity.ERROR, msg("--require: there is no framework `{name}`", name=name), None,
                    suggestion(name, self.stdlib_frameworks, msg("frameworks")), path="<command line>"))
        if problems:
            raise ConfigError(problems)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _toml_error(source: SourceFile, exc: ValueError) -> Diagnostic:
    message = str(exc)
    m = re.search(r"\(at line (\d+), column (\d+)\)", message)
    span = None
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        starts = source.line_starts
        if 1 <= line <= len(starts):
            offset = min(starts[line - 1] + col - 1, len(source.text))
            span = source.span(offset, offset + 1)
        message = message[: m.start()].strip()
    return Diagnostic("C003", Severity.ERROR, msg("this configuration is not valid TOML: {reason}", reason=message),
                      span, msg("fix the TOML syntax (https://toml.io)"), path=source.path)


def _toml_limit(source: SourceFile, exc: Exception) -> Diagnostic:
    """Valid TOML that Python's reader cannot hold: located at the first integer too long, or the
    first line nested too deep (tomllib keeps no position for these)."""
    if isinstance(exc, RecursionError):
        depth, at = 0, None
        for i, c in enumerate(source.text):  # brackets in strings count too: a close enough place
            depth += (c in "[{") - (c in "]}")
            if depth > 64:
                at = i
                break
        what, fix = msg("values are nested too deep to read"), msg("nest arrays and tables fewer than 64 levels deep")
    else:
        m = re.search(r"[0-9_]{4000,}", source.text)
        at = m.start() if m else None
        what, fix = msg("a number has too many digits to read"), msg("write a number of a few digits")
    span = source.span(at, at + 1) if at is not None else None
    return Diagnostic("C003", Severity.ERROR, msg("this configuration cannot be read: {what}", what=what), span, fix,
                      path=source.path)


# ------------------------------------------------------------------ parsing
def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else '"' + key.replace('"', '\\"') + '"'


class _Locator:
    """Finds the line a key or value sits on: tomllib keeps no positions, so search the text."""

    def __init__(self, source: SourceFile, section: str) -> None:
        self.source = source
        self.section = section

    def _lines_in_section(self):
        """(offset, line text) of the lines under our table and its subtables."""
        offset = 0
        inside = self.section == ""
        for raw in self.source.text.splitlines(keepends=True):
            stripped = raw.strip()
            header = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", stripped)
            if header:
                name = header.group(1).replace('"', "").replace(" ", "")
                if self.section:
                    inside = name == self.section or name.startswith(self.section + ".")
                yield offset, raw, name
            elif inside:
                yield offset, raw, None
            offset += len(raw)

    def key(self, *path: str):
        """The span of the last key of `path`, written as `key =` or as a table header."""
        last = path[-1]
        pattern = re.compile(r'^\s*(?:"?)' + re.escape(last) + r'(?:"?)\s*=')
        inline = re.compile(r'[{,]\s*"?' + re.escape(last) + r'"?\s*=')
        full = ".".join(p for p in (self.section, *path) if p)
        for offset, raw, header in self._lines_in_section():
            if header is not None:
                if header == full:
                    i = raw.find(last)
                    return self.source.span(offset + max(i, 0), offset + max(i, 0) + len(last))
                continue
            m = pattern.match(raw) or inline.search(raw)
            if m:
                i = raw.find(last, m.start())
                return self.source.span(offset + i, offset + i + len(last))
        return None

    def value(self, text: str, near: Any = None):
        """The span of a string value `"text"` (after `near`, a key's span, when given)."""
        needle = re.compile(r'["\']' + re.escape(text) + r'["\']')
        start = near.start if near is not None else 0
        m = needle.search(self.source.text, start)
        if m is None and near is not None:
            m = needle.search(self.source.text)
        if m is None:
            return near
        return self.source.span(m.start(), m.end())


def parse_config(table: Mapping[str, Any], source: SourceFile, section: str, root: Path,
                 catalogue: Catalogue, stdlib_frameworks: Sequence[str]) -> Config:
    """Check every key and value of a configuration table; all problems are raised together."""
    loc = _Locator(source, section)
    problems: list[Diagnostic] = []
    where = f"[{section}]" if section else source.path
    table_of = (lambda name: f"[{section}.{name}]") if section else (lambda name: f"[{name}]")

    def problem(code: str, message: str, span, help_: str | None) -> None:
        problems.append(Diagnostic(code, Severity.ERROR, message, span, help_, path=source.path))

    def unknown(key: str, name: str, span, allowed, what: str, whats: str) -> None:
        problem("C002", msg("`{key}`: `{name}` is not a known {what}", key=key, name=name, what=what), span,
                suggestion(name, allowed, whats))

    def names_list(key: str, value: Any, allowed, what: str, whats: str, path: tuple[str, ...] = ()) -> tuple[str, ...]:
        span = loc.key(*path, key) if not path else loc.key(*path)
        if isinstance(value, str):
            value = [value]  # one name is a list of one
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problem("C002", msg("`{key}` must be a list of strings", key=key), span,
                    msg('write it as {key} = ["...", "..."]', key=_toml_key(key)))
            return ()
        out = []
        for v in value:
            if v not in allowed:
                unknown(key, v, loc.value(v, span), allowed, what, whats)
            else:
                out.append(v)
        return tuple(out)

    def level(key: str, value: Any, span) -> Severity | None:
        """`error`, `warning` or `info`: `fail-on`, `unstated` and each `severity` entry."""
        if isinstance(value, str) and value in LEVELS:
            return Severity.parse(value)
        problem("C002", _one_of(key, LEVELS, value), span, suggestion(str(value), LEVELS, msg("levels")))
        return None

    def threshold(name: str, figure: Any, span) -> float | None:
        t = THRESHOLDS[name]
        if isinstance(figure, bool) or not isinstance(figure, (int, float)) or not _finite(figure):
            if isinstance(figure, int) and not isinstance(figure, bool):
                shown = msg("an integer of {n} digits", n=len(str(figure)))
            else:
                shown = _toml_value(figure)
            problem("C002", msg("`thresholds.{name}` must be a finite number, not {shown}", name=name, shown=shown),
                    span, msg("for example {name} = {default:g}", name=name, default=t.default))
        elif figure < t.minimum or (t.maximum is not None and figure > t.maximum):
            if t.maximum is not None:
                wrong = msg("`thresholds.{name}` must be {minimum:g} to {maximum:g}, not {figure:g}", name=name,
                            minimum=t.minimum, maximum=t.maximum, figure=figure)
            else:
                wrong = msg("`thresholds.{name}` must be {minimum:g} or more, not {figure:g}", name=name,
                            minimum=t.minimum, figure=figure)
            problem("C002", wrong, span, msg("the default is {default:g}", default=t.default))
        else:
            return float(figure)
        return None

    def table_of_names(key: str, value: Any, shape: str, example: str, known, what: str, whats: str,
                       entry) -> dict[str, Any] | None:
        """A table `[key]` of `name = value` lines (`severity`, `thresholds`, `per-file-ignores`): each name
        must be in `known` (None: any name), and `entry(name, value, span)` checks its value, reporting
        what is wrong and returning None."""
        if not isinstance(value, Mapping):
            problem("C002", msg("`{key}` must be a table of {shape}", key=key, shape=shape), loc.key(key),
                    msg("write it as {table} with lines like {example}", table=table_of(key), example=example))
            return None
        out: dict[str, Any] = {}
        for name in sorted(value):
            if known is not None and name not in known:
                unknown(key, name, loc.key(key, name), known, what, whats)
                continue
            got = entry(name, value[name], loc.key(key, name))
            if got is not None:
                out[name] = got
        return out

    from reformlang.semantics.schema import THRESHOLDS

    names = catalogue.names
    rule, rules = msg("rule code, principle or framework"), msg("rule code, principle or frameworks")
    changes: dict[str, Any] = {}
    if not isinstance(table, Mapping):
        problem("C002", msg("{where} must be a table", where=where), None, None)
        raise ConfigError(problems)
    for key in sorted(table, key=str):
        value = table[key]
        if key not in KEYS:
            problem("C001", msg("unknown configuration key `{key}` in {where}", key=key, where=where), loc.key(key),
                    suggestion(key, KEYS, msg("keys")))
            continue
        if key in ("select", "ignore"):
            changes[key] = names_list(key, value, names, rule, rules)
        elif key == "require":
            changes["require"] = names_list(key, value, set(stdlib_frameworks), msg("framework"), msg("frameworks"))
        elif key in ("fail-on", "unstated"):
            got = level(key, value, loc.key(key))
            if got is not None:
                changes[key.replace("-", "_")] = got
        elif key == "severity":
            levels = table_of_names(key, value, msg("rule code or principle = level"), 'LM008 = "error"', names,
                                    rule, msg("names"), lambda name, v, span: level(f"severity.{name}", v, span))
            if levels is not None:
                changes["severity"] = levels
        elif key == "thresholds":
            figures = table_of_names(key, value, msg("name = number"), "network_size_max = 30", THRESHOLDS,
                                     msg("threshold"), msg("thresholds"), threshold)
            if figures is not None:
                changes["thresholds"] = figures
        elif key == "per-file-ignores":
            globs = table_of_names(key, value, msg("glob = list of names"), '"old/*.reform" = ["lftm"]', None,
                                   rule, rules, lambda pattern, v, _span: names_list(
                                       pattern, v, names, rule, rules, ("per-file-ignores", pattern)))
            if globs is not None:
                changes["per_file_ignores"] = tuple(globs.items())
        elif key in ("lang", "paper"):
            from reformlang.i18n import LANGUAGES
            from reformlang.paper import PAPERS

            allowed, what = (LANGUAGES, msg("languages")) if key == "lang" else (PAPERS, msg("paper sizes"))
            if not isinstance(value, str) or value not in allowed:
                problem("C002", _one_of(key, allowed, value), loc.key(key), suggestion(str(value), allowed, what))
            else:
                changes[key] = value
        elif key == "exclude":
            span = loc.key(key)
            globs = [value] if isinstance(value, str) else value
            if not isinstance(globs, list) or not all(isinstance(v, str) and v.strip() for v in globs):
                problem("C002", msg("`exclude` must be a list of globs (paths relative to this file's folder)"),
                        span, msg('write it as exclude = ["tests/errors", "drafts/*.reform"]'))
            else:
                changes["exclude"] = tuple(globs)
    if problems:
        raise ConfigError(sorted(problems, key=lambda d: d.sort_key))
    return Config(path=source.path, root=root, keys=frozenset(k for k in table if k in KEYS), **changes)


def _one_of(key: str, choices: Sequence[str], value: Any) -> str:
    return msg("`{key}` must be one of {choices}, not {value}", key=key, choices=", ".join(choices), value=repr(value))


def _toml_value(value: Any) -> str:
    """A value as the configuration wrote it: `true`, not Python's `True`."""
    return ("true" if value else "false") if isinstance(value, bool) else repr(value)


def _finite(figure: int | float) -> bool:
    """A figure a rule can compare with: not NaN or infinite, and within a float (TOML integers
    have no bound here: `1e400` is infinite and a 400-digit integer overflows a float)."""
    try:
        return math.isfinite(float(figure))
    except OverflowError:
        return False


def configured_lang(spec: str | Path | None, explicit: str | None = None) -> str | None:
    """The `lang` the configuration in effect for a spec (or the current folder) sets, if any; for the
    commands that do not lint (explain, rules, plan...), without loading the rules' catalogue."""
    from reformlang.i18n import LANGUAGES

    return _configured(spec, explicit, "lang", LANGUAGES)


def configured_paper(spec: str | Path | None, explicit: str | None = None) -> str | None:
    """The `paper` the configuration in effect for a spec (or the current folder) sets, if any."""
    from reformlang.paper import PAPERS

    return _configured(spec, explicit, "paper", PAPERS)


def _configured(spec: str | Path | None, explicit: str | None, key: str, choices: Sequence[str]) -> str | None:
    from reformlang.project import config_file

    path = config_file(spec, explicit)
    if path is None or not path.is_file():
        return None
    import tomllib

    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None  # `reformlang check` reports the file's problems with their place
    table = data.get("tool", {}).get("reformlang") if path.name == "pyproject.toml" else data
    value = table.get(key) if isinstance(table, dict) else None
    if value is None:
        return None
    if value not in choices:
        # Said before the language is known (`lang` is this very setting): English.
        raise UserError(msg("{file}: {problem}", file=_display(path), problem=_one_of(key, choices, value)),
                        help=msg('write {key} = "{first}" or {key} = "{second}" in {file}', key=key,
                                 first=choices[-1], second=choices[0], file=_display(path)))
    return value
