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
import stat
import sys
import time
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: a run answered from cache needs none
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
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
def _sha256(data: bytes = b""):
    """hashlib.sha256, from CPython's own implementation when there is one: importing hashlib loads
    OpenSSL's bindings, a few milliseconds of a start-up answered from the cache."""
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # CPython 3.12 and later
        except ImportError:
            from hashlib import sha256
    return sha256(data)


def digest(*parts: str | bytes) -> str:
    """A key for an entry: the SHA-256 of its parts (each length-prefixed, so parts cannot run together)."""
    h = _sha256()
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
    The digest is itself cached under a stamp of the files' sizes, times,
    change times (which no copy keeps) and inodes, so that a start with
    unchanged code only stats the files.
    """
    files = code_files()
    lark = _lark_file()
    stamp = digest(f"format {FORMAT}", sys.version, *(_stat_line(p) for p in [*files, *lark]))
    known = load("code", stamp) if cache_dir() is not None else None
    if isinstance(known, str) and _KEY.match(known):
        return known
    package = Path(__file__).resolve().parent
    key = digest(f"format {FORMAT}", sys.version, _lark_identity(lark),
                 files_digest(files, package.parent.parent))
    store("code", stamp, key)
    return key


def _stat_line(path: Path) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}:missing"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def _lark_file() -> list[Path]:
    """Lark's __init__.py (which holds its version), found without importing Lark: checking a
    valid file does not need it."""
    from importlib.util import find_spec

    spec = find_spec("lark")
    return [Path(spec.origin)] if spec is not None and spec.origin else []


def _lark_identity(lark: list[Path]) -> str:
    for path in lark:
        try:
            return f"{path}\n" + path.read_bytes().decode("utf-8", "replace")
        except OSError:
            return str(path)
    return "no lark"


def code_files() -> list[Path]:
    """The files `code_key` covers, in a fixed order."""
    from reformlang.resources import grammar_path, stdlib_dir

    package = Path(__file__).resolve().parent
    files: list[str] = []
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        files.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith((".py", ".lark", ".reform", ".j2")))
    inside = str(package) + os.sep  # in a wheel the grammar and stdlib are in the package; in a checkout, beside it
    grammar, stdlib = str(grammar_path().resolve()), str(stdlib_dir().resolve())
    if not grammar.startswith(inside):
        files.append(grammar)
    if not (stdlib + os.sep).startswith(inside):
        files.extend(os.path.join(stdlib, n) for n in sorted(os.listdir(stdlib)) if n.endswith(".reform"))
    return [Path(f) for f in files]


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
        # Never through a symbolic link, and never a FIFO or device (opened without blocking, then
        # refused): an entry is a regular file the cache wrote itself.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode) or not _ours(info):
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
    header, newline, payload = raw.partition(b"\n")
    if not newline:
        return None
    try:
        head = json.loads(header)
        if head != {"reformlang-cache": FORMAT, "kind": kind, "key": key,
                    "sha256": _sha256(payload).hexdigest(), "size": len(payload)}:
            return None
        return loads(payload)
    except (ValueError, TypeError, RecursionError):
        return None


def store(kind: str, key: str, data: Any, *, keep: int = KEEP, dumps: Callable[[Any], str] | None = None,
          pruning: bool = True) -> bool:
    """Store `data` under (kind, key), atomically; prune the kind to its `keep` newest.

    A caller storing many entries in one run (the result cache) passes
    `pruning=False` and calls `prune` once at the end.

    `data` is JSON-compatible, or whatever `dumps` turns into JSON text.
    Returns whether it was stored; a cache is a convenience, so failing to
    write one is never an error.
    """
    import tempfile

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
                         "sha256": _sha256(payload).hexdigest(), "size": len(payload)})
    tmp = None
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        # Written beside, readable by this user only, then renamed over the entry (a link there is
        # replaced, not followed): readers see the old entry or the new, never half of one.
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(header.encode("utf-8") + b"\n" + payload)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            _remove(Path(tmp))
        return False
    if pruning:
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
