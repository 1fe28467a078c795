"""Finding spec files and writing outputs atomically."""

from __future__ import annotations

import os
from pathlib import Path


def discover(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The `.reform` files named or found (recursively, sorted) under the paths; and paths that do not exist.

    A folder is walked as `Path.rglob("*.reform")` would (symbolic links to
    folders are not followed; the order is that of sorted paths), with
    os.walk: several times faster, which a check answered from the cache
    notices.
    """
    found: list[Path] = []
    missing: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            base = str(path)
            prefix = "" if base == "." else base if base.endswith(os.sep) else base + os.sep
            here: list[tuple[list[str], str]] = []
            for folder, _dirs, names in os.walk(base):
                rel = os.path.relpath(folder, base)
                parts = [] if rel == "." else rel.split(os.sep)
                for name in names:
                    if name.endswith(".reform") and os.path.isfile(os.path.join(folder, name)):
                        here.append(([*parts, name], prefix + os.path.join(*parts, name)))
            found.extend(Path(text) for _, text in sorted(here))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(p)
    return list(dict.fromkeys(found)), missing


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write a file so that readers see the old content or the new, never a half-written one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    import tempfile  # with shutil behind it: only when writing

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
