"""Finding spec files and writing outputs atomically."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable


# Folders a walk never enters: version control, virtual environments, caches, installed packages.
SKIPPED_FOLDERS = frozenset({
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__", "site-packages",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", "__pypackages__",
})
BUILD_MARKER = ".reformlang-build"  # written by `reformlang build` into the folders it owns


class Discovery:
    """What a walk over the paths named on the command line found.

    A plain class: a check answered from the result cache imports neither attrs nor typing."""

    __slots__ = ("files", "problems")

    def __init__(self, files: list[Path], problems: list[tuple[str, str, str]]) -> None:
        self.files = files
        self.problems = problems  # (path as shown, what is wrong, what to do)


def discover(paths: list[str], config: str | None = None) -> Discovery:
    """The `.reform` files named, or found (recursively, sorted) under the folders named.

    A walk skips SKIPPED_FOLDERS, build output (a folder holding BUILD_MARKER,
    and the staging folders of a build in progress) and whatever `exclude` in
    the configuration in effect names; a file named on the command line is
    read even there. A path that does not exist, a folder that cannot be read
    and a folder that holds no spec are problems to report (exit 2), as is a
    symbolic link, found or named, that leads out of the project (it is not read).
    """
    found: list[Path] = []
    problems: list[tuple[str, str, str]] = []
    for p in paths:
        path = Path(p)
        shown = display_path(p)
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
        except OSError as exc:  # e.g. a name longer than the system allows
            from reformlang.i18n import msg

            problems.append((shown, msg("cannot read {path}: {reason}", path=shown, reason=str(exc.strerror or exc)),
                             msg("check the path")))
            continue
        if is_dir:
            before, troubles = len(found), len(problems)
            _walk(path, config, found, problems)
            if len(found) == before and len(problems) == troubles:
                from reformlang.i18n import msg

                problems.append((shown, msg("no spec found under {path}", path=shown),
                                 msg("name a .reform file or a folder that holds some (.git, .venv, node_modules, "
                                     "build output and the configuration's `exclude` are skipped)")))
        elif is_file:
            if _links_out(path, config):  # e.g. a link in a pull request, named by `git diff --name-only`
                from reformlang.i18n import msg

                problems.append((shown, _linked_out(shown),
                                 msg("name the file it points to ({target}) instead",
                                     target=display_path(os.path.realpath(path)))))
                continue
            found.append(path)
        else:
            from reformlang.i18n import msg

            if path.exists():  # a FIFO, a device, a socket: reading one would block or never end
                problems.append((shown, msg("not read: {path} is not a regular file (a device, pipe or socket)",
                                            path=shown),
                                 msg("name a .reform file saved on disk; to check a stream, pipe it in with `-`")))
            else:
                problems.append((shown, msg("cannot read {path}: no such file or folder", path=shown),
                                 msg("check the path")))
    return Discovery(list(dict.fromkeys(found)), problems)


def _linked_out(shown: str) -> str:
    from reformlang.i18n import msg

    return msg("not read: {path} is a symbolic link to a file outside the project", path=shown)


def _walk(top: Path, config: str | None, found: list[Path], problems: list[tuple[str, str, str]]) -> None:
    from reformlang.project import config_file, exists, is_file, project_root, read_table

    excludes: dict[Path, tuple[Path, tuple[str, ...]]] = {}

    def exclude_for(folder: Path) -> tuple[Path, tuple[str, ...]]:
        """(the configuration's folder, its `exclude` globs) for the specs in `folder`."""
        key = folder.resolve()
        if key not in excludes:
            cfg = config_file(folder / "spec.reform", config)
            table = read_table(cfg) if cfg is not None and is_file(cfg) else None
            globs = (table or {}).get("exclude", ())
            globs = (globs,) if isinstance(globs, str) else globs
            ok = isinstance(globs, (list, tuple)) and all(isinstance(g, str) for g in globs)
            excludes[key] = ((cfg.parent.resolve() if cfg else key), tuple(globs) if ok else ())
        return excludes[key]

    def failed(exc: OSError) -> None:
        from reformlang.i18n import msg

        where = display_path(exc.filename or str(top))
        problems.append((where, msg("cannot read folder {path}: {reason}", path=where, reason=str(exc.strerror or exc)),
                         msg("check its permissions, or leave it out of the paths")))

    root = project_root(top / "spec.reform", config)
    for folder, dirs, files in os.walk(top, onerror=failed):
        here = Path(folder)
        base, globs = exclude_for(here)
        # No link on the way to this folder: then a file here leads out only if it is itself a link,
        # which saves resolving every file's path (_links_out) in the common case.
        plain_folder = os.path.realpath(folder) == os.path.abspath(folder)
        kept = []
        for d in sorted(dirs):
            sub = here / d
            staging = d.startswith(".") and ".building-" in d  # a build in progress (backends/build.py)
            if d in SKIPPED_FOLDERS or staging or exists(sub / BUILD_MARKER) or _excluded(sub, base, globs):
                continue
            kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            if not name.endswith(".reform"):
                continue
            f = here / name
            if _excluded(f, base, globs) or not is_file(f):
                continue
            if not (plain_folder and not os.path.islink(f)) and _links_out(f, config, root):
                from reformlang.i18n import msg

                shown = display_path(str(f))
                problems.append((shown, _linked_out(shown),
                                 msg("copy the file into the project, or name it on the command line")))
                continue
            found.append(f)


def _links_out(path: Path, config: str | None, root: Path | None = None) -> bool:
    """Is this file a symbolic link (or in a linked folder) leading out of its project?"""
    from reformlang.project import inside, project_root

    real = Path(os.path.realpath(path))
    if real == Path(os.path.abspath(path)):
        return False  # no link on the way: the common case, decided without looking for the project
    return not inside(real, (root or project_root(path, config)).resolve())


def _excluded(path: Path, base: Path, globs: tuple[str, ...]) -> bool:
    """Does an `exclude` glob (relative to the configuration's folder, as in .gitignore) name this path?"""
    if not globs:
        return False
    try:  # the folder resolved (as `base` is), the name as found: a linked file is excluded by its own name
        rel = (Path(os.path.realpath(path.parent)) / path.name).relative_to(base).as_posix()
    except ValueError:
        return False
    for glob in globs:
        g = glob.strip().removeprefix("./").rstrip("/")
        if not g:
            continue
        if fnmatch.fnmatchcase(rel, g) or ("/" not in g and fnmatch.fnmatchcase(path.name, g)):
            return True
    return False


def display_path(path: str | Path) -> str:
    """A path as reports show it: bytes that are not UTF-8 (kept by Python as surrogates) as `\\xNN`,
    so that JSON, SARIF and JUnit stay valid whatever a file is called."""
    from reformlang.visible import visible

    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return visible(text)


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write a file so that readers see the old content or the new, never a half-written one.

    A symbolic link is written through: its target gets the new content and the link stays a link
    (`fmt` on a linked spec formats the file it points to). A link that leads out of the project is
    refused (UserError, exit 2), as it is for reading: a pull request could otherwise commit
    `report.sarif -> ~/.bashrc` and have CI write its report there."""
    path = Path(path)
    if path.is_symlink():
        from reformlang.project import inside, project_root

        target = Path(os.path.realpath(path))
        if not inside(target, project_root(path)):
            from reformlang.errors import UserError
            from reformlang.i18n import msg

            raise UserError(msg("refusing to write {path}: it is a symbolic link to a file outside the project "
                                "({target})", path=display_path(path), target=display_path(target)),
                            help=msg("remove the link, or name the file it points to with -o"))
        path = target
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


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return Path(os.path.realpath(a)) == Path(os.path.realpath(b))


def refuse_overwrite(outputs: Iterable[str | Path], inputs: Iterable[str | Path], help: str | None = None) -> None:
    """Raise a UserError (exit 2) when a file about to be written is one of the command's inputs
    (the same file by any name: a symbolic or hard link counts); `help` says what to do instead
    (by default: name another output file with -o)."""
    from reformlang.errors import UserError

    inputs = [Path(i) for i in inputs]
    for out in outputs:
        for i in inputs:
            if _same(Path(out), i):
                from reformlang.i18n import msg

                shown, other = display_path(out), display_path(i)
                if os.path.abspath(out) == os.path.abspath(i):
                    message = msg("refusing to write {path}: it is one of this command's inputs, and writing would "
                                  "destroy it", path=shown)
                else:
                    message = msg("refusing to write {path}: it is one of this command's inputs (the same file as "
                                  "{other}), and writing would destroy it", path=shown, other=other)
                raise UserError(message, help=help or msg("name another output file with -o"))


def refuse_replace_folder(folder: str | Path, inputs: Iterable[str | Path]) -> None:
    """Raise a UserError (exit 2) when a folder about to be replaced whole holds one of the inputs."""
    from reformlang.errors import UserError

    real = Path(os.path.realpath(folder))
    for i in inputs:
        target = Path(os.path.realpath(i))
        if target == real or real in target.parents:
            from reformlang.i18n import msg

            raise UserError(msg("refusing to replace {folder}: it holds {path}, an input of this command, and the "
                                "folder is replaced whole", folder=display_path(folder), path=display_path(i)),
                            help=msg("build into another folder with -o (e.g. -o build)"))


MAX_SOURCE_BYTES = 16 * 2**20  # a spec of the largest system is well under 1 MiB


def read_source(path: str | Path | None) -> bytes:
    """The bytes of a spec (standard input for None), refusing with an OSError one larger than
    MAX_SOURCE_BYTES, without reading more than that into memory."""
    import errno
    import sys

    if path is None:
        data = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
    else:
        with open(path, "rb") as fh:
            data = fh.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        from reformlang.i18n import msg

        raise OSError(errno.EFBIG, msg("it is larger than {size} MiB, far beyond any spec",
                                       size=MAX_SOURCE_BYTES // 2**20))
    return data
