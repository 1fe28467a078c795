"""Finding spec files and writing outputs atomically."""

from __future__ import annotations

import os
from pathlib import Path


def discover(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The `.reform` files named or found (recursively, sorted) under the paths; and paths that do not exist."""
    found: list[Path] = []
    missing: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found.extend(sorted(q for q in path.rglob("*.reform") if q.is_file()))
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
