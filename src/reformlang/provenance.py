"""Where an output came from, for its header: the spec's path as the reader knows it, the date, the version.

The date is that of the inputs, never the clock's, so the same inputs give the
same bytes: `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention),
else the date of the spec file's last git commit, else none at all.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path


def shown_path(path: str) -> str:
    """The path relative to the current folder when the file is inside it; else as given."""
    try:
        relative = Path(os.path.relpath(Path(path).resolve(), Path.cwd().resolve()))
    except (OSError, ValueError):
        return path
    return path if relative.parts[:1] == ("..",) else relative.as_posix()


def spec_date(path: str) -> str | None:
    """The date (YYYY-MM-DD, UTC) an output of this spec carries, or None when it is not known."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%d")
        except (ValueError, OverflowError, OSError):
            return None
    file = Path(path)
    if not file.is_file():
        return None
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%ct", "--", file.name], cwd=file.resolve().parent,
                              capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = done.stdout.strip()
    if done.returncode != 0 or not stamp.isdigit():
        return None
    return datetime.fromtimestamp(int(stamp), tz=timezone.utc).strftime("%Y-%m-%d")
