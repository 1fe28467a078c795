"""A per-user cache folder for what is costly to rebuild at every start (the
parser tables, the resolved standard library).

Pickles are only ever read from the user's own cache folder, never from a
shared temporary folder, where another user could plant one.
"""

from __future__ import annotations

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
