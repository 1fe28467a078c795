"""The result cache of `check`: unchanged files cost nearly nothing.

Two kinds of entry in the per-user cache (`reformlang.cache`: JSON,
checksummed, keyed on the package's code, pruned):

- `results`, one per file: what checking it found (`lint.results.FileResult`
  as JSON), keyed on the file's bytes, the path it was named by, the working
  folder (paths in messages are relative to it), every configuration file
  that could apply (each `reformlang.toml` and `pyproject.toml` from its
  folder up to the repository root, or the `--config` file), the
  command-line settings, and reformlang's own code (`cache.code_key`);
- `runs`, one per whole `check`: its rendered report and exit status, keyed
  on the keys of its files and the output's format, so that checking an
  unchanged folder again does not even rebuild the report.

Every file a spec `use`s, found or not, is recorded with its content hash and
checked before an entry is trusted: editing a library a spec uses, or
creating one it was missing, checks the spec again. This module imports
nothing heavy: a run answered from the cache loads neither the parser nor the
rules, nor json's Python modules (keys are hashed from `repr`s of plain
values, and entries read with `cache.loads_json`).
"""

from __future__ import annotations

import os
import stat

from reformlang import cache

VERSION = 2
KEEP_FILES = 4000  # results kept (pruned once per run); a file's result is a few kilobytes
KEEP_RUNS = 64


MAX_USED_BYTES = 64 * 1024 * 1024  # larger than any spec the reader accepts: not one to hash


def file_digest(path: str) -> str | None:
    """The content hash of a regular file; None when it cannot be read (a missing file is a state too).

    A path here may come from a planted cache entry or a `use` line, so nothing but a regular
    file of bounded size is read: /dev/zero, a FIFO or a folder would hang or exhaust memory."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return f"not a file {stat.S_IFMT(info.st_mode):o}"
        if info.st_size > MAX_USED_BYTES:
            return f"too large {info.st_size}"
        from reformlang.files import read_upto

        return cache.digest(read_upto(fd, MAX_USED_BYTES + 1))
    except OSError:
        return None
    finally:
        os.close(fd)


def file_state(path: str, read: bool = True) -> str:
    """What of a file a `use` line depends on: its content, whether it is there, whether it is a link.

    A file that was only tried (named by a `use` line and refused or missing) is not read: what
    the result depended on is whether it is there, what kind of file it is and where a link points."""
    link = ""
    try:
        if os.path.islink(path):
            link = f"link {os.readlink(path)} "
    except (OSError, ValueError):
        return "missing"
    if read:
        return link + (file_digest(path) or "missing")
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return link + "missing"
    return link + f"kind {stat.S_IFMT(info.st_mode):o}"


class ResultCache:
    """Results for one run's settings (`context`: anything JSON can hold)."""

    def __init__(self, context: object) -> None:
        # repr of plain values (str, bool, None, lists and tuples of them) is as exact as JSON, needs no
        # import, and cannot differ between runs: the code key covers Python's version.
        self._base = repr([VERSION, cache.code_key(), os.getcwd(), context])
        self._configs: dict[str, list] = {}
        self._uses: dict[str, list] = {}  # file key -> [[path, state, read], ...] of the files it uses
        self._stored = False
        self._dumped: tuple = (None, "")

    # -- keys
    def config_files(self, path: str, explicit: str | None) -> list:
        """Every configuration file that could apply to `path`, with its content hash."""
        if explicit is not None:
            return [[os.path.abspath(explicit), file_digest(explicit)]]
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self._configs:
            found = []
            here = folder
            while True:  # the search of project.config_file, taken to its end whatever it finds on the way
                for name in ("reformlang.toml", "pyproject.toml"):  # project.CONFIG_NAMES
                    candidate = os.path.join(here, name)
                    if os.path.isfile(candidate):
                        found.append([candidate, file_digest(candidate)])
                parent = os.path.dirname(here)
                if os.path.exists(os.path.join(here, ".git")) or parent == here:
                    break
                here = parent
            # Where the search stopped: a `.git` there bounds the project (project.project_root).
            found.append(["stop", here])
            self._configs[folder] = found
        return self._configs[folder]

    def config_paths(self, path: str, explicit: str | None) -> list[str]:
        """The configuration files found for `path` (for refusing to write over one)."""
        return [p for p, digest in self.config_files(path, explicit) if p != "stop" and digest is not None]

    def file_key(self, path: str, data: bytes, explicit: str | None) -> str:
        # As bytes: a file name need not be UTF-8 (Python keeps its other bytes as surrogates).
        configs = self.config_files(path, explicit)
        if self._dumped[0] is not configs:  # the files of one folder share their configuration: dump it once
            self._dumped = (configs, repr(configs))
        return cache.digest(self._base, os.fsencode(path), os.fsencode(os.path.abspath(path)), data,
                            self._dumped[1])

    def run_key(self, file_keys: list[str], settings: object) -> str:
        return cache.digest(self._base, repr(file_keys), repr(settings))

    # -- entries
    def load_file(self, key: str) -> dict | None:
        """The stored result for a file key, when every file it uses is unchanged."""
        entry = self._load("results", key)
        if entry is None:
            return None
        self._uses[key] = entry["uses"]
        return entry["result"]

    def read_by(self, key: str) -> list[str]:
        """The files the result of a file key read (the libraries its `use` lines brought in)."""
        return [p for p, _, read in self._uses.get(key, ()) if read]

    def store_file(self, key: str, result: dict, read: tuple, tried: tuple) -> None:
        """Store a file's result with every file its `use` lines read or tried (and could not read)."""
        uses = [[str(p), file_state(str(p)), True] for p in read]
        uses += [[str(p), file_state(str(p), read=False), False] for p in tried]
        self._uses[key] = uses
        if cache.store("results", key, {"version": VERSION, "uses": uses, "result": result}, pruning=False):
            self._stored = True

    def load_run(self, key: str) -> dict | None:
        """A stored run: {"output": str, "exit": int, "read": [the files its specs' `use` lines read]}."""
        entry = self._load("runs", key)
        if entry is None:
            return None
        result = entry["result"]
        if (not isinstance(result.get("output"), str) or not isinstance(result.get("exit"), int)
                or not isinstance(result.get("read"), list) or not all(isinstance(p, str) for p in result["read"])):
            return None
        return result

    def store_run(self, key: str, file_keys: list[str], output: str, exit_code: int) -> None:
        if any(k not in self._uses for k in file_keys):
            return  # a file whose result was not stored: nothing to check this run against
        uses = sorted({(p, state, read) for k in file_keys for p, state, read in self._uses[k]})
        cache.store("runs", key, {"version": VERSION, "uses": [list(u) for u in uses],
                                  "result": {"output": output, "exit": exit_code,
                                             "read": sorted({p for p, _, read in uses if read})}},
                    keep=KEEP_RUNS)

    def finish(self) -> None:
        """Prune the stored results once, at the end of a run that stored some."""
        if self._stored:
            cache.prune("results", KEEP_FILES)

    def _load(self, kind: str, key: str) -> dict | None:
        entry = cache.load(kind, key)
        try:
            if entry.get("version") != VERSION or not isinstance(entry["result"], dict):
                return None
            for path, state, read in entry["uses"]:
                if file_state(path, bool(read)) != state:
                    return None
            return entry
        except (AttributeError, KeyError, TypeError, ValueError):
            return None  # missing or damaged: check again
