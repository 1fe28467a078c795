"""The result cache of `check`: unchanged files cost nearly nothing.

Two kinds of entry, JSON files under the user's cache folder (`cache.cache_dir`):

- per file: what checking one file found (`lint.results.FileResult`), keyed
  on the file's bytes, the path it was named by, the working folder (paths in
  messages are relative to it), every configuration file that could apply
  (each `reformlang.toml` and `pyproject.toml` from its folder up to the
  repository root, or the `--config` file), the command-line settings, and
  reformlang's own code, standard library and grammar (`cache.code_key`);
- per run: the rendered report and exit status of a whole `check`, keyed on
  the keys of its files and the output's format, so that checking an
  unchanged folder again does not even rebuild the report.

Every file a spec `use`s, found or not, is recorded with its content hash and
checked before an entry is trusted: editing a library a spec uses, or
creating one it was missing, checks the spec again. Entries are data only
(nothing is executed on load); a damaged or mismatched entry is ignored and
rewritten; the folder is pruned to the newest `KEEP` entries. This module
imports nothing heavy: a run answered from the cache loads neither the
parser nor the rules.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from reformlang.cache import code_key, digest

VERSION = 1
KEEP = 4000  # entries kept; the oldest (by last write) go first


def file_digest(path: str) -> str | None:
    """The content hash of a file; None when it cannot be read (a missing file is a state too)."""
    try:
        with open(path, "rb") as f:
            return digest(f.read())
    except OSError:
        return None


class ResultCache:
    """Entries under `folder`/results for one run's settings (`context`: anything JSON can hold)."""

    def __init__(self, folder: Path, context: object) -> None:
        self.folder = folder / "results"
        self._base = json.dumps([VERSION, code_key(), os.getcwd(), context], sort_keys=True)
        self._configs: dict[str, list] = {}
        self._uses: dict[str, list] = {}  # file key -> [[path, digest], ...] of the files it uses

    # -- keys
    def config_files(self, path: str, explicit: str | None) -> list:
        """Every configuration file that could apply to `path`, with its content hash."""
        if explicit is not None:
            return [[str(Path(explicit).resolve()), file_digest(explicit)]]
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self._configs:
            found = []
            here = folder
            while True:  # the search of `lint.config.Finder`, taken to its end whatever it finds on the way
                for name in ("reformlang.toml", "pyproject.toml"):  # lint.config.CONFIG_NAMES
                    candidate = os.path.join(here, name)
                    if os.path.isfile(candidate):
                        found.append([candidate, file_digest(candidate)])
                parent = os.path.dirname(here)
                if os.path.exists(os.path.join(here, ".git")) or parent == here:
                    break
                here = parent
            self._configs[folder] = found
        return self._configs[folder]

    def file_key(self, path: str, data: bytes, explicit: str | None) -> str:
        parts = [self._base, path, os.path.abspath(path), digest(data), self.config_files(path, explicit)]
        return digest(json.dumps(parts).encode("utf-8"))

    def run_key(self, file_keys: list[str], settings: object) -> str:
        return digest(json.dumps([self._base, file_keys, settings], sort_keys=True).encode("utf-8"))

    # -- entries
    def load_file(self, key: str) -> dict | None:
        """The stored result for a file key, when every file it uses is unchanged."""
        entry = self._load(key)
        if entry is None:
            return None
        self._uses[key] = entry["uses"]
        return entry["result"]

    def store_file(self, key: str, result: dict, used: tuple[str, ...]) -> None:
        uses = [[p, file_digest(p)] for p in used]
        self._uses[key] = uses
        self._store(key, {"version": VERSION, "uses": uses, "result": result})

    def load_run(self, key: str) -> dict | None:
        """A stored run: {"output": str, "exit": int}."""
        entry = self._load(key)
        return entry["result"] if entry is not None else None

    def store_run(self, key: str, file_keys: list[str], output: str, exit_code: int) -> None:
        if any(k not in self._uses for k in file_keys):
            return  # a file whose result was not stored: nothing to validate this run against
        uses = sorted({(p, d) for k in file_keys for p, d in self._uses[k]}, key=lambda u: (u[0], u[1] or ""))
        self._store(key, {"version": VERSION, "uses": [list(u) for u in uses],
                          "result": {"output": output, "exit": exit_code}})

    def _load(self, key: str) -> dict | None:
        try:
            with open(self.folder / f"{key}.json", "rb") as f:
                entry = json.loads(f.read())
            if entry.get("version") != VERSION:
                return None
            for path, known in entry["uses"]:
                if file_digest(path) != known:
                    return None
            if not isinstance(entry["result"], dict):
                return None
            return entry
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, stale or damaged: check again

    def _store(self, key: str, entry: dict) -> None:
        from reformlang.files import write_atomic

        try:
            # Not sort_keys: a scorecard keeps its order, which the report shows.
            write_atomic(self.folder / f"{key}.json", json.dumps(entry, ensure_ascii=False))
            self._prune()
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written only costs time

    def _prune(self) -> None:
        with os.scandir(self.folder) as it:
            entries = [e for e in it if e.name.endswith(".json")]
        if len(entries) <= KEEP:
            return
        entries.sort(key=lambda e: e.stat().st_mtime_ns)
        for e in entries[: len(entries) - KEEP]:
            try:
                os.unlink(e.path)
            except OSError:
                pass
