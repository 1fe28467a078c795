"""A per-user cache of what is costly to rebuild at every start, as plain data.

What the cache holds today: the parser tables (syntax/parser.py) and the
resolved standard library (driver.py); a result cache can use the same API.

    key = cache.digest(cache.code_key(), "my inputs", ...)   # what the entry depends on
    data = cache.load("results", key)                         # JSON data, or None
    if data is None:
        data = build()                                        # JSON-compatible data
        cache.store("results", key, data)

Objects other than JSON's own (the model, diagnostics, tuples) go through a
reformlang.plain.Codec: `cache.load(kind, key, loads=codec.loads)` and
`cache.store(kind, key, value, dumps=codec.dumps)`.

Promises, so that a cache can neither be poisoned nor go stale:

- **Keyed on the code.** `code_key()` hashes the contents of every file of the
  package (its Python modules, grammar and standard library) with Python's
  and Lark's versions: an edit to resolve.py gives every entry a new key.
- **Plain data.** Entries are JSON, read with `json.loads`; never pickle or
  marshal, so a planted file can at worst hold wrong data, never run code.
  Callers decode the data themselves and treat any surprise as a miss
  (reformlang.plain allows only the classes it is given).
- **Checked.** Each entry names its kind and key and carries the SHA-256 of
  its payload; a truncated, corrupted or renamed file is a miss (and is
  replaced by the next store). Entries owned by another user are ignored, and
  so is a cache folder that others can write to.
- **Pruned.** Each kind keeps its most recently used entries (`keep`, 8 by
  default; a load marks an entry as used); files of older formats and
  half-written temporary files are removed.

The folder is `$XDG_CACHE_HOME/reformlang` or `~/.cache/reformlang`;
`REFORMLANG_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

FORMAT = 1  # of the entry files; entries of another format are misses
KEEP = 8  # entries kept per kind
_KIND = re.compile(r"[a-z][a-z0-9_-]{0,39}\Z")
_KEY = re.compile(r"[0-9a-f]{16,128}\Z")
_STALE_TEMP = 3600  # seconds after which a temporary file is a leftover of a killed process


def cache_dir() -> Path | None:
    """The folder to cache in, created if need be; None when there is none safe to use."""
    if os.environ.get("REFORMLANG_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "reformlang"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = path.stat()
    except OSError:
        return None
    if not _ours(st) or not os.access(path, os.W_OK):
        return None
    return path


def _ours(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (where the platform has owners)."""
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


# ------------------------------------------------------------------ keys
def digest(*parts: str | bytes) -> str:
    """A key for an entry: the SHA-256 of its parts (each length-prefixed, so parts cannot run together)."""
    import hashlib

    h = hashlib.sha256()
    for part in parts:
        raw = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(raw).to_bytes(8, "big"))
        h.update(raw)
    return h.hexdigest()[:40]


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """A digest of files' names and contents (in the order given); a file that cannot be read counts as absent."""
    parts: list[str | bytes] = []
    for p in paths:
        name = str(p.relative_to(root)) if root is not None else p.name
        try:
            data = p.read_bytes()
        except OSError:
            data = b"\0missing"
        parts += [name, data]
    return digest(*parts)


@functools.cache
def code_key() -> str:
    """A digest of this reformlang's code: every module of the package, its grammar and standard library,
    with the versions of Python and Lark. It changes whenever any of them does.

    Hashing the contents (about 2 ms) rather than modification times means a
    copy, a checkout or a reinstall that keeps times cannot serve stale entries.
    """
    import lark

    package = Path(__file__).resolve().parent
    return digest(f"format {FORMAT}", sys.version, lark.__version__,
                  files_digest(code_files(), package.parent.parent))


def code_files() -> list[Path]:
    """The files `code_key` covers, in a fixed order."""
    from reformlang.resources import grammar_path, stdlib_dir

    package = Path(__file__).resolve().parent
    files: list[Path] = []
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        files.extend(Path(folder, n) for n in sorted(names) if n.endswith((".py", ".lark", ".reform", ".j2")))
    extra = [grammar_path(), *sorted(stdlib_dir().glob("*.reform"))]
    files.extend(p.resolve() for p in extra if package not in p.resolve().parents)  # outside in a checkout
    return files


# ---------------------------------------------------------------- entries
def _entry(kind: str, key: str) -> Path | None:
    if not _KIND.match(kind) or not _KEY.match(key):
        raise ValueError(f"bad cache kind or key: {kind!r} {key!r}")
    folder = cache_dir()
    return None if folder is None else folder / kind / f"{key}.json"


def load(kind: str, key: str, loads: Callable[[bytes], Any] = json.loads) -> Any | None:
    """The data stored under (kind, key), or None when there is none that can be trusted.

    `loads` turns the checked payload (JSON text, as bytes) into the value; a
    ValueError, TypeError or RecursionError from it makes the entry a miss.
    """
    path = _entry(kind, key)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            if not _ours(os.fstat(fh.fileno())):
                return None
            raw = fh.read()
    except OSError:
        return None
    data = _unpack(raw, kind, key, loads)
    if data is not None:
        try:
            os.utime(path)  # used: pruning keeps the recently used
        except OSError:
            pass
    return data


def _unpack(raw: bytes, kind: str, key: str, loads: Callable[[bytes], Any]) -> Any | None:
    import hashlib

    header, newline, payload = raw.partition(b"\n")
    if not newline:
        return None
    try:
        head = json.loads(header)
        if head != {"reformlang-cache": FORMAT, "kind": kind, "key": key,
                    "sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload)}:
            return None
        return loads(payload)
    except (ValueError, TypeError, RecursionError):
        return None


def store(kind: str, key: str, data: Any, *, keep: int = KEEP, dumps: Callable[[Any], str] | None = None) -> bool:
    """Store `data` under (kind, key), atomically; prune the kind to its `keep` newest.

    `data` is JSON-compatible, or whatever `dumps` turns into JSON text.
    Returns whether it was stored; a cache is a convenience, so failing to
    write one is never an error.
    """
    import hashlib

    from reformlang.files import write_atomic

    path = _entry(kind, key)
    if path is None:
        return False
    try:
        text = dumps(data) if dumps else json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                                                    allow_nan=False)
        payload = text.encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return False
    header = json.dumps({"reformlang-cache": FORMAT, "kind": kind, "key": key,
                         "sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload)})
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        write_atomic(path, header.encode("utf-8") + b"\n" + payload)
        os.chmod(path, 0o600)
    except OSError:
        return False
    prune(kind, keep, spare=path)
    return True


def prune(kind: str, keep: int = KEEP, spare: Path | None = None) -> None:
    """Remove all but the `keep` most recently used entries of a kind, leftover temporary files,
    and files of earlier cache formats (pickles) at the top of the cache folder."""
    folder = cache_dir()
    if folder is None:
        return
    now = time.time()
    for old in folder.glob("*.pickle"):  # the stdlib cache before entries were JSON
        _remove(old)
    for old in folder.glob("grammar-*.cache"):  # Lark's own (pickled) grammar cache
        _remove(old)
    entries = []
    for p in (folder / kind).glob("*"):
        try:
            mtime = p.stat().st_mtime
        except OSError:
            continue
        if p.name.endswith(".tmp"):
            if now - mtime > _STALE_TEMP:
                _remove(p)
        elif p != spare:
            entries.append((mtime, p))
    entries.sort(reverse=True)
    for _, p in entries[max(0, keep - (spare is not None)):]:
        _remove(p)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
