"""The project a spec belongs to: its configuration file and its root folder.

The project root bounds what a spec may reach (`use` never reads a file
outside it) and is what reports are relative to (SARIF's `%SRCROOT%`). It is,
in order:

1. the folder of the configuration file in effect: the one given with
   `--config`, else the nearest `reformlang.toml`, or `pyproject.toml` with a
   `[tool.reformlang]` table, above the spec (the search stops at a folder
   holding `.git`);
2. else the nearest folder above the spec holding `.git`;
3. else the spec's own folder (the current folder for standard input).

Only the standard library (tomllib) is needed, and only when a pyproject.toml
is met, so this stays cheap for `reformlang check`.
"""

from __future__ import annotations

import os
from pathlib import Path
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (check starts fast)
if TYPE_CHECKING:
    from typing import Any

CONFIG_NAMES = ("reformlang.toml", "pyproject.toml")  # in this order within one folder


def spec_folder(spec: str | Path | None) -> Path:
    """The folder a spec sits in, resolved; the current folder for standard input (None or '<stdin>')."""
    if spec is None or str(spec) in ("-", "<stdin>"):
        return Path.cwd().resolve()
    return Path(os.path.abspath(spec)).parent.resolve()


def config_file(spec: str | Path | None, explicit: str | Path | None = None) -> Path | None:
    """The configuration file in effect for a spec: `explicit` (from `--config`) when given, else the
    nearest one above the spec, never looking above a folder that holds `.git`."""
    if explicit is not None:
        return Path(os.path.abspath(explicit))
    return _config_above(spec_folder(spec))


def _config_above(folder: Path) -> Path | None:
    here = folder
    while True:
        found = config_in(here)
        if found is not None:
            return found
        if _holds_git(here) or here.parent == here:
            return None
        here = here.parent


def config_in(folder: Path) -> Path | None:
    """The configuration file of one folder: reformlang.toml, or a pyproject.toml that has a
    `[tool.reformlang]` table (or that cannot be read, so that the error is reported, not skipped)."""
    for name in CONFIG_NAMES:
        candidate = folder / name
        if not is_file(candidate):
            continue
        if name == "pyproject.toml" and read_table(candidate) is None:
            continue  # a pyproject.toml for something else: keep looking upward
        return candidate
    return None


def read_table(path: Path) -> dict[str, Any] | None:
    """The reformlang table of a configuration file as plain data, unchecked.

    None for a pyproject.toml without `[tool.reformlang]`; an empty table
    when the file cannot be read or parsed (lint.config reports why).
    """
    import tomllib

    try:
        st = path.stat()
        key = (str(path.resolve()), st.st_mtime_ns, st.st_size)  # a changed file is read again
        if key in _tables:
            return _tables[key]
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return {}
    _tables[key] = table = _reformlang_table(path, data)
    return table


_tables: dict[tuple[str, int, int], dict[str, Any] | None] = {}  # one parse per file and version


def _reformlang_table(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool")
    table = tool.get("reformlang") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def _holds_git(folder: Path) -> bool:
    return exists(folder / ".git")


# pathlib's is_file() and exists() raise PermissionError for a path inside a folder that cannot be
# searched; for finding a project, such a path is simply not there.
def is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def project_root(spec: str | Path | None, config: str | Path | None = None) -> Path:
    """The project root of a spec (see the module's docs); `config` is the `--config` file, if any."""
    found = config_file(spec, config)
    if found is not None:
        return found.parent.resolve()
    start = spec_folder(spec)
    here = start
    while True:
        if _holds_git(here):
            return here
        if here.parent == here:
            return start
        here = here.parent


def inside(path: Path, root: Path) -> bool:
    """Is `path` (already resolved) the root or below it?"""
    return path == root or root in path.parents
