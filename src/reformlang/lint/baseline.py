"""The baseline: today's findings recorded, so that only new ones fail a build.

A finding is recorded by a fingerprint of what it is, not where it is: the
file (relative to the baseline's folder), the code, the principle, the
message and the text of the flagged line, stripped. Lines added or removed
above a finding leave its fingerprint alone. Identical findings are counted,
so a second copy of a recorded problem is still new.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from reformlang.diagnostics import Diagnostic, Severity
from reformlang.errors import UserError
from reformlang.i18n import msg
from reformlang.files import write_atomic

VERSION = 1


class BaselineError(UserError):
    """A baseline file that cannot be read (exit 2)."""


def recordable(d: Diagnostic) -> bool:
    """Language errors are never recorded: a spec that does not compile is not old debt, it is broken."""
    return not (d.severity is Severity.ERROR and d.principle is None and not d.code.startswith("S"))


def flagged_line(d: Diagnostic) -> str:
    if d.span is None:
        return ""
    return d.span.source.line_text(d.span.line).strip()


def relative_path(path: str, base: Path) -> str:
    """The file as seen from the baseline's folder, with forward slashes, whatever the working folder."""
    if path.startswith("<"):
        return path  # <stdin>
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _sha256():
    """SHA-256 from the module CPython builds in (as cache._blake2b does): hashlib would load OpenSSL's
    bindings, which cost more than fingerprinting a report of a thousand findings."""
    try:
        from _sha2 import sha256  # Python 3.12 and later
    except ImportError:
        try:
            from _sha256 import sha256
        except ImportError:
            from hashlib import sha256
    return sha256


class Fingerprints:
    """Each finding's fingerprint: a digest of its file as seen from `base` (as given when None), code,
    principle, message and flagged line. Each file's path is worked out once (resolving it asks the
    file system), not once per finding."""

    def __init__(self, base: Path | None) -> None:
        self.base = base
        self._paths: dict[str, str] = {}
        self._sha256 = _sha256()

    def path(self, file: str) -> str:
        path = self._paths.get(file)
        if path is None:
            path = relative_path(file, self.base) if self.base is not None else Path(file).as_posix()
            self._paths[file] = path
        return path

    def __call__(self, d: Diagnostic) -> str:
        parts = (self.path(d.file), d.code, d.principle or "", d.message, flagged_line(d))
        return self._sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def render(findings: Iterable[Diagnostic], base: Path) -> str:
    """The baseline file's text: sorted, one entry per distinct finding with a count; same input, same bytes."""
    entries: dict[str, dict] = {}
    fingerprint = Fingerprints(base)
    for d in findings:
        if not recordable(d):
            continue
        fp = fingerprint(d)
        if fp in entries:
            entries[fp]["count"] += 1
            continue
        entries[fp] = {
            "fingerprint": fp,
            "path": fingerprint.path(d.file),
            "code": d.code,
            "principle": d.principle,
            "message": d.message,
            "line": flagged_line(d),
            "count": 1,
        }
    ordered = sorted(entries.values(), key=lambda e: (e["path"], e["code"], e["message"], e["line"], e["fingerprint"]))
    doc = {"version": VERSION, "tool": "reformlang", "findings": ordered}
    from reformlang import jsontext

    return jsontext.dumps(doc) + "\n"


def write(path: str | Path, findings: Iterable[Diagnostic]) -> None:
    path = Path(path)
    write_atomic(path, render(findings, path.resolve().parent))


class Baseline:
    """A recorded set of findings, with how many of each."""

    def __init__(self, path: str | Path, counts: Counter[str]) -> None:
        self.path = Path(path)
        self.counts = counts

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        import json

        path = Path(path)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise BaselineError(msg("cannot read baseline {file}: {reason}", file=str(path),
                                    reason=str(exc.strerror or exc))) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(msg("baseline {file} is not a reformlang baseline (not JSON: {reason})",
                                    file=str(path), reason=str(exc))) from None
        if not isinstance(doc, dict) or doc.get("version") != VERSION or not isinstance(doc.get("findings"), list):
            raise BaselineError(msg("baseline {file} is not a version {version} reformlang baseline; "
                                    "write a new one with --write-baseline", file=str(path), version=VERSION))
        counts: Counter[str] = Counter()
        for e in doc["findings"]:
            if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str):
                raise BaselineError(msg("baseline {file} has an entry without a fingerprint; "
                                        "write a new one with --write-baseline", file=str(path)))
            count = e.get("count", 1)
            counts[e["fingerprint"]] += count if isinstance(count, int) and count > 0 else 1
        return cls(path, counts)

    def split(self, findings: Sequence[Diagnostic]) -> tuple[list[Diagnostic], list[Diagnostic], int]:
        """(new findings, findings already recorded, recorded entries no longer seen)."""
        left = Counter(self.counts)
        fingerprint = Fingerprints(self.path.resolve().parent)
        new: list[Diagnostic] = []
        known: list[Diagnostic] = []
        for d in findings:
            fp = fingerprint(d) if recordable(d) else None
            if fp is not None and left[fp] > 0:
                left[fp] -= 1
                known.append(d)
            else:
                new.append(d)
        return new, known, sum(left.values())
