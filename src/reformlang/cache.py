"""A per-user cache folder for what is costly to rebuild at every start (the
parser tables, the resolved standard library).

Pickles are only ever read from the user's own cache folder, never from a
shared temporary folder, where another user could plant one.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path


def cache_dir() -> Path | None:
    """The folder to cache in, created if need be; None when there is none to use."""
    if os.environ.get("REFORMLANG_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "reformlang"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK) else None


@functools.cache
def code_key() -> str:
    """Changes whenever reformlang's code, standard library or grammar changes (or Python's version)."""
    import sys

    from reformlang.resources import grammar_path, stdlib_dir

    package = Path(__file__).resolve().parent
    parts = [sys.version]
    for root in (package, stdlib_dir()):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".reform", ".lark", ".j2", ".html", ".css", ".toml")):
                    st = os.stat(os.path.join(folder, name))
                    parts.append(f"{os.path.join(folder, name)}:{st.st_size}:{st.st_mtime_ns}")
    st = grammar_path().stat()
    parts.append(f"{grammar_path()}:{st.st_size}:{st.st_mtime_ns}")
    return digest("\n".join(parts).encode("utf-8"))


def digest(data: bytes) -> str:
    """A content hash for cache keys: BLAKE2b, which is built into Python (no OpenSSL to load) and fast."""
    try:
        from _blake2 import blake2b  # what hashlib.blake2b is, without importing OpenSSL's bindings
    except ImportError:  # another Python implementation
        from hashlib import blake2b
    return blake2b(data, digest_size=20).hexdigest()
