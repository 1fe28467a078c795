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
  package (its Python modules, grammar, standard library, templates and
  message catalogs) with Python's and Lark's versions: an edit to resolve.py
  gives every entry a new key.
- **Plain data.** Entries are JSON, read with json's own scanner
  (`loads_json`); never pickle or marshal, so a planted file can at worst
  hold wrong data, never run code.
  Callers decode the data themselves and treat any surprise as a miss
  (reformlang.plain allows only the classes it is given).
- **Checked.** Each entry names its kind and key and carries the BLAKE2b
  checksum of its payload; a truncated, corrupted or renamed file is a miss (and is
  replaced by the next store). Entries owned by another user are ignored, and
  so is a cache folder that others can write to.
- **Pruned.** Each kind keeps its most recently used entries (`keep`, 8 by
  default; a load marks an entry as used); files of older formats and
  half-written temporary files are removed.

The folder is `$XDG_CACHE_HOME/reformlang` or `~/.cache/reformlang`;
`REFORMLANG_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import os
import stat
import sys

# Only os, sys and stat at the top, and paths as strings: a `check` answered from the result cache
# imports no more than it needs (not re, json's Python modules, pathlib or functools: together as much
# again as a bare Python start).
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: a run answered from cache needs none
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path
    from typing import Any

FORMAT = 2  # of the entry files; entries of another format are misses (1: SHA-256 checksums)
KEEP = 8  # entries kept per kind
_KIND_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")
_HEX = frozenset("0123456789abcdef")
_STALE_TEMP = 3600  # seconds after which a temporary file is a leftover of a killed process


def _good_kind(kind: object) -> bool:
    """[a-z][a-z0-9_-]{0,39}"""
    return (isinstance(kind, str) and 0 < len(kind) <= 40 and "a" <= kind[0] <= "z"
            and _KIND_CHARS.issuperset(kind))


def _good_key(key: object) -> bool:
    """[0-9a-f]{16,128}"""
    return isinstance(key, str) and 16 <= len(key) <= 128 and _HEX.issuperset(key)


def cache_dir() -> str | None:
    """The folder to cache in, created if need be; None when there is none safe to use."""
    if os.environ.get("REFORMLANG_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "reformlang")
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        st = os.stat(path)
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
def _blake2b(data: bytes = b"", size: int = 20):
    """hashlib.blake2b, from the module CPython builds in: importing hashlib loads OpenSSL's bindings (a
    few milliseconds of a start-up answered from the cache), and BLAKE2b hashes three times as fast as
    CPython's own SHA-256, which matters when a run hashes a hundred specs and a report of a megabyte."""
    try:
        from _blake2 import blake2b
    except ImportError:
        from hashlib import blake2b
    return blake2b(data, digest_size=size)


def checksum(payload: bytes) -> str:
    """What an entry's header carries to prove its payload whole (BLAKE2b, 256 bits)."""
    return _blake2b(payload, 32).hexdigest()


def digest(*parts: str | bytes) -> str:
    """A key for an entry: the BLAKE2b (160 bits) of its parts (each length-prefixed, so parts cannot run
    together)."""
    h = _blake2b()
    for part in parts:
        raw = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(raw).to_bytes(8, "big"))
        h.update(raw)
    return h.hexdigest()


def files_digest(paths: Iterable[str | Path], root: str | Path | None = None) -> str:
    """A digest of files' names and contents (in the order given); a file that cannot be read counts as absent."""
    parts: list[str | bytes] = []
    for p in paths:
        p = os.fspath(p)
        name = os.path.relpath(p, root) if root is not None else os.path.basename(p)
        try:
            with open(p, "rb") as fh:
                data = fh.read()
        except OSError:
            data = b"\0missing"
        parts += [name, data]
    return digest(*parts)


_code_key: str | None = None
CODE_SUFFIXES = (".py", ".lark", ".reform", ".j2", ".mo")  # .mo: the compiled message catalogs


def code_key() -> str:
    """A digest of this reformlang's code: every module of the package, its grammar, standard library,
    templates and message catalogs, with the versions of Python and Lark. It changes whenever any of
    them does.

    Hashing the contents (about 2 ms) rather than modification times means a
    copy, a checkout or a reinstall that keeps times cannot serve stale entries.
    The digest is itself cached, in a manifest of the files and the folders
    holding them, under a stamp of their sizes, times, change times (which no
    copy keeps) and inodes: a start with unchanged code stats those files and
    folders and reads one entry (a file added to or removed from a folder
    changes the folder's listing, so the walk that finds the files is needed only
    when the manifest no longer holds).
    """
    global _code_key
    if _code_key is None:
        lark = _lark_file()
        where = digest(f"format {FORMAT}", sys.version, _package(), *lark)
        _code_key = _known_code_key(where, lark) if cache_dir() is not None else None
        if _code_key is None:
            folders, files = _code_layout()
            manifest = {"folders": folders, "folder_stamp": digest(*_listing_lines(folders)), "files": files,
                        "stamp": digest(*_stat_lines([*files, *lark]))}
            _code_key = digest(f"format {FORMAT}", sys.version, _lark_identity(lark),
                               files_digest(files, os.path.dirname(os.path.dirname(_package()))))
            store("code", where, {**manifest, "key": _code_key})
    return _code_key


def _known_code_key(where: str, lark: list[str]) -> str | None:
    """The code key in the manifest, when every folder and file in it is as it was."""
    entry = load("code", where)
    try:
        folders, files, key = entry["folders"], entry["files"], entry["key"]
        if (not _good_key(key) or not all(isinstance(p, str) for p in [*folders, *files])
                or digest(*_listing_lines(folders)) != entry["folder_stamp"]
                or digest(*_stat_lines([*files, *lark])) != entry["stamp"]):
            return None
    except (TypeError, KeyError):
        return None
    return key


def _package() -> str:
    return os.path.dirname(os.path.realpath(__file__))


def _listing_lines(folders: list[str]) -> list[str]:
    """What each folder holds, by name: a file added or removed changes it. Not the folder's times, which
    also change when Python first writes a `__pycache__` into it (an editable install's first runs)."""
    lines = []
    for folder in folders:
        try:
            names = sorted(n for n in os.listdir(folder) if n != "__pycache__")
        except OSError:
            lines.append(f"{folder}:missing")
            continue
        lines.append(f"{folder}:{'/'.join(names)}")
    return lines


def _stat_lines(paths: list[str]) -> list[str]:
    lines = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            lines.append(f"{path}:missing")
            continue
        lines.append(f"{path}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}")
    return lines


def _lark_file() -> list[str]:
    """Lark's __init__.py (which holds its version), found as `import lark` would find it, without
    importing Lark (checking a valid file does not need it) or importlib.util."""
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        if find_spec is None:
            continue
        spec = find_spec("lark", None)
        if spec is not None:
            return [spec.origin] if spec.origin else []
    return []


def _lark_identity(lark: list[str]) -> str:
    for path in lark:
        try:
            with open(path, "rb") as fh:
                return f"{path}\n" + fh.read().decode("utf-8", "replace")
        except OSError:
            return str(path)
    return "no lark"


def code_files() -> list[str]:
    """The files `code_key` covers, in a fixed order."""
    return _code_layout()[1]


def _code_layout() -> tuple[list[str], list[str]]:
    """The folders that hold the files `code_key` covers, and those files, in a fixed order."""
    from reformlang.resources import resource_folder

    package = _package()
    folders: list[str] = []
    files: list[str] = []
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        folders.append(folder)
        files.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith(CODE_SUFFIXES))
    inside = package + os.sep  # in a wheel the grammar and stdlib are in the package; in a checkout, beside it
    grammar = os.path.realpath(os.path.join(resource_folder("grammar"), "reform.lark"))
    stdlib = os.path.realpath(resource_folder("stdlib"))
    if not grammar.startswith(inside):
        files.append(grammar)
    if not (stdlib + os.sep).startswith(inside):
        folders.append(stdlib)
        files.extend(os.path.join(stdlib, n) for n in sorted(os.listdir(stdlib)) if n.endswith(".reform"))
    return folders, files


# ---------------------------------------------------------------- entries
def _entry(kind: str, key: str) -> str | None:
    if not _good_kind(kind) or not _good_key(key):
        raise ValueError(f"bad cache kind or key: {kind!r} {key!r}")
    folder = cache_dir()
    return None if folder is None else os.path.join(folder, kind, f"{key}.json")


class _Decoding:
    """What json's C scanner reads from a decoder: json.loads's defaults, but no NaN or Infinity
    (the cache never writes them)."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int

    @staticmethod
    def parse_constant(name: str):
        raise ValueError(f"not JSON: {name}")


_scan = None


def loads_json(data: bytes | str) -> Any:
    """json.loads for the cache's own entries, through json's C scanner when there is one: importing the
    json package costs more than half a bare Python start (its decoder and encoder compile regular
    expressions), most of what a `check` answered from the cache would otherwise spend. Raises
    ValueError on anything that is not one JSON value (no whitespace around it: the cache writes none)."""
    global _scan
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    if _scan is None:
        try:
            from _json import make_scanner
        except ImportError:  # not CPython: json's own
            import json

            _scan = lambda s, i: json.JSONDecoder().raw_decode(s, i)  # noqa: E731
        else:
            _scan = make_scanner(_Decoding())
    try:
        value, end = _scan(text, 0)
    except StopIteration:
        raise ValueError("not JSON") from None
    if end != len(text):
        raise ValueError("not JSON: more after the value")
    return value


def load(kind: str, key: str, loads: Callable[[bytes], Any] = loads_json) -> Any | None:
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
        head = loads_json(header)
        if head != {"reformlang-cache": FORMAT, "kind": kind, "key": key,
                    "blake2b": checksum(payload), "size": len(payload)}:
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
    import json
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
                         "blake2b": checksum(payload), "size": len(payload)})
    tmp = None
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        # Written beside, readable by this user only, then renamed over the entry (a link there is
        # replaced, not followed): readers see the old entry or the new, never half of one.
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(header.encode("utf-8") + b"\n" + payload)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            _remove(tmp)
        return False
    if pruning:
        prune(kind, keep, spare=path)
    return True


def prune(kind: str, keep: int = KEEP, spare: str | None = None) -> None:
    """Remove all but the `keep` most recently used entries of a kind, leftover temporary files,
    and files of earlier cache formats (pickles) at the top of the cache folder."""
    import time

    folder = cache_dir()
    if folder is None:
        return
    now = time.time()
    try:
        top = os.listdir(folder)
    except OSError:
        top = []
    for name in top:
        # The stdlib cache before entries were JSON, and Lark's own (pickled) grammar cache.
        if name.endswith(".pickle") or (name.startswith("grammar-") and name.endswith(".cache")):
            _remove(os.path.join(folder, name))
    entries = []
    where = os.path.join(folder, kind)
    try:
        names = os.listdir(where)
    except OSError:
        names = []
    for name in names:
        p = os.path.join(where, name)
        try:
            mtime = os.stat(p).st_mtime
        except OSError:
            continue
        if name.endswith(".tmp"):
            if now - mtime > _STALE_TEMP:
                _remove(p)
        elif p != spare:
            entries.append((mtime, p))
    entries.sort(reverse=True)
    for _, p in entries[max(0, keep - (spare is not None)):]:
        _remove(p)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
