"""The compiler driver: run the stages in order on one file.

read -> parse -> load what it `use`s -> resolve -> model. Each stage reports
to one sink; the driver stops before resolving when the file does not parse.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path, PureWindowsPath

import attrs

from reformlang import cache
from reformlang.collector import keep, paused
from reformlang.diagnostics import Diagnostic, Related, Sink, replace_fix, suggestion
from reformlang.i18n import msg
from reformlang.records import record
from reformlang.resources import stdlib_dir
from reformlang.semantics import model
from reformlang.semantics.resolve import check_top_level, check_words, resolve_initiatives, resolve_library
from reformlang.semantics.schema import LIBRARY_BLOCKS
from reformlang.files import read_source, write_atomic
from reformlang.project import inside, project_root
from reformlang.source import SourceFile, decode_source
from reformlang.syntax import ast
from reformlang.syntax.parser import parse

PRELUDE = "vocabulary"  # stdlib/vocabulary.reform: the words every spec may use


@record
class Compilation:
    path: str
    source: SourceFile | None
    spec: model.Spec | None
    diagnostics: tuple[Diagnostic, ...]
    # The library files its `use` lines read (transitively, resolved; the standard library aside):
    # inputs that no command may write over.
    inputs: tuple[Path, ...] = ()
    # Files its `use` lines named but that were not read (missing, outside the project, not a spec):
    # the result cache checks them too, since creating or fixing one changes the result.
    tried: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        return self.spec is not None and not any(d.severity.name == "ERROR" for d in self.diagnostics)


@record
class _Loaded:
    """A library file once loaded: what it declares and what it (transitively) uses."""

    vocabularies: tuple[model.Vocabulary, ...]
    frameworks: tuple[model.Framework, ...]
    uses: tuple[str, ...]  # framework ids named by its `use` lines, transitively
    diagnostics: tuple[Diagnostic, ...]


class Loader:
    """Loads library files once per process; finds `use` targets and cycles."""

    def __init__(self) -> None:
        self._cache: dict[object, _Loaded] = {}  # stdlib files by path; project files by (path, root)
        self._loading: list[Path] = []
        self._stdlib_ready = False
        self._deps: dict[object, tuple[Path, ...]] = {}  # what each cached file read in turn
        self.read: list[Path] = []  # the project files loaded since the caller last emptied it
        self.tried: list[Path] = []  # files named by `use` but not read, likewise
        self._tried: dict[object, tuple[Path, ...]] = {}  # what each cached file tried in turn

    def _load_stdlib(self) -> None:
        """Fill the cache with the whole standard library: from the user's cache
        folder when it holds it for this very code, else by compiling it (and saving it).

        Parsing and resolving the stdlib is a sizeable part of a small check
        (benchmarks/README.md has the figures). The entry is keyed on the
        package's code (reformlang.cache.code_key, which covers the stdlib's
        files), is plain JSON, and is decoded into model classes only.
        """
        self._stdlib_ready = True
        root = stdlib_dir().resolve()
        names = sorted(p.name for p in root.glob("*.reform"))
        key = cache.digest("stdlib", cache.code_key()) if cache.cache_dir() is not None else None
        if key is not None:
            saved = cache.load("stdlib", key, loads=_codec().loads)
            if (isinstance(saved, dict) and sorted(saved) == names
                    and all(isinstance(v, _Loaded) for v in saved.values())):
                self._cache.update({root / name: loaded for name, loaded in saved.items()})
                return
        for name in names:
            self.load(root / name, None, Sink())
        if key is not None:
            cache.store("stdlib", key, {n: self._cache[root / n] for n in names if root / n in self._cache},
                        dumps=_codec().dumps)

    def forget_user_files(self) -> None:
        """Drop the files outside the standard library (kept by (path, root)), so that the next
        compilation reads them again: `--watch` and `--fix` call it after files change."""
        for key in [k for k in self._cache if isinstance(k, tuple)]:
            del self._cache[key]

    def stdlib_frameworks(self) -> list[str]:
        return sorted(p.stem for p in stdlib_dir().glob("*.reform") if p.stem != PRELUDE)

    def prelude(self) -> _Loaded:
        return self.load(stdlib_dir() / f"{PRELUDE}.reform", None, Sink())

    def load(self, path: Path, use: ast.Use | None, sink: Sink, root: Path | None = None) -> _Loaded | None:
        """Load one library file; its own `use` lines may reach only files inside `root` (the project
        root of the spec that started the chain; the file's own folder when None)."""
        path = path.resolve()
        in_stdlib = path.parent == stdlib_dir().resolve()
        if not self._stdlib_ready and in_stdlib:
            self._load_stdlib()
        if in_stdlib or root is None:
            root = path.parent
        key = path if in_stdlib else (path, root)
        if path in self._loading:
            chain = " -> ".join(p.name for p in self._loading[self._loading.index(path):]) + f" -> {path.name}"
            sink.error("E113", msg("`use` loops back on itself: {chain}", chain=chain), use.span if use else None,
                       msg("remove one of the `use` lines so that the files no longer include each other"))
            return None
        if key in self._cache:
            if not in_stdlib:
                self.read.extend((path, *self._deps.get(key, ())))
                self.tried.extend(self._tried.get(key, ()))
            return self._cache[key]
        if not in_stdlib:
            self.read.append(path)
        mark, tried_mark = len(self.read), len(self.tried)
        try:
            data = read_source(path)
        except OSError as exc:
            sink.error("E112", msg("cannot read `{file}`: {reason}", file=use.target.value if use else str(path),
                                   reason=exc.strerror), use.span if use else None)
            return None
        source, bad = decode_source(data, _display(path))
        inner = Sink()
        self._loading.append(path)
        try:
            tree = _parse(source, bad, inner)
            vocabularies: list[model.Vocabulary] = []
            frameworks: list[model.Framework] = []
            uses: list[str] = []
            if tree is not None:
                check_top_level(tree, inner)
                lib = self.uses(tree, path.parent, inner, root=root)
                vocabularies.extend(lib.vocabularies)
                frameworks.extend(lib.frameworks)
                uses.extend(lib.uses)
                v, f = resolve_library(tree, inner, core=path.parent == stdlib_dir().resolve())
                vocabularies.extend(v)
                frameworks.extend(f)
        finally:
            self._loading.pop()
        loaded = _Loaded(tuple(vocabularies), tuple(frameworks), tuple(dict.fromkeys(uses)), tuple(inner.items))
        self._cache[key] = loaded
        self._deps[key] = tuple(self.read[mark:])
        self._tried[key] = tuple(self.tried[tried_mark:])
        return loaded

    def uses(self, tree: ast.File, base: Path, sink: Sink, origin: Path | None = None,
             root: Path | None = None) -> _Loaded:
        """Load everything a file's `use` lines name; `origin` is that file, when a
        library that uses it back would be a cycle. A `use "path"` reaches only
        files inside `root`, the project root (`base` when None)."""
        root = (root or base).resolve()
        if origin is not None:
            self._loading.append(origin.resolve())
            try:
                return self.uses(tree, base, sink, root=root)
            finally:
                self._loading.pop()
        vocabularies: list[model.Vocabulary] = []
        frameworks: list[model.Framework] = []
        names: list[str] = []
        diagnostics: list[Diagnostic] = []
        for use in tree.uses:
            if isinstance(use.target, ast.Name):
                name = use.target.text
                # Compare with the list, never build a path from the name: a name of 300 characters
                # is simply not a framework.
                if name not in self.stdlib_frameworks():
                    sink.error("E112", msg("there is no framework `{name}` in the standard library",
                                           name=_shorten(name)), use.target.span,
                               suggestion(name, self.stdlib_frameworks(), msg("frameworks")),
                               fix=replace_fix(use.target.span, name, self.stdlib_frameworks()))
                    continue
                path = stdlib_dir() / f"{name}.reform"
                names.append(name)
            else:
                path = self._library_path(use.target, base, root, sink)
                if path is None:
                    if use.target.value.strip() and "\0" not in use.target.value:
                        self.tried.append(Path(os.path.normpath(base / use.target.value)))
                    continue
            loaded = self.load(path, use, sink, root)
            if loaded is None:
                continue
            # Errors of files used further down the chain are kept too (`check` drops repeats):
            # a `use` loop two files away must still be reported when only this file is checked.
            diagnostics.extend(loaded.diagnostics)
            if any(d.severity.name == "ERROR" for d in loaded.diagnostics):
                shown = use.target.value if isinstance(use.target, ast.String) else use.target.text
                sink.error("E112", msg("the file `{file}` used here has errors", file=shown), use.span,
                           msg("fix the errors reported in that file"),
                           [Related(d.span, d.message) for d in loaded.diagnostics[:1] if d.span is not None])
            vocabularies.extend(loaded.vocabularies)
            frameworks.extend(loaded.frameworks)
            names.extend(loaded.uses)
            if isinstance(use.target, ast.String):
                names.extend(f.id for f in loaded.frameworks)
        sink.extend(diagnostics)
        return _Loaded(tuple(vocabularies), tuple(frameworks), tuple(dict.fromkeys(names)), ())

    @staticmethod
    def _library_path(target: ast.String, base: Path, root: Path, sink: Sink) -> Path | None:
        """The file a `use "path"` names, once it is known to be a spec inside the project root;
        None (with an error on the `use` line) otherwise. Nothing outside the project is ever
        opened, and a file that is not a spec is never read, so its contents cannot reach a report."""
        rel = target.value
        shown = _shorten(rel)
        where = msg("the project root is {root}", root=_relative(root))
        if not rel.strip():
            sink.error("E112", msg("`use` names no file"), target.span,
                       msg('name a library file relative to this file, e.g. `use "./our_outcomes.reform"`'))
            return None
        copy = msg("copy the file into the project and name it relative to this file ({where})", where=where)
        if "\0" in rel or os.path.isabs(rel) or PureWindowsPath(rel).is_absolute() or rel.startswith("\\"):
            sink.error("E119", msg("`use` cannot read `{file}`: an absolute path reaches outside the project",
                                   file=shown), target.span, copy)
            return None
        path = Path(os.path.normpath(base / rel))
        if not inside(path, root):
            how = (msg("it climbs out of the project with `..`") if inside(base, root) else
                   msg("this file is outside the project"))
            sink.error("E119", msg("`use` cannot read `{file}`: {how}", file=shown, how=how), target.span, copy)
            return None
        try:
            real = path.resolve()
            escapes = not inside(real, root)
            exists = path.is_file()
        except (OSError, RuntimeError) as exc:  # a name too long for the system, a symlink loop
            sink.error("E112", msg("cannot find `{file}`: {reason}", file=shown,
                                   reason=str(getattr(exc, "strerror", None) or exc)), target.span,
                       msg("check the name: each part of a path has at most 255 characters"))
            return None
        if escapes:
            sink.error("E119", msg("`use` cannot read `{file}`: it is a symbolic link to a file outside the project",
                                   file=shown), target.span,
                       msg("copy the file into the project instead of linking to it ({where})", where=where))
            return None
        if path.suffix != ".reform":
            sink.error("E120", msg("`use` brings in a .reform library file, and `{file}` is not one", file=shown),
                       target.span, msg("name a .reform file; the file was not read"))
            return None
        if not exists:
            sink.error("E112", msg("cannot find `{file}`", file=shown), target.span,
                       msg("the path is relative to this file's folder ({folder}); check the name",
                           folder=_display(base)))
            return None
        return path


def _relative(folder: Path) -> str:
    """A folder as a message names it: relative to the current folder (so `../..` for a parent)."""
    try:
        return os.path.relpath(folder)
    except ValueError:  # another drive on Windows
        return str(folder)


def _shorten(text: str, limit: int = 80) -> str:
    """A name as a message quotes it: long ones cut in the middle."""
    return text if len(text) <= limit else f"{text[:40]}…{text[-30:]}"


@functools.cache
def _codec():
    """What the stdlib cache may hold: the model's classes, diagnostics and loaded files; nothing else."""
    from reformlang import diagnostics
    from reformlang.plain import Codec, classes_of

    return Codec([*classes_of(model), *classes_of(diagnostics), _Loaded])


def _display(path: Path) -> str:
    if path.parent == stdlib_dir().resolve():
        return f"<stdlib>/{path.name}"  # the same wherever reformlang runs from (and cacheable)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _parse(source: SourceFile, bad_utf8: int | None, sink: Sink) -> ast.File | None:
    if bad_utf8 is not None:
        sink.error("E004", msg("this file is not valid UTF-8"), source.span(bad_utf8, bad_utf8 + 1),
                   msg("save the file as UTF-8 (most editors offer this under 'Save with encoding')"))
        return None
    return parse(source, sink)


def merge(parts: list[_Loaded]) -> model.Library:
    """Vocabularies with the same id are extended; a later framework replaces an earlier one."""
    vocab: dict[str, model.Vocabulary] = {}
    frameworks: dict[str, model.Framework] = {}
    for part in parts:
        for v in part.vocabularies:
            if v.id in vocab:
                old = vocab[v.id]
                known = old.ids()
                vocab[v.id] = attrs.evolve(old, words=old.words + tuple(w for w in v.words if w.id not in known))
            else:
                vocab[v.id] = v
        for f in part.frameworks:
            frameworks[f.id] = f
    return model.Library(vocab, frameworks)


def core_library() -> model.Library:
    """The standard library's vocabularies and frameworks, as every spec sees them before its own `use`s."""
    load = loader()
    load.prelude()
    parts = [load.load(stdlib_dir() / f"{name}.reform", None, Sink()) for name in load.stdlib_frameworks()]
    return merge([load.prelude(), *(p for p in parts if p is not None)])


_loader: Loader | None = None


def loader() -> Loader:
    global _loader
    if _loader is None:
        _loader = Loader()
    return _loader


def forget_project_files() -> None:
    """Forget the project's library files the loader has read (the standard library stays): a process
    that lives long (the language server) must read a library file again once it has been edited."""
    load = loader()
    stdlib = stdlib_dir().resolve()
    for key in list(load._cache):
        path = key[0] if isinstance(key, tuple) else key
        if path.parent != stdlib:
            del load._cache[key]
            load._deps.pop(key, None)


def compile_source(source: SourceFile, bad_utf8: int | None = None, base: Path | None = None,
                   root: Path | None = None) -> Compilation:
    """Compile text already read; `base` is the folder `use "./..."` paths are relative to, and `root`
    the project root they must stay inside (by default, found from `base`: project.project_root)."""
    with paused():  # the tree and model are long-lived and acyclic (reformlang.collector)
        return _compile(source, bad_utf8, base, root)


def _compile(source: SourceFile, bad_utf8: int | None, base: Path | None, root: Path | None) -> Compilation:
    sink = Sink()
    tree = _parse(source, bad_utf8, sink)
    if tree is None:
        return Compilation(source.path, source, None, tuple(sink.sorted()))
    check_top_level(tree, sink)
    load = loader()
    base = base or Path(source.path).resolve().parent
    if root is None:
        root = project_root(base / "spec.reform")  # the folder `base` stands for the spec's
    load.read, load.tried = [], []
    used = load.uses(tree, base, sink, origin=base / Path(source.path).name, root=root)
    inputs = tuple(dict.fromkeys(load.read))
    # The file's own vocabularies extend the library like those of the files it uses.
    own_vocabularies, own_frameworks = resolve_library(tree, sink)
    own = _Loaded(tuple(own_vocabularies), tuple(own_frameworks), (), ())
    library = merge([load.prelude(), used, own])
    check_words(library, sink)
    initiatives = resolve_initiatives(tree, library, sink)
    has_library = any(isinstance(i, ast.Block) and i.keyword.text in LIBRARY_BLOCKS for i in tree.items)
    if not initiatives and not has_library and not sink.has_errors:
        sink.error("E116", msg("this file declares no initiative"), source.span(0, 0),
                   msg('a spec holds `use` lines and at least one `initiative my_reform "Title" {{ ... }}` block'))
    keep(tree, len(source.text))  # in a one-shot run, not freed node by node (reformlang.collector)
    comments = tuple(model.Comment(c.text, c.span) for c in tree.comments)
    uses = {u.target.text if isinstance(u.target, ast.Name) else u.target.value: u.span for u in tree.uses}
    spec = model.Spec(source.path, initiatives, used.uses, library, comments, uses,
                      span=tree.span)
    return Compilation(source.path, source, spec, tuple(sink.sorted()), inputs, tuple(dict.fromkeys(load.tried)))


def compile_path(path: str | Path, display: str | None = None, root: Path | None = None) -> Compilation:
    """Read and compile one file. Raises OSError when it cannot be read. `root` is the project
    root (project.project_root of the path when None)."""
    path = Path(path)
    return compile_bytes(read_source(path), path, display, root)


def compile_bytes(data: bytes, path: str | Path, display: str | None = None, root: Path | None = None) -> Compilation:
    """Compile the bytes of the file at `path`, already read (as files.read_source reads them)."""
    path = Path(path)
    source, bad = decode_source(data, display or str(path))
    return compile_source(source, bad, base=path.resolve().parent, root=root or project_root(path))
