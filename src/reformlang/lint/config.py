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
from reformlang.lint.catalogue import Catalogue, framework_of, matches, specificity
from reformlang.project import config_in, exists
from reformlang.source import SourceFile

KEYS = ("select", "ignore", "severity", "require", "per-file-ignores", "fail-on", "exclude", "unstated",
        "thresholds", "lang", "paper")
LEVELS = ("error", "warning", "info")


class ConfigError(UserError):
    """A configuration that cannot be used; carries the located diagnostics to show."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__("the configuration has problems", diagnostics=diagnostics,
                         help="fix the configuration file named above (or give another with --config)")


@attrs.frozen
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


@attrs.frozen
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
            text = path.read_bytes().decode("utf-8")
        except OSError as exc:
            raise ConfigError([Diagnostic("C004", Severity.ERROR,
                                          f"cannot read configuration {display}: {exc.strerror or exc}",
                                          None, path=display)]) from None
        except UnicodeDecodeError:
            raise ConfigError([Diagnostic("C004", Severity.ERROR,
                                          f"configuration {display} is not valid UTF-8", None,
                                          "save the file as UTF-8", path=display)]) from None
        source = SourceFile(display, text)
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
                        "C004", Severity.ERROR, f"{display} has no [tool.reformlang] table", None,
                        "add a [tool.reformlang] table, or name a reformlang.toml", path=display)])
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
                        "C002", Severity.ERROR, f"{flag}: `{name}` is not a rule code, principle or framework",
                        None, suggestion(name, self.catalogue.names, "names"), path="<command line>"))
        for name in o.require or ():
            if name not in self.stdlib_frameworks:
                problems.append(Diagnostic(
                    "C002", Severity.ERROR, f"--require: there is no framework `{name}`", None,
                    suggestion(name, self.stdlib_frameworks, "frameworks"), path="<command line>"))
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
    return Diagnostic("C003", Severity.ERROR, f"this configuration is not valid TOML: {message}", span,
                      "fix the TOML syntax (https://toml.io)", path=source.path)


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
        what, fix = "values are nested too deep to read", "nest arrays and tables fewer than 64 levels deep"
    else:
        m = re.search(r"[0-9_]{4000,}", source.text)
        at = m.start() if m else None
        what, fix = "a number has too many digits to read", "write a number of a few digits"
    span = source.span(at, at + 1) if at is not None else None
    return Diagnostic("C003", Severity.ERROR, f"this configuration cannot be read: {what}", span, fix,
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

    def names_list(key: str, value: Any, allowed, what: str, path: tuple[str, ...] = ()) -> tuple[str, ...]:
        span = loc.key(*path, key) if not path else loc.key(*path)
        if isinstance(value, str):
            value = [value]  # one name is a list of one
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problem("C002", f"`{key}` must be a list of strings", span,
                    f'write it as {_toml_key(key)} = ["...", "..."]')
            return ()
        out = []
        for v in value:
            if v not in allowed:
                problem("C002", f"`{key}`: `{v}` is not a known {what}", loc.value(v, span),
                        suggestion(v, allowed, what + "s"))
            else:
                out.append(v)
        return tuple(out)

    names = catalogue.names
    changes: dict[str, Any] = {}
    if not isinstance(table, Mapping):
        problem("C002", f"{where} must be a table", None, None)
        raise ConfigError(problems)
    for key in sorted(table, key=str):
        value = table[key]
        if key not in KEYS:
            problem("C001", f"unknown configuration key `{key}` in {where}", loc.key(key),
                    suggestion(key, KEYS, "keys"))
            continue
        if key in ("select", "ignore"):
            changes[key] = names_list(key, value, names, "rule code, principle or framework")
        elif key == "require":
            changes["require"] = names_list(key, value, set(stdlib_frameworks), "framework")
        elif key == "fail-on":
            if not isinstance(value, str) or value not in LEVELS:
                problem("C002", f"`fail-on` must be one of {', '.join(LEVELS)}, not {value!r}",
                        loc.key(key), suggestion(str(value), LEVELS, "levels"))
            else:
                changes["fail_on"] = Severity.parse(value)
        elif key == "severity":
            if not isinstance(value, Mapping):
                problem("C002", "`severity` must be a table of rule code or principle = level", loc.key(key),
                        f'write it as {table_of("severity")} with lines like LM008 = "error"')
                continue
            levels: dict[str, Severity] = {}
            for name in sorted(value):
                level = value[name]
                if name not in names:
                    problem("C002", f"`severity`: `{name}` is not a known rule code, principle or framework",
                            loc.key("severity", name), suggestion(name, names, "names"))
                elif not isinstance(level, str) or level not in LEVELS:
                    problem("C002", f"`severity.{name}` must be one of {', '.join(LEVELS)}, not {level!r}",
                            loc.key("severity", name), suggestion(str(level), LEVELS, "levels"))
                else:
                    levels[name] = Severity.parse(level)
            changes["severity"] = levels
        elif key == "unstated":
            if not isinstance(value, str) or value not in LEVELS:
                problem("C002", f"`unstated` must be one of {', '.join(LEVELS)}, not {value!r}",
                        loc.key(key), suggestion(str(value), LEVELS, "levels"))
            else:
                changes["unstated"] = Severity.parse(value)
        elif key == "thresholds":
            from reformlang.semantics.schema import THRESHOLDS

            if not isinstance(value, Mapping):
                problem("C002", "`thresholds` must be a table of name = number", loc.key(key),
                        f'write it as {table_of("thresholds")} with lines like network_size_max = 30')
                continue
            figures: dict[str, float] = {}
            for name in sorted(value):
                figure = value[name]
                t = THRESHOLDS.get(name)
                if t is None:
                    problem("C002", f"`thresholds`: `{name}` is not a known threshold",
                            loc.key("thresholds", name), suggestion(name, THRESHOLDS, "thresholds"))
                elif isinstance(figure, bool) or not isinstance(figure, (int, float)) or not _finite(figure):
                    shown = f"{figure!r}" if not isinstance(figure, int) else f"an integer of {len(str(figure))} digits"
                    problem("C002", f"`thresholds.{name}` must be a finite number, not {shown}",
                            loc.key("thresholds", name), f"for example {name} = {t.default:g}")
                elif figure < t.minimum or (t.maximum is not None and figure > t.maximum):
                    top = f" to {t.maximum:g}" if t.maximum is not None else " or more"
                    problem("C002", f"`thresholds.{name}` must be {t.minimum:g}{top}, not {figure:g}",
                            loc.key("thresholds", name), f"the default is {t.default:g}")
                else:
                    figures[name] = float(figure)
            changes["thresholds"] = figures
        elif key == "per-file-ignores":
            if not isinstance(value, Mapping):
                problem("C002", "`per-file-ignores` must be a table of glob = list of names", loc.key(key),
                        f'write it as {table_of("per-file-ignores")} with lines like "old/*.reform" = ["lftm"]')
                continue
            pairs = []
            for pattern in sorted(value):
                got = names_list(pattern, value[pattern], names, "rule code, principle or framework",
                                 ("per-file-ignores", pattern))
                pairs.append((pattern, got))
            changes["per_file_ignores"] = tuple(pairs)
        elif key == "lang":
            from reformlang.i18n import LANGUAGES

            if not isinstance(value, str) or value not in LANGUAGES:
                problem("C002", f"`lang` must be one of {', '.join(LANGUAGES)}, not {value!r}",
                        loc.key(key), suggestion(str(value), LANGUAGES, "languages"))
            else:
                changes["lang"] = value
        elif key == "paper":
            from reformlang.paper import PAPERS

            if not isinstance(value, str) or value not in PAPERS:
                problem("C002", f"`paper` must be one of {', '.join(PAPERS)}, not {value!r}",
                        loc.key(key), suggestion(str(value), PAPERS, "paper sizes"))
            else:
                changes["paper"] = value
        elif key == "exclude":
            span = loc.key(key)
            globs = [value] if isinstance(value, str) else value
            if not isinstance(globs, list) or not all(isinstance(v, str) and v.strip() for v in globs):
                problem("C002", "`exclude` must be a list of globs (paths relative to this file's folder)",
                        span, 'write it as exclude = ["tests/errors", "drafts/*.reform"]')
            else:
                changes["exclude"] = tuple(globs)
    if problems:
        raise ConfigError(sorted(problems, key=lambda d: d.sort_key))
    return Config(path=source.path, root=root, keys=frozenset(k for k in table if k in KEYS), **changes)


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
        raise UserError(f"{_display(path)}: `{key}` must be one of {', '.join(choices)}, not {value!r}",
                        help=f"write {key} = \"{choices[-1]}\" or {key} = \"{choices[0]}\" in {_display(path)}")
    return value
