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

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (check starts fast)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

CONFIG_NAMES = ("reformlang.toml", "pyproject.toml")  # in this order within one folder

# The search works on paths as strings (os.path), so that a `check` answered from the result cache
# need not import pathlib; the functions that return a Path wrap them.


def spec_folder(spec: str | Path | None) -> Path:
    """The folder a spec sits in, resolved; the current folder for standard input (None or '<stdin>')."""
    from pathlib import Path

    return Path(_spec_folder(spec))


def _spec_folder(spec: str | Path | None) -> str:
    if spec is None or str(spec) in ("-", "<stdin>"):
        return os.path.realpath(os.getcwd())
    return os.path.realpath(os.path.dirname(os.path.abspath(spec)))


def config_file(spec: str | Path | None, explicit: str | Path | None = None) -> Path | None:
    """The configuration file in effect for a spec: `explicit` (from `--config`) when given, else the
    nearest one above the spec, never looking above a folder that holds `.git`."""
    found = config_file_name(spec, explicit)
    if found is None:
        return None
    from pathlib import Path

    return Path(found)


def config_file_name(spec: str | Path | None, explicit: str | Path | None = None) -> str | None:
    """config_file, as a string."""
    if explicit is not None:
        return os.path.abspath(explicit)
    here = _spec_folder(spec)
    while True:
        found = _config_in(here)
        if found is not None:
            return found
        parent = os.path.dirname(here)
        if _holds_git(here) or parent == here:
            return None
        here = parent


def config_in(folder: str | Path) -> Path | None:
    """The configuration file of one folder: reformlang.toml, or a pyproject.toml that has a
    `[tool.reformlang]` table (or that cannot be read, so that the error is reported, not skipped)."""
    found = _config_in(os.fspath(folder))
    if found is None:
        return None
    from pathlib import Path

    return Path(found)


def _config_in(folder: str) -> str | None:
    for name in CONFIG_NAMES:
        candidate = os.path.join(folder, name)
        if not os.path.isfile(candidate):
            continue
        if name == "pyproject.toml" and read_table(candidate) is None:
            continue  # a pyproject.toml for something else: keep looking upward
        return candidate
    return None


def read_table(path: str | Path) -> dict[str, Any] | None:
    """The reformlang table of a configuration file as plain data, unchecked.

    None for a pyproject.toml without `[tool.reformlang]`; an empty table
    when the file cannot be read or parsed (lint.config reports why).

    A table once parsed is kept in the per-user cache under the file's content
    (and the code's key), so that a `check` answered from the result cache in a
    project with a pyproject.toml need not import tomllib (and with it re,
    typing and datetime): as much as a bare Python start again.
    """
    path = os.fspath(path)
    try:
        st = os.stat(path)
        key = (os.path.realpath(path), st.st_mtime_ns, st.st_size)  # a changed file is read again
        if key in _tables:
            return _tables[key]
        with open(path, "rb") as fh:
            raw = fh.read()
    except (OSError, ValueError):
        return {}
    from reformlang import cache

    entry = None
    if cache.cache_dir() is not None:
        entry = cache.digest("toml", cache.code_key(), os.path.basename(path), raw)
        stored = cache.load("toml", entry)
        if isinstance(stored, dict) and "table" in stored and isinstance(stored["table"], (dict, type(None))):
            _tables[key] = stored["table"]
            return stored["table"]
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))  # a byte order mark is read past, as source.decode_source does
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return {}
    _tables[key] = table = _reformlang_table(path, data)
    if entry is not None:
        # Only what JSON holds as it is: a table with a date or a NaN in it is parsed at every run.
        cache.store("toml", entry, {"table": table}, keep=32)
    return table


_tables: dict[tuple[str, int, int], dict[str, Any] | None] = {}  # one parse per file and version


def _reformlang_table(path: str, data: dict[str, Any]) -> dict[str, Any] | None:
    if os.path.basename(path) != "pyproject.toml":
        return data
    tool = data.get("tool")
    table = tool.get("reformlang") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def _holds_git(folder: str) -> bool:
    return os.path.exists(os.path.join(folder, ".git"))


# os.path's isfile() and exists() are False for a path inside a folder that cannot be searched (pathlib's
# raise PermissionError): for finding a project, such a path is simply not there.
def is_file(path: str | Path) -> bool:
    return os.path.isfile(path)


def exists(path: str | Path) -> bool:
    return os.path.exists(path)


def project_root(spec: str | Path | None, config: str | Path | None = None) -> Path:
    """The project root of a spec (see the module's docs); `config` is the `--config` file, if any."""
    from pathlib import Path

    return Path(project_root_name(spec, config))


def project_root_name(spec: str | Path | None, config: str | Path | None = None) -> str:
    """project_root, as a string."""
    found = config_file_name(spec, config)
    if found is not None:
        return os.path.realpath(os.path.dirname(found))
    start = _spec_folder(spec)
    here = start
    while True:
        if _holds_git(here):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return start
        here = parent


def inside(path: Path, root: Path) -> bool:
    """Is `path` (already resolved) the root or below it?"""
    return path == root or root in path.parents
